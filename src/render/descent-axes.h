/* descent-axes.h: a plot's frame, ticks, labels and titles, and its coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "descent-canvas.h"
#include "descent-ticks.h"

G_BEGIN_DECLS

typedef struct {
  /* The plot area, in the canvas's units. */
  double       x, y, width, height;
  /* What it shows: x from, to; y from, to. With log_y, y is mapped through log10. */
  double       range[4];
  gboolean     log_y;
  DescentTicks x_ticks;
  DescentTicks y_ticks;
  /* The tick labels, formatted and measured once per layout. */
  char         x_labels[DESCENT_TICKS_MAX][48];
  char         y_labels[DESCENT_TICKS_MAX][48];
  double       y_labels_width;
  double       panel_right;   /* where the panel ends, for the title */
  double       label_height;
} DescentAxes;

static inline double
descent_axes_map_x (const DescentAxes *axes,
                    double             value)
{
  return axes->x + (value - axes->range[0]) / (axes->range[1] - axes->range[0]) * axes->width;
}

double descent_axes_map_y   (const DescentAxes *axes,
                             double             value);
double descent_axes_unmap_x (const DescentAxes *axes,
                             double             x);
double descent_axes_unmap_y (const DescentAxes *axes,
                             double             y);

void   descent_axes_layout  (DescentAxes       *axes,
                             DescentCanvas     *canvas,
                             double             x,
                             double             y,
                             double             width,
                             double             height,
                             const double       range[4],
                             gboolean           log_y,
                             const char        *title,
                             const char        *x_title,
                             const char        *y_title);
void   descent_axes_paint   (const DescentAxes *axes,
                             DescentCanvas     *canvas,
                             const char        *title,
                             const char        *x_title,
                             const char        *y_title);
void   descent_axes_clip    (const DescentAxes *axes,
                             cairo_t           *cr);
void   descent_axes_device_size (const DescentAxes *axes,
                                 cairo_t           *cr,
                                 int               *width,
                                 int               *height);
void   descent_axes_whole_x_ticks (DescentAxes       *axes,
                                   DescentCanvas     *canvas);
void   descent_axes_paint_image (const DescentAxes *axes,
                                 cairo_t           *cr,
                                 cairo_surface_t   *image);
gboolean descent_clip_segment      (double             x,
                                    double             y,
                                    double             width,
                                    double             height,
                                    double             p[2],
                                    double             q[2]);
gboolean descent_axes_clip_segment (const DescentAxes *axes,
                                    double             margin,
                                    double             p[2],
                                    double             q[2]);
gboolean descent_axes_add_segment  (const DescentAxes *axes,
                                    cairo_t           *cr,
                                    double             margin,
                                    double             p[2],
                                    double             q[2]);

G_END_DECLS
