/* descent-session.c: the data, the run and the current step the window shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change of α, the iterations, the start or the data recomputes the trajectory at
 * once, in the same frame: full-batch steps cost O(1) each. The views redraw on
 * ::changed. Playing moves the step on by speed × elapsed time, driven by the caller's
 * frame clock.
 */

#define G_LOG_DOMAIN "descent-session"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "core/descent-problem.h"
#include "core/descent-statistics.h"
#include "descent-session.h"
#include "render/descent-ticks.h"

G_DEFINE_BOXED_TYPE (DescentDataset, descent_dataset, descent_dataset_ref, descent_dataset_unref)

struct _DescentSession {
  GObject            parent_instance;

  DescentDataset    *dataset;
  DescentProblem     problem;
  DescentRunParams   params;
  DescentScene      *scene;
  gboolean           playing;
  double             speed;
  double             position;   /* the step while playing, with its fraction */
};

G_DEFINE_FINAL_TYPE (DescentSession, descent_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_ALPHA,
  PROP_ITERATIONS,
  PROP_STEP,
  PROP_N_STEPS,
  PROP_ALPHA_CRITICAL,
  PROP_PLAYING,
  PROP_SPEED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
recompute (DescentSession *self,
           gboolean        keep_step)
{
  guint64 step = self->scene != NULL ? self->scene->step : 0;
  guint64 old_steps = self->scene != NULL ? descent_scene_get_n_steps (self->scene) : 0;
  DescentTrajectory *trajectory;

  trajectory = descent_trajectory_compute (&self->problem, descent_optimizer_gradient_descent,
                                           &self->params);
  if (self->scene == NULL)
    self->scene = descent_scene_new (self->dataset, trajectory);
  else
    descent_scene_set_trajectory (self->scene, trajectory);

  /* Changing α or the start while looking at step k keeps step k in view; a new run that
   * was showing its end shows the new end. */
  if (keep_step && step < old_steps)
    descent_scene_set_step (self->scene, step);
  self->position = self->scene->step;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STEPS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
descent_session_finalize (GObject *object)
{
  DescentSession *self = DESCENT_SESSION (object);

  g_clear_pointer (&self->scene, descent_scene_free);
  g_clear_pointer (&self->dataset, descent_dataset_unref);

  G_OBJECT_CLASS (descent_session_parent_class)->finalize (object);
}

static void
descent_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DescentSession *self = DESCENT_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_boxed (value, self->dataset);
      break;
    case PROP_ALPHA:
      g_value_set_double (value, self->params.alpha);
      break;
    case PROP_ITERATIONS:
      g_value_set_uint (value, (guint) self->params.iterations);
      break;
    case PROP_STEP:
      g_value_set_uint64 (value, self->scene->step);
      break;
    case PROP_N_STEPS:
      g_value_set_uint64 (value, descent_scene_get_n_steps (self->scene));
      break;
    case PROP_ALPHA_CRITICAL:
      g_value_set_double (value, self->problem.alpha_critical);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
descent_session_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DescentSession *self = DESCENT_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      descent_session_set_dataset (self, g_value_get_boxed (value));
      break;
    case PROP_ALPHA:
      descent_session_set_alpha (self, g_value_get_double (value));
      break;
    case PROP_ITERATIONS:
      descent_session_set_iterations (self, g_value_get_uint (value));
      break;
    case PROP_STEP:
      descent_session_set_step (self, g_value_get_uint64 (value));
      break;
    case PROP_PLAYING:
      descent_session_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      descent_session_set_speed (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
descent_session_class_init (DescentSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = descent_session_finalize;
  object_class->get_property = descent_session_get_property;
  object_class->set_property = descent_session_set_property;

  properties[PROP_DATASET] =
    g_param_spec_boxed ("dataset", NULL, NULL, DESCENT_TYPE_DATASET,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALPHA] =
    g_param_spec_double ("alpha", NULL, NULL, DESCENT_SESSION_MIN_ALPHA,
                         DESCENT_SESSION_MAX_ALPHA, 0.01,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITERATIONS] =
    g_param_spec_uint ("iterations", NULL, NULL, 1, DESCENT_SESSION_MAX_ITERATIONS, 1000,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP] =
    g_param_spec_uint64 ("step", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_STEPS] =
    g_param_spec_uint64 ("n-steps", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALPHA_CRITICAL] =
    g_param_spec_double ("alpha-critical", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 1, 10000, 60,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
descent_session_init (DescentSession *self)
{
  g_autoptr(DescentDataset) builtin = descent_dataset_new_builtin ();
  DescentRunParams params = DESCENT_RUN_PARAMS_INIT;

  self->params = params;
  self->speed = 60;
  descent_session_set_dataset (self, builtin);
}

DescentSession *
descent_session_new (void)
{
  return g_object_new (DESCENT_TYPE_SESSION, NULL);
}

DescentScene *
descent_session_get_scene (DescentSession *self)
{
  g_return_val_if_fail (DESCENT_IS_SESSION (self), NULL);
  return self->scene;
}

DescentDataset *
descent_session_get_dataset (DescentSession *self)
{
  g_return_val_if_fail (DESCENT_IS_SESSION (self), NULL);
  return self->dataset;
}

/* The data must have a spread in x (the loader makes sure of it). The start goes back
 * to θ = (0, 0) and the step to the end of the new run. */
void
descent_session_set_dataset (DescentSession *self,
                             DescentDataset *dataset)
{
  DescentStatistics stats;
  DescentProblem problem;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DESCENT_IS_SESSION (self));
  g_return_if_fail (dataset != NULL);

  if (dataset == self->dataset)
    return;

  descent_statistics_compute (&stats, descent_dataset_get_x (dataset),
                              descent_dataset_get_y (dataset),
                              descent_dataset_get_n_rows (dataset));
  if (!descent_problem_init (&problem, &stats, &error))
    {
      g_warning ("Cannot fit this data set: %s", error->message);
      return;
    }
  descent_session_set_data (self, dataset, &problem);
}

/* The same, with the problem already worked out (on a loader's thread: the statistics
 * of millions of rows take longer than a frame). */
void
descent_session_set_data (DescentSession       *self,
                          DescentDataset       *dataset,
                          const DescentProblem *problem)
{
  g_return_if_fail (DESCENT_IS_SESSION (self));
  g_return_if_fail (dataset != NULL);
  g_return_if_fail (problem != NULL);

  if (dataset == self->dataset)
    return;

  g_clear_pointer (&self->dataset, descent_dataset_unref);
  self->dataset = descent_dataset_ref (dataset);
  self->problem = *problem;
  self->params.theta_start[0] = 0;
  self->params.theta_start[1] = 0;

  /* The scene holds the data set, so a new one means a new scene. */
  g_clear_pointer (&self->scene, descent_scene_free);
  recompute (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALPHA_CRITICAL]);
}

double
descent_session_get_alpha (DescentSession *self)
{
  g_return_val_if_fail (DESCENT_IS_SESSION (self), 0);
  return self->params.alpha;
}

void
descent_session_set_alpha (DescentSession *self,
                           double          alpha)
{
  g_return_if_fail (DESCENT_IS_SESSION (self));

  alpha = CLAMP (alpha, DESCENT_SESSION_MIN_ALPHA, DESCENT_SESSION_MAX_ALPHA);
  if (alpha == self->params.alpha)
    return;
  self->params.alpha = alpha;
  recompute (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALPHA]);
}

guint
descent_session_get_iterations (DescentSession *self)
{
  g_return_val_if_fail (DESCENT_IS_SESSION (self), 0);
  return (guint) self->params.iterations;
}

void
descent_session_set_iterations (DescentSession *self,
                                guint           iterations)
{
  g_return_if_fail (DESCENT_IS_SESSION (self));

  iterations = CLAMP (iterations, 1, DESCENT_SESSION_MAX_ITERATIONS);
  if (iterations == self->params.iterations)
    return;
  self->params.iterations = iterations;
  recompute (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITERATIONS]);
}

void
descent_session_set_start (DescentSession *self,
                           double          theta0,
                           double          theta1)
{
  g_return_if_fail (DESCENT_IS_SESSION (self));

  if (!isfinite (theta0) || !isfinite (theta1)
      || (theta0 == self->params.theta_start[0] && theta1 == self->params.theta_start[1]))
    return;
  self->params.theta_start[0] = theta0;
  self->params.theta_start[1] = theta1;
  recompute (self, TRUE);
}

guint64
descent_session_get_step (DescentSession *self)
{
  g_return_val_if_fail (DESCENT_IS_SESSION (self), 0);
  return self->scene->step;
}

void
descent_session_set_step (DescentSession *self,
                          guint64         step)
{
  g_return_if_fail (DESCENT_IS_SESSION (self));

  step = MIN (step, descent_scene_get_n_steps (self->scene));
  self->position = step;
  if (step == self->scene->step)
    return;
  descent_scene_set_step (self->scene, step);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
  g_signal_emit (self, signals[CHANGED], 0);
}

guint64
descent_session_get_n_steps (DescentSession *self)
{
  g_return_val_if_fail (DESCENT_IS_SESSION (self), 0);
  return descent_scene_get_n_steps (self->scene);
}

gboolean
descent_session_get_playing (DescentSession *self)
{
  g_return_val_if_fail (DESCENT_IS_SESSION (self), FALSE);
  return self->playing;
}

/* Playing from the end starts again from step 0. */
void
descent_session_set_playing (DescentSession *self,
                             gboolean        playing)
{
  g_return_if_fail (DESCENT_IS_SESSION (self));

  playing = !!playing;
  if (playing == self->playing)
    return;
  self->playing = playing;
  if (playing && self->scene->step >= descent_scene_get_n_steps (self->scene))
    descent_session_set_step (self, 0);
  self->position = self->scene->step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

double
descent_session_get_speed (DescentSession *self)
{
  g_return_val_if_fail (DESCENT_IS_SESSION (self), 0);
  return self->speed;
}

void
descent_session_set_speed (DescentSession *self,
                           double          speed)
{
  g_return_if_fail (DESCENT_IS_SESSION (self));

  speed = CLAMP (speed, 1, 10000);
  if (speed == self->speed)
    return;
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

/* Moves the step on by speed × @seconds while playing; stops at the end. */
void
descent_session_advance (DescentSession *self,
                         double          seconds)
{
  guint64 last;

  g_return_if_fail (DESCENT_IS_SESSION (self));

  if (!self->playing || !(seconds > 0))
    return;
  last = descent_scene_get_n_steps (self->scene);
  self->position = MIN (self->position + self->speed * seconds, (double) last);
  descent_session_set_step (self, (guint64) self->position);
  self->position = MAX (self->position, (double) self->scene->step);
  if (self->scene->step >= last)
    descent_session_set_playing (self, FALSE);
}

/* The state in words, for the status line and screen readers. */
char *
descent_session_describe (DescentSession *self)
{
  const DescentStep *state = &self->scene->state;
  g_autofree char *theta0 = descent_format_value (state->theta[0], 4);
  g_autofree char *theta1 = descent_format_value (state->theta[1], 4);
  g_autofree char *loss = descent_format_value (state->loss, 4);
  g_autofree char *gradient = descent_format_value (hypot (state->gradient[0],
                                                           state->gradient[1]), 3);
  g_autofree char *critical = descent_format_value (self->problem.alpha_critical, 4);
  g_autofree char *step = g_strdup_printf ("%" G_GUINT64_FORMAT, state->step);
  g_autofree char *steps = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                            descent_scene_get_n_steps (self->scene));

  GString *text;

  /* Translators: the status line; the numbers are already formatted. */
  text = g_string_new (NULL);
  g_string_printf (text, _("Step %s / %s   θ₀ = %s   θ₁ = %s   J = %s   ‖∇J‖ = %s   "
                           "α_crit = %s"),
                   step, steps, theta0, theta1, loss, gradient, critical);
  /* A narrow window wraps the line between its items, never inside one. */
  g_string_replace (text, " = ", "\u00a0=\u00a0", 0);
  g_string_replace (text, " / ", "\u00a0/\u00a0", 0);
  return g_string_free (text, FALSE);
}
