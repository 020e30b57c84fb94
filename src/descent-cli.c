/* descent-cli.c: the descent command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parses the command line. --summary runs the shared core and prints the result without a
 * window, for scripts, tests and slides; it never initialises a display.
 */

#define G_LOG_DOMAIN "descent"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/descent-csv.h"
#include "core/descent-number.h"
#include "core/descent-problem.h"
#include "core/descent-report.h"
#include "core/descent-statistics.h"
#include "core/descent-trajectory.h"
#include "descent-cli.h"
#include "app/descent-application.h"
#include "app/descent-session.h"
#include "app/descent-window.h"
#include "render/descent-export.h"
#include "render/descent-scene.h"

enum {
  EXIT_OK = 0,
  EXIT_DATA = 1,
  EXIT_USAGE = 2,
  EXIT_INTERRUPTED = 130,
};

typedef struct {
  char     *alpha;
  char     *iterations;
  char     *x_column;
  char     *y_column;
  char     *theta0;
  char     *theta1;
  char     *tolerance;
  char     *delimiter;
  char     *decimal;
  gboolean  header;
  gboolean  no_header;
  gboolean  summary;
  gboolean  json;
  char     *trajectory;
  char     *export;
  char     *view;
  char     *step;
  char     *size;
  char     *scale;
  char     *theme;
  char     *frames;
  char     *every;
  gboolean  version;
  char    **files;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->alpha);
  g_free (options->iterations);
  g_free (options->x_column);
  g_free (options->y_column);
  g_free (options->theta0);
  g_free (options->theta1);
  g_free (options->tolerance);
  g_free (options->delimiter);
  g_free (options->decimal);
  g_free (options->trajectory);
  g_free (options->export);
  g_free (options->view);
  g_free (options->step);
  g_free (options->size);
  g_free (options->scale);
  g_free (options->theme);
  g_free (options->frames);
  g_free (options->every);
  g_strfreev (options->files);
}

G_GNUC_PRINTF (1, 2)
static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("descent: %s\n", message);
  g_printerr (_("Try “descent --help” for more information.\n"));
  return EXIT_USAGE;
}

static gboolean
parse_real (const char *option,
            const char *text,
            double     *value,
            int        *status)
{
  if (text == NULL)
    return TRUE;
  if (descent_number_parse (text, strlen (text), '.', value) != DESCENT_NUMBER_OK
      || !isfinite (*value))
    {
      *status = usage_error (_("%s expects a number, not “%s”."), option, text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_character (const char *option,
                 const char *text,
                 const char *allowed,
                 char       *value,
                 int        *status)
{
  if (text == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (text, "tab") == 0 || g_strcmp0 (text, "\\t") == 0)
    text = "\t";
  if (strlen (text) != 1 || strchr (allowed, text[0]) == NULL)
    {
      *status = usage_error (_("%s expects one of %s, not “%s”."), option,
                             allowed[0] == '.' ? ". ," : ", ; tab |", text);
      return FALSE;
    }
  *value = text[0];
  return TRUE;
}

static gboolean
parse_count (const char *option,
             const char *text,
             guint64     min,
             guint64     max,
             guint64    *value,
             int        *status)
{
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, min, max, value, NULL))
    {
      char low[32], high[32];

      g_snprintf (low, sizeof low, "%" G_GUINT64_FORMAT, min);
      g_snprintf (high, sizeof high, "%" G_GUINT64_FORMAT, max);
      *status = usage_error (_("%s expects a whole number from %s to %s, not “%s”."), option,
                             low, high, text);
      return FALSE;
    }
  return TRUE;
}

/* "1600x900" */
static gboolean
parse_size (const char *text,
            int        *width,
            int        *height,
            int        *status)
{
  g_auto(GStrv) parts = NULL;
  guint64 w, h;

  if (text == NULL)
    return TRUE;
  parts = g_strsplit_set (text, "xX", 0);
  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT, &w, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXINT, &h, NULL))
    {
      *status = usage_error (_("--size expects WIDTHxHEIGHT, such as 1600x900, not “%s”."), text);
      return FALSE;
    }
  *width = w;
  *height = h;
  return TRUE;
}

static gboolean
parse_view (const char  *text,
            DescentView *view,
            int         *status)
{
  static const struct { const char *name; DescentView view; } views[] = {
    { "all", DESCENT_VIEW_ALL },
    { "data", DESCENT_VIEW_DATA },
    { "contour", DESCENT_VIEW_CONTOUR },
    { "history", DESCENT_VIEW_HISTORY },
  };

  if (text == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_ascii_strcasecmp (text, views[i].name) == 0)
      {
        *view = views[i].view;
        return TRUE;
      }
  *status = usage_error (_("--view expects all, data, contour or history, not “%s”."), text);
  return FALSE;
}

static void
print_skipped (const DescentDataset *dataset,
               const char           *file)
{
  guint64 skipped = descent_dataset_get_n_skipped (dataset);
  guint details = descent_dataset_get_n_skipped_details (dataset);

  if (skipped == 0)
    return;

  for (guint i = 0; i < details; i++)
    {
      const DescentSkippedRow *row = descent_dataset_get_skipped_detail (dataset, i);
      g_printerr (_("descent: %s: warning: skipped %s\n"), file, row->message);
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "descent: %s: warning: %llu row skipped\n",
                           "descent: %s: warning: %llu rows skipped\n", skipped),
              file, (unsigned long long) skipped);
}

static volatile sig_atomic_t interrupted;

static void
on_interrupt (int signal_number)
{
  interrupted = 1;
}

typedef struct {
  GCancellable *cancellable;
  gboolean      terminal;
} FramesProgress;

static void
frames_progress (guint64  done,
                 guint64  total,
                 gpointer user_data)
{
  FramesProgress *progress = user_data;

  if (interrupted)
    g_cancellable_cancel (progress->cancellable);
  if (progress->terminal)
    {
      g_printerr ("\r");
      g_printerr (_("descent: writing frame %llu of %llu"), (unsigned long long) done,
                  (unsigned long long) total);
    }
}

/* Draws the figure into --export, or one PNG per step into --frames. Takes @trajectory. */
static int
export (Options           *options,
        DescentDataset    *dataset,
        DescentTrajectory *trajectory)
{
  DescentExportOptions export_options = DESCENT_EXPORT_OPTIONS_INIT;
  g_autoptr(DescentScene) scene = NULL;
  g_autoptr(GError) error = NULL;
  guint64 step = G_MAXUINT64, every = 1;
  DescentExportFormat format = DESCENT_EXPORT_PNG;
  DescentTheme theme = DESCENT_THEME_LIGHT;
  int status = EXIT_OK;

  scene = descent_scene_new (dataset, trajectory);

  if (!parse_view (options->view, &export_options.view, &status)
      || !parse_size (options->size, &export_options.width, &export_options.height, &status)
      || !parse_real ("--scale", options->scale, &export_options.scale, &status)
      || !parse_count ("--step", options->step, 0, descent_trajectory_get_params (
                         trajectory)->iterations, &step, &status)
      || !parse_count ("--every", options->every, 1, DESCENT_MAX_ITERATIONS, &every, &status))
    return status;
  if (options->theme != NULL && !descent_theme_from_string (options->theme, &theme))
    return usage_error (_("--theme expects light or dark, not “%s”."), options->theme);
  if (options->export != NULL
      && !descent_export_format_for_path (options->export, &format, &error))
    return usage_error ("%s", error->message);
  if (!descent_export_check_size (options->frames != NULL ? DESCENT_EXPORT_PNG : format,
                                  &export_options, &error))
    return usage_error ("%s", error->message);

  scene->theme = theme;

  if (options->frames != NULL)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      FramesProgress progress = { cancellable, isatty (STDERR_FILENO) };
      struct sigaction action = { 0 }, previous;
      gboolean ok;

      action.sa_handler = on_interrupt;
      sigemptyset (&action.sa_mask);
      sigaction (SIGINT, &action, &previous);
      ok = descent_export_frames (scene, options->frames, &export_options, every,
                                  frames_progress, &progress, cancellable, &error);
      sigaction (SIGINT, &previous, NULL);
      if (progress.terminal)
        g_printerr ("\n");
      if (!ok)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_printerr (_("descent: interrupted; the frames written so far are complete\n"));
              return EXIT_INTERRUPTED;
            }
          g_printerr ("descent: %s\n", error->message);
          return EXIT_DATA;
        }
    }

  if (options->export != NULL)
    {
      if (step != G_MAXUINT64)
        descent_scene_set_step (scene, step);
      if (!descent_export (scene, options->export, &export_options, &error))
        {
          g_printerr ("descent: %s\n", error->message);
          return EXIT_DATA;
        }
    }

  return EXIT_OK;
}

/* Checks every option, for any mode, and fills @params and @csv_options. */
static int
check_options (Options           *options,
               DescentRunParams  *params_out,
               DescentCsvOptions *csv_out,
               const char       **file_out)
{
  DescentCsvOptions csv_options = DESCENT_CSV_OPTIONS_INIT;
  DescentRunParams params = DESCENT_RUN_PARAMS_INIT;
  const char *file = NULL;
  int status = EXIT_OK;

  if (options->files != NULL && g_strv_length (options->files) > 1)
    return usage_error (_("Give at most one file; got %u."), g_strv_length (options->files));
  if (options->files != NULL)
    file = options->files[0];

  if (!parse_real ("--alpha", options->alpha, &params.alpha, &status)
      || !parse_real ("--theta0", options->theta0, &params.theta_start[0], &status)
      || !parse_real ("--theta1", options->theta1, &params.theta_start[1], &status)
      || !parse_real ("--tolerance", options->tolerance, &params.tolerance, &status)
      || !parse_character ("--delimiter", options->delimiter, ",;\t|", &csv_options.delimiter,
                           &status)
      || !parse_character ("--decimal", options->decimal, ".,", &csv_options.decimal, &status))
    return status;

  if (!(params.alpha > 0))
    return usage_error (_("--alpha must be greater than 0, not “%s”."), options->alpha);
  if (params.tolerance < 0)
    return usage_error (_("--tolerance must not be negative, not “%s”."), options->tolerance);
  if (options->iterations != NULL
      && !g_ascii_string_to_unsigned (options->iterations, 10, 0, DESCENT_MAX_ITERATIONS,
                                      &params.iterations, NULL))
    return usage_error (_("--iterations expects a whole number from 0 to 100000000, not “%s”."),
                        options->iterations);
  if (options->header && options->no_header)
    return usage_error (_("--header and --no-header contradict each other."));
  if (options->json && !options->summary)
    return usage_error (_("--json goes with --summary."));
  if (options->export == NULL && options->frames == NULL
      && (options->view != NULL || options->step != NULL || options->size != NULL
          || options->scale != NULL || options->theme != NULL))
    return usage_error (_("Drawing options go with --export or --frames."));
  if (options->every != NULL && options->frames == NULL)
    return usage_error (_("--every goes with --frames."));
  if (file == NULL && (options->x_column != NULL || options->y_column != NULL
                       || options->delimiter != NULL || options->decimal != NULL
                       || options->header || options->no_header))
    return usage_error (_("Column and format options need a FILE."));

  csv_options.header = options->header      ? DESCENT_CSV_HEADER_PRESENT
                     : options->no_header   ? DESCENT_CSV_HEADER_ABSENT
                                            : DESCENT_CSV_HEADER_AUTO;
  csv_options.x_column = options->x_column;
  csv_options.y_column = options->y_column;

  *params_out = params;
  *csv_out = csv_options;
  *file_out = file;
  return EXIT_OK;
}

static int
run (Options *options)
{
  DescentCsvOptions csv_options = DESCENT_CSV_OPTIONS_INIT;
  DescentRunParams params = DESCENT_RUN_PARAMS_INIT;
  g_autoptr(DescentDataset) dataset = NULL;
  g_autoptr(DescentTrajectory) trajectory = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  DescentStatistics stats;
  DescentProblem problem;
  DescentReport report;
  const char *file = NULL;
  int status = EXIT_OK;

  status = check_options (options, &params, &csv_options, &file);
  if (status != EXIT_OK)
    return status;

  if (file != NULL)
    {
      dataset = descent_csv_load (file, &csv_options, NULL, NULL, NULL, NULL, &error);
      if (dataset == NULL)
        {
          guint64 line = error->domain == DESCENT_CSV_ERROR
                           ? descent_csv_error_get_line (error) : 0;
          if (line > 0)
            g_printerr ("descent: %s:%llu: %s\n", file, (unsigned long long) line,
                        error->message);
          else
            g_printerr ("descent: %s: %s\n", file, error->message);
          return EXIT_DATA;
        }
      print_skipped (dataset, file);
    }
  else
    dataset = descent_dataset_new_builtin ();

  descent_statistics_compute (&stats, descent_dataset_get_x (dataset),
                              descent_dataset_get_y (dataset),
                              descent_dataset_get_n_rows (dataset));
  if (!descent_problem_init (&problem, &stats, &error))
    {
      g_printerr ("descent: %s: %s\n", file != NULL ? file : "-", error->message);
      return EXIT_DATA;
    }

  trajectory = descent_trajectory_compute (&problem, descent_optimizer_gradient_descent, &params);

  if (options->trajectory != NULL
      && !descent_trajectory_write_csv (trajectory, options->trajectory, NULL, &error))
    {
      g_printerr ("descent: %s: %s\n", options->trajectory, error->message);
      return EXIT_DATA;
    }

  if (options->export != NULL || options->frames != NULL)
    {
      status = export (options, dataset, g_steal_pointer (&trajectory));
      if (status != EXIT_OK || !options->summary)
        return status;
      trajectory = descent_trajectory_compute (&problem, descent_optimizer_gradient_descent,
                                               &params);
    }

  report.dataset = dataset;
  report.file = file;
  report.params = &params;
  report.problem = &problem;
  report.trajectory = trajectory;

  output = options->json ? descent_report_to_json (&report) : descent_report_to_text (&report);
  fputs (output, stdout);
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      g_printerr (_("descent: could not write the result: %s\n"), g_strerror (errno));
      return EXIT_DATA;
    }

  return EXIT_OK;
}

typedef struct {
  Options *options;
  double   alpha;
  guint64  iterations;
  double   theta[2];
} WindowStart;

/* The first window takes -a, -n and the start from the command line. */
static void
on_window_added (GtkApplication *application,
                 GtkWindow      *window,
                 WindowStart    *start)
{
  DescentSession *session = descent_window_get_session (DESCENT_WINDOW (window));

  if (start->alpha > 0)
    descent_session_set_alpha (session, start->alpha);
  if (start->iterations > 0)
    descent_session_set_iterations (session, (guint) start->iterations);
  descent_session_set_start (session, start->theta[0], start->theta[1]);
  g_signal_handlers_disconnect_by_func (application, on_window_added, start);
}

static int
run_window (Options    *options,
            const char *program)
{
  g_autoptr(DescentApplication) application = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  WindowStart start = { options, 0, 0, { 0, 0 } };
  DescentCsvOptions csv_options;
  DescentRunParams params;
  const char *file;
  int status;

  status = check_options (options, &params, &csv_options, &file);
  if (status != EXIT_OK)
    return status;
  start.alpha = options->alpha != NULL ? params.alpha : 0;
  start.theta[0] = params.theta_start[0];
  start.theta[1] = params.theta_start[1];
  /* The window chooses columns and formats with its own controls. */
  if (options->x_column != NULL || options->y_column != NULL || options->delimiter != NULL
      || options->decimal != NULL || options->header || options->no_header
      || options->tolerance != NULL || options->trajectory != NULL)
    return usage_error (_("Column, format, --tolerance and --trajectory options go with "
                          "--summary, --export or --frames."));
  if (options->alpha != NULL
      && !(start.alpha >= DESCENT_SESSION_MIN_ALPHA && start.alpha <= DESCENT_SESSION_MAX_ALPHA))
    return usage_error (_("In the window, --alpha goes from 0.000001 to 10, not “%s”."),
                        options->alpha);
  if (options->iterations != NULL
      && !g_ascii_string_to_unsigned (options->iterations, 10, 1, DESCENT_SESSION_MAX_ITERATIONS,
                                      &start.iterations, NULL))
    return usage_error (_("In the window, --iterations goes from 1 to 100000, not “%s”."),
                        options->iterations);
  g_ptr_array_add (args, (gpointer) program);
  for (guint i = 0; options->files != NULL && options->files[i] != NULL; i++)
    g_ptr_array_add (args, options->files[i]);
  g_ptr_array_add (args, NULL);

  application = descent_application_new ();
  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added), &start);
  return g_application_run (G_APPLICATION (application), (int) args->len - 1,
                            (char **) args->pdata);
}

/* Runs the command; main() only sets up the locale first. With
 * DESCENT_CLI_HEADLESS a run that would open the window is a usage error, and --help
 * is off (it exits the process): for fuzzing. */
int
descent_cli_main (int           argc,
                  char        **argv,
                  DescentCliFlags flags)
{
  Options options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "alpha", 'a', 0, G_OPTION_ARG_STRING, &options.alpha,
      N_("Learning rate (default 0.01)"), "A" },
    { "iterations", 'n', 0, G_OPTION_ARG_STRING, &options.iterations,
      N_("Descent steps (default 1000; up to 100000000)"), "N" },
    { "x-column", 'x', 0, G_OPTION_ARG_STRING, &options.x_column,
      N_("Column name or 1-based index for x"), "COL" },
    { "y-column", 'y', 0, G_OPTION_ARG_STRING, &options.y_column,
      N_("Column name or 1-based index for y"), "COL" },
    { "theta0", 0, 0, G_OPTION_ARG_STRING, &options.theta0,
      N_("Start value of the intercept θ0 (default 0)"), "V" },
    { "theta1", 0, 0, G_OPTION_ARG_STRING, &options.theta1,
      N_("Start value of the slope θ1 (default 0)"), "V" },
    { "tolerance", 0, 0, G_OPTION_ARG_STRING, &options.tolerance,
      N_("Stop when ‖∇J‖ ≤ T (default 0: when θ stops changing)"), "T" },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &options.delimiter,
      N_("Field delimiter: , ; tab or | (default: guessed)"), "C" },
    { "decimal", 0, 0, G_OPTION_ARG_STRING, &options.decimal,
      N_("Decimal mark: . or , (default: guessed)"), "C" },
    { "header", 0, 0, G_OPTION_ARG_NONE, &options.header,
      N_("The first row holds column names"), NULL },
    { "no-header", 0, 0, G_OPTION_ARG_NONE, &options.no_header,
      N_("The first row is data"), NULL },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &options.summary,
      N_("Print the result and exit without a window"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("With --summary: print one JSON object"), NULL },
    { "trajectory", 0, 0, G_OPTION_ARG_FILENAME, &options.trajectory,
      N_("Write every recorded step as CSV: step,theta0,theta1,loss,grad0,grad1"), "FILE" },
    { "export", 'o', 0, G_OPTION_ARG_FILENAME, &options.export,
      N_("Draw the figure into FILE (.png, .svg or .pdf) and exit"), "FILE" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &options.view,
      N_("What to draw: all, data, contour or history (default all)"), "VIEW" },
    { "step", 0, 0, G_OPTION_ARG_STRING, &options.step,
      N_("Draw the state after step K (default: the last)"), "K" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &options.size,
      N_("Pixels for PNG, points for SVG and PDF (default 1600x900)"), "WxH" },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &options.scale,
      N_("PNG only: pixels per unit of --size, 2 for high-DPI (default 1)"), "S" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &options.theme,
      N_("Colours: light or dark (default light)"), "THEME" },
    { "frames", 0, 0, G_OPTION_ARG_FILENAME, &options.frames,
      N_("Write one PNG per step into DIR: frame-00001.png …"), "DIR" },
    { "every", 0, 0, G_OPTION_ARG_STRING, &options.every,
      N_("With --frames: every N-th step (default 1)"), "N" },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &options.version,
      N_("Show the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.files, NULL,
      N_("[FILE.csv]") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  if (flags & DESCENT_CLI_HEADLESS)
    g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Watch gradient descent fit a straight line to FILE.csv. "
                                  "Without FILE, Descent fits the built-in example: "
                                  "x = y = 1, 2, 3, 4, 5."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      status = usage_error ("%s", error->message);
      options_clear (&options);
      return status;
    }

  if (options.version)
    {
      g_print ("descent %s\n", PACKAGE_VERSION);
      options_clear (&options);
      return EXIT_OK;
    }

  /* Scripts and slides: no display, no GTK. */
  if (options.summary || options.export != NULL || options.frames != NULL)
    {
      status = run (&options);
      options_clear (&options);
      return status;
    }

  if (flags & DESCENT_CLI_HEADLESS)
    status = usage_error (_("This run needs --summary, --export or --frames."));
  else
    status = run_window (&options, argv[0]);
  options_clear (&options);
  return status;
}
