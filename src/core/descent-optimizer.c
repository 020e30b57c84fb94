/* descent-optimizer.c: minimisers of the loss, one step at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "descent-optimizer"

#include "config.h"

#include <math.h>

#include "descent-optimizer-private.h"

/* Batch gradient descent as the article writes it: θ ← θ − α∇J, both coordinates at once.
 *
 * ∇J = H (θ − θ*) exactly, so the step is e ← (I − αH) e for the error e = θ − θ*. The
 * state holds e rather than θ: nothing cancels as θ nears θ*, where a fit is judged, and
 * each step is two short products, which is what lets 10⁸ steps run in well under a second. */
typedef struct {
  double error[2];
  double step[2][2];   /* I − αH */
} GradientDescentState;

static void
gradient_descent_set (void                 *state,
                      const DescentProblem *problem,
                      const double          theta[2],
                      double                alpha)
{
  GradientDescentState *s = state;
  double hessian[2][2];

  descent_problem_hessian (problem, hessian);
  s->error[0] = theta[0] - problem->theta_star[0];
  s->error[1] = theta[1] - problem->theta_star[1];
  s->step[0][0] = 1 - alpha * hessian[0][0];
  s->step[0][1] = -alpha * hessian[0][1];
  s->step[1][0] = -alpha * hessian[1][0];
  s->step[1][1] = 1 - alpha * hessian[1][1];
}

static guint64
gradient_descent_iterate_n (void                 *state,
                            const DescentProblem *problem,
                            double                alpha,
                            guint64               n,
                            double                limit,
                            double                tolerance,
                            double                theta[2],
                            double               *loss,
                            double                gradient[2],
                            double                before[2])
{
  GradientDescentState *s = state;
  const double a00 = s->step[0][0], a01 = s->step[0][1];
  const double a10 = s->step[1][0], a11 = s->step[1][1];
  const double star0 = problem->theta_star[0], star1 = problem->theta_star[1];
  double e0 = s->error[0], e1 = s->error[1];
  double t0 = theta[0], t1 = theta[1], b0 = t0, b1 = t1;
  double g[2] = { gradient[0], gradient[1] };
  double j = *loss;
  guint64 k;

  /* All in locals, which the compiler keeps in registers across steps. */
  for (k = 0; k < n; k++)
    {
      double n0, n1;

      if (tolerance > 0 && descent_test_gradient (g, tolerance))
        break;

      n0 = a00 * e0 + a01 * e1;
      n1 = a10 * e0 + a11 * e1;
      e0 = n0;
      e1 = n1;
      b0 = t0;
      b1 = t1;
      t0 = star0 + e0;
      t1 = star1 + e1;
      j = descent_problem_evaluate_error (problem, e0, e1, g);

      if (G_UNLIKELY (!(j <= limit) || (t0 == b0 && t1 == b1)))
        {
          k++;
          break;
        }
    }

  s->error[0] = e0;
  s->error[1] = e1;
  theta[0] = t0;
  theta[1] = t1;
  gradient[0] = g[0];
  gradient[1] = g[1];
  *loss = j;
  before[0] = b0;
  before[1] = b1;
  return k;
}

/* One step is a run of one, with nothing to stop it early. */
static void
gradient_descent_iterate (void                 *state,
                          const DescentProblem *problem,
                          double                alpha,
                          double                theta[2],
                          double               *loss,
                          double                gradient[2])
{
  double before[2];

  gradient_descent_iterate_n (state, problem, alpha, 1, INFINITY, 0, theta, loss, gradient,
                              before);
}

static const DescentOptimizerType gradient_descent_type = {
  "gradient-descent",
  sizeof (GradientDescentState),
  gradient_descent_set,
  gradient_descent_iterate,
  gradient_descent_iterate_n,
};

const DescentOptimizerType *const descent_optimizer_gradient_descent = &gradient_descent_type;

DescentOptimizer *
descent_optimizer_new (const DescentOptimizerType *type)
{
  DescentOptimizer *self;

  g_return_val_if_fail (type != NULL, NULL);

  self = g_new0 (DescentOptimizer, 1);
  self->type = type;
  if (type->state_size > 0)
    self->state = g_malloc0 (type->state_size);

  return self;
}

void
descent_optimizer_free (DescentOptimizer *self)
{
  if (self == NULL)
    return;

  g_free (self->state);
  g_free (self);
}

void
descent_optimizer_set (DescentOptimizer     *self,
                       const DescentProblem *problem,
                       const double          theta[2],
                       double                alpha)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (problem != NULL);
  g_return_if_fail (theta != NULL);

  self->problem = problem;
  self->alpha = alpha;
  self->theta[0] = theta[0];
  self->theta[1] = theta[1];
  self->loss = descent_problem_evaluate (problem, self->theta, self->gradient);
  self->type->set (self->state, problem, theta, alpha);
}

/* One step. FALSE when it left θ where it was: the method can make no more progress. */
gboolean
descent_optimizer_iterate (DescentOptimizer *self)
{
  double before[2];

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->problem != NULL, FALSE);

  before[0] = self->theta[0];
  before[1] = self->theta[1];
  self->type->iterate (self->state, self->problem, self->alpha, self->theta, &self->loss,
                       self->gradient);

  return before[0] != self->theta[0] || before[1] != self->theta[1];
}

const char *
descent_optimizer_get_name (const DescentOptimizer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->type->name;
}

const double *
descent_optimizer_get_theta (const DescentOptimizer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->theta;
}

double
descent_optimizer_get_loss (const DescentOptimizer *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->loss;
}

const double *
descent_optimizer_get_gradient (const DescentOptimizer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->gradient;
}
