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
                        double                alpha);
  /* One step from theta; fills theta, loss and gradient at the new point. */
  void      (*iterate) (void                 *state,
                        const DescentProblem *problem,
                        double                alpha,
                        double                theta[2],
                        double               *loss,
                        double                gradient[2]);
} DescentOptimizerType;

typedef struct _DescentOptimizer DescentOptimizer;

extern const DescentOptimizerType *const descent_optimizer_gradient_descent;

const DescentOptimizerType  *descent_optimizer_type_lookup (const char *name);
const DescentOptimizerType *const *descent_optimizer_types (void);

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

gboolean          descent_test_gradient          (const double                gradient[2],
                                                  double                      tolerance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DescentOptimizer, descent_optimizer_free)

G_END_DECLS
