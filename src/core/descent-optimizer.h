/* descent-optimizer.h: minimisers of the loss, one step at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shaped like GSL's multimin: a const table per method, a generic object that dispatches
 * into it, and the loop left to the caller.
 */

#pragma once

#include <glib.h>

#include "descent-problem.h"

G_BEGIN_DECLS

typedef struct {
  const char *name;
  gsize       state_size;
  void      (*set)     (void                 *state,
                        const DescentProblem *problem,
                        const double          theta[2],
                        double                alpha);
  /* One step from theta; fills theta, loss and gradient at the new point. */
  void      (*iterate) (void                 *state,
                        const DescentProblem *problem,
                        double                alpha,
                        double                theta[2],
                        double               *loss,
                        double                gradient[2]);
  /* Optional: up to n steps in one call, with the same arithmetic as iterate, stopping
   * after a step whose loss is not ≤ limit or that left θ where it was, and before a step
   * where ‖∇J‖ ≤ tolerance (when tolerance > 0). Returns the steps taken; theta, loss and
   * gradient are those after the last one, before[] the θ it started from. */
  guint64   (*iterate_n) (void                 *state,
                          const DescentProblem *problem,
                          double                alpha,
                          guint64               n,
                          double                limit,
                          double                tolerance,
                          double                theta[2],
                          double               *loss,
                          double                gradient[2],
                          double                before[2]);
} DescentOptimizerType;

typedef struct _DescentOptimizer DescentOptimizer;

extern const DescentOptimizerType *const descent_optimizer_gradient_descent;

DescentOptimizer *descent_optimizer_new          (const DescentOptimizerType *type);
void              descent_optimizer_free         (DescentOptimizer           *self);
void              descent_optimizer_set          (DescentOptimizer           *self,
                                                  const DescentProblem       *problem,
                                                  const double                theta[2],
                                                  double                      alpha);
gboolean          descent_optimizer_iterate      (DescentOptimizer           *self);
const char       *descent_optimizer_get_name     (const DescentOptimizer     *self);
const double     *descent_optimizer_get_theta    (const DescentOptimizer     *self);
double            descent_optimizer_get_loss     (const DescentOptimizer     *self);
const double     *descent_optimizer_get_gradient (const DescentOptimizer     *self);


/* ‖∇J‖ ≤ tolerance, without squaring (and overflowing) a large gradient. */
static inline gboolean
descent_test_gradient (const double gradient[2],
                       double       tolerance)
{
  double a = gradient[0] < 0 ? -gradient[0] : gradient[0];
  double b = gradient[1] < 0 ? -gradient[1] : gradient[1];

  if (G_LIKELY (a > tolerance || b > tolerance))
    return FALSE;
  return a * a + b * b <= tolerance * tolerance || (a + b) <= tolerance;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DescentOptimizer, descent_optimizer_free)

G_END_DECLS
