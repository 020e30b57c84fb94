/* descent-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The template lays the window out; this file wires the controls to the session. α and
 * the iterations each have a log-scale slider and an exact spin button, both bound to
 * the session's property. Files load on a worker thread with a progress bar and Cancel;
 * the data already shown stays until the new data has arrived whole.
 */

#define G_LOG_DOMAIN "descent-window"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/descent-csv.h"
#include "core/descent-number.h"
#include "core/descent-statistics.h"
#include "descent-plot-grid.h"
#include "descent-plot-view.h"
#include "descent-window.h"
#include "render/descent-export.h"
#include "render/descent-plots.h"
#include "render/descent-ticks.h"

struct _DescentWindow {
  GtkApplicationWindow  parent_instance;

  DescentSession       *session;
  GSettings            *settings;
  guint                 tick_id;
  gint64                last_frame_time;

  gboolean              diverges;           /* as last shown */

  GCancellable         *load_cancellable;
  GCancellable         *export_cancellable;
  guint                 progress_id;
  int                   progress;          /* ‰, or -1 when unknown; written by the loader */
  char                 *error;
  char                 *path;              /* the file shown, or NULL */

  /* Template children */
  GtkInfoBar           *error_bar;
  GtkLabel             *error_label;
  GtkInfoBar           *notice_bar;
  GtkLabel             *notice_label;
  GtkInscription       *diverge_label;
  GtkWidget            *safe_alpha_button;
  GtkRevealer          *loading_revealer;
  GtkLabel             *loading_label;
  GtkProgressBar       *loading_progress;
  DescentPlotGrid      *plots;
  GtkRevealer          *columns_revealer;
  GtkDropDown          *x_column;
  GtkDropDown          *y_column;
  GMenu                *recent_menu;
  GtkScale             *alpha_scale;
  GtkDrawingArea       *alpha_zones;
  GtkAdjustment        *alpha_log;
  GtkAdjustment        *alpha_exact;
  GtkAdjustment        *iterations_log;
  GtkAdjustment        *iterations_exact;
  GtkAdjustment        *timeline_adjustment;
  GtkAdjustment        *speed_adjustment;
  GtkButton            *play_button;
  GtkInscription       *status_label;
  GtkLabel             *subtitle_label;
};

G_DEFINE_FINAL_TYPE (DescentWindow, descent_window, GTK_TYPE_APPLICATION_WINDOW)

static gboolean
log_from_value (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  GValue number = G_VALUE_INIT;

  g_value_init (&number, G_TYPE_DOUBLE);
  g_value_transform (from, &number);
  g_value_set_double (to, log10 (MAX (g_value_get_double (&number), 1e-300)));
  return TRUE;
}

static gboolean
value_from_log (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  double value = pow (10, g_value_get_double (from));

  if (G_VALUE_HOLDS_UINT (to))
    g_value_set_uint (to, (guint) round (value));
  else
    g_value_set_double (to, value);
  return TRUE;
}

/* The α entry shows α in full, to six significant digits and without trailing zeros,
 * in the user's locale (this is for people, not files). */
static gboolean
on_alpha_output (GtkSpinButton *spin)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  int decimals = value > 0 ? MAX (0, 5 - (int) floor (log10 (value))) : 0;
  g_autofree char *text = g_strdup_printf ("%.*f", MIN (decimals, 12), value);
  const char *point = localeconv ()->decimal_point;

  if (point != NULL && *point != '\0' && strstr (text, point) != NULL)
    {
      gsize length = strlen (text);

      while (length > 0 && text[length - 1] == '0')
        text[--length] = '\0';
      if (g_str_has_suffix (text, point))
        text[length - strlen (point)] = '\0';
    }
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* What people type: the locale's decimal mark or a dot, and an exponent if they like. */
static int
on_alpha_input (GtkSpinButton *spin,
                double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  const char *point = localeconv ()->decimal_point;
  char decimal = point != NULL && strlen (point) == 1 ? point[0] : '.';

  if (descent_number_parse (text, strlen (text), decimal, value) == DESCENT_NUMBER_OK
      || (decimal != '.'
          && descent_number_parse (text, strlen (text), '.', value) == DESCENT_NUMBER_OK))
    return TRUE;
  return GTK_INPUT_ERROR;
}

static void
show_error (DescentWindow *self,
            const char    *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message);
  gtk_info_bar_set_revealed (self->error_bar, TRUE);
}

static void
on_error_bar_response (DescentWindow *self,
                       int            response)
{
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
  g_clear_pointer (&self->error, g_free);
}

static void
on_notice_bar_response (DescentWindow *self,
                        int            response)
{
  gtk_info_bar_set_revealed (self->notice_bar, FALSE);
}

/* The first skipped rows, in a dialog a click away from the notice. */
static void
on_details_clicked (DescentWindow *self)
{
  DescentDataset *dataset = descent_session_get_dataset (self->session);
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *dialog;
  guint n = descent_dataset_get_n_skipped_details (dataset);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s\n", descent_dataset_get_skipped_detail (dataset, i)->message);
  if (descent_dataset_get_n_skipped (dataset) > n)
    g_string_append (text, "…");

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_INFO, GTK_BUTTONS_CLOSE, "%s",
                                   _("Skipped rows"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", text->str);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_status (DescentWindow *self)
{
  DescentScene *scene = descent_session_get_scene (self->session);
  const DescentProblem *problem = scene->problem;
  g_autofree char *status = descent_session_describe (self->session);
  gboolean diverges = scene->params->alpha >= problem->alpha_critical
                      || descent_trajectory_get_stop_reason (scene->trajectory)
                         == DESCENT_STOP_DIVERGED;
  const char *reason = NULL;

  if (scene->state.step == descent_scene_get_n_steps (scene))
    reason = descent_stop_reason_label (descent_trajectory_get_stop_reason (scene->trajectory));
  if (reason != NULL)
    {
      g_autofree char *with_reason = g_strdup_printf ("%s   (%s)", status, reason);
      gtk_inscription_set_text (self->status_label, with_reason);
    }
  else
    gtk_inscription_set_text (self->status_label, status);

  /* The warning keeps its place when hidden, so dragging α across α_crit moves nothing. */
  if (diverges)
    {
      g_autofree char *critical = descent_format_value (problem->alpha_critical, 3);
      g_autofree char *text = g_strdup_printf (_("Diverges: choose α below α_crit = %s"),
                                               critical);
      gtk_inscription_set_text (self->diverge_label, text);
    }
  if (diverges || self->diverges)
    gtk_widget_queue_draw (GTK_WIDGET (self->alpha_zones));
  self->diverges = diverges;
  gtk_widget_set_child_visible (GTK_WIDGET (self->diverge_label), diverges);
  gtk_widget_set_child_visible (self->safe_alpha_button, diverges);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.safe-alpha", diverges);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->diverge_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  diverges ? gtk_inscription_get_text (self->diverge_label) : "",
                                  -1);
}

static GtkWidget *
find_by_css_name (GtkWidget  *widget,
                  const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_str_equal (gtk_widget_get_css_name (child), name))
        return child;
      found = find_by_css_name (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Over the α slider's trough: the values above α_crit, shaded as the ones that diverge,
 * and the slider's fill in red while α is among them. Drawn here rather than restyled
 * with a CSS class, which would restart the knob's cross-fade on every crossing and make
 * the frames of a drag several times dearer. */
static void
draw_alpha_zones (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  DescentWindow *self = user_data;
  double critical = descent_session_get_scene (self->session)->problem->alpha_critical;
  GtkRange *range = GTK_RANGE (self->alpha_scale);
  GtkAdjustment *adjustment = gtk_range_get_adjustment (range);
  double lower = gtk_adjustment_get_lower (adjustment), upper = gtk_adjustment_get_upper (adjustment);
  double value = gtk_adjustment_get_value (adjustment);
  GdkRectangle trough;
  GtkWidget *knob;
  double x, travel, y, knob_width, left;
  GtkWidget *marks, *mark_label;
  graphene_rect_t mark_bounds;
  graphene_point_t origin;

  if (!(critical > 0) || log10 (critical) >= upper || !(upper > lower))
    return;
  gtk_range_get_range_rect (range, &trough);
  if (!gtk_widget_compute_point (GTK_WIDGET (range), GTK_WIDGET (area),
                                 &GRAPHENE_POINT_INIT (trough.x, trough.y), &origin))
    return;

  /* The knob's centre travels the trough less the knob's own width. */
  knob = find_by_css_name (GTK_WIDGET (range), "slider");
  knob_width = knob != NULL ? gtk_widget_get_width (knob) : 0;
  travel = trough.width - knob_width;
  left = origin.x + knob_width / 2.0;
  x = left + CLAMP ((log10 (critical) - lower) / (upper - lower), 0, 1) * travel;
  y = origin.y + trough.height / 2.0;

  /* Nothing is drawn over the knob itself. */
  if (knob != NULL)
    {
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (knob, GTK_WIDGET (area), &bounds))
        {
          cairo_rectangle (cr, 0, 0, width, height);
          cairo_rectangle (cr, bounds.origin.x, bounds.origin.y, bounds.size.width,
                           bounds.size.height);
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          cairo_clip (cr);
        }
    }

  cairo_rectangle (cr, x, y - 4, origin.x + trough.width - x, 8);
  cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.28);
  cairo_fill (cr);

  /* The zone says what it is, on the line of the α_crit mark's label and after it,
   * where it has the room. */
  marks = find_by_css_name (GTK_WIDGET (range), "marks");
  mark_label = marks != NULL ? find_by_css_name (marks, "label") : NULL;
  if (mark_label != NULL
      && gtk_widget_compute_bounds (mark_label, GTK_WIDGET (area), &mark_bounds))
    {
      /* Translators: under the α slider, the values of α above α_crit. */
      const char *zone = _("diverges");
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), zone);
      PangoAttrList *attributes = pango_attr_list_new ();
      PangoRectangle text;
      double text_x;

      pango_attr_list_insert (attributes, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_layout_set_attributes (layout, attributes);
      pango_attr_list_unref (attributes);
      pango_layout_get_pixel_extents (layout, NULL, &text);
      text_x = mark_bounds.origin.x + mark_bounds.size.width + text.height;
      if (text_x + text.width <= origin.x + trough.width)
        {
          /* Adwaita's error colours, for light and dark. */
          if (descent_theme_for_widget (GTK_WIDGET (area)) == DESCENT_THEME_DARK)
            cairo_set_source_rgb (cr, 1.0, 0.48, 0.39);
          else
            cairo_set_source_rgb (cr, 0.75, 0.11, 0.16);
          cairo_move_to (cr, text_x, mark_bounds.origin.y);
          pango_cairo_show_layout (cr, layout);
        }
    }

  if (self->diverges)
    {
      double knob_x = left + CLAMP ((value - lower) / (upper - lower), 0, 1) * travel;

      cairo_move_to (cr, origin.x + 2, y);
      cairo_line_to (cr, knob_x, y);
      cairo_set_line_width (cr, 4);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 1);
      cairo_stroke (cr);
    }
}

static void
update_alpha_mark (DescentWindow *self)
{
  DescentScene *scene = descent_session_get_scene (self->session);
  double critical = scene->problem->alpha_critical;

  gtk_scale_clear_marks (self->alpha_scale);
  if (critical > DESCENT_SESSION_MIN_ALPHA && critical < DESCENT_SESSION_MAX_ALPHA)
    gtk_scale_add_mark (self->alpha_scale, log10 (critical), GTK_POS_BOTTOM, "α_crit");
  gtk_widget_queue_draw (GTK_WIDGET (self->alpha_zones));
}

/* The header says what data is shown: the file and its number of points. */
static void
on_dataset_changed (DescentWindow *self)
{
  DescentDataset *dataset = descent_session_get_dataset (self->session);
  gsize n = descent_dataset_get_n_rows (dataset);
  g_autofree char *name = self->path != NULL ? g_filename_display_basename (self->path)
                                             : g_strdup (descent_dataset_get_source (dataset));
  g_autofree char *points = descent_format_points (n);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", name, points);
  /* Translators: the window's title, for the window list: the data file, then the program. */
  g_autofree char *title = g_strdup_printf (_("%s — Descent"), name);

  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
on_session_changed (DescentWindow *self)
{
  gtk_adjustment_set_upper (self->timeline_adjustment,
                            MAX (1, descent_session_get_n_steps (self->session)));
  update_status (self);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  DescentWindow *self = DESCENT_WINDOW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->last_frame_time != 0)
    descent_session_advance (self->session, (now - self->last_frame_time) / 1e6);
  self->last_frame_time = now;

  if (!descent_session_get_playing (self->session))
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_playing_changed (DescentWindow *self)
{
  gboolean playing = descent_session_get_playing (self->session);

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  playing ? _("Pause") : _("Play"), -1);
  if (playing && self->tick_id == 0)
    {
      self->last_frame_time = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
    }
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DescentWindow *self = DESCENT_WINDOW (widget);
  descent_session_set_playing (self->session, !descent_session_get_playing (self->session));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DescentWindow *self = DESCENT_WINDOW (widget);
  guint64 step = descent_session_get_step (self->session);
  guint64 last = descent_session_get_n_steps (self->session);

  descent_session_set_playing (self->session, FALSE);
  if (g_str_equal (action_name, "win.step-forward"))
    step = MIN (step + 1, last);
  else if (g_str_equal (action_name, "win.step-back"))
    step = step > 0 ? step - 1 : 0;
  else if (g_str_equal (action_name, "win.to-start"))
    step = 0;
  else
    step = last;
  descent_session_set_step (self->session, step);
}

static void
safe_alpha_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DescentWindow *self = DESCENT_WINDOW (widget);
  DescentScene *scene = descent_session_get_scene (self->session);
  double alpha = scene->problem->alpha_critical * 0.9;
  double rounded = pow (10, floor (log10 (alpha) * 100) / 100);

  descent_session_set_alpha (self->session, rounded);
}

/* Loading */

typedef struct {
  char             *path;
  int               columns[2];  /* x and y, 0-based, or -1 to let the reader choose */
  DescentProblem    problem;  /* worked out on the loader's thread */
  DescentCsvFormat  format;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  descent_csv_format_clear (&data->format);
  g_free (data);
}

static void
on_load_progress (guint64  done,
                  guint64  total,
                  gpointer user_data)
{
  DescentWindow *self = user_data;

  g_atomic_int_set (&self->progress, total > 0 ? (int) (done * 1000 / total) : -1);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  DescentDataset *dataset;

  DescentCsvOptions options = DESCENT_CSV_OPTIONS_INIT;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  DescentStatistics stats;

  /* One core stays with the window, so it keeps drawing while a large file loads. */
  options.threads = MAX (1, g_get_num_processors () - 1);
  if (data->columns[0] >= 0 && data->columns[1] >= 0)
    {
      options.x_column = x = g_strdup_printf ("%d", data->columns[0] + 1);
      options.y_column = y = g_strdup_printf ("%d", data->columns[1] + 1);
    }
  dataset = descent_csv_load (data->path, &options, &data->format, on_load_progress,
                              source_object, cancellable, &error);
  if (dataset == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  descent_statistics_compute (&stats, descent_dataset_get_x (dataset),
                              descent_dataset_get_y (dataset),
                              descent_dataset_get_n_rows (dataset));
  if (!descent_problem_init (&data->problem, &stats, &error))
    {
      descent_dataset_unref (dataset);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, dataset, (GDestroyNotify) descent_dataset_unref);
}

static gboolean
update_progress (gpointer user_data)
{
  DescentWindow *self = user_data;
  int progress = g_atomic_int_get (&self->progress);

  if (progress >= 0)
    gtk_progress_bar_set_fraction (self->loading_progress, progress / 1000.0);
  else
    gtk_progress_bar_pulse (self->loading_progress);
  return G_SOURCE_CONTINUE;
}

/* The bar under the header: what is running, how far it got (‰, or -1 to pulse), Cancel. */
static void
show_busy (DescentWindow *self,
           const char    *label,
           int            progress)
{
  g_atomic_int_set (&self->progress, progress);
  gtk_label_set_text (self->loading_label, label);
  gtk_progress_bar_set_fraction (self->loading_progress, 0);
  gtk_revealer_set_reveal_child (self->loading_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", TRUE);
  if (self->progress_id == 0)
    self->progress_id = g_timeout_add (50, update_progress, self);
}

static void
finish_busy (DescentWindow *self)
{
  if (self->load_cancellable != NULL || self->export_cancellable != NULL)
    return;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->loading_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
}

static void
finish_loading (DescentWindow *self)
{
  g_clear_object (&self->load_cancellable);
  finish_busy (self);
}

static void show_columns       (DescentWindow          *self,
                                const DescentCsvFormat *format);
static void on_column_selected (DescentWindow          *self);

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  DescentWindow *self = DESCENT_WINDOW (source);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(DescentDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_basename (data->path);
  guint64 skipped;

  /* The window was closed while the file loaded, or the load was cancelled or
   * replaced by another. */
  if (self->session == NULL || g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;
  finish_loading (self);
  dataset = g_task_propagate_pointer (G_TASK (result), &error);
  if (dataset == NULL)
    {
      g_autofree char *message = NULL;
      guint64 line = error->domain == DESCENT_CSV_ERROR ? descent_csv_error_get_line (error) : 0;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (line > 0)
        /* Translators: file name, line number, and what is wrong there. */
        message = g_strdup_printf (_("Could not open “%s”, line %llu: %s"), display,
                                   (unsigned long long) line, error->message);
      else
        message = g_strdup_printf (_("Could not open “%s”: %s"), display, error->message);
      show_error (self, message);
      return;
    }

  descent_session_set_playing (self->session, FALSE);
  descent_session_set_data (self->session, dataset, &data->problem);
  g_free (self->path);
  self->path = g_strdup (data->path);
  show_columns (self, &data->format);
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
  g_clear_pointer (&self->error, g_free);
  on_dataset_changed (self);

  {
    g_autofree char *uri = g_filename_to_uri (data->path, NULL, NULL);
    g_autofree char *folder = g_path_get_dirname (data->path);

    /* Recent files belong to the application; a bare window (in tests) has none. */
    if (uri != NULL && gtk_window_get_application (GTK_WINDOW (self)) != NULL)
      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    g_settings_set_string (self->settings, "last-folder", folder);
  }

  skipped = descent_dataset_get_n_skipped (dataset);
  if (skipped > 0)
    {
      g_autofree char *count = g_strdup_printf ("%llu", (unsigned long long) skipped);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s row was skipped: it is not a pair of numbers.",
                                                            "%s rows were skipped: they are not pairs of numbers.",
                                                            skipped), count);
      gtk_label_set_text (self->notice_label, text);
      gtk_widget_set_visible (gtk_widget_get_next_sibling (GTK_WIDGET (self->notice_label)), TRUE);
      gtk_info_bar_set_revealed (self->notice_bar, TRUE);
    }
  else
    gtk_info_bar_set_revealed (self->notice_bar, FALSE);
}

static void load_columns (DescentWindow *self,
                          const char    *path,
                          int            x,
                          int            y);

/* Files with more than two columns get a choice of x and y, remembered per file. */
static void
show_columns (DescentWindow          *self,
              const DescentCsvFormat *format)
{
  g_autoptr(GtkStringList) names = NULL;

  if (format->n_columns <= 2 || format->column_names == NULL)
    {
      gtk_revealer_set_reveal_child (self->columns_revealer, FALSE);
      return;
    }

  names = gtk_string_list_new ((const char *const *) format->column_names);
  g_signal_handlers_block_by_func (self->x_column, on_column_selected, self);
  g_signal_handlers_block_by_func (self->y_column, on_column_selected, self);
  gtk_drop_down_set_model (self->x_column, G_LIST_MODEL (names));
  gtk_drop_down_set_model (self->y_column, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->x_column, format->x_index);
  gtk_drop_down_set_selected (self->y_column, format->y_index);
  g_signal_handlers_unblock_by_func (self->x_column, on_column_selected, self);
  g_signal_handlers_unblock_by_func (self->y_column, on_column_selected, self);
  gtk_revealer_set_reveal_child (self->columns_revealer, TRUE);
}

static void
on_column_selected (DescentWindow *self)
{
  guint x = gtk_drop_down_get_selected (self->x_column);
  guint y = gtk_drop_down_get_selected (self->y_column);
  g_autoptr(GVariant) old = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *path;
  guint32 old_x, old_y;

  if (self->path == NULL || x == GTK_INVALID_LIST_POSITION || y == GTK_INVALID_LIST_POSITION)
    return;

  old = g_settings_get_value (self->settings, "columns");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s(uu)}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s(uu)}", &path, &old_x, &old_y))
    if (!g_str_equal (path, self->path))
      g_variant_builder_add (&builder, "{s(uu)}", path, old_x, old_y);
  g_variant_builder_add (&builder, "{s(uu)}", self->path, x, y);
  g_settings_set_value (self->settings, "columns", g_variant_builder_end (&builder));

  load_columns (self, self->path, (int) x, (int) y);
}

static void
load_path (DescentWindow *self,
           const char    *path)
{
  g_autoptr(GVariant) remembered = g_settings_get_value (self->settings, "columns");
  guint32 x, y;

  if (g_variant_lookup (remembered, path, "(uu)", &x, &y))
    load_columns (self, path, (int) x, (int) y);
  else
    load_columns (self, path, -1, -1);
}

static void
load_columns (DescentWindow *self,
              const char    *path,
              int            x,
              int            y)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *label = g_strdup_printf (_("Loading “%s”…"), display);
  LoadData *data;

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (path);
  data->columns[0] = x;
  data->columns[1] = y;
  task = g_task_new (self, self->load_cancellable, on_loaded, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_set_return_on_cancel (task, FALSE);

  show_busy (self, label, 0);
  g_task_run_in_thread (task, load_thread);
}

void
descent_window_open (DescentWindow *self,
                     GFile         *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (DESCENT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("Could not open “%s”: only local files can be opened"), uri);
      show_error (self, message);
      return;
    }
  load_path (self, path);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DescentWindow *self = DESCENT_WINDOW (widget);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  finish_loading (self);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  DescentWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      descent_window_open (self, file);
    }
  g_object_unref (dialog);
}

static void
set_folder_from_settings (DescentWindow  *self,
                          GtkFileChooser *chooser)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "last-folder");

  if (folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);
      gtk_file_chooser_set_current_folder (chooser, file, NULL);
    }
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DescentWindow *self = DESCENT_WINDOW (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;

  dialog = gtk_file_chooser_native_new (_("Open Data"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV, TSV and text files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  set_folder_from_settings (self, GTK_FILE_CHOOSER (dialog));

  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* win.open-file(path): opens a file by name, for scripts and tests. */
static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  load_path (DESCENT_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DescentWindow *self = DESCENT_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  const char *folder = g_getenv ("DESCENT_SAMPLES");
  g_autofree char *path = NULL;

  if (name[0] == '\0')
    {
      g_autoptr(DescentDataset) builtin = descent_dataset_new_builtin ();
      descent_session_set_playing (self->session, FALSE);
      g_clear_pointer (&self->path, g_free);
      descent_session_set_dataset (self->session, builtin);
      gtk_revealer_set_reveal_child (self->columns_revealer, FALSE);
      on_dataset_changed (self);
      return;
    }
  path = g_build_filename (folder != NULL && *folder != '\0' ? folder : SAMPLESDIR, name, NULL);
  load_path (self, path);
}

/* Export */

typedef struct {
  DescentDataset         *dataset;
  DescentRunParams        params;
  DescentProblem          problem;
  guint64                 step;
  DescentTheme            theme;
  DescentExportOptions    options;
  char                   *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->dataset, descent_dataset_unref);
  g_free (data->path);
  g_free (data);
}

/* The figure is drawn from its own scene on a worker thread: a large export never
 * freezes the window, and the window's scene is never touched from two threads. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(DescentScene) scene = NULL;
  GError *error = NULL;

  scene = descent_scene_new (data->dataset,
                             descent_trajectory_compute (&data->problem,
                                                         descent_optimizer_gradient_descent,
                                                         &data->params));
  scene->theme = data->theme;
  descent_scene_set_step (scene, data->step);
  if (descent_export_cancellable (scene, data->path, &data->options, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DescentWindow *self = DESCENT_WINDOW (source);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (self->session != NULL && g_task_get_cancellable (G_TASK (result)) == self->export_cancellable)
    {
      g_clear_object (&self->export_cancellable);
      finish_busy (self);
    }
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->session == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_error (self, error->message);
      return;
    }
  if (self->session == NULL)
    return;
  {
    g_autofree char *display = g_filename_display_basename (data->path);
    g_autofree char *text = g_strdup_printf (_("Saved “%s”."), display);
    gtk_label_set_text (self->notice_label, text);
    gtk_widget_set_visible (gtk_widget_get_next_sibling (GTK_WIDGET (self->notice_label)), FALSE);
    gtk_info_bar_set_revealed (self->notice_bar, TRUE);
  }
}

static void
export_to (DescentWindow              *self,
           const char                 *path,
           const DescentExportOptions *options,
           DescentTheme                theme)
{
  DescentScene *scene = descent_session_get_scene (self->session);
  g_autoptr(GTask) task = NULL;
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *label = g_strdup_printf (_("Exporting “%s”…"), display);
  ExportData *data = g_new0 (ExportData, 1);

  /* One export at a time; a large one shows progress and can be cancelled. */
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  self->export_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->export_cancellable, on_exported, NULL);
  show_busy (self, label, -1);

  data->dataset = descent_dataset_ref (descent_session_get_dataset (self->session));
  data->params = *scene->params;
  data->problem = *scene->problem;
  data->step = scene->step;
  data->theme = theme;
  data->options = *options;
  data->path = g_strdup (path);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

/* win.export-file(path): exports what the window shows, for scripts and tests. */
static void
export_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DescentWindow *self = DESCENT_WINDOW (widget);
  DescentExportOptions options = DESCENT_EXPORT_OPTIONS_INIT;

  export_to (self, g_variant_get_string (parameter, NULL), &options,
             descent_session_get_scene (self->session)->theme);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    DescentWindow   *self)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *folder = path != NULL ? g_path_get_dirname (path) : NULL;
      DescentExportOptions options = DESCENT_EXPORT_OPTIONS_INIT;
      const char *view = gtk_file_chooser_get_choice (chooser, "view");
      const char *size = gtk_file_chooser_get_choice (chooser, "size");
      const char *theme_name = gtk_file_chooser_get_choice (chooser, "theme");
      DescentTheme theme = descent_session_get_scene (self->session)->theme;
      GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
      const char *extension = filter != NULL ? g_object_get_data (G_OBJECT (filter), "extension")
                                             : NULL;

      if (path == NULL)
        {
          show_error (self, _("Could not export: choose a local file"));
          g_object_unref (dialog);
          return;
        }
      /* A name without an extension takes the chosen format's. */
      g_autofree char *base = g_path_get_basename (path);
      if (extension != NULL && strrchr (base, '.') == NULL)
        {
          char *with_extension = g_strconcat (path, extension, NULL);
          g_free (path);
          path = with_extension;
        }
      options.view = view != NULL ? (DescentView) g_ascii_strtoull (view, NULL, 10)
                                  : DESCENT_VIEW_ALL;
      if (size != NULL)
        sscanf (size, "%dx%d", &options.width, &options.height);
      if (theme_name != NULL && !g_str_equal (theme_name, "window"))
        descent_theme_from_string (theme_name, &theme);
      g_settings_set_string (self->settings, "last-folder", folder);
      export_to (self, path, &options, theme);
    }
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DescentWindow *self = DESCENT_WINDOW (widget);
  GtkFileChooserNative *dialog;
  GtkFileChooser *chooser;
  static const struct { const char *name; const char *extension; const char *mime; } formats[] = {
    { N_("PNG image"), ".png", "image/png" },
    { N_("SVG drawing"), ".svg", "image/svg+xml" },
    { N_("PDF document"), ".pdf", "application/pdf" },
  };
  const char *view_ids[] = { "0", "1", "2", "3", NULL };
  const char *view_labels[] = { _("All three views"), _("Data and fitted line"),
                                _("Loss contours"), _("Loss history"), NULL };
  const char *size_ids[] = { "1600x900", "1920x1080", "1280x720", "3840x2160", "1200x1200",
                             NULL };
  const char *size_labels[] = { "1600 × 900", "1920 × 1080", "1280 × 720", "3840 × 2160",
                                "1200 × 1200", NULL };
  const char *theme_ids[] = { "light", "dark", "window", NULL };
  const char *theme_labels[] = { _("Light"), _("Dark"), _("As shown"), NULL };
  g_autofree char *name = NULL;

  /* What is exported is what is on screen when the dialog opens. */
  descent_session_set_playing (self->session, FALSE);
  dialog = gtk_file_chooser_native_new (_("Export Figure"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                        _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (dialog);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _(formats[i].name));
      gtk_file_filter_add_mime_type (filter, formats[i].mime);
      gtk_file_filter_add_suffix (filter, formats[i].extension + 1);
      g_object_set_data (G_OBJECT (filter), "extension", (gpointer) formats[i].extension);
      gtk_file_chooser_add_filter (chooser, filter);
      g_object_unref (filter);
    }
  gtk_file_chooser_add_choice (chooser, "view", _("Draw"), view_ids, view_labels);
  gtk_file_chooser_set_choice (chooser, "view", "0");
  gtk_file_chooser_add_choice (chooser, "size", _("Size"), size_ids, size_labels);
  gtk_file_chooser_set_choice (chooser, "size", "1600x900");
  gtk_file_chooser_add_choice (chooser, "theme", _("Colours"), theme_ids, theme_labels);
  gtk_file_chooser_set_choice (chooser, "theme", "light");
  set_folder_from_settings (self, chooser);

  {
    g_autofree char *base = self->path != NULL ? g_filename_display_basename (self->path)
                                               : g_strdup ("descent-example");
    char *dot = strrchr (base, '.');
    if (dot != NULL)
      *dot = '\0';
    name = g_strdup_printf ("%s-step-%" G_GUINT64_FORMAT ".png", base,
                            descent_session_get_step (self->session));
  }
  gtk_file_chooser_set_current_name (chooser, name);

  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Recent files: the data files the recent list knows of, newest first. */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (tb, ta);
}

static void
update_recent (DescentWindow *self)
{
  static const char *const types[] = { "text/csv", "text/tab-separated-values", "text/plain" };
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint shown = 0;

  g_menu_remove_all (self->recent_menu);
  items = g_list_sort (items, compare_recent);
  for (GList *l = items; l != NULL && shown < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *type = gtk_recent_info_get_mime_type (info);
      g_autofree char *path = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (!gtk_recent_info_is_local (info) || !g_strv_contains (types, type))
        continue;
      path = g_filename_from_uri (gtk_recent_info_get_uri (info), NULL, NULL);
      if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-file", g_variant_new_string (path));
      g_menu_append_item (self->recent_menu, item);
      shown++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* Drag and drop */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         DescentWindow *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  descent_window_open (self, files->data);
  return TRUE;
}

static void
descent_window_dispose (GObject *object)
{
  DescentWindow *self = DESCENT_WINDOW (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), DESCENT_TYPE_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (descent_window_parent_class)->dispose (object);
}

static void
descent_window_class_init (DescentWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = descent_window_dispose;

  g_type_ensure (DESCENT_TYPE_PLOT_GRID);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/descent/Descent/descent-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, error_bar);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, notice_bar);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, diverge_label);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, safe_alpha_button);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, loading_revealer);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, plots);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, columns_revealer);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, x_column);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, y_column);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, alpha_scale);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, alpha_zones);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, alpha_log);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, alpha_exact);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, iterations_log);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, iterations_exact);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, timeline_adjustment);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, speed_adjustment);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, DescentWindow, subtitle_label);
  gtk_widget_class_bind_template_callback (widget_class, on_error_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_notice_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_details_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_alpha_output);
  gtk_widget_class_bind_template_callback (widget_class, on_alpha_input);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", "s", open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-file", "s", export_file_action);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.step-forward", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.to-start", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.to-end", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.safe-alpha", NULL, safe_alpha_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "win.step-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "win.step-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "win.to-start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "win.to-end", NULL);
}

static void
descent_window_init (DescentWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->session = descent_session_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  descent_plot_grid_set_session (self->plots, self->session);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "alpha", self->session, "alpha", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "iterations", self->session, "iterations",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "speed", self->session, "speed", G_SETTINGS_BIND_DEFAULT);

  g_object_bind_property_full (self->session, "alpha", self->alpha_log, "value",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               log_from_value, value_from_log, NULL, NULL);
  g_object_bind_property (self->session, "alpha", self->alpha_exact, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (self->session, "iterations", self->iterations_log, "value",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               log_from_value, value_from_log, NULL, NULL);
  g_object_bind_property (self->session, "iterations", self->iterations_exact, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "speed", self->speed_adjustment, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->session, "changed", G_CALLBACK (on_session_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::playing", G_CALLBACK (on_playing_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::alpha-critical",
                           G_CALLBACK (update_alpha_mark), self, G_CONNECT_SWAPPED);
  gtk_drawing_area_set_draw_func (self->alpha_zones, draw_alpha_zones, self, NULL);
  on_session_changed (self);
  on_dataset_changed (self);
  update_alpha_mark (self);
  g_object_bind_property (self->session, "step", self->timeline_adjustment, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->plots));

  /* On the plots, the playback keys come first: the window would take Space to
   * activate the focused widget, and the arrows to move the focus. */
  {
    static const struct { guint key; const char *action; } keys[] = {
      { GDK_KEY_space, "win.play" },
      { GDK_KEY_Left, "win.step-back" },
      { GDK_KEY_Right, "win.step-forward" },
      { GDK_KEY_Home, "win.to-start" },
      { GDK_KEY_End, "win.to-end" },
    };
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      gtk_shortcut_controller_add_shortcut (
        GTK_SHORTCUT_CONTROLLER (shortcuts),
        gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0),
                          gtk_named_action_new (keys[i].action)));
    gtk_widget_add_controller (GTK_WIDGET (self->plots), shortcuts);
  }

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);

  g_signal_connect_swapped (self->x_column, "notify::selected", G_CALLBACK (on_column_selected),
                            self);
  g_signal_connect_swapped (self->y_column, "notify::selected", G_CALLBACK (on_column_selected),
                            self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

DescentWindow *
descent_window_new (GtkApplication *application)
{
  return g_object_new (DESCENT_TYPE_WINDOW, "application", application, NULL);
}

DescentSession *
descent_window_get_session (DescentWindow *self)
{
  g_return_val_if_fail (DESCENT_IS_WINDOW (self), NULL);
  return self->session;
}

gboolean
descent_window_is_loading (DescentWindow *self)
{
  g_return_val_if_fail (DESCENT_IS_WINDOW (self), FALSE);
  return self->load_cancellable != NULL;
}

const char *
descent_window_get_error (DescentWindow *self)
{
  g_return_val_if_fail (DESCENT_IS_WINDOW (self), NULL);
  return self->error;
}
