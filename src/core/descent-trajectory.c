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
#include <string.h>

#include "descent-optimizer-private.h"
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

  /* What it was computed from, so that any step can be recomputed exactly: for each
   * step of the thinned part, the method's own state (which may hold more bits than θ). */
  guint8                     *states;
  DescentProblem              problem;
  const DescentOptimizerType *type;
  DescentRunParams            params;
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
    {
      if (self->states != NULL)
        memcpy (self->states + (gsize) (kept - first) * self->type->state_size,
                self->states + (gsize) (i - first) * self->type->state_size,
                self->type->state_size);
      self->steps[kept++] = self->steps[i];
    }
  self->n_steps = kept;
  self->stride *= 2;
  self->next_thinned = self->steps[kept - 1].step + self->stride;
}

static inline void
record (DescentTrajectory      *self,
        const DescentStep      *step,
        const DescentOptimizer *optimizer)
{
  gsize size = self->type->state_size;

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
  if (self->states == NULL && size > 0)
    self->states = g_malloc ((gsize) (THINNED_STEPS + 1) * size);
  if (size > 0)
    memcpy (self->states + (gsize) (self->n_steps - DESCENT_TRAJECTORY_FULL_STEPS) * size,
            optimizer->state, size);
  append (self, step);
  self->next_thinned = step->step + self->stride;
}

static void
take_state (DescentStep            *step,
            guint64                 k,
            const DescentOptimizer *optimizer)
{
  step->step = k;
  step->theta[0] = optimizer->theta[0];
  step->theta[1] = optimizer->theta[1];
  step->loss = optimizer->loss;
  step->gradient[0] = optimizer->gradient[0];
  step->gradient[1] = optimizer->gradient[1];
}

static inline gboolean
step_is_finite (const DescentStep *step)
{
  return isfinite (step->theta[0]) && isfinite (step->theta[1]) && isfinite (step->loss)
         && isfinite (step->gradient[0]) && isfinite (step->gradient[1]);
}

/* Up to n steps, stopping as DescentOptimizerType.iterate_n describes. */
static guint64
iterate_n (DescentOptimizer     *optimizer,
           const DescentProblem *problem,
           double                alpha,
           guint64               n,
           double                limit,
           double                tolerance,
           DescentStep          *current,
           double                before[2])
{
  const DescentOptimizerType *type = optimizer->type;
  guint64 k;

  if (type->iterate_n != NULL)
    return type->iterate_n (optimizer->state, problem, alpha, n, limit, tolerance,
                            current->theta, &current->loss, current->gradient, before);

  for (k = 0; k < n; k++)
    {
      if (tolerance > 0 && descent_test_gradient (current->gradient, tolerance))
        break;
      before[0] = current->theta[0];
      before[1] = current->theta[1];
      type->iterate (optimizer->state, problem, alpha, current->theta, &current->loss,
                     current->gradient);
      if (!(current->loss <= limit)
          || (current->theta[0] == before[0] && current->theta[1] == before[1]))
        return k + 1;
    }

  return k;
}

DescentTrajectory *
descent_trajectory_compute (const DescentProblem       *problem,
                            const DescentOptimizerType *type,
                            const DescentRunParams     *params)
{
  g_autoptr(DescentOptimizer) optimizer = NULL;
  DescentTrajectory *self;
  DescentStep current;
  double before[2] = { 0, 0 };
  double limit, tolerance;
  guint64 k;

  g_return_val_if_fail (problem != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (params->iterations <= DESCENT_MAX_ITERATIONS, NULL);

  self = g_new0 (DescentTrajectory, 1);
  self->stride = 1;
  self->next_thinned = DESCENT_TRAJECTORY_FULL_STEPS;
  self->stop_reason = DESCENT_STOP_ITERATIONS;
  self->problem = *problem;
  self->type = type;
  self->params = *params;

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
  tolerance = params->tolerance;

  /* The caller owns the loop, as with GSL's multimin. Runs of steps that are not kept go
   * to the method's iterate_n, which keeps its state in registers: 10⁸ steps take well
   * under a second. */
  k = 0;
  while (k < params->iterations)
    {
      guint64 wanted, taken;

      wanted = k + 1 < DESCENT_TRAJECTORY_FULL_STEPS ? 1 : self->next_thinned - k;
      wanted = MIN (wanted, params->iterations - k);
      taken = iterate_n (optimizer, problem, params->alpha, wanted, limit, tolerance, &current,
                         before);
      k += taken;
      current.step = k;

      if (taken == 0)
        {
          self->stop_reason = DESCENT_STOP_CONVERGED;
          break;
        }
      if (G_UNLIKELY (!(current.loss <= limit)))
        {
          self->stop_reason = DESCENT_STOP_DIVERGED;
          if (!step_is_finite (&current))
            {
              /* Report the last step that was still a number. */
              current.step = --k;
              current.theta[0] = before[0];
              current.theta[1] = before[1];
              current.loss = descent_problem_evaluate (problem, current.theta, current.gradient);
              self->steps_run = k;
              break;
            }
          self->steps_run = k;
          record (self, &current, optimizer);
          break;
        }

      self->steps_run = k;
      record (self, &current, optimizer);

      if (current.theta[0] == before[0] && current.theta[1] == before[1])
        {
          self->stop_reason = DESCENT_STOP_CONVERGED;
          break;
        }
      if (taken < wanted)
        {
          /* Stopped before a step: the gradient fell within the tolerance. */
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
  g_free (self->states);
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

/* The last recorded step at or before @step. */
guint
descent_trajectory_find (const DescentTrajectory *self,
                         guint64                  step)
{
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, 0);

  hi = self->n_steps;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->steps[mid].step <= step)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* The state after @step, clamped to the steps that were run. Steps that were thinned out
 * are run again from the recorded step before them, with the same arithmetic, so the
 * result is the one the full run went through, bit for bit. */
void
descent_trajectory_get_state (const DescentTrajectory *self,
                              guint64                  step,
                              DescentStep             *state)
{
  g_autoptr(DescentOptimizer) optimizer = NULL;
  const DescentStep *from;
  double before[2];
  guint index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (state != NULL);

  index = descent_trajectory_find (self, step);
  from = &self->steps[index];
  *state = *from;
  if (from->step >= step || from == descent_trajectory_get_last (self))
    return;

  /* Every step of the full part is kept, so @from is in the thinned part. */
  g_assert (index >= DESCENT_TRAJECTORY_FULL_STEPS);
  optimizer = descent_optimizer_new (self->type);
  descent_optimizer_set (optimizer, &self->problem, from->theta, self->params.alpha);
  if (self->type->state_size > 0)
    memcpy (optimizer->state,
            self->states + (gsize) (index - DESCENT_TRAJECTORY_FULL_STEPS) * self->type->state_size,
            self->type->state_size);
  iterate_n (optimizer, &self->problem, self->params.alpha, step - from->step, INFINITY, 0,
             state, before);
  state->step = step;
}

const DescentRunParams *
descent_trajectory_get_params (const DescentTrajectory *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->params;
}

const DescentProblem *
descent_trajectory_get_problem (const DescentTrajectory *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->problem;
}

gsize
descent_trajectory_get_memory_size (const DescentTrajectory *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return sizeof *self + (gsize) self->capacity * sizeof (DescentStep)
         + (self->states != NULL ? (gsize) (THINNED_STEPS + 1) * self->type->state_size : 0);
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
