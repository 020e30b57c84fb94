/* descent-application.c: the application: windows, actions, shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One instance: "descent file.csv" and "Open With" in a file manager open the file in
 * the running window, if there is one.
 */

#define G_LOG_DOMAIN "descent-application"

#include "config.h"

#include <glib/gi18n.h>

#include "descent-application.h"
#include "descent-window.h"

struct _DescentApplication {
  GtkApplication parent_instance;

  GCancellable  *portal_cancellable;
  guint          color_scheme_id;  /* the portal's SettingChanged subscription */
};

G_DEFINE_FINAL_TYPE (DescentApplication, descent_application, GTK_TYPE_APPLICATION)

static DescentWindow *
get_window (DescentApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (descent_window_new (GTK_APPLICATION (self)));
  return DESCENT_WINDOW (window);
}

static void
descent_application_activate (GApplication *application)
{
  gtk_window_present (GTK_WINDOW (get_window (DESCENT_APPLICATION (application))));
}

static void
descent_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  DescentWindow *window = get_window (DESCENT_APPLICATION (application));

  /* One data set at a time: the last file named wins. */
  if (n_files > 0)
    descent_window_open (window, files[n_files - 1]);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing the windows first lets them save their size. */
  for (GList *l = windows; l != NULL;)
    {
      GList *next = l->next;
      gtk_window_destroy (l->data);
      l = next;
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "Descent developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_about_dialog (window,
                         "program-name", _("Descent"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Watch gradient descent fit a straight line"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         /* Translators: put your names here, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* The desktop's dark style. GNOME and the other desktops publish it through the
 * settings portal as org.freedesktop.appearance color-scheme (0 no preference, 1 dark,
 * 2 light); GTK 4.8 follows the theme's name but not this preference, so the
 * application asks for it, asynchronously so that it never delays the first frame, and
 * follows its changes. Without a portal nothing changes. */
#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS "org.freedesktop.portal.Settings"
#define APPEARANCE "org.freedesktop.appearance"

static void
apply_color_scheme (GVariant *value)
{
  g_autoptr(GVariant) inner = g_variant_ref (value);

  /* Read() wraps the value in one variant more than SettingChanged does. */
  while (g_variant_is_of_type (inner, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *unwrapped = g_variant_get_variant (inner);
      g_variant_unref (inner);
      inner = unwrapped;
    }
  if (!g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT32))
    return;
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme",
                g_variant_get_uint32 (inner) == 1, NULL);
}

static void
on_setting_changed (GDBusConnection *connection,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  const char *namespace, *key;
  g_autoptr(GVariant) value = NULL;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ssv)")))
    return;
  g_variant_get (parameters, "(&s&sv)", &namespace, &key, &value);
  if (g_str_equal (namespace, APPEARANCE) && g_str_equal (key, "color-scheme"))
    apply_color_scheme (value);
}

static void
on_color_scheme_read (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;

  /* No portal, or one without the setting: the theme stays as it is. */
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  if (reply == NULL || !g_variant_is_of_type (reply, G_VARIANT_TYPE ("(v)")))
    return;
  g_variant_get (reply, "(v)", &value);
  apply_color_scheme (value);
}

static void
follow_color_scheme (DescentApplication *self)
{
  GDBusConnection *connection = g_application_get_dbus_connection (G_APPLICATION (self));

  if (connection == NULL)
    return;
  self->portal_cancellable = g_cancellable_new ();
  self->color_scheme_id =
    g_dbus_connection_signal_subscribe (connection, PORTAL_NAME, PORTAL_SETTINGS,
                                        "SettingChanged", PORTAL_PATH, APPEARANCE,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_setting_changed,
                                        NULL, NULL);
  g_dbus_connection_call (connection, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, "Read",
                          g_variant_new ("(ss)", APPEARANCE, "color-scheme"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->portal_cancellable, on_color_scheme_read, NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
};

static void
descent_application_startup (GApplication *application)
{
  static const struct { const char *action; const char *accels[2]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.export", { "<Control>e", NULL } },
  };
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (descent_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (application), accels[i].action,
                                           accels[i].accels);

  gtk_css_provider_load_from_resource (css, "/io/github/descent/Descent/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (APPLICATION_ID);
  follow_color_scheme (DESCENT_APPLICATION (application));
}

static void
descent_application_shutdown (GApplication *application)
{
  DescentApplication *self = DESCENT_APPLICATION (application);
  GDBusConnection *connection = g_application_get_dbus_connection (application);

  g_cancellable_cancel (self->portal_cancellable);
  g_clear_object (&self->portal_cancellable);
  if (self->color_scheme_id != 0 && connection != NULL)
    g_dbus_connection_signal_unsubscribe (connection, self->color_scheme_id);
  self->color_scheme_id = 0;

  G_APPLICATION_CLASS (descent_application_parent_class)->shutdown (application);
}

static void
descent_application_class_init (DescentApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->activate = descent_application_activate;
  application_class->open = descent_application_open;
  application_class->startup = descent_application_startup;
  application_class->shutdown = descent_application_shutdown;
}

static void
descent_application_init (DescentApplication *self)
{
}

DescentApplication *
descent_application_new (void)
{
  return g_object_new (DESCENT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/descent/Descent",
                       NULL);
}
