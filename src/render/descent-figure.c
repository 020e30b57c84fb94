/* descent-figure.c: the three views side by side or stacked, with a caption
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The caption is stamped on every figure, so a slide says what it shows: α, the step,
 * θ and J, and where the data came from.
 */

#define G_LOG_DOMAIN "descent-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "descent-plots.h"

typedef void (*PlotPainter) (DescentCanvas      *canvas,
                             double              x,
                             double              y,
                             double              width,
                             double              height,
                             const DescentScene *scene,
                             DescentAxes        *axes);

/* One view alone has the whole figure to itself: its text may be a little larger. */
static double
text_size (const DescentScene *scene,
           int                 width,
           int                 height,
           DescentView         view)
{
  if (scene->text_size > 0)
    return scene->text_size;
  return descent_text_size_for (width, height) * (view == DESCENT_VIEW_ALL ? 1 : 1.2);
}

char *
descent_figure_caption (const DescentScene *scene)
{
  g_autofree char *alpha = descent_format_value (scene->params->alpha, 3);
  g_autofree char *theta0 = descent_format_value (scene->state.theta[0], 3);
  g_autofree char *theta1 = descent_format_value (scene->state.theta[1], 3);
  g_autofree char *loss = descent_format_value (scene->state.loss, 3);
  g_autofree char *step = NULL;
  g_autofree char *steps = NULL;
  g_autofree char *step_text = NULL;

  step = g_strdup_printf ("%" G_GUINT64_FORMAT, scene->state.step);
  steps = g_strdup_printf ("%" G_GUINT64_FORMAT, scene->params->iterations);
  /* Translators: the current step of the descent out of all of them, as in “step 10 / 1000”. */
  step_text = g_strdup_printf (_("step %s / %s"), step, steps);

  return g_strdup_printf ("α = %s  ·  %s  ·  θ₀ = %s  ·  θ₁ = %s  ·  J = %s",
                          alpha, step_text, theta0, theta1, loss);
}

/* Why a run ended, in words for people. */
const char *
descent_stop_reason_label (DescentStopReason reason)
{
  switch (reason)
    {
    case DESCENT_STOP_CONVERGED:
      return _("converged");
    case DESCENT_STOP_DIVERGED:
      return _("diverged");
    case DESCENT_STOP_ITERATIONS:
    default:
      return _("all iterations ran");
    }
}

static char *
source_text (const DescentScene *scene)
{
  const char *source = descent_dataset_get_source (scene->dataset);
  gsize n = descent_dataset_get_n_rows (scene->dataset);
  g_autofree char *name = source != NULL ? g_path_get_basename (source) : NULL;
  g_autofree char *points = descent_format_points (n);
  DescentStopReason reason = descent_trajectory_get_stop_reason (scene->trajectory);
  const char *status = reason != DESCENT_STOP_ITERATIONS ? descent_stop_reason_label (reason) : NULL;

  if (status != NULL && scene->state.step == descent_scene_get_n_steps (scene))
    return g_strdup_printf ("%s  ·  %s  ·  %s", status, name != NULL ? name : "", points);
  return g_strdup_printf ("%s  ·  %s", name != NULL ? name : "", points);
}

static void
paint_caption (DescentCanvas      *canvas,
               const DescentScene *scene,
               double              x,
               double              y,
               double              width,
               double              height)
{
  g_autofree char *caption = descent_figure_caption (scene);
  g_autofree char *source = source_text (scene);
  double caption_width, source_width, line;

  descent_canvas_measure (canvas, DESCENT_TEXT_TITLE, caption, &caption_width, &line);
  descent_canvas_measure (canvas, DESCENT_TEXT_NORMAL, source, &source_width, NULL);

  descent_set_color (canvas->cr, &canvas->palette->foreground, 1);
  if (caption_width <= width)
    descent_canvas_text (canvas, DESCENT_TEXT_TITLE, caption, x, y + height / 2, 0, 0.5);
  else
    {
      /* A narrow figure still says all it shows, in smaller type. */
      cairo_save (canvas->cr);
      cairo_translate (canvas->cr, x, y + height / 2);
      cairo_scale (canvas->cr, width / caption_width, width / caption_width);
      descent_canvas_text (canvas, DESCENT_TEXT_TITLE, caption, 0, 0, 0, 0.5);
      cairo_restore (canvas->cr);
    }
  descent_set_color (canvas->cr, &canvas->palette->muted, 1);
  if (caption_width + source_width + 2 * canvas->text_size <= width)
    descent_canvas_text (canvas, DESCENT_TEXT_NORMAL, source, x + width, y + height / 2, 1, 0.5);
}

static double
caption_height (DescentCanvas *canvas)
{
  double height;

  descent_canvas_measure (canvas, DESCENT_TEXT_TITLE, "α θ J 0", NULL, &height);
  return height * 1.6;
}

static PlotPainter
painter_for (DescentView view)
{
  switch (view)
    {
    case DESCENT_VIEW_CONTOUR:
      return descent_contour_plot_paint;
    case DESCENT_VIEW_HISTORY:
      return descent_history_plot_paint;
    case DESCENT_VIEW_DATA:
    case DESCENT_VIEW_ALL:
    default:
      return descent_data_plot_paint;
    }
}

static void
paint (cairo_t            *cr,
       int                 width,
       int                 height,
       const DescentScene *scene,
       DescentView         view,
       gboolean            with_caption,
       DescentAxes        *axes_out)
{
  const DescentPalette *palette = descent_palette_get (scene->theme);
  DescentCanvas canvas;
  DescentAxes axes;
  double size, pad, x, y, w, h, gap;

  size = text_size (scene, width, height, view);
  descent_canvas_init (&canvas, cr, palette, size);
  if (scene->cache->text == NULL)
    scene->cache->text = descent_text_cache_new ();
  descent_canvas_use_cache (&canvas, scene->cache->text);
  cairo_save (cr);

  descent_set_color (cr, &palette->background, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  pad = size * 1.1;
  x = pad;
  y = pad;
  w = width - 2 * pad;
  h = height - 2 * pad;
  if (with_caption)
    {
      double ch = caption_height (&canvas);
      paint_caption (&canvas, scene, x, y + h - ch, w, ch);
      h -= ch + pad * 0.4;
    }

  if (view != DESCENT_VIEW_ALL)
    {
      painter_for (view) (&canvas, x, y, w, h, scene, &axes);
      if (axes_out != NULL)
        *axes_out = axes;
    }
  else
    {
      static const DescentView order[] = {
        DESCENT_VIEW_DATA, DESCENT_VIEW_CONTOUR, DESCENT_VIEW_HISTORY,
      };
      gboolean wide = width >= height * 1.25;

      gap = size * 2;
      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          if (wide)
            {
              double pw = (w - 2 * gap) / 3;
              painter_for (order[i]) (&canvas, x + i * (pw + gap), y, pw, h, scene, &axes);
            }
          else
            {
              double ph = (h - 2 * gap) / 3;
              painter_for (order[i]) (&canvas, x, y + i * (ph + gap), w, ph, scene, &axes);
            }
        }
    }

  cairo_restore (cr);
  descent_canvas_clear (&canvas);
}

void
descent_paint_figure (cairo_t            *cr,
                      int                 width,
                      int                 height,
                      const DescentScene *scene,
                      DescentView         view)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);

  paint (cr, width, height, scene, view, TRUE, NULL);
}

/* One view without a caption, as the window shows it; @axes receives where its plot
 * area landed and what it shows, for pointer input. */
void
descent_paint_view (cairo_t            *cr,
                    int                 width,
                    int                 height,
                    const DescentScene *scene,
                    DescentView         view,
                    DescentAxes        *axes)
{
  g_return_if_fail (scene != NULL);
  g_return_if_fail (view != DESCENT_VIEW_ALL);
  paint (cr, width, height, scene, view, FALSE, axes);
}
