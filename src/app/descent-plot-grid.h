/* descent-plot-grid.h: the three plots, side by side or stacked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "descent-session.h"

G_BEGIN_DECLS

#define DESCENT_TYPE_PLOT_GRID (descent_plot_grid_get_type ())
G_DECLARE_FINAL_TYPE (DescentPlotGrid, descent_plot_grid, DESCENT, PLOT_GRID, GtkWidget)

DescentSession *descent_plot_grid_get_session (DescentPlotGrid *self);
void            descent_plot_grid_set_session (DescentPlotGrid *self,
                                               DescentSession  *session);

G_END_DECLS
