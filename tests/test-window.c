/* test-window.c: the window as a teacher uses it, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <math.h>

#include "app/descent-application.h"
#include "app/descent-session.h"
#include "app/descent-window.h"
#include "render/descent-scene.h"

static void
wait_for (gboolean (*done) (gpointer), gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (done (data));
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
not_loading (gpointer window)
{
  return !descent_window_is_loading (window);
}

static DescentWindow *
open_window (void)
{
  DescentWindow *window = descent_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  spin (200);
  return window;
}

static gboolean
is_null (gpointer pointer_to_pointer)
{
  return *(gpointer *) pointer_to_pointer == NULL;
}

/* Closes @window and waits for it to go: work in flight (a load, an export) holds it
 * until that work ends, and then nothing may keep it alive. */
static void
close_window (DescentWindow *window)
{
  gpointer weak = window;
  gpointer session = descent_window_get_session (window);

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  g_object_add_weak_pointer (G_OBJECT (session), &session);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_for (is_null, &weak, 10000);
  /* The session goes with its window. */
  g_assert_null (session);
}

static void
activate (DescentWindow *window,
          const char    *action,
          GVariant      *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, parameter));
}

static void
test_opens_on_example (void)
{
  DescentWindow *window = open_window ();
  DescentSession *session = descent_window_get_session (window);

  g_assert_cmpuint (descent_dataset_get_n_rows (descent_session_get_dataset (session)), ==, 5);
  g_assert_cmpuint (descent_session_get_n_steps (session), ==, 1000);
  g_assert_cmpuint (descent_session_get_step (session), ==, 1000);
  close_window (window);
}

/* The slider or the spin button that shows @adjustment. */
static GtkWidget *
find_control (GtkWidget     *widget,
              GtkAdjustment *adjustment)
{
  if ((GTK_IS_RANGE (widget) && gtk_range_get_adjustment (GTK_RANGE (widget)) == adjustment)
      || (GTK_IS_SPIN_BUTTON (widget)
          && gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (widget)) == adjustment))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_control (child, adjustment);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Tab walks the controls as they read: row by row, left to right. */
static void
test_focus_order (void)
{
  DescentWindow *window = open_window ();
  const char *order[] = { "alpha_log", "alpha_exact", "iterations_log", "iterations_exact" };
  GtkWidget *controls[G_N_ELEMENTS (order)];

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GObject *adjustment = gtk_widget_get_template_child (GTK_WIDGET (window),
                                                           DESCENT_TYPE_WINDOW, order[i]);
      controls[i] = find_control (GTK_WIDGET (window), GTK_ADJUSTMENT (adjustment));
      g_assert_nonnull (controls[i]);
    }

  g_assert_true (gtk_widget_grab_focus (controls[0]));
  for (guint i = 1; i < G_N_ELEMENTS (order); i++)
    {
      GtkWidget *focus;

      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      if (focus != controls[i] && !gtk_widget_is_ancestor (focus, controls[i]))
        g_error ("Tab went to a %s, not to the control of %s", G_OBJECT_TYPE_NAME (focus),
                 order[i]);
    }
  close_window (window);
}

static void
test_alpha_adjustment (void)
{
  DescentWindow *window = open_window ();
  DescentSession *session = descent_window_get_session (window);
  GtkAdjustment *alpha_log = GTK_ADJUSTMENT (
    gtk_widget_get_template_child (GTK_WIDGET (window), DESCENT_TYPE_WINDOW, "alpha_log"));
  GtkAdjustment *alpha_exact = GTK_ADJUSTMENT (
    gtk_widget_get_template_child (GTK_WIDGET (window), DESCENT_TYPE_WINDOW, "alpha_exact"));
  double before = descent_session_get_scene (session)->state.theta[0];

  /* The slider is log10 α: −1 is α = 0.1. */
  gtk_adjustment_set_value (alpha_log, -1);
  g_assert_cmpfloat (fabs (descent_session_get_alpha (session) - 0.1), <, 1e-12);
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (alpha_exact) - 0.1), <, 1e-12);
  g_assert_cmpfloat (descent_session_get_scene (session)->state.theta[0], !=, before);

  /* The exact entry drives the slider back. */
  gtk_adjustment_set_value (alpha_exact, 0.001);
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (alpha_log) + 3), <, 1e-9);
  close_window (window);
}

static void
test_playback (void)
{
  DescentWindow *window = open_window ();
  DescentSession *session = descent_window_get_session (window);
  GtkAdjustment *timeline = GTK_ADJUSTMENT (
    gtk_widget_get_template_child (GTK_WIDGET (window), DESCENT_TYPE_WINDOW,
                                   "timeline_adjustment"));

  activate (window, "win.to-start", NULL);
  g_assert_cmpuint (descent_session_get_step (session), ==, 0);
  activate (window, "win.step-forward", NULL);
  activate (window, "win.step-forward", NULL);
  g_assert_cmpuint (descent_session_get_step (session), ==, 2);
  activate (window, "win.step-back", NULL);
  g_assert_cmpuint (descent_session_get_step (session), ==, 1);
  activate (window, "win.to-end", NULL);
  g_assert_cmpuint (descent_session_get_step (session), ==, 1000);

  gtk_adjustment_set_value (timeline, 250);
  g_assert_cmpuint (descent_session_get_step (session), ==, 250);
  g_assert_cmpuint (descent_session_get_scene (session)->state.step, ==, 250);

  /* Play: the frame clock moves the step on. */
  activate (window, "win.play", NULL);
  g_assert_true (descent_session_get_playing (session));
  spin (400);
  g_assert_cmpuint (descent_session_get_step (session), >, 250);
  activate (window, "win.play", NULL);
  g_assert_false (descent_session_get_playing (session));

  /* Closing mid-animation leaks nothing. */
  activate (window, "win.play", NULL);
  spin (50);
  close_window (window);
}

static void
test_open_files (void)
{
  DescentWindow *window = open_window ();
  DescentSession *session = descent_window_get_session (window);
  g_autofree char *cars = g_build_filename (g_getenv ("DESCENT_SAMPLES"), "cars.csv", NULL);
  g_autofree char *bad = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "csv",
                                           "text-only.csv", NULL);

  activate (window, "win.open-file", g_variant_new_string (cars));
  wait_for (not_loading, window, 5000);
  g_assert_cmpuint (descent_dataset_get_n_rows (descent_session_get_dataset (session)), ==, 50);
  g_assert_null (descent_window_get_error (window));

  /* A bad file: the error is shown, the data stays. */
  activate (window, "win.open-file", g_variant_new_string (bad));
  wait_for (not_loading, window, 5000);
  g_assert_nonnull (descent_window_get_error (window));
  g_assert_nonnull (strstr (descent_window_get_error (window), "text-only.csv"));
  g_assert_cmpuint (descent_dataset_get_n_rows (descent_session_get_dataset (session)), ==, 50);

  /* More than two columns: a choice of x and y, and the choice is kept for the file. */
  {
    g_autofree char *mtcars = g_build_filename (g_getenv ("DESCENT_SAMPLES"), "mtcars.csv", NULL);
    GtkDropDown *x_column = GTK_DROP_DOWN (
      gtk_widget_get_template_child (GTK_WIDGET (window), DESCENT_TYPE_WINDOW, "x_column"));
    DescentDataset *dataset;

    activate (window, "win.open-file", g_variant_new_string (mtcars));
    wait_for (not_loading, window, 5000);
    dataset = descent_session_get_dataset (session);
    g_assert_cmpstr (descent_dataset_get_x_name (dataset), ==, "wt");
    g_assert_cmpstr (descent_dataset_get_y_name (dataset), ==, "mpg");
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (x_column)), ==, 3);

    gtk_drop_down_set_selected (x_column, 2);
    wait_for (not_loading, window, 5000);
    dataset = descent_session_get_dataset (session);
    g_assert_cmpstr (descent_dataset_get_x_name (dataset), ==, "hp");

    /* Opened again, the file comes back with hp as x. */
    activate (window, "win.open-file", g_variant_new_string (cars));
    wait_for (not_loading, window, 5000);
    activate (window, "win.open-file", g_variant_new_string (mtcars));
    wait_for (not_loading, window, 5000);
    g_assert_cmpstr (descent_dataset_get_x_name (descent_session_get_dataset (session)), ==, "hp");
  }

  /* Closing mid-load leaks nothing. */
  activate (window, "win.open-file", g_variant_new_string (cars));
  close_window (window);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_export (void)
{
  DescentWindow *window = open_window ();
  g_autofree char *folder = g_dir_make_tmp ("descent-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "step.png", NULL);
  cairo_surface_t *image;

  activate (window, "win.to-start", NULL);
  activate (window, "win.export-file", g_variant_new_string (path));
  wait_for (file_exists, path, 5000);
  spin (100);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1600);
  cairo_surface_destroy (image);
  g_unlink (path);

  /* Closing while an export runs: the export finishes or stops, and nothing leaks. */
  activate (window, "win.export-file", g_variant_new_string (path));
  close_window (window);
  g_unlink (path);
  g_rmdir (folder);
}

/* The window shrunk to a single pixel and grown far past any screen, then back: every
 * plot still paints, and nothing warns. */
typedef struct {
  DescentWindow *window;
  int            width;
} Size;

static gboolean
is_at_least (gpointer data)
{
  Size *size = data;
  return gtk_widget_get_width (GTK_WIDGET (size->window)) >= size->width;
}

static void
test_extreme_sizes (void)
{
  DescentWindow *window = open_window ();
  const int sizes[][2] = { { 1, 1 }, { 8000, 8000 }, { 1280, 720 } };
  GdkMonitor *monitor = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
  GdkRectangle screen;
  Size size;

  gdk_monitor_get_geometry (monitor, &screen);
  g_object_unref (monitor);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), sizes[i][0], sizes[i][1]);
      gtk_widget_queue_resize (GTK_WIDGET (window));
      /* No smaller than its controls allow, and as large as asked where the screen is
       * (build-aux/test gives it 8192 × 8192 pixels). */
      size.window = window;
      size.width = MAX (MIN (sizes[i][0], screen.width) - 100, MIN (sizes[i][0], 300));
      wait_for (is_at_least, &size, 20000);
      spin (200);
      activate (window, "win.step-back", NULL);
      spin (100);
    }
  close_window (window);
}

/* The window as a picture, into the build folder, to look at. */
static void
save_screenshot (const char *name,
                 int         width,
                 int         height)
{
  DescentWindow *window = descent_window_new (NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  spin (400);
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (window)),
                          gtk_widget_get_height (GTK_WIDGET (window)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  gsk_renderer_unrealize (renderer);
  g_test_message ("screenshot: %s", path);
  g_clear_object (&paintable);
  close_window (window);
}

static void
test_screenshots (void)
{
  save_screenshot ("screenshot-1280x720.png", 1280, 720);
  save_screenshot ("screenshot-narrow.png", 700, 900);

  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      if (g_getenv ("DESCENT_REQUIRE_LOCALES") != NULL)
        g_error ("locale zh_CN.UTF-8 is required but missing");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DESCENT_LOCALEDIR"));
  save_screenshot ("screenshot-zh_CN-1280x720.png", 1280, 720);
  save_screenshot ("screenshot-zh_CN-narrow.png", 700, 900);
  setlocale (LC_ALL, "C.UTF-8");
}

/* A settings portal of our own on the test's session bus, saying the desktop prefers
 * the dark style: the application asks it at start-up and follows what it signals. */
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS "org.freedesktop.portal.Settings"

static const char portal_xml[] =
  "<node><interface name='" PORTAL_SETTINGS "'>"
  "<method name='Read'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='v' direction='out'/></method>"
  "<signal name='SettingChanged'><arg type='s'/><arg type='s'/><arg type='v'/></signal>"
  "</interface></node>";

static void
portal_method (GDBusConnection       *connection,
               const char            *sender,
               const char            *path,
               const char            *interface,
               const char            *method,
               GVariant              *parameters,
               GDBusMethodInvocation *invocation,
               gpointer               user_data)
{
  const char *namespace, *key;

  g_variant_get (parameters, "(&s&s)", &namespace, &key);
  if (g_str_equal (namespace, "org.freedesktop.appearance") && g_str_equal (key, "color-scheme"))
    g_dbus_method_invocation_return_value (invocation,
      g_variant_new ("(v)", g_variant_new_variant (g_variant_new_uint32 (1))));
  else
    g_dbus_method_invocation_return_dbus_error (invocation,
                                                "org.freedesktop.portal.Error.NotFound", key);
}

static gboolean
prefers_dark (gpointer expected)
{
  gboolean dark;

  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  return dark == GPOINTER_TO_INT (expected);
}

static gboolean
scheme_dark (gpointer window)
{
  return descent_session_get_scene (descent_window_get_session (window))->theme
         == DESCENT_THEME_DARK;
}

static gboolean
scheme_light (gpointer window)
{
  return !scheme_dark (window);
}

static void
on_dark_activate (GApplication    *application,
                  GDBusConnection *connection)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  g_assert_nonnull (window);
  wait_for (prefers_dark, GINT_TO_POINTER (TRUE), 5000);
  /* The plots take the dark palette with the rest of the window. */
  wait_for (scheme_dark, window, 5000);

  /* The desktop switches back to light. */
  g_assert_true (g_dbus_connection_emit_signal (connection, NULL, PORTAL_PATH, PORTAL_SETTINGS,
                                                "SettingChanged",
                                                g_variant_new ("(ssv)", "org.freedesktop.appearance",
                                                               "color-scheme",
                                                               g_variant_new_uint32 (2)),
                                                NULL));
  wait_for (prefers_dark, GINT_TO_POINTER (FALSE), 5000);
  wait_for (scheme_light, window, 5000);
  gtk_window_destroy (window);
}

enum { NAME_PENDING, NAME_OWNED, NAME_TAKEN };

static void
on_portal_name_acquired (GDBusConnection *connection,
                         const char      *name,
                         gpointer         owned)
{
  *(int *) owned = NAME_OWNED;
}

static void
on_portal_name_lost (GDBusConnection *connection,
                     const char      *name,
                     gpointer         owned)
{
  *(int *) owned = NAME_TAKEN;
}

static gboolean
name_settled (gpointer owned)
{
  return *(int *) owned != NAME_PENDING;
}

static void
test_dark_style (void)
{
  int owned = NAME_PENDING;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(DescentApplication) application = NULL;
  const GDBusInterfaceVTable vtable = { .method_call = portal_method };
  char *argv[] = { (char *) "descent", NULL };
  guint object_id, name_id;

  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (connection == NULL)
    {
      g_test_skip ("no session bus: run under dbus-run-session");
      return;
    }
  node = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  object_id = g_dbus_connection_register_object (connection, PORTAL_PATH, node->interfaces[0],
                                                 &vtable, NULL, NULL, NULL);
  g_assert_cmpuint (object_id, !=, 0);
  /* On a desktop's own bus the real portal has the name: leave it alone. */
  name_id = g_bus_own_name_on_connection (connection, "org.freedesktop.portal.Desktop",
                                          G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                          on_portal_name_acquired, on_portal_name_lost, &owned,
                                          NULL);
  wait_for (name_settled, &owned, 5000);
  if (owned != NAME_OWNED)
    {
      g_bus_unown_name (name_id);
      g_dbus_connection_unregister_object (connection, object_id);
      g_test_skip ("a settings portal already runs on this session bus");
      return;
    }

  application = descent_application_new ();
  g_signal_connect_after (application, "activate", G_CALLBACK (on_dark_activate), connection);
  g_assert_cmpint (g_application_run (G_APPLICATION (application), 1, argv), ==, 0);

  g_bus_unown_name (name_id);
  g_dbus_connection_unregister_object (connection, object_id);
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", FALSE, NULL);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run under xvfb-run\n");
      return 0;
    }
  gtk_test_init (&argc, &argv, NULL);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/descent/window/opens-on-example", test_opens_on_example);
  g_test_add_func ("/descent/window/alpha-adjustment", test_alpha_adjustment);
  g_test_add_func ("/descent/window/focus-order", test_focus_order);
  g_test_add_func ("/descent/window/playback", test_playback);
  g_test_add_func ("/descent/window/open-files", test_open_files);
  g_test_add_func ("/descent/window/export", test_export);
  g_test_add_func ("/descent/window/extreme-sizes", test_extreme_sizes);
  g_test_add_func ("/descent/window/dark-style", test_dark_style);
  g_test_add_func ("/descent/window/screenshots", test_screenshots);

  return g_test_run ();
}
