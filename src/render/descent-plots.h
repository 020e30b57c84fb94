/* descent-plots.h: the data view, the contour view, the history view and the figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One painter draws for the screen and for files: descent_paint_view() for one of the
 * three views (the window's widgets), descent_paint_figure() for the captioned figure
 * (exports). Each reads a prepared scene and paints a width × height area of @cr, in its
 * user units.
 */

#pragma once

#include <cairo.h>

#include "descent-axes.h"
#include "descent-scene.h"

G_BEGIN_DECLS

void descent_paint_view    (cairo_t            *cr,
                            int                 width,
                            int                 height,
                            const DescentScene *scene,
                            DescentView         view,
                            DescentAxes        *axes);
void descent_paint_figure  (cairo_t            *cr,
                            int                 width,
                            int                 height,
                            const DescentScene *scene,
                            DescentView         view);

/* The pieces, for the figure and for tests that check where things landed. */
void descent_data_plot_paint    (DescentCanvas      *canvas,
                                 double              x,
                                 double              y,
                                 double              width,
                                 double              height,
                                 const DescentScene *scene,
                                 DescentAxes        *axes);
void descent_contour_plot_paint (DescentCanvas      *canvas,
                                 double              x,
                                 double              y,
                                 double              width,
                                 double              height,
                                 const DescentScene *scene,
                                 DescentAxes        *axes);
void descent_history_plot_paint (DescentCanvas      *canvas,
                                 double              x,
                                 double              y,
                                 double              width,
                                 double              height,
                                 const DescentScene *scene,
                                 DescentAxes        *axes);
double descent_contour_plot_arrow_length (const DescentScene *scene,
                                          const DescentAxes  *axes);
char  *descent_figure_caption   (const DescentScene *scene);
const char *descent_stop_reason_label (DescentStopReason reason);

G_END_DECLS
