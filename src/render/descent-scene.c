/* descent-scene.c: everything a painter needs, computed before it paints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scene holds the data, the run and the current step, and what is expensive to derive
 * from them: the contour field (once per data set and start θ) and the density image of
 * large data sets (once per data set and view size). Painters only read it.
 */

#define G_LOG_DOMAIN "descent-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "descent-canvas.h"
#include "descent-scene.h"

#define CONTOUR_CELLS 200

void
descent_density_free (DescentDensity *density)
{
  if (density == NULL)
    return;
  g_clear_pointer (&density->image, cairo_surface_destroy);
  g_free (density->counts);
  g_free (density);
}

/* The data's bounding box with a margin, so no point sits on the frame. */
static void
compute_data_range (DescentScene *self)
{
  const DescentStatistics *stats = &self->problem->stats;
  double spread[2] = { stats->max_x - stats->min_x, stats->max_y - stats->min_y };
  double low[2] = { stats->min_x, stats->min_y }, high[2] = { stats->max_x, stats->max_y };

  for (int axis = 0; axis < 2; axis++)
    {
      double pad = spread[axis] * 0.06;

      if (!(pad > 0))
        pad = MAX (fabs (low[axis]) * 0.1, 1);
      self->data_range[2 * axis] = low[axis] - pad;
      self->data_range[2 * axis + 1] = high[axis] + pad;
    }
}

static void
compute_history_range (DescentScene *self)
{
  guint n = descent_trajectory_get_n_recorded (self->trajectory);
  double lo = INFINITY, hi = 0;

  for (guint i = 0; i < n; i++)
    {
      double loss = descent_trajectory_get_recorded (self->trajectory, i)->loss;

      if (loss > 0 && isfinite (loss))
        {
          lo = MIN (lo, loss);
          hi = MAX (hi, loss);
        }
    }
  if (self->problem->loss_star > 0)
    {
      lo = MIN (lo, self->problem->loss_star);
      hi = MAX (hi, self->problem->loss_star);
    }
  if (!isfinite (lo))
    lo = hi = 1;
  if (hi <= lo * 1.0001)
    {
      lo /= 10;
      hi *= 10;
    }
  self->history_range[0] = lo;
  self->history_range[1] = hi;
}

static void
compute_contours (DescentScene *self)
{
  double frame[4];

  descent_contours_frame (self->problem, self->params->theta_start, frame);
  g_clear_pointer (&self->contours, descent_contours_free);
  self->contours = descent_contours_compute (self->problem, frame, CONTOUR_CELLS,
                                             CONTOUR_CELLS);
  self->contours_serial++;
}

DescentScene *
descent_scene_new (DescentDataset    *dataset,
                   DescentTrajectory *trajectory)
{
  DescentScene *self;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (trajectory != NULL, NULL);

  self = g_new0 (DescentScene, 1);
  self->cache = g_new0 (DescentSceneCache, 1);
  self->dataset = descent_dataset_ref (dataset);
  self->theme = DESCENT_THEME_LIGHT;
  self->show_residuals = descent_dataset_get_n_rows (dataset) <= DESCENT_SCENE_RESIDUAL_POINTS;
  self->show_least_squares = TRUE;
  descent_scene_set_trajectory (self, trajectory);
  return self;
}

void
descent_scene_free (DescentScene *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->dataset, descent_dataset_unref);
  g_clear_pointer (&self->trajectory, descent_trajectory_free);
  g_clear_pointer (&self->contours, descent_contours_free);
  if (self->cache != NULL)
    {
      g_clear_pointer (&self->cache->field, cairo_surface_destroy);
      g_clear_pointer (&self->cache->data_layer, cairo_surface_destroy);
      g_clear_pointer (&self->cache->density, descent_density_free);
      g_clear_pointer (&self->cache->text, descent_text_cache_free);
    }
  g_free (self->cache);
  g_free (self);
}

/* Takes @trajectory. The contours are kept when the start θ and the data are the same. */
void
descent_scene_set_trajectory (DescentScene      *self,
                              DescentTrajectory *trajectory)
{
  const DescentRunParams *params;
  const DescentProblem *problem;
  gboolean same_field;

  g_return_if_fail (self != NULL);
  g_return_if_fail (trajectory != NULL);

  params = descent_trajectory_get_params (trajectory);
  problem = descent_trajectory_get_problem (trajectory);
  same_field = self->trajectory != NULL && self->contours != NULL
               && memcmp (params->theta_start, self->params->theta_start,
                          sizeof params->theta_start) == 0
               && memcmp (problem, self->problem, sizeof *problem) == 0;

  g_clear_pointer (&self->trajectory, descent_trajectory_free);
  self->trajectory = trajectory;
  self->problem = problem;
  self->params = params;

  compute_data_range (self);
  compute_history_range (self);
  if (!same_field)
    compute_contours (self);
  descent_scene_set_step (self, descent_trajectory_get_last (trajectory)->step);
}

void
descent_scene_set_step (DescentScene *self,
                        guint64       step)
{
  g_return_if_fail (self != NULL);

  step = MIN (step, descent_scene_get_n_steps (self));
  self->step = step;
  self->state_index = descent_trajectory_find (self->trajectory, step);
  descent_trajectory_get_state (self->trajectory, step, &self->state);
}

/* The steps the run took; the path ends there. */
guint64
descent_scene_get_n_steps (const DescentScene *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return descent_trajectory_get_last (self->trajectory)->step;
}

/* Counts on a log scale through viridis, so a lone point still shows next to a
 * thousand stacked ones. Dense is dark on a light panel and bright on a dark one. */
static cairo_surface_t *
density_image (const DescentDensity *density,
               DescentTheme          theme)
{
  cairo_surface_t *image;
  guint32 lookup[256], by_count[1024];
  double scale = 255.0 / log1p (MAX (density->max_count, 1));
  guint8 *data;
  int stride;

  for (guint i = 0; i < 256; i++)
    {
      DescentColor color;

      double t = i / 255.0;

      descent_colormap (theme == DESCENT_THEME_DARK ? 0.15 + 0.85 * t : 0.85 * (1 - t), &color);
      lookup[i] = 0xff000000u | (guint32) (color.r * 255 + 0.5) << 16
                  | (guint32) (color.g * 255 + 0.5) << 8 | (guint32) (color.b * 255 + 0.5);
    }

  /* Most pixels hold a few points: their colours once, not a logarithm per pixel. */
  for (guint i = 1; i < G_N_ELEMENTS (by_count); i++)
    by_count[i] = lookup[MIN ((guint) (log1p (i) * scale + 0.5), 255)];

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, density->width, density->height);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    return image;
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (guint v = 0; v < density->height; v++)
    {
      guint32 *row = (guint32 *) (data + (gsize) v * stride);
      const guint32 *counts = density->counts + (gsize) v * density->width;

      for (guint u = 0; u < density->width; u++)
        {
          guint32 count = counts[u];

          if (count == 0)
            row[u] = 0;
          else if (count < G_N_ELEMENTS (by_count))
            row[u] = by_count[count];
          else
            row[u] = lookup[(guint) (log1p (count) * scale + 0.5)];
        }
    }
  cairo_surface_mark_dirty (image);
  return image;
}

/* Bins the points into a @width × @height image of the data range, top row first, for
 * data sets too large to draw point by point. */
DescentDensity *
descent_density_new (const DescentScene *scene,
                     guint               width,
                     guint               height)
{
  gsize n = descent_dataset_get_n_rows (scene->dataset);
  const double *x = descent_dataset_get_x (scene->dataset);
  const double *y = descent_dataset_get_y (scene->dataset);
  DescentDensity *density;
  double sx, sy;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0 && width <= 16384 && height <= 16384, NULL);

  density = g_new0 (DescentDensity, 1);
  density->width = width;
  density->height = height;
  density->counts = g_new0 (guint32, (gsize) width * height);
  sx = width / (scene->data_range[1] - scene->data_range[0]);
  sy = height / (scene->data_range[3] - scene->data_range[2]);

  {
    const double x0 = scene->data_range[0], y1 = scene->data_range[3];
    guint32 *counts = density->counts;

    for (gsize i = 0; i < n; i++)
      {
        double u = (x[i] - x0) * sx;
        double v = (y1 - y[i]) * sy;

        /* Points outside the range (none, by construction) and NaN fail the test. */
        if (G_LIKELY (u >= 0 && u < width && v >= 0 && v < height))
          counts[(gsize) v * width + (gsize) u]++;
      }
  }
  for (gsize i = 0; i < (gsize) width * height; i++)
    density->max_count = MAX (density->max_count, density->counts[i]);
  density->theme = scene->theme;
  density->image = density_image (density, scene->theme);
  return density;
}
