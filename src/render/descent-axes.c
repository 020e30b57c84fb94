/* descent-axes.c: a plot's frame, ticks, labels and titles, and its coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The margins are measured from the labels themselves, so long numbers and Chinese
 * titles get the room they need and the plot area takes the rest.
 */

#define G_LOG_DOMAIN "descent-render"

#include "config.h"

#include <math.h>

#include "descent-axes.h"

double
descent_axes_map_y (const DescentAxes *axes,
                    double             value)
{
  double lo = axes->range[2], hi = axes->range[3];

  if (axes->log_y)
    {
      value = log10 (MAX (value, 1e-300));
      lo = log10 (lo);
      hi = log10 (hi);
    }
  return axes->y + axes->height - (value - lo) / (hi - lo) * axes->height;
}

double
descent_axes_unmap_x (const DescentAxes *axes,
                      double             x)
{
  return axes->range[0] + (x - axes->x) / axes->width * (axes->range[1] - axes->range[0]);
}

double
descent_axes_unmap_y (const DescentAxes *axes,
                      double             y)
{
  double lo = axes->range[2], hi = axes->range[3];
  double t = (axes->y + axes->height - y) / axes->height;

  if (axes->log_y)
    return pow (10, log10 (lo) + t * (log10 (hi) - log10 (lo)));
  return lo + t * (hi - lo);
}

/* Formats the labels of @ticks into @labels; returns the widest one's width. */
static double
label_ticks (DescentCanvas      *canvas,
             const DescentTicks *ticks,
             char                labels[][48])
{
  double widest = 0;

  for (guint i = 0; i < ticks->n; i++)
    {
      g_autofree char *label = descent_ticks_format (ticks, ticks->values[i]);
      double width;

      g_strlcpy (labels[i], label, sizeof labels[i]);
      descent_canvas_measure (canvas, DESCENT_TEXT_NORMAL, labels[i], &width, NULL);
      widest = MAX (widest, width);
    }
  return widest;
}

void
descent_axes_layout (DescentAxes   *axes,
                     DescentCanvas *canvas,
                     double         x,
                     double         y,
                     double         width,
                     double         height,
                     const double   range[4],
                     gboolean       log_y,
                     const char    *title,
                     const char    *x_title,
                     const char    *y_title)
{
  double size = canvas->text_size, gap = 0.5 * size, tick = 0.35 * size;
  double title_height = 0, x_title_height = 0, y_title_height = 0, left, bottom, top;
  guint y_count;

  for (int i = 0; i < 4; i++)
    axes->range[i] = range[i];
  axes->log_y = log_y;
  axes->panel_right = x + width;

  if (title != NULL)
    descent_canvas_measure (canvas, DESCENT_TEXT_TITLE, title, NULL, &title_height);
  if (x_title != NULL)
    descent_canvas_measure (canvas, DESCENT_TEXT_NORMAL, x_title, NULL, &x_title_height);
  if (y_title != NULL)
    descent_canvas_measure (canvas, DESCENT_TEXT_NORMAL, y_title, NULL, &y_title_height);
  descent_canvas_measure (canvas, DESCENT_TEXT_NORMAL, "0", NULL, &axes->label_height);

  bottom = tick + gap * 0.5 + axes->label_height
           + (x_title != NULL ? gap * 0.5 + x_title_height : 0);
  top = (title != NULL ? title_height + gap : 0) + axes->label_height * 0.5;

  /* The y labels decide the left margin, which decides the room for the x labels. */
  y_count = CLAMP ((guint) ((height - top - bottom) / (size * 1.3 * 3.2)), 2, 10);
  if (log_y)
    descent_ticks_log (&axes->y_ticks, range[2], range[3], y_count);
  else
    descent_ticks_linear (&axes->y_ticks, range[2], range[3], y_count);
  axes->y_labels_width = label_ticks (canvas, &axes->y_ticks, axes->y_labels);
  left = tick + gap * 0.6 + axes->y_labels_width + (y_title != NULL ? gap + y_title_height : 0);

  /* On whole units, so the frame and the cached contour image land on whole pixels. */
  axes->x = round (x + left);
  axes->y = round (y + top);
  axes->width = MAX (1, floor (x + width - axes->label_height - axes->x));
  axes->height = MAX (1, floor (y + height - bottom - axes->y));

  /* Fewer x ticks when their labels are wide: try, measure, and thin if crowded. */
  for (guint x_count = CLAMP ((guint) (axes->width / (size * 4)), 2, 10);; x_count--)
    {
      double widest;

      descent_ticks_linear (&axes->x_ticks, range[0], range[1], x_count);
      widest = label_ticks (canvas, &axes->x_ticks, axes->x_labels);
      if (x_count <= 2 || axes->x_ticks.n < 2 || widest * 1.6 * axes->x_ticks.n < axes->width)
        break;
    }
}

/* Keeps only the whole numbers among the x ticks, for an axis that counts (steps): a
 * run of two steps reads 0, 1, 2 rather than 0, 0.5, 1, 1.5, 2. */
void
descent_axes_whole_x_ticks (DescentAxes   *axes,
                            DescentCanvas *canvas)
{
  DescentTicks *ticks = &axes->x_ticks;
  guint n = 0;

  if (ticks->step >= 1)
    return;
  for (guint i = 0; i < ticks->n; i++)
    if (ticks->values[i] == floor (ticks->values[i]))
      ticks->values[n++] = ticks->values[i];
  ticks->n = n;
  ticks->step = 1;
  label_ticks (canvas, ticks, axes->x_labels);
}

void
descent_axes_clip (const DescentAxes *axes,
                   cairo_t           *cr)
{
  cairo_rectangle (cr, axes->x, axes->y, axes->width, axes->height);
  cairo_clip (cr);
}

void
descent_axes_paint (const DescentAxes *axes,
                    DescentCanvas     *canvas,
                    const char        *title,
                    const char        *x_title,
                    const char        *y_title)
{
  const DescentPalette *palette = canvas->palette;
  cairo_t *cr = canvas->cr;
  double size = canvas->text_size, gap = 0.5 * size, tick = 0.35 * size;
  double label_height, bottom = axes->y + axes->height;

  cairo_save (cr);
  descent_set_color (cr, &palette->panel, 1);
  cairo_rectangle (cr, axes->x, axes->y, axes->width, axes->height);
  cairo_fill (cr);

  /* Grid lines on the ticks, on whole device pixels where the transform allows it. */
  cairo_set_line_width (cr, MAX (1, canvas->unit));
  descent_set_color (cr, &palette->grid, 1);
  for (guint i = 0; i < axes->x_ticks.n; i++)
    {
      double px = descent_axes_map_x (axes, axes->x_ticks.values[i]);
      cairo_move_to (cr, px, axes->y);
      cairo_line_to (cr, px, bottom);
    }
  for (guint i = 0; i < axes->y_ticks.n; i++)
    {
      double py = descent_axes_map_y (axes, axes->y_ticks.values[i]);
      cairo_move_to (cr, axes->x, py);
      cairo_line_to (cr, axes->x + axes->width, py);
    }
  cairo_stroke (cr);

  descent_set_color (cr, &palette->muted, 1);
  label_height = axes->label_height;
  for (guint i = 0; i < axes->x_ticks.n; i++)
    {
      const char *label = axes->x_labels[i];
      double px = descent_axes_map_x (axes, axes->x_ticks.values[i]);

      cairo_move_to (cr, px, bottom);
      cairo_line_to (cr, px, bottom + tick);
      cairo_stroke (cr);
      descent_canvas_text (canvas, DESCENT_TEXT_NORMAL, label, px, bottom + tick + gap * 0.3,
                           0.5, 0);
    }
  for (guint i = 0; i < axes->y_ticks.n; i++)
    {
      const char *label = axes->y_labels[i];
      double py = descent_axes_map_y (axes, axes->y_ticks.values[i]);

      cairo_move_to (cr, axes->x - tick, py);
      cairo_line_to (cr, axes->x, py);
      cairo_stroke (cr);
      descent_canvas_text (canvas, DESCENT_TEXT_NORMAL, label, axes->x - tick - gap * 0.6, py,
                           1, 0.5);
    }

  descent_set_color (cr, &palette->muted, 1);
  cairo_set_line_width (cr, MAX (1, canvas->unit));
  cairo_rectangle (cr, axes->x, axes->y, axes->width, axes->height);
  cairo_stroke (cr);

  descent_set_color (cr, &palette->foreground, 1);
  if (title != NULL)
    {
      double title_height;
      descent_canvas_measure (canvas, DESCENT_TEXT_TITLE, title, NULL, &title_height);
      descent_canvas_text_fit (canvas, DESCENT_TEXT_TITLE, title, axes->x,
                               axes->y - label_height * 0.5 - gap - title_height,
                               axes->panel_right - axes->x);
    }
  /* Column names can be long: a title wider than its axis is cut short with "…". */
  if (x_title != NULL)
    {
      double width, y = bottom + tick + gap * 0.8 + label_height;

      descent_canvas_measure (canvas, DESCENT_TEXT_NORMAL, x_title, &width, NULL);
      if (width <= axes->width)
        descent_canvas_text (canvas, DESCENT_TEXT_NORMAL, x_title, axes->x + axes->width / 2, y,
                             0.5, 0);
      else
        descent_canvas_text_fit (canvas, DESCENT_TEXT_NORMAL, x_title, axes->x, y, axes->width);
    }
  if (y_title != NULL)
    {
      double width, height, left = axes->x - tick - gap * 0.6 - axes->y_labels_width - gap;

      descent_canvas_measure (canvas, DESCENT_TEXT_NORMAL, y_title, &width, &height);
      cairo_save (cr);
      cairo_translate (cr, left - height, axes->y + axes->height / 2);
      cairo_rotate (cr, -G_PI / 2);
      if (width <= axes->height)
        descent_canvas_text (canvas, DESCENT_TEXT_NORMAL, y_title, 0, 0, 0.5, 0);
      else
        descent_canvas_text_fit (canvas, DESCENT_TEXT_NORMAL, y_title, -axes->height / 2, 0,
                                 axes->height);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

/* Clips the pixel segment p–q to the rectangle at (x, y) of @width × @height
 * (Liang–Barsky). Returns FALSE when nothing of it is inside. */
gboolean
descent_clip_segment (double x,
                      double y,
                      double width,
                      double height,
                      double p[2],
                      double q[2])
{
  double lo[2] = { x, y };
  double hi[2] = { x + width, y + height };
  double t0 = 0, t1 = 1, d[2] = { q[0] - p[0], q[1] - p[1] };

  if (!isfinite (p[0]) || !isfinite (p[1]) || !isfinite (q[0]) || !isfinite (q[1]))
    return FALSE;

  for (int axis = 0; axis < 2; axis++)
    {
      double edges[2][2] = { { -d[axis], p[axis] - lo[axis] }, { d[axis], hi[axis] - p[axis] } };

      for (int k = 0; k < 2; k++)
        {
          double num = edges[k][1], den = edges[k][0];

          if (den == 0)
            {
              if (num < 0)
                return FALSE;
              continue;
            }
          double t = num / den;
          if (den < 0)
            t0 = MAX (t0, t);
          else
            t1 = MIN (t1, t);
          if (t0 > t1)
            return FALSE;
        }
    }

  if (t1 < 1)
    {
      q[0] = p[0] + t1 * d[0];
      q[1] = p[1] + t1 * d[1];
    }
  if (t0 > 0)
    {
      p[0] = p[0] + t0 * d[0];
      p[1] = p[1] + t0 * d[1];
    }
  return TRUE;
}

/* Clips the pixel segment p–q to the plot area grown by @margin. Cairo keeps coordinates
 * in 24.8 fixed point, so a diverging path a billion pixels away must be cut down in
 * doubles before it reaches cairo. Returns FALSE when nothing is left. */
gboolean
descent_axes_clip_segment (const DescentAxes *axes,
                           double             margin,
                           double             p[2],
                           double             q[2])
{
  return descent_clip_segment (axes->x - margin, axes->y - margin, axes->width + 2 * margin,
                               axes->height + 2 * margin, p, q);
}

/* Adds the pixel segment p–q to the path, clipped as above; p and q become the ends. */
gboolean
descent_axes_add_segment (const DescentAxes *axes,
                          cairo_t           *cr,
                          double             margin,
                          double             p[2],
                          double             q[2])
{
  if (!descent_axes_clip_segment (axes, margin, p, q))
    return FALSE;
  cairo_move_to (cr, p[0], p[1]);
  cairo_line_to (cr, q[0], q[1]);
  return TRUE;
}

/* The plot area's size in device pixels, and an image of that size painted over it
 * pixel for pixel (for the cached contour field and the density image). */
void
descent_axes_device_size (const DescentAxes *axes,
                          cairo_t           *cr,
                          int               *width,
                          int               *height)
{
  double dw = axes->width, dh = axes->height;

  cairo_user_to_device_distance (cr, &dw, &dh);
  *width = (int) ceil (fabs (dw) - 0.01);
  *height = (int) ceil (fabs (dh) - 0.01);
}

void
descent_axes_paint_image (const DescentAxes *axes,
                          cairo_t           *cr,
                          cairo_surface_t   *image)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);

  cairo_save (cr);
  cairo_translate (cr, axes->x, axes->y);
  cairo_scale (cr, axes->width / width, axes->height / height);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
}
