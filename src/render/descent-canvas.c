/* descent-canvas.c: a cairo context with the text and sizes the painters share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text goes through PangoCairo with the system's sans-serif font, so Chinese labels find
 * a CJK font by fallback. Metrics are not hinted: a figure lays out the same in a window,
 * a PNG and a PDF.
 */

#define G_LOG_DOMAIN "descent-render"

#include "config.h"

#include <math.h>

#include "descent-canvas.h"

struct _DescentTextCache {
  PangoContext *context;
  GHashTable   *layouts;     /* "style\x1ftext" → PangoLayout */
  double        text_size;
};

/* Past this many, the cache starts over: numbers in captions change every frame. */
#define TEXT_CACHE_MAX 1024

static void
set_font_options (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
}

DescentTextCache *
descent_text_cache_new (void)
{
  DescentTextCache *cache = g_new0 (DescentTextCache, 1);

  cache->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  set_font_options (cache->context);
  cache->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return cache;
}

void
descent_text_cache_free (DescentTextCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->layouts);
  g_object_unref (cache->context);
  g_free (cache);
}

/* Lays text out through @cache from now on. Its layouts are drawn without following the
 * transform (metrics are not hinted, so they do not depend on it). */
void
descent_canvas_use_cache (DescentCanvas    *canvas,
                          DescentTextCache *cache)
{
  g_return_if_fail (canvas != NULL);
  g_return_if_fail (cache != NULL);

  if (cache->text_size != canvas->text_size)
    {
      g_hash_table_remove_all (cache->layouts);
      cache->text_size = canvas->text_size;
    }
  canvas->cache = cache;
}

void
descent_canvas_init (DescentCanvas        *canvas,
                     cairo_t              *cr,
                     const DescentPalette *palette,
                     double                text_size)
{
  static const double scale[] = { 1.0, 0.88, 1.15 };

  g_return_if_fail (canvas != NULL);
  g_return_if_fail (cr != NULL);

  canvas->cr = cr;
  canvas->palette = palette;
  canvas->text_size = text_size;
  canvas->unit = text_size / 14.0;
  canvas->cache = NULL;
  canvas->context = pango_cairo_create_context (cr);
  set_font_options (canvas->context);

  canvas->layout = pango_layout_new (canvas->context);
  canvas->style = -1;
  for (guint i = 0; i < G_N_ELEMENTS (canvas->fonts); i++)
    {
      canvas->fonts[i] = pango_font_description_from_string ("Sans");
      pango_font_description_set_absolute_size (canvas->fonts[i],
                                                text_size * scale[i] * PANGO_SCALE);
      if (i == DESCENT_TEXT_TITLE)
        pango_font_description_set_weight (canvas->fonts[i], PANGO_WEIGHT_BOLD);
    }
}

void
descent_canvas_clear (DescentCanvas *canvas)
{
  for (guint i = 0; i < G_N_ELEMENTS (canvas->fonts); i++)
    g_clear_pointer (&canvas->fonts[i], pango_font_description_free);
  g_clear_object (&canvas->layout);
  g_clear_object (&canvas->context);
}

/* Metrics are not hinted, so measuring needs no update for the current transform;
 * drawing does, and the layout notices the context's change by itself. */
static void
set_text (DescentCanvas    *canvas,
          DescentTextStyle  style,
          const char       *text)
{
  if (canvas->cache != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%d\x1f%s", style, text);
      PangoLayout *layout = g_hash_table_lookup (canvas->cache->layouts, key);

      if (layout == NULL)
        {
          if (g_hash_table_size (canvas->cache->layouts) >= TEXT_CACHE_MAX)
            g_hash_table_remove_all (canvas->cache->layouts);
          layout = pango_layout_new (canvas->cache->context);
          pango_layout_set_font_description (layout, canvas->fonts[style]);
          pango_layout_set_text (layout, text, -1);
          g_hash_table_insert (canvas->cache->layouts, g_steal_pointer (&key), layout);
        }
      canvas->current = layout;
      return;
    }

  canvas->current = canvas->layout;
  if (canvas->style != (int) style)
    {
      pango_layout_set_font_description (canvas->layout, canvas->fonts[style]);
      canvas->style = style;
    }
  pango_layout_set_text (canvas->layout, text, -1);
}

void
descent_canvas_measure (DescentCanvas    *canvas,
                        DescentTextStyle  style,
                        const char       *text,
                        double           *width,
                        double           *height)
{
  PangoRectangle logical;

  set_text (canvas, style, text);
  pango_layout_get_extents (canvas->current, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

/* Draws @text with its box aligned on (x, y): xalign 0 puts its left edge there, 0.5 its
 * centre, 1 its right edge; yalign likewise from top to bottom. */
void
descent_canvas_text (DescentCanvas    *canvas,
                     DescentTextStyle  style,
                     const char       *text,
                     double            x,
                     double            y,
                     double            xalign,
                     double            yalign)
{
  double width, height;

  descent_canvas_measure (canvas, style, text, &width, &height);
  if (canvas->cache == NULL)
    pango_cairo_update_context (canvas->cr, canvas->context);
  cairo_move_to (canvas->cr, x - xalign * width, y - yalign * height);
  pango_cairo_show_layout (canvas->cr, canvas->current);
  cairo_new_path (canvas->cr);
}

/* The same, on a veil of @halo, for labels that sit on the plots. (A stroked outline of
 * the glyphs reads as well but costs twenty times as much, and this runs every frame.) */
void
descent_canvas_text_halo (DescentCanvas      *canvas,
                          DescentTextStyle    style,
                          const char         *text,
                          double              x,
                          double              y,
                          double              xalign,
                          double              yalign,
                          const DescentColor *halo)
{
  cairo_t *cr = canvas->cr;
  double width, height, left, top, pad = 0.2 * canvas->text_size, r = pad;
  cairo_pattern_t *source;

  descent_canvas_measure (canvas, style, text, &width, &height);
  left = x - xalign * width - pad;
  top = y - yalign * height;
  source = cairo_pattern_reference (cairo_get_source (cr));

  cairo_new_sub_path (cr);
  cairo_arc (cr, left + width + 2 * pad - r, top + r, r, -G_PI / 2, 0);
  cairo_arc (cr, left + width + 2 * pad - r, top + height - r, r, 0, G_PI / 2);
  cairo_arc (cr, left + r, top + height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, left + r, top + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  descent_set_color (cr, halo, 0.78);
  cairo_fill (cr);

  cairo_set_source (cr, source);
  cairo_pattern_destroy (source);
  descent_canvas_text (canvas, style, text, x, y, xalign, yalign);
}

/* Draws @text with its top-left corner at (x, y), cut short with “…” beyond @max_width. */
void
descent_canvas_text_fit (DescentCanvas    *canvas,
                         DescentTextStyle  style,
                         const char       *text,
                         double            x,
                         double            y,
                         double            max_width)
{
  double width;

  descent_canvas_measure (canvas, style, text, &width, NULL);
  if (width <= max_width)
    {
      descent_canvas_text (canvas, style, text, x, y, 0, 0);
      return;
    }
  pango_layout_set_width (canvas->current, (int) (MAX (max_width, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (canvas->current, PANGO_ELLIPSIZE_END);
  if (canvas->cache == NULL)
    pango_cairo_update_context (canvas->cr, canvas->context);
  cairo_move_to (canvas->cr, x, y);
  pango_cairo_show_layout (canvas->cr, canvas->current);
  cairo_new_path (canvas->cr);
  pango_layout_set_width (canvas->current, -1);
  pango_layout_set_ellipsize (canvas->current, PANGO_ELLIPSIZE_NONE);
}

/* Tick labels of 14 px on a 1600 × 900 figure, growing and shrinking with its area. */
double
descent_text_size_for (double width,
                       double height)
{
  double scale = sqrt (MAX (width, 1) * MAX (height, 1) / (1600.0 * 900.0));
  return CLAMP (15 * scale, 10, 64);
}

/* Strokes and clears the current path; widths are in units of canvas->unit. */
void
descent_canvas_stroke (DescentCanvas      *canvas,
                       const DescentColor *color,
                       double              alpha,
                       double              width)
{
  descent_set_color (canvas->cr, color, alpha);
  cairo_set_line_width (canvas->cr, width * canvas->unit);
  cairo_stroke (canvas->cr);
}

/* The same over a wider stroke in the panel colour, so the line reads over any band. */
void
descent_canvas_stroke_halo (DescentCanvas      *canvas,
                            const DescentColor *color,
                            double              width,
                            double              halo)
{
  descent_set_color (canvas->cr, &canvas->palette->panel, 0.9);
  cairo_set_line_width (canvas->cr, halo * canvas->unit);
  cairo_stroke_preserve (canvas->cr);
  descent_canvas_stroke (canvas, color, 1, width);
}

void
descent_canvas_stroke_dash (DescentCanvas      *canvas,
                            const DescentColor *color,
                            double              alpha,
                            double              width,
                            double              on,
                            double              off)
{
  double dash[] = { on * canvas->unit, off * canvas->unit };

  cairo_save (canvas->cr);
  cairo_set_dash (canvas->cr, dash, 2, 0);
  descent_canvas_stroke (canvas, color, alpha, width);
  cairo_restore (canvas->cr);
}

/* A filled circle with an outline; radius and width in units of canvas->unit. */
void
descent_canvas_dot (DescentCanvas      *canvas,
                    double              x,
                    double              y,
                    double              radius,
                    const DescentColor *fill,
                    const DescentColor *outline,
                    double              outline_width)
{
  cairo_new_sub_path (canvas->cr);
  cairo_arc (canvas->cr, x, y, radius * canvas->unit, 0, 2 * G_PI);
  descent_set_color (canvas->cr, fill, 1);
  cairo_fill_preserve (canvas->cr);
  descent_canvas_stroke (canvas, outline, 1, outline_width);
}
