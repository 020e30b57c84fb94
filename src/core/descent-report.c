/* descent-report.c: a run told to people and to scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number here is written by descent_number_format(): the shortest form that reads
 * back as the same double, with a dot, whatever the locale.
 */

#define G_LOG_DOMAIN "descent-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "descent-number.h"
#include "descent-output.h"
#include "descent-report.h"

static void
append_number (GString *out,
               double   value)
{
  char buffer[DESCENT_NUMBER_BUF_SIZE];

  if (isfinite (value))
    g_string_append (out, descent_number_format (buffer, value));
  else
    g_string_append (out, "null");
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
member (GString    *out,
        const char *key,
        gboolean    first)
{
  if (!first)
    g_string_append (out, ", ");
  append_json_string (out, key);
  g_string_append (out, ": ");
}

char *
descent_report_to_json (const DescentReport *report)
{
  const DescentStep *last;
  GString *out;

  g_return_val_if_fail (report != NULL, NULL);

  last = descent_trajectory_get_last (report->trajectory);
  out = g_string_new ("{");

  member (out, "file", TRUE);
  if (report->file != NULL)
    append_json_string (out, report->file);
  else
    g_string_append (out, "null");
  member (out, "rows", FALSE);
  g_string_append_printf (out, "%" G_GSIZE_FORMAT, descent_dataset_get_n_rows (report->dataset));
  member (out, "skipped_rows", FALSE);
  g_string_append_printf (out, "%" G_GUINT64_FORMAT,
                          descent_dataset_get_n_skipped (report->dataset));
  member (out, "x_column", FALSE);
  append_json_string (out, descent_dataset_get_x_name (report->dataset));
  member (out, "y_column", FALSE);
  append_json_string (out, descent_dataset_get_y_name (report->dataset));
  member (out, "alpha", FALSE);
  append_number (out, report->params->alpha);
  member (out, "iterations", FALSE);
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, report->params->iterations);
  member (out, "theta_start", FALSE);
  g_string_append_c (out, '[');
  append_number (out, report->params->theta_start[0]);
  g_string_append (out, ", ");
  append_number (out, report->params->theta_start[1]);
  g_string_append_c (out, ']');
  member (out, "tolerance", FALSE);
  append_number (out, report->params->tolerance);
  member (out, "steps", FALSE);
  g_string_append_printf (out, "%" G_GUINT64_FORMAT,
                          descent_trajectory_get_steps (report->trajectory));
  member (out, "stop_reason", FALSE);
  append_json_string (out, descent_stop_reason_to_string (
                             descent_trajectory_get_stop_reason (report->trajectory)));
  member (out, "theta0", FALSE);
  append_number (out, last->theta[0]);
  member (out, "theta1", FALSE);
  append_number (out, last->theta[1]);
  member (out, "loss", FALSE);
  append_number (out, last->loss);
  member (out, "gradient", FALSE);
  g_string_append_c (out, '[');
  append_number (out, last->gradient[0]);
  g_string_append (out, ", ");
  append_number (out, last->gradient[1]);
  g_string_append_c (out, ']');
  member (out, "least_squares", FALSE);
  g_string_append_c (out, '{');
  member (out, "theta0", TRUE);
  append_number (out, report->problem->theta_star[0]);
  member (out, "theta1", FALSE);
  append_number (out, report->problem->theta_star[1]);
  member (out, "loss", FALSE);
  append_number (out, report->problem->loss_star);
  g_string_append_c (out, '}');
  member (out, "alpha_critical", FALSE);
  append_number (out, report->problem->alpha_critical);
  member (out, "condition_number", FALSE);
  append_number (out, report->problem->condition_number);
  member (out, "lambda_min", FALSE);
  append_number (out, report->problem->lambda_min);
  member (out, "lambda_max", FALSE);
  append_number (out, report->problem->lambda_max);
  g_string_append (out, "}\n");

  return g_string_free (out, FALSE);
}

static const char *
stop_reason_sentence (DescentStopReason reason)
{
  switch (reason)
    {
    case DESCENT_STOP_CONVERGED:
      return _("converged: the gradient vanished and θ stopped changing");
    case DESCENT_STOP_DIVERGED:
      return _("diverged: the loss grew without bound; choose α below α_crit");
    case DESCENT_STOP_ITERATIONS:
    default:
      return _("all iterations ran");
    }
}

char *
descent_report_to_text (const DescentReport *report)
{
  char a[DESCENT_NUMBER_BUF_SIZE], b[DESCENT_NUMBER_BUF_SIZE], c[DESCENT_NUMBER_BUF_SIZE];
  const DescentStep *last;
  const DescentProblem *problem;
  GString *out;
  gsize rows;
  guint64 skipped;

  g_return_val_if_fail (report != NULL, NULL);

  last = descent_trajectory_get_last (report->trajectory);
  problem = report->problem;
  rows = descent_dataset_get_n_rows (report->dataset);
  skipped = descent_dataset_get_n_skipped (report->dataset);
  out = g_string_new (NULL);

  g_string_append_printf (out, _("Data:           %s\n"),
                          report->file != NULL ? report->file
                                               : descent_dataset_get_source (report->dataset));
  g_string_append_printf (out, _("Rows:           %llu (%llu skipped)\n"),
                          (unsigned long long) rows, (unsigned long long) skipped);
  g_string_append_printf (out, _("Columns:        x = %s, y = %s\n"),
                          descent_dataset_get_x_name (report->dataset),
                          descent_dataset_get_y_name (report->dataset));
  g_string_append_printf (out, _("Learning rate:  α = %s\n"),
                          descent_number_format (a, report->params->alpha));
  g_string_append_printf (out, _("Start:          θ0 = %s, θ1 = %s\n"),
                          descent_number_format (a, report->params->theta_start[0]),
                          descent_number_format (b, report->params->theta_start[1]));
  g_string_append_printf (out, _("Steps:          %llu of %llu, %s\n"),
                          (unsigned long long) descent_trajectory_get_steps (report->trajectory),
                          (unsigned long long) report->params->iterations,
                          stop_reason_sentence (
                            descent_trajectory_get_stop_reason (report->trajectory)));
  g_string_append_printf (out, _("Result:         θ0 = %s, θ1 = %s, J = %s\n"),
                          descent_number_format (a, last->theta[0]),
                          descent_number_format (b, last->theta[1]),
                          descent_number_format (c, last->loss));
  g_string_append_printf (out, _("Least squares:  θ0 = %s, θ1 = %s, J = %s\n"),
                          descent_number_format (a, problem->theta_star[0]),
                          descent_number_format (b, problem->theta_star[1]),
                          descent_number_format (c, problem->loss_star));
  g_string_append_printf (out, _("Stability:      α_crit = %s, condition number κ = %s\n"),
                          descent_number_format (a, problem->alpha_critical),
                          descent_number_format (b, problem->condition_number));

  return g_string_free (out, FALSE);
}

gboolean
descent_trajectory_write_csv (const DescentTrajectory  *trajectory,
                              const char               *path,
                              GCancellable             *cancellable,
                              GError                  **error)
{
  g_autoptr(DescentOutput) output = NULL;
  g_autoptr(GString) text = g_string_sized_new (1 << 17);
  guint n;

  g_return_val_if_fail (trajectory != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Written whole or not at all: see DescentOutput. */
  output = descent_output_open (path, error);
  if (output == NULL)
    return FALSE;

  g_string_append (text, "step,theta0,theta1,loss,grad0,grad1\n");
  n = descent_trajectory_get_n_recorded (trajectory);
  for (guint i = 0; i < n; i++)
    {
      const DescentStep *step = descent_trajectory_get_recorded (trajectory, i);
      const double values[] = { step->theta[0], step->theta[1], step->loss,
                                step->gradient[0], step->gradient[1] };
      char buffer[DESCENT_NUMBER_BUF_SIZE];

      g_string_append_printf (text, "%" G_GUINT64_FORMAT, step->step);
      for (guint j = 0; j < G_N_ELEMENTS (values); j++)
        {
          g_string_append_c (text, ',');
          g_string_append (text, descent_number_format (buffer, values[j]));
        }
      g_string_append_c (text, '\n');

      if (text->len >= 1 << 16 || i + 1 == n)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error)
              || !descent_output_write (output, text->str, text->len, error))
            return FALSE;
          g_string_truncate (text, 0);
        }
    }

  return descent_output_commit (g_steal_pointer (&output), error);
}
