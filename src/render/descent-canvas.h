/* descent-canvas.h: a cairo context with the text and sizes the painters share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "descent-palette.h"

G_BEGIN_DECLS

typedef enum {
  DESCENT_TEXT_NORMAL,
  DESCENT_TEXT_SMALL,
  DESCENT_TEXT_TITLE,
} DescentTextStyle;

/* Laid-out text kept between paints: tick labels and titles rarely change from one frame
 * to the next, and shaping them is most of a frame's text work. */
typedef struct _DescentTextCache DescentTextCache;

typedef struct {
  cairo_t              *cr;
  const DescentPalette *palette;
  double                text_size;  /* pixels, for tick labels */
  double                unit;       /* line widths and marker sizes scale with it */
  PangoContext         *context;
  PangoLayout          *layout;
  PangoLayout          *current;    /* the one the last text went into */
  PangoFontDescription *fonts[3];
  int                   style;      /* the layout's font, or -1 */
  DescentTextCache     *cache;      /* borrowed, or NULL */
} DescentCanvas;

DescentTextCache *descent_text_cache_new  (void);
void              descent_text_cache_free (DescentTextCache *cache);
void              descent_canvas_use_cache (DescentCanvas    *canvas,
                                            DescentTextCache *cache);

void descent_canvas_init    (DescentCanvas        *canvas,
                             cairo_t              *cr,
                             const DescentPalette *palette,
                             double                text_size);
void descent_canvas_clear   (DescentCanvas        *canvas);
void descent_canvas_measure (DescentCanvas        *canvas,
                             DescentTextStyle      style,
                             const char           *text,
                             double               *width,
                             double               *height);
void descent_canvas_text    (DescentCanvas        *canvas,
                             DescentTextStyle      style,
                             const char           *text,
                             double                x,
                             double                y,
                             double                xalign,
                             double                yalign);
void descent_canvas_text_halo (DescentCanvas        *canvas,
                               DescentTextStyle      style,
                               const char           *text,
                               double                x,
                               double                y,
                               double                xalign,
                               double                yalign,
                               const DescentColor   *halo);
void descent_canvas_text_fit (DescentCanvas        *canvas,
                              DescentTextStyle      style,
                              const char           *text,
                              double                x,
                              double                y,
                              double                max_width);
double descent_text_size_for (double width,
                              double height);

void descent_canvas_stroke      (DescentCanvas      *canvas,
                                 const DescentColor *color,
                                 double              alpha,
                                 double              width);
void descent_canvas_stroke_halo (DescentCanvas      *canvas,
                                 const DescentColor *color,
                                 double              width,
                                 double              halo);
void descent_canvas_stroke_dash (DescentCanvas      *canvas,
                                 const DescentColor *color,
                                 double              alpha,
                                 double              width,
                                 double              on,
                                 double              off);
void descent_canvas_dot         (DescentCanvas      *canvas,
                                 double              x,
                                 double              y,
                                 double              radius,
                                 const DescentColor *fill,
                                 const DescentColor *outline,
                                 double              outline_width);

G_END_DECLS
