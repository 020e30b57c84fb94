/* descent-trajectory.c: the path of a descent, step by step, and why it ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run may take a hundred million steps, so the path is kept in bounded memory: every
 * step up to DESCENT_TRAJECTORY_FULL_STEPS, then an evenly thinned set whose stride
 * doubles each time it fills, and always the last step.
 */

#define G_LOG_DOMAIN "descent-trajectory"

#include "config.h"

#include <math.h>

#include "descent-trajectory.h"

#define THINNED_STEPS DESCENT_TRAJECTORY_FULL_STEPS
#define DIVERGENCE_FACTOR 1e10

struct _DescentTrajectory {
  DescentStep       *steps;
  guint              n_steps;
  guint              capacity;
  guint64            stride;        /* between thinned steps */
  guint64            next_thinned;  /* the step to keep next, past the full part */
  guint64            steps_run;
  DescentStopReason  stop_reason;
};

static void
append (DescentTrajectory *self,
        const DescentStep *step)
{
  if (self->n_steps == self->capacity)
    {
      self->capacity = MAX (256, self->capacity * 2);
      self->capacity = MIN (self->capacity, DESCENT_TRAJECTORY_FULL_STEPS + THINNED_STEPS + 1);
      self->steps = g_renew (DescentStep, self->steps, self->capacity);
    }
  g_assert (self->n_steps < self->capacity);
  self->steps[self->n_steps++] = *step;
}

/* Halves the thinned part, keeping every other step, and doubles the stride. */
static void
thin_out (DescentTrajectory *self)
{
  guint first = DESCENT_TRAJECTORY_FULL_STEPS;
  guint kept = first;

  for (guint i = first; i < self->n_steps; i += 2)
    self->steps[kept++] = self->steps[i];
  self->n_steps = kept;
  self->stride *= 2;
  self->next_thinned = self->steps[kept - 1].step + self->stride;
}

static inline void
record (DescentTrajectory *self,
        const DescentStep *step)
{
  if (step->step < DESCENT_TRAJECTORY_FULL_STEPS)
    {
      append (self, step);
      return;
    }
  if (step->step != self->next_thinned)
    return;
  if (self->n_steps == DESCENT_TRAJECTORY_FULL_STEPS + THINNED_STEPS)
    {
      thin_out (self);
      if (step->step != self->next_thinned)
        return;
    }
  append (self, step);
  self->next_thinned = step->step + self->stride;
}

static inline void
take_state (DescentStep            *step,
            guint64                 k,
            const DescentOptimizer *optimizer)
{
  const double *theta = descent_optimizer_get_theta (optimizer);
  const double *gradient = descent_optimizer_get_gradient (optimizer);

  step->step = k;
  step->theta[0] = theta[0];
  step->theta[1] = theta[1];
  step->loss = descent_optimizer_get_loss (optimizer);
  step->gradient[0] = gradient[0];
  step->gradient[1] = gradient[1];
}

static inline gboolean
step_is_finite (const DescentStep *step)
{
  return isfinite (step->theta[0]) && isfinite (step->theta[1]) && isfinite (step->loss)
         && isfinite (step->gradient[0]) && isfinite (step->gradient[1]);
}

DescentTrajectory *
descent_trajectory_compute (const DescentProblem       *problem,
                            const DescentOptimizerType *type,
                            const DescentRunParams     *params)
{
  g_autoptr(DescentOptimizer) optimizer = NULL;
  DescentTrajectory *self;
  DescentStep current, previous;
  double limit;
  guint64 k;

  g_return_val_if_fail (problem != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (params->iterations <= DESCENT_MAX_ITERATIONS, NULL);

  self = g_new0 (DescentTrajectory, 1);
  self->stride = 1;
  self->next_thinned = DESCENT_TRAJECTORY_FULL_STEPS;
  self->stop_reason = DESCENT_STOP_ITERATIONS;

  optimizer = descent_optimizer_new (type);
  descent_optimizer_set (optimizer, problem, params->theta_start, params->alpha);
  take_state (&current, 0, optimizer);
  append (self, &current);

  if (!step_is_finite (&current))
    {
      self->stop_reason = DESCENT_STOP_DIVERGED;
      return self;
    }

  limit = DIVERGENCE_FACTOR * (current.loss + 1);

  for (k = 1; k <= params->iterations; k++)
    {
      gboolean moved;

      if (descent_test_gradient (current.gradient, params->tolerance))
        {
          self->stop_reason = DESCENT_STOP_CONVERGED;
          break;
        }

      previous = current;
      moved = descent_optimizer_iterate (optimizer);
      take_state (&current, k, optimizer);

      if (G_UNLIKELY (!step_is_finite (&current)))
        {
          /* Report the last step that was still a number. */
          current = previous;
          self->stop_reason = DESCENT_STOP_DIVERGED;
          break;
        }

      self->steps_run = k;
      record (self, &current);

      if (G_UNLIKELY (current.loss > limit))
        {
          self->stop_reason = DESCENT_STOP_DIVERGED;
          break;
        }
      if (G_UNLIKELY (!moved))
        {
          self->stop_reason = DESCENT_STOP_CONVERGED;
          break;
        }
    }

  if (self->steps[self->n_steps - 1].step != current.step)
    append (self, &current);

  return self;
}

void
descent_trajectory_free (DescentTrajectory *self)
{
  if (self == NULL)
    return;

  g_free (self->steps);
  g_free (self);
}

guint
descent_trajectory_get_n_recorded (const DescentTrajectory *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_steps;
}

const DescentStep *
descent_trajectory_get_recorded (const DescentTrajectory *self,
                                 guint                    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_steps, NULL);
  return &self->steps[index];
}

const DescentStep *
descent_trajectory_get_last (const DescentTrajectory *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->steps[self->n_steps - 1];
}

guint64
descent_trajectory_get_steps (const DescentTrajectory *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->steps_run;
}

DescentStopReason
descent_trajectory_get_stop_reason (const DescentTrajectory *self)
{
  g_return_val_if_fail (self != NULL, DESCENT_STOP_ITERATIONS);
  return self->stop_reason;
}

gsize
descent_trajectory_get_memory_size (const DescentTrajectory *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return sizeof *self + (gsize) self->capacity * sizeof (DescentStep);
}

const char *
descent_stop_reason_to_string (DescentStopReason reason)
{
  switch (reason)
    {
    case DESCENT_STOP_ITERATIONS:
      return "iterations";
    case DESCENT_STOP_CONVERGED:
      return "converged";
    case DESCENT_STOP_DIVERGED:
      return "diverged";
    default:
      g_return_val_if_reached ("iterations");
    }
}
