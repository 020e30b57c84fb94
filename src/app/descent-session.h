/* descent-session.h: the data, the run and the current step the window shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "core/descent-dataset.h"
#include "core/descent-problem.h"
#include "render/descent-scene.h"

G_BEGIN_DECLS

#define DESCENT_TYPE_DATASET (descent_dataset_get_type ())
GType descent_dataset_get_type (void) G_GNUC_CONST;

#define DESCENT_TYPE_SESSION (descent_session_get_type ())
G_DECLARE_FINAL_TYPE (DescentSession, descent_session, DESCENT, SESSION, GObject)

#define DESCENT_SESSION_MIN_ALPHA      1e-6
#define DESCENT_SESSION_MAX_ALPHA      10.0
#define DESCENT_SESSION_MAX_ITERATIONS 100000

DescentSession *descent_session_new            (void);
DescentScene   *descent_session_get_scene      (DescentSession *self);
DescentDataset *descent_session_get_dataset    (DescentSession *self);
void            descent_session_set_dataset    (DescentSession *self,
                                                DescentDataset *dataset);
void            descent_session_set_data       (DescentSession       *self,
                                                DescentDataset       *dataset,
                                                const DescentProblem *problem);
double          descent_session_get_alpha      (DescentSession *self);
void            descent_session_set_alpha      (DescentSession *self,
                                                double          alpha);
guint           descent_session_get_iterations (DescentSession *self);
void            descent_session_set_iterations (DescentSession *self,
                                                guint           iterations);
void            descent_session_set_start      (DescentSession *self,
                                                double          theta0,
                                                double          theta1);
guint64         descent_session_get_step       (DescentSession *self);
void            descent_session_set_step       (DescentSession *self,
                                                guint64         step);
guint64         descent_session_get_n_steps    (DescentSession *self);
gboolean        descent_session_get_playing    (DescentSession *self);
void            descent_session_set_playing    (DescentSession *self,
                                                gboolean        playing);
double          descent_session_get_speed      (DescentSession *self);
void            descent_session_set_speed      (DescentSession *self,
                                                double          speed);
void            descent_session_advance        (DescentSession *self,
                                                double          seconds);
char           *descent_session_describe       (DescentSession *self);

G_END_DECLS
