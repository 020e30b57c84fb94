/* descent-problem.c: the mean squared error of a straight line, from the statistics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With r̄ = θ0 + θ1·x̄ − ȳ and θ1* = c/σx², the loss J = 1/(2m) Σ (θ0 + θ1·x − y)² is
 *   J = J* + ½ (r̄² + σx² (θ1 − θ1*)²),   ∂J/∂θ0 = r̄,   ∂J/∂θ1 = x̄·r̄ + σx² (θ1 − θ1*),
 * which equal the textbook forms ½ (r̄² + θ1²σx² − 2θ1·c + σy²) and x̄·r̄ + θ1σx² − c but
 * never subtract nearly equal numbers near the optimum, where the loss is smallest.
 */

#define G_LOG_DOMAIN "descent-problem"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "descent-problem.h"

G_DEFINE_QUARK (descent-problem-error-quark, descent_problem_error)

gboolean
descent_problem_init (DescentProblem          *self,
                      const DescentStatistics *stats,
                      GError                 **error)
{
  double t, root;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!isfinite (stats->mean_x) || !isfinite (stats->mean_y) || !isfinite (stats->var_x)
      || !isfinite (stats->var_y) || !isfinite (stats->cov_xy))
    {
      g_set_error_literal (error, DESCENT_PROBLEM_ERROR, DESCENT_PROBLEM_ERROR_NOT_FINITE,
                           _("The data are too large to fit a line to."));
      return FALSE;
    }
  if (!(stats->var_x > 0) || stats->min_x == stats->max_x)
    {
      g_set_error_literal (error, DESCENT_PROBLEM_ERROR, DESCENT_PROBLEM_ERROR_NO_SPREAD,
                           _("x has no spread: a line cannot be fitted to a single x."));
      return FALSE;
    }

  self->stats = *stats;
  self->theta_star[1] = stats->cov_xy / stats->var_x;
  self->theta_star[0] = stats->mean_y - self->theta_star[1] * stats->mean_x;
  self->loss_star = stats->loss_min;

  /* H = [[1, x̄], [x̄, x̄² + σx²]]; det H = σx², so λmin = σx² / λmax without cancellation. */
  t = 1 + stats->mean_x * stats->mean_x + stats->var_x;
  root = sqrt (MAX (0.0, (t - 2 * sqrt (stats->var_x)) * (t + 2 * sqrt (stats->var_x))));
  self->lambda_max = (t + root) / 2;
  self->lambda_min = stats->var_x / self->lambda_max;
  self->alpha_critical = 2 / self->lambda_max;
  self->condition_number = self->lambda_max / self->lambda_min;

  return TRUE;
}

double
descent_problem_loss (const DescentProblem *self,
                      const double          theta[2])
{
  double gradient[2];

  g_return_val_if_fail (self != NULL, NAN);
  return descent_problem_evaluate (self, theta, gradient);
}

void
descent_problem_gradient (const DescentProblem *self,
                          const double          theta[2],
                          double                gradient[2])
{
  g_return_if_fail (self != NULL);
  descent_problem_evaluate (self, theta, gradient);
}

void
descent_problem_hessian (const DescentProblem *self,
                         double                hessian[2][2])
{
  g_return_if_fail (self != NULL);

  hessian[0][0] = 1;
  hessian[0][1] = hessian[1][0] = self->stats.mean_x;
  hessian[1][1] = self->stats.mean_x * self->stats.mean_x + self->stats.var_x;
}
