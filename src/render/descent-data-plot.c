/* descent-data-plot.c: the points, the fitted line and its residuals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "descent-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

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
  double radius = canvas->unit * (n <= 200 ? 4.2 : n <= 2000 ? 3 : 2);

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

/* A small key in the top-left corner: what the lines are. */
static void
paint_legend (DescentCanvas      *canvas,
              const DescentAxes  *axes,
              const DescentScene *scene)
{
  const DescentPalette *palette = canvas->palette;
  double size = canvas->text_size, x = axes->x + size * 0.8, y = axes->y + size * 1.5;

  if (axes->width < size * 16 || axes->height < size * 10)
    return;

  legend_entry (canvas, x, y, &palette->line, 1, 2.5, FALSE, _("fitted line"));
  if (scene->show_least_squares)
    legend_entry (canvas, x, y + size * 1.35, &palette->reference, 0.7, 1.5, TRUE,
                  _("least squares"));
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
  descent_axes_paint (axes, canvas, title, x_title, y_title);

  cairo_save (cr);
  descent_axes_clip (axes, cr);

  if (scene->show_residuals
      && descent_dataset_get_n_rows (scene->dataset) <= DESCENT_SCENE_DENSITY_POINTS)
    paint_residuals (canvas, axes, scene);

  paint_points (canvas, axes, scene);

  if (scene->show_least_squares)
    {
      line_path (axes, cr, scene->problem->theta_star);
      descent_canvas_stroke_dash (canvas, &palette->reference, 0.7, 1.5, 6, 4);
    }

  line_path (axes, cr, scene->state.theta);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  descent_canvas_stroke (canvas, &palette->line, 1, 2.5);

  paint_legend (canvas, axes, scene);
  cairo_restore (cr);
}
