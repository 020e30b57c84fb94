/* descent-trajectory.h: the path of a descent, step by step, and why it ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "descent-optimizer.h"
#include "descent-problem.h"

G_BEGIN_DECLS

typedef enum {
  DESCENT_STOP_ITERATIONS,
  DESCENT_STOP_CONVERGED,
  DESCENT_STOP_DIVERGED,
} DescentStopReason;

typedef struct {
  guint64 step;
  double  theta[2];
  double  loss;
  double  gradient[2];
} DescentStep;

typedef struct {
  double  theta_start[2];
  double  alpha;
  guint64 iterations;
  double  tolerance;
} DescentRunParams;

#define DESCENT_RUN_PARAMS_INIT { { 0, 0 }, 0.01, 1000, 0 }
#define DESCENT_MAX_ITERATIONS  G_GUINT64_CONSTANT (100000000)

/* Every step is kept up to this one; later steps are thinned to at most as many again. */
#define DESCENT_TRAJECTORY_FULL_STEPS (1u << 17)

typedef struct _DescentTrajectory DescentTrajectory;

DescentTrajectory *descent_trajectory_compute         (const DescentProblem       *problem,
                                                       const DescentOptimizerType *type,
                                                       const DescentRunParams     *params);
void               descent_trajectory_free            (DescentTrajectory          *self);

guint              descent_trajectory_get_n_recorded  (const DescentTrajectory    *self);
const DescentStep *descent_trajectory_get_recorded    (const DescentTrajectory    *self,
                                                       guint                       index);
const DescentStep *descent_trajectory_get_last        (const DescentTrajectory    *self);
guint64            descent_trajectory_get_steps       (const DescentTrajectory    *self);
DescentStopReason  descent_trajectory_get_stop_reason (const DescentTrajectory    *self);
guint              descent_trajectory_find            (const DescentTrajectory    *self,
                                                       guint64                     step);
void               descent_trajectory_get_state       (const DescentTrajectory    *self,
                                                       guint64                     step,
                                                       DescentStep                *state);
const DescentRunParams *descent_trajectory_get_params (const DescentTrajectory    *self);
const DescentProblem   *descent_trajectory_get_problem (const DescentTrajectory   *self);
gsize              descent_trajectory_get_memory_size (const DescentTrajectory    *self);

const char        *descent_stop_reason_to_string      (DescentStopReason           reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DescentTrajectory, descent_trajectory_free)

G_END_DECLS
