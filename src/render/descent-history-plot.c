/* descent-history-plot.c: the loss, step by step, on a log scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "descent-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "descent-plots.h"

typedef struct {
  cairo_t *cr;
  gboolean started;
  double   x, y;   /* the last vertex */
} Polyline;

static void
polyline_add (Polyline *line,
              double    x,
              double    y)
{
  if (line->started && x == line->x && y == line->y)
    return;
  if (line->started)
    cairo_line_to (line->cr, x, y);
  else
    cairo_move_to (line->cr, x, y);
  line->started = TRUE;
  line->x = x;
  line->y = y;
}

/* The loss curve over recorded steps [0, last] (and the current state after them), as at
 * most four vertices per pixel column: where it enters, its lowest and highest points,
 * and where it leaves. A hundred thousand steps cost a few hundred vertices, and no spike
 * is lost. */
static void
curve_path (const DescentAxes  *axes,
            cairo_t            *cr,
            const DescentScene *scene,
            guint               last,
            gboolean            through_state)
{
  Polyline line = { cr, FALSE, 0, 0 };
  double column = NAN, low = 0, high = 0, final = 0;

  for (guint i = 0; i <= last + (through_state ? 1 : 0); i++)
    {
      const DescentStep *step = i <= last ? descent_trajectory_get_recorded (scene->trajectory, i)
                                          : &scene->state;
      double px = descent_axes_map_x (axes, (double) step->step);
      double py = descent_axes_map_y (axes, step->loss);

      if (!isfinite (py))
        break;
      py = CLAMP (py, axes->y - 1e4, axes->y + axes->height + 1e4);
      if (floor (px) == column)
        {
          low = MIN (low, py);
          high = MAX (high, py);
          final = py;
          continue;
        }
      if (!isnan (column))
        {
          polyline_add (&line, column, low);
          polyline_add (&line, column, high);
          polyline_add (&line, column, final);
        }
      column = floor (px);
      low = high = final = py;
      polyline_add (&line, px, py);
    }
  if (!isnan (column))
    {
      polyline_add (&line, column, low);
      polyline_add (&line, column, high);
      polyline_add (&line, column, final);
    }
}

void
descent_history_plot_paint (DescentCanvas      *canvas,
                            double              x,
                            double              y,
                            double              width,
                            double              height,
                            const DescentScene *scene,
                            DescentAxes        *axes)
{
  const DescentPalette *palette = canvas->palette;
  const char *title = _("Loss history");
  const char *x_title = _("step");
  const char *y_title = _("loss J (log scale)");
  cairo_t *cr = canvas->cr;
  guint64 n_steps = descent_scene_get_n_steps (scene);
  double range[4], lo = log10 (scene->history_range[0]), hi = log10 (scene->history_range[1]);
  double pad = (hi - lo) * 0.06;
  /* J* is the lowest loss there is: below its line goes its label. */
  double pad_below = scene->problem->loss_star > 0 ? 2.5 * pad : pad;
  double px, py;

  range[0] = 0;
  range[1] = MAX (n_steps, 1);
  range[2] = pow (10, lo - pad_below);
  range[3] = pow (10, hi + pad);
  descent_axes_layout (axes, canvas, x, y, width, height, range, TRUE, title, x_title, y_title);
  descent_axes_whole_x_ticks (axes, canvas);
  descent_axes_paint (axes, canvas, title, x_title, y_title);

  cairo_save (cr);
  descent_axes_clip (axes, cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (scene->problem->loss_star > 0)
    {
      py = descent_axes_map_y (axes, scene->problem->loss_star);
      cairo_move_to (cr, axes->x, py);
      cairo_line_to (cr, axes->x + axes->width, py);
      descent_canvas_stroke_dash (canvas, &palette->reference, 0.7, 1.5, 6, 4);
      /* Below the line if it fits: no J is below J*, so the curve never passes there. */
      {
        const char *label = _("J* least squares");
        double label_height, gap = canvas->text_size * 0.3;
        gboolean below;

        descent_canvas_measure (canvas, DESCENT_TEXT_SMALL, label, NULL, &label_height);
        below = py + gap + label_height <= axes->y + axes->height;
        descent_set_color (cr, &palette->foreground, 1);
        descent_canvas_text_halo (canvas, DESCENT_TEXT_SMALL, label,
                                  axes->x + axes->width - canvas->text_size * 0.5,
                                  below ? py + gap : py - gap, 1, below ? 0 : 1,
                                  &palette->panel);
      }
    }

  /* The whole run faintly, the part up to the current step in full. */
  if (scene->state.step < descent_scene_get_n_steps (scene))
    {
      curve_path (axes, cr, scene, descent_trajectory_get_n_recorded (scene->trajectory) - 1,
                  FALSE);
      descent_canvas_stroke (canvas, &palette->points, 0.3, 2);
    }
  curve_path (axes, cr, scene, scene->state_index, TRUE);
  descent_canvas_stroke (canvas, &palette->points, 1, 2.4);

  px = descent_axes_map_x (axes, (double) scene->state.step);
  py = descent_axes_map_y (axes, scene->state.loss);
  cairo_move_to (cr, px, axes->y);
  cairo_line_to (cr, px, axes->y + axes->height);
  descent_canvas_stroke (canvas, &palette->muted, 0.6, 1);
  if (isfinite (py))
    descent_canvas_dot (canvas, px, CLAMP (py, axes->y, axes->y + axes->height), 5.5,
                        &palette->path, &palette->panel, 2);
  cairo_restore (cr);
}
