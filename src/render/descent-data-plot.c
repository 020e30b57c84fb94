/* descent-data-plot.c: the points, the fitted line and its residuals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "descent-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "descent-plots.h"

/* The line θ0 + θ1·x across the whole view, cut to the plot in doubles first. */
static void
line_path (const DescentAxes *axes,
           cairo_t           *cr,
           const double       theta[2])
{
  double p[2], q[2];

  p[0] = axes->x;
  p[1] = descent_axes_map_y (axes, theta[0] + theta[1] * axes->range[0]);
  q[0] = axes->x + axes->width;
  q[1] = descent_axes_map_y (axes, theta[0] + theta[1] * axes->range[1]);
  descent_axes_add_segment (axes, cr, 4, p, q);
}

/* Many points as their density: binned once per size of the plot, in device pixels, and
 * copied pixel for pixel after that. */
static void
paint_density (DescentCanvas      *canvas,
               const DescentAxes  *axes,
               const DescentScene *scene)
{
  DescentSceneCache *cache = scene->cache;
  cairo_t *cr = canvas->cr;
  int w, h;
  guint width, height;

  descent_axes_device_size (axes, cr, &w, &h);
  width = CLAMP (w, 1, 4096);
  height = CLAMP (h, 1, 4096);

  if (cache->density == NULL || cache->density->width != width
      || cache->density->height != height || cache->density->theme != scene->theme)
    {
      g_clear_pointer (&cache->density, descent_density_free);
      cache->density = descent_density_new (scene, width, height);
    }
  if (cache->density->image == NULL
      || cairo_surface_status (cache->density->image) != CAIRO_STATUS_SUCCESS)
    return;

  descent_axes_paint_image (axes, cr, cache->density->image);
}

static void
paint_points (DescentCanvas      *canvas,
              const DescentAxes  *axes,
              const DescentScene *scene)
{
  cairo_t *cr = canvas->cr;
  gsize n = descent_dataset_get_n_rows (scene->dataset);
  const double *x = descent_dataset_get_x (scene->dataset);
  const double *y = descent_dataset_get_y (scene->dataset);
  /* A handful of points should read from the back of a classroom. */
  double radius = canvas->unit * (n <= 50 ? 5.5 : n <= 200 ? 4.2 : n <= 2000 ? 3 : 2);

  if (n > DESCENT_SCENE_DENSITY_POINTS)
    {
      paint_density (canvas, axes, scene);
      return;
    }

  for (gsize i = 0; i < n; i++)
    {
      double px = descent_axes_map_x (axes, x[i]), py = descent_axes_map_y (axes, y[i]);

      cairo_new_sub_path (cr);
      cairo_arc (cr, px, py, radius, 0, 2 * G_PI);
    }
  descent_set_color (cr, &canvas->palette->points, n <= 2000 ? 0.85 : 0.6);
  if (n <= 200)
    {
      cairo_fill_preserve (cr);
      descent_canvas_stroke (canvas, &canvas->palette->panel, 1, 1);
    }
  else
    cairo_fill (cr);
}

static void
paint_residuals (DescentCanvas      *canvas,
                 const DescentAxes  *axes,
                 const DescentScene *scene)
{
  cairo_t *cr = canvas->cr;
  gsize n = descent_dataset_get_n_rows (scene->dataset);
  const double *x = descent_dataset_get_x (scene->dataset);
  const double *y = descent_dataset_get_y (scene->dataset);
  const double *theta = scene->state.theta;

  for (gsize i = 0; i < n; i++)
    {
      double p[2] = { descent_axes_map_x (axes, x[i]), descent_axes_map_y (axes, y[i]) };
      double q[2] = { p[0], descent_axes_map_y (axes, theta[0] + theta[1] * x[i]) };

      descent_axes_add_segment (axes, cr, 2, p, q);
    }
  descent_canvas_stroke (canvas, &canvas->palette->residual, 0.55, 1.2);
}

/* One line of a key: a sample of the line, then its name. */
static void
legend_entry (DescentCanvas      *canvas,
              double              x,
              double              y,
              const DescentColor *color,
              double              alpha,
              double              width,
              gboolean            dashed,
              const char         *label)
{
  double sample = canvas->text_size * 1.8;

  cairo_move_to (canvas->cr, x, y);
  cairo_line_to (canvas->cr, x + sample, y);
  if (dashed)
    descent_canvas_stroke_dash (canvas, color, alpha, width, 6, 4);
  else
    descent_canvas_stroke (canvas, color, alpha, width);
  descent_set_color (canvas->cr, &canvas->palette->foreground, 1);
  descent_canvas_text_halo (canvas, DESCENT_TEXT_SMALL, label,
                            x + sample + canvas->text_size * 0.4, y, 0, 0.5,
                            &canvas->palette->panel);
}

/* How many points (sampled, for large data) and how much of the lines a key at (x, y)
 * would cover. */
static double
legend_cost (const DescentAxes  *axes,
             const DescentScene *scene,
             double              x,
             double              y,
             double              width,
             double              height)
{
  gsize n = descent_dataset_get_n_rows (scene->dataset);
  gsize stride = MAX (1, n / 5000);
  const double *xs = descent_dataset_get_x (scene->dataset);
  const double *ys = descent_dataset_get_y (scene->dataset);
  const double *lines[] = { scene->state.theta, scene->problem->theta_star };
  double cost = 0;

  for (gsize i = 0; i < n; i += stride)
    {
      double px = descent_axes_map_x (axes, xs[i]), py = descent_axes_map_y (axes, ys[i]);

      if (px >= x && px <= x + width && py >= y && py <= y + height)
        cost += 10.0 * stride;
    }
  for (guint k = 0; k < G_N_ELEMENTS (lines); k++)
    {
      double p[2], q[2];

      p[0] = axes->x;
      p[1] = descent_axes_map_y (axes, lines[k][0] + lines[k][1] * axes->range[0]);
      q[0] = axes->x + axes->width;
      q[1] = descent_axes_map_y (axes, lines[k][0] + lines[k][1] * axes->range[1]);
      if (descent_clip_segment (x, y, width, height, p, q))
        cost += hypot (q[0] - p[0], q[1] - p[1]);
    }
  return cost;
}

/* A small key in the corner where it covers the fewest points: what the lines are. */
static void
paint_legend (DescentCanvas      *canvas,
              const DescentAxes  *axes,
              const DescentScene *scene)
{
  const DescentPalette *palette = canvas->palette;
  double size = canvas->text_size, best = G_MAXDOUBLE, x = 0, y = 0;
  double width = size * 1.8 + size * 0.4, height = size * (scene->show_least_squares ? 2.35 : 1);
  const char *labels[] = { _("fitted line"), _("least squares") };

  if (axes->width < size * 16 || axes->height < size * 10)
    return;

  {
    double widest = 0;

    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      {
        double w;
        descent_canvas_measure (canvas, DESCENT_TEXT_SMALL, labels[i], &w, NULL);
        widest = MAX (widest, w);
      }
    width += widest;
  }

  /* Top left first, as people read. */
  for (int corner = 0; corner < 4; corner++)
    {
      double cx = corner % 2 == 0 ? axes->x + size * 0.8 : axes->x + axes->width - size * 0.8 - width;
      double cy = corner < 2 ? axes->y + size * 0.9 : axes->y + axes->height - size * 0.9 - height;
      double cost = legend_cost (axes, scene, cx, cy - size * 0.5, width, height + size * 0.5);

      if (cost < best - 1e-9)
        {
          best = cost;
          x = cx;
          y = cy + size * 0.6;
        }
    }

  legend_entry (canvas, x, y, &palette->line, 1, 2.5, FALSE, labels[0]);
  if (scene->show_least_squares)
    legend_entry (canvas, x, y + size * 1.35, &palette->reference, 0.7, 1.5, TRUE, labels[1]);
}

/* What does not move while α, the start or the step change: the axes, the points and the
 * least-squares line. */
static void
paint_static (DescentCanvas      *canvas,
              const DescentAxes  *axes,
              const DescentScene *scene,
              const char         *title,
              const char         *x_title,
              const char         *y_title)
{
  cairo_t *cr = canvas->cr;

  descent_axes_paint (axes, canvas, title, x_title, y_title);
  cairo_save (cr);
  descent_axes_clip (axes, cr);
  paint_points (canvas, axes, scene);
  if (scene->show_least_squares)
    {
      line_path (axes, cr, scene->problem->theta_star);
      descent_canvas_stroke_dash (canvas, &canvas->palette->reference, 0.7, 1.5, 6, 4);
    }
  cairo_restore (cr);
}

/* On an image, the static part is drawn once per panel size into the scene's cache and
 * copied from there: twenty thousand markers cost more than a frame. */
static void
paint_static_layer (DescentCanvas      *canvas,
                    const DescentAxes  *axes,
                    const DescentScene *scene,
                    double              x,
                    double              y,
                    double              width,
                    double              height,
                    const char         *title,
                    const char         *x_title,
                    const char         *y_title)
{
  DescentSceneCache *cache = scene->cache;
  cairo_t *cr = canvas->cr;
  double x0 = x, y0 = y, x1 = x + width, y1 = y + height;
  cairo_matrix_t matrix;
  double sx, sy;
  int left, top, w, h;

  /* The panel in whole pixels of the target (cairo's device units times its device
   * scale); the layer is drawn with the target's whole transform to those pixels,
   * shifted, so it lands exactly where direct drawing would. */
  if (cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE)
    {
      paint_static (canvas, axes, scene, title, x_title, y_title);
      return;
    }
  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  cairo_user_to_device (cr, &x0, &y0);
  cairo_user_to_device (cr, &x1, &y1);
  left = (int) floor (MIN (x0, x1) * sx);
  top = (int) floor (MIN (y0, y1) * sy);
  w = (int) ceil (MAX (x0, x1) * sx) - left;
  h = (int) ceil (MAX (y0, y1) * sy) - top;
  {
    double ox = 0, oy = 0, ux = 1, uy = 0, vx = 0, vy = 1;

    cairo_user_to_device (cr, &ox, &oy);
    cairo_user_to_device (cr, &ux, &uy);
    cairo_user_to_device (cr, &vx, &vy);
    cairo_matrix_init (&matrix, sx * (ux - ox), sy * (uy - oy), sx * (vx - ox), sy * (vy - oy),
                       sx * ox - left, sy * oy - top);
  }
  if (matrix.xy != 0 || matrix.yx != 0 || w < 1 || h < 1 || w > 8192 || h > 8192)
    {
      paint_static (canvas, axes, scene, title, x_title, y_title);
      return;
    }

  if (cache->data_layer == NULL || cache->data_layer_width != w || cache->data_layer_height != h
      || memcmp (&cache->data_layer_matrix, &matrix, sizeof matrix) != 0
      || cache->data_layer_theme != scene->theme || cache->data_layer_text != canvas->text_size
      || cache->data_layer_least_squares != scene->show_least_squares)
    {
      DescentCanvas layer = *canvas;
      cairo_t *layer_cr;

      g_clear_pointer (&cache->data_layer, cairo_surface_destroy);
      cache->data_layer = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
      layer_cr = cairo_create (cache->data_layer);
      descent_set_color (layer_cr, &canvas->palette->background, 1);
      cairo_paint (layer_cr);
      cairo_set_matrix (layer_cr, &matrix);
      layer.cr = layer_cr;
      paint_static (&layer, axes, scene, title, x_title, y_title);
      cairo_destroy (layer_cr);
      /* From now on it is copied in the target's units. */
      cairo_surface_set_device_scale (cache->data_layer, sx, sy);
      cache->data_layer_width = w;
      cache->data_layer_height = h;
      cache->data_layer_matrix = matrix;
      cache->data_layer_theme = scene->theme;
      cache->data_layer_text = canvas->text_size;
      cache->data_layer_least_squares = scene->show_least_squares;
    }

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_surface (cr, cache->data_layer, left / sx, top / sy);
  cairo_rectangle (cr, left / sx, top / sy, w / sx, h / sy);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
descent_data_plot_paint (DescentCanvas      *canvas,
                         double              x,
                         double              y,
                         double              width,
                         double              height,
                         const DescentScene *scene,
                         DescentAxes        *axes)
{
  const DescentPalette *palette = canvas->palette;
  const char *title = _("Data and fitted line");
  const char *x_title = descent_dataset_get_x_name (scene->dataset);
  const char *y_title = descent_dataset_get_y_name (scene->dataset);
  cairo_t *cr = canvas->cr;

  descent_axes_layout (axes, canvas, x, y, width, height, scene->data_range, FALSE, title,
                       x_title, y_title);
  paint_static_layer (canvas, axes, scene, x, y, width, height, title, x_title, y_title);

  cairo_save (cr);
  descent_axes_clip (axes, cr);

  /* Residuals go under the points: with them on (few points), the points again. */
  if (scene->show_residuals
      && descent_dataset_get_n_rows (scene->dataset) <= DESCENT_SCENE_RESIDUAL_POINTS)
    {
      paint_residuals (canvas, axes, scene);
      paint_points (canvas, axes, scene);
    }

  line_path (axes, cr, scene->state.theta);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  descent_canvas_stroke (canvas, &palette->line, 1, 2.5);

  paint_legend (canvas, axes, scene);
  cairo_restore (cr);
}
