/* descent-optimizer.c: minimisers of the loss, one step at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "descent-optimizer"

#include "config.h"

#include <math.h>

#include "descent-optimizer.h"

struct _DescentOptimizer {
  const DescentOptimizerType *type;
  const DescentProblem       *problem;
  double                      alpha;
  double                      theta[2];
  double                      loss;
  double                      gradient[2];
  void                       *state;
};

/* Batch gradient descent as the article writes it: θ ← θ − α∇J, both at once. */
static void
gradient_descent_set (void                 *state,
                      const DescentProblem *problem,
                      double                alpha)
{
}

static void
gradient_descent_iterate (void                 *state,
                          const DescentProblem *problem,
                          double                alpha,
                          double                theta[2],
                          double               *loss,
                          double                gradient[2])
{
  theta[0] -= alpha * gradient[0];
  theta[1] -= alpha * gradient[1];
  *loss = descent_problem_evaluate (problem, theta, gradient);
}

static const DescentOptimizerType gradient_descent_type = {
  "gradient-descent",
  0,
  gradient_descent_set,
  gradient_descent_iterate,
};

const DescentOptimizerType *const descent_optimizer_gradient_descent = &gradient_descent_type;

static const DescentOptimizerType *const all_types[] = {
  &gradient_descent_type,
  NULL,
};

const DescentOptimizerType *const *
descent_optimizer_types (void)
{
  return all_types;
}

const DescentOptimizerType *
descent_optimizer_type_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; all_types[i] != NULL; i++)
    if (g_str_equal (all_types[i]->name, name))
      return all_types[i];

  return NULL;
}

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
  self->type->set (self->state, problem, alpha);
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

/* ‖∇J‖ ≤ tolerance, without overflowing the square of a large gradient. */
gboolean
descent_test_gradient (const double gradient[2],
                       double       tolerance)
{
  double a = fabs (gradient[0]), b = fabs (gradient[1]);

  if (a > tolerance || b > tolerance)
    return FALSE;
  return hypot (a, b) <= tolerance;
}
