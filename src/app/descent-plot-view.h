/* descent-plot-view.h: one of the three plots, as a widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "descent-session.h"
#include "render/descent-scene.h"

G_BEGIN_DECLS

#define DESCENT_TYPE_PLOT_VIEW (descent_plot_view_get_type ())
G_DECLARE_FINAL_TYPE (DescentPlotView, descent_plot_view, DESCENT, PLOT_VIEW, GtkWidget)

GtkWidget      *descent_plot_view_new         (DescentView      view);
DescentSession *descent_plot_view_get_session (DescentPlotView *self);
void            descent_plot_view_set_session (DescentPlotView *self,
                                               DescentSession  *session);
DescentView     descent_plot_view_get_view    (DescentPlotView *self);
void            descent_plot_view_set_view    (DescentPlotView *self,
                                               DescentView      view);

DescentTheme    descent_theme_for_widget      (GtkWidget       *widget);

G_END_DECLS
