/* descent-palette.h: the colours of the plots, light and dark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DESCENT_THEME_LIGHT,
  DESCENT_THEME_DARK,
} DescentTheme;

typedef struct {
  double r, g, b;
} DescentColor;

typedef struct {
  DescentColor background;
  DescentColor panel;        /* inside the plot frames */
  DescentColor foreground;   /* text, axes */
  DescentColor muted;        /* secondary text, ticks */
  DescentColor grid;
  DescentColor points;
  DescentColor line;         /* the current fit */
  DescentColor reference;    /* the least-squares line and J* */
  DescentColor residual;
  DescentColor path;
  DescentColor arrow;        /* −∇J */
  DescentColor warning;      /* divergence */
  double       band_mix;     /* how far contour bands lean towards the panel colour */
} DescentPalette;

const DescentPalette *descent_palette_get      (DescentTheme           theme);
gboolean              descent_theme_from_string (const char            *text,
                                                 DescentTheme          *theme);
void                  descent_colormap         (double                 t,
                                                DescentColor          *color);
void                  descent_color_mix        (const DescentColor    *a,
                                                const DescentColor    *b,
                                                double                 t,
                                                DescentColor          *out);
void                  descent_set_color        (cairo_t               *cr,
                                                const DescentColor    *color,
                                                double                 alpha);

G_END_DECLS
