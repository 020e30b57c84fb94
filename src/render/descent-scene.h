/* descent-scene.h: everything a painter needs, computed before it paints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "core/descent-dataset.h"
#include "core/descent-problem.h"
#include "core/descent-trajectory.h"
#include "descent-contours.h"
#include "descent-palette.h"

G_BEGIN_DECLS

typedef enum {
  DESCENT_VIEW_ALL,
  DESCENT_VIEW_DATA,
  DESCENT_VIEW_CONTOUR,
  DESCENT_VIEW_HISTORY,
} DescentView;

/* Above this many points the data view draws their density instead of markers. */
#define DESCENT_SCENE_DENSITY_POINTS 20000
/* Up to this many points the residuals are drawn by default. */
#define DESCENT_SCENE_RESIDUAL_POINTS 200

typedef struct _DescentScene DescentScene;

typedef struct {
  guint            width, height;  /* bins across and up */
  guint32          max_count;
  guint32         *counts;         /* row 0 at the top */
  cairo_surface_t *image;          /* the counts in colour, transparent where empty */
  DescentTheme     theme;
} DescentDensity;

DescentDensity *descent_density_new  (const DescentScene *scene,
                                      guint               width,
                                      guint               height);
void            descent_density_free (DescentDensity     *density);

/* What painters keep between frames; a scene's model does not change when they write it. */
typedef struct {
  cairo_surface_t *field;        /* the contour plot's bands and lines */
  int              field_width;
  int              field_height;
  DescentTheme     field_theme;
  guint            field_serial;
  double           field_unit;
  DescentDensity  *density;      /* the data plot's points, binned per pixel */
  cairo_surface_t *data_layer;   /* the data plot's axes, points and least-squares line */
  int              data_layer_width;
  int              data_layer_height;
  cairo_matrix_t   data_layer_matrix;
  DescentTheme     data_layer_theme;
  double           data_layer_text;
  gboolean         data_layer_least_squares;
  struct _DescentTextCache *text;
} DescentSceneCache;

struct _DescentScene {
  /* The model: set through the functions below. */
  DescentDataset          *dataset;
  DescentTrajectory       *trajectory;
  const DescentProblem    *problem;      /* the trajectory's */
  const DescentRunParams  *params;       /* the trajectory's */
  guint64                  step;         /* the current step */
  DescentStep              state;        /* the state after it */
  guint                    state_index;  /* the last recorded step at or before it */

  /* What to show: set directly. */
  DescentTheme             theme;
  gboolean                 show_residuals;
  gboolean                 show_least_squares;
  double                   text_size;    /* pixels; 0 follows the figure's size */

  /* Derived. */
  double                   data_range[4];   /* x from, to; y from, to */
  DescentContours         *contours;
  guint                    contours_serial;  /* changes with the contours */
  DescentSceneCache       *cache;
  double                   history_range[2];  /* the smallest positive and largest J */
};

DescentScene *descent_scene_new            (DescentDataset       *dataset,
                                            DescentTrajectory    *trajectory);
void          descent_scene_free           (DescentScene         *self);
void          descent_scene_set_trajectory (DescentScene         *self,
                                            DescentTrajectory    *trajectory);
void          descent_scene_set_step       (DescentScene         *self,
                                            guint64               step);
guint64       descent_scene_get_n_steps    (const DescentScene   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DescentScene, descent_scene_free)

G_END_DECLS
