/* descent-problem.h: the mean squared error of a straight line, from the statistics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "descent-statistics.h"

G_BEGIN_DECLS

#define DESCENT_PROBLEM_ERROR (descent_problem_error_quark ())

typedef enum {
  DESCENT_PROBLEM_ERROR_NO_SPREAD,
  DESCENT_PROBLEM_ERROR_NOT_FINITE,
} DescentProblemError;

typedef struct {
  DescentStatistics stats;
  double            theta_star[2];     /* least squares */
  double            loss_star;
  double            lambda_min;        /* eigenvalues of the Hessian */
  double            lambda_max;
  double            alpha_critical;    /* 2 / λmax: fixed-step descent converges below it */
  double            condition_number;  /* λmax / λmin */
} DescentProblem;

GQuark   descent_problem_error_quark   (void);

gboolean descent_problem_init          (DescentProblem          *self,
                                        const DescentStatistics *stats,
                                        GError                 **error);
double   descent_problem_loss          (const DescentProblem    *self,
                                        const double             theta[2]);
void     descent_problem_gradient      (const DescentProblem    *self,
                                        const double             theta[2],
                                        double                   gradient[2]);
void     descent_problem_hessian       (const DescentProblem    *self,
                                        double                   hessian[2][2]);

/* The loss and its gradient at θ = θ* + e, in one go: both share the mean residual
 * r̄ = e0 + x̄·e1. Methods that step e itself call this directly. */
static inline double
descent_problem_evaluate_error (const DescentProblem *self,
                                double                e0,
                                double                e1,
                                double                gradient[2])
{
  double r = e0 + self->stats.mean_x * e1;

  gradient[0] = r;
  gradient[1] = self->stats.mean_x * r + self->stats.var_x * e1;
  return self->loss_star + 0.5 * (r * r + self->stats.var_x * e1 * e1);
}

static inline double
descent_problem_evaluate (const DescentProblem *self,
                          const double          theta[2],
                          double                gradient[2])
{
  return descent_problem_evaluate_error (self, theta[0] - self->theta_star[0],
                                         theta[1] - self->theta_star[1], gradient);
}

G_END_DECLS
