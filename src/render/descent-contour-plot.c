/* descent-contour-plot.c: the loss surface, the path of the descent and the gradient
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "descent-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "descent-plots.h"

#define ARROW_MIN_PIXELS 24.0

static void
map (const DescentAxes *axes,
     const double       theta[2],
     double             point[2])
{
  point[0] = descent_axes_map_x (axes, theta[0]);
  point[1] = descent_axes_map_y (axes, theta[1]);
}

static gboolean
inside (const DescentAxes *axes,
        const double       point[2])
{
  return point[0] >= axes->x && point[0] <= axes->x + axes->width
         && point[1] >= axes->y && point[1] <= axes->y + axes->height;
}

/* A rectangle on the plot, in its pixels. */
typedef struct {
  double x, y, width, height;
} Box;

/* How much of the segment a–b runs through @box, in pixels. */
static double
length_inside (const DescentAxes *axes,
               const Box         *box,
               const double       a[2],
               const double       b[2])
{
  double p[2] = { a[0], a[1] }, q[2] = { b[0], b[1] };

  if (!descent_clip_segment (box->x, box->y, box->width, box->height, p, q))
    return 0;
  return hypot (q[0] - p[0], q[1] - p[1]);
}

static gboolean
near_box (const Box    *box,
          const double  point[2],
          double        margin)
{
  return point[0] >= box->x - margin && point[0] <= box->x + box->width + margin
         && point[1] >= box->y - margin && point[1] <= box->y + box->height + margin;
}

static double
overlap (const Box *a,
         const Box *b)
{
  double w = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
  double h = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);

  return w > 0 && h > 0 ? w * h : 0;
}

/* Where the label of the gradient arrow goes: beyond the tip, on the side it points to,
 * unless that covers the least-squares cross, as it does near convergence when the
 * arrow points straight at θ*; then beside the arrow, or behind the current θ. */
static void
gradient_label_box (const DescentCanvas *canvas,
                    const DescentAxes   *axes,
                    const DescentScene  *scene,
                    const double         origin[2],
                    const double         tip[2],
                    double               width,
                    double               height,
                    Box                 *box)
{
  double angle = atan2 (tip[1] - origin[1], tip[0] - origin[0]);
  double c = cos (angle), s = sin (angle), gap = 0.7 * canvas->text_size;
  double cross = 9 * canvas->unit, dot = 8 * canvas->unit, best = G_MAXDOUBLE;
  double middle[2] = { (origin[0] + tip[0]) / 2, (origin[1] + tip[1]) / 2 };
  /* Anchor points, and the direction the box extends from each. */
  const double anchors[][4] = {
    { tip[0] + gap * c, tip[1] + gap * s, c, s },
    { middle[0] - gap * s, middle[1] + gap * c, -s, c },
    { middle[0] + gap * s, middle[1] - gap * c, s, -c },
    { origin[0] - (dot + gap) * c, origin[1] - (dot + gap) * s, -c, -s },
  };
  double optimum[2];
  Box cross_box, current = { origin[0] - dot, origin[1] - dot, 2 * dot, 2 * dot };

  map (axes, scene->problem->theta_star, optimum);
  cross_box = (Box) { optimum[0] - cross, optimum[1] - cross, 2 * cross, 2 * cross };
  for (guint k = 0; k < G_N_ELEMENTS (anchors); k++)
    {
      Box candidate = { anchors[k][0] - (0.5 - 0.5 * anchors[k][2]) * width,
                        anchors[k][1] - (0.5 - 0.5 * anchors[k][3]) * height, width, height };
      double cost = overlap (&candidate, &cross_box) + overlap (&candidate, &current);

      if (candidate.x < axes->x || candidate.x + width > axes->x + axes->width
          || candidate.y < axes->y || candidate.y + height > axes->y + axes->height)
        cost += width * height;
      /* Ties go to the first place, beyond the tip. */
      if (cost < best - 1e-9)
        {
          best = cost;
          *box = candidate;
        }
    }
}

static void
level_color (const DescentCanvas *canvas,
             const DescentScene  *scene,
             double               t,
             double               mix,
             DescentColor        *color)
{
  DescentColor base;

  descent_colormap (t, &base);
  descent_color_mix (&base, &canvas->palette->panel, mix, color);
}

static void
draw_field (DescentCanvas      *canvas,
            cairo_t            *cr,
            const DescentAxes  *axes,
            const DescentScene *scene)
{
  const DescentContours *contours = scene->contours;
  double mix = canvas->palette->band_mix;
  DescentColor color;
  guint n = contours->n_levels;

  /* Above the outermost level, then each level's inside over it, outside in. */
  level_color (canvas, scene, 1, mix, &color);
  descent_set_color (cr, &color, 1);
  cairo_paint (cr);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint k = 0; k < n; k++)
    {
      const DescentContourLevel *level = &contours->levels[k];
      guint start = 0;

      for (guint l = 0; l < level->n_loops; l++)
        {
          for (guint i = start; i < level->loop_ends[l]; i++)
            {
              double p[2];
              map (axes, level->points[i].theta, p);
              if (i == start)
                cairo_move_to (cr, p[0], p[1]);
              else
                cairo_line_to (cr, p[0], p[1]);
            }
          cairo_close_path (cr);
          start = level->loop_ends[l];
        }
      level_color (canvas, scene, 1 - (k + 1.0) / n, mix, &color);
      descent_set_color (cr, &color, 1);
      cairo_fill (cr);
    }

  /* The level lines, without the stretches that run along the frame. */
  cairo_set_line_width (cr, 0.9 * canvas->unit);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint k = 0; k < n; k++)
    {
      const DescentContourLevel *level = &contours->levels[k];
      guint start = 0;

      for (guint l = 0; l < level->n_loops; l++)
        {
          guint end = level->loop_ends[l], count = end - start;
          gboolean drawing = FALSE;

          for (guint m = 0; m <= count; m++)
            {
              const DescentContourPoint *point = &level->points[start + m % count];
              double p[2];

              if (point->on_edge)
                {
                  drawing = FALSE;
                  continue;
                }
              map (axes, point->theta, p);
              if (drawing)
                cairo_line_to (cr, p[0], p[1]);
              else
                cairo_move_to (cr, p[0], p[1]);
              drawing = TRUE;
            }
          start = end;
        }
      level_color (canvas, scene, 1 - (k + 1.0) / n, mix * 0.25, &color);
      descent_set_color (cr, &color, 0.9);
      cairo_stroke (cr);
    }
}

/* On an image, the field is drawn once per size into the scene's cache and copied from
 * there: it depends on the data and the start only, not on α or the step. Vector files
 * get it as vectors. */
static void
paint_field (DescentCanvas      *canvas,
             const DescentAxes  *axes,
             const DescentScene *scene)
{
  DescentSceneCache *cache = scene->cache;
  cairo_t *cr = canvas->cr;
  int width, height;

  if (cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE)
    {
      draw_field (canvas, cr, axes, scene);
      return;
    }

  descent_axes_device_size (axes, cr, &width, &height);
  if (width < 1 || height < 1 || width > 16384 || height > 16384)
    {
      draw_field (canvas, cr, axes, scene);
      return;
    }

  if (cache->field == NULL || cache->field_width != width || cache->field_height != height
      || cache->field_theme != scene->theme || cache->field_serial != scene->contours_serial
      || cache->field_unit != canvas->unit)
    {
      cairo_t *field_cr;

      g_clear_pointer (&cache->field, cairo_surface_destroy);
      cache->field = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      field_cr = cairo_create (cache->field);
      cairo_scale (field_cr, width / axes->width, height / axes->height);
      cairo_translate (field_cr, -axes->x, -axes->y);
      draw_field (canvas, field_cr, axes, scene);
      cairo_destroy (field_cr);
      cache->field_width = width;
      cache->field_height = height;
      cache->field_theme = scene->theme;
      cache->field_serial = scene->contours_serial;
      cache->field_unit = canvas->unit;
    }

  descent_axes_paint_image (axes, cr, cache->field);
}

/* The path up to the current step, one vertex per pixel at most, and a dot per step
 * where the steps are far enough apart to tell. Returns where it first left the frame. */
static gboolean
paint_path (DescentCanvas      *canvas,
            const DescentAxes  *axes,
            const DescentScene *scene,
            double              exit_point[2])
{
  const DescentPalette *palette = canvas->palette;
  cairo_t *cr = canvas->cr;
  guint last = scene->state_index;
  double previous[2], last_dot[2] = { INFINITY, INFINITY };
  double dot_spacing = 7 * canvas->unit, dot_radius = 2.4 * canvas->unit;
  gboolean left = FALSE;
  GArray *dots = g_array_new (FALSE, FALSE, sizeof (double) * 2);

  map (axes, descent_trajectory_get_recorded (scene->trajectory, 0)->theta, previous);
  for (guint i = 1; i <= last + 1; i++)
    {
      const double *theta = i <= last ? descent_trajectory_get_recorded (scene->trajectory, i)->theta
                                      : scene->state.theta;
      double p[2], a[2], b[2];

      map (axes, theta, p);
      if (i <= last && hypot (p[0] - previous[0], p[1] - previous[1]) < 1 && inside (axes, p))
        continue;

      a[0] = previous[0]; a[1] = previous[1];
      b[0] = p[0]; b[1] = p[1];
      if (inside (axes, a) && !inside (axes, b))
        {
          /* Follow it to the edge and no further: the marker there says where it went. */
          if (descent_axes_clip_segment (axes, 0, a, b))
            {
              cairo_move_to (cr, a[0], a[1]);
              cairo_line_to (cr, b[0], b[1]);
              exit_point[0] = b[0];
              exit_point[1] = b[1];
              left = TRUE;
            }
          break;
        }
      if (descent_axes_clip_segment (axes, 0, a, b))
        {
          cairo_move_to (cr, a[0], a[1]);
          cairo_line_to (cr, b[0], b[1]);
        }
      if (inside (axes, p) && hypot (p[0] - last_dot[0], p[1] - last_dot[1]) >= dot_spacing)
        {
          g_array_append_vals (dots, p, 1);
          last_dot[0] = p[0];
          last_dot[1] = p[1];
        }
      previous[0] = p[0];
      previous[1] = p[1];
    }

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  descent_canvas_stroke_halo (canvas, &palette->path, 2.2, 4.5);

  for (guint i = 0; i < dots->len; i++)
    {
      const double *p = &g_array_index (dots, double, 2 * i);
      cairo_new_sub_path (cr);
      cairo_arc (cr, p[0], p[1], dot_radius, 0, 2 * G_PI);
    }
  descent_set_color (cr, &palette->path, 1);
  cairo_fill (cr);
  g_array_unref (dots);
  return left;
}

/* Pixels per unit of −∇J's direction: the arrow is at least 24 px long and grows by a
 * fixed amount per decade of ‖∇J‖, relative to the gradient at the start. */
double
descent_contour_plot_arrow_length (const DescentScene *scene,
                                   const DescentAxes  *axes)
{
  const DescentStep *start = descent_trajectory_get_recorded (scene->trajectory, 0);
  double norm = hypot (scene->state.gradient[0], scene->state.gradient[1]);
  double reference = hypot (start->gradient[0], start->gradient[1]);
  double decades, longest = 0.3 * MIN (axes->width, axes->height);
  double unit = 16 * sqrt (MIN (axes->width, axes->height) / 400.0);

  if (!(norm > 0) || !(reference > 0))
    return ARROW_MIN_PIXELS;
  decades = log10 (norm / reference) + 4;
  return CLAMP (ARROW_MIN_PIXELS + unit * MAX (decades, 0), ARROW_MIN_PIXELS,
                MAX (longest, ARROW_MIN_PIXELS));
}

/* Where the arrow along −∇J from the current θ ends, in pixels; FALSE when there is no
 * arrow to draw (θ off the plot, or no gradient). */
static gboolean
gradient_tip (const DescentAxes  *axes,
              const DescentScene *scene,
              double              tip[2])
{
  const double *g = scene->state.gradient;
  double origin[2], direction[2], norm, length;

  map (axes, scene->state.theta, origin);
  if (!inside (axes, origin))
    return FALSE;
  direction[0] = -g[0] * axes->width / (axes->range[1] - axes->range[0]);
  direction[1] = g[1] * axes->height / (axes->range[3] - axes->range[2]);
  norm = hypot (direction[0], direction[1]);
  if (!(norm > 0) || !isfinite (norm))
    return FALSE;
  length = descent_contour_plot_arrow_length (scene, axes);
  tip[0] = origin[0] + length * direction[0] / norm;
  tip[1] = origin[1] + length * direction[1] / norm;
  return TRUE;
}

static void
arrow_head (cairo_t      *cr,
            const double  tip[2],
            double        angle,
            double        size)
{
  cairo_move_to (cr, tip[0], tip[1]);
  cairo_line_to (cr, tip[0] - size * cos (angle - 0.42), tip[1] - size * sin (angle - 0.42));
  cairo_line_to (cr, tip[0] - size * cos (angle + 0.42), tip[1] - size * sin (angle + 0.42));
  cairo_close_path (cr);
}

static void
paint_gradient (DescentCanvas      *canvas,
                const DescentAxes  *axes,
                const DescentScene *scene)
{
  const DescentPalette *palette = canvas->palette;
  cairo_t *cr = canvas->cr;
  const double *g = scene->state.gradient;
  double alpha = scene->params->alpha;
  double origin[2], step[2], angle, tip[2], head = 9 * canvas->unit;

  map (axes, scene->state.theta, origin);
  if (!inside (axes, origin))
    return;

  /* The step α·(−∇J), in θ units, then in pixels. */
  step[0] = descent_axes_map_x (axes, scene->state.theta[0] - alpha * g[0]) - origin[0];
  step[1] = descent_axes_map_y (axes, scene->state.theta[1] - alpha * g[1]) - origin[1];

  /* The step the next iteration takes, dashed, ending in a ring: with a large α it
   * overshoots the valley, and that is what students should see. */
  if (hypot (step[0], step[1]) >= 3 * canvas->unit && isfinite (step[0]) && isfinite (step[1]))
    {
      double a[2] = { origin[0], origin[1] }, b[2] = { origin[0] + step[0], origin[1] + step[1] };

      cairo_save (cr);
      if (descent_axes_clip_segment (axes, 0, a, b))
        {
          cairo_move_to (cr, a[0], a[1]);
          cairo_line_to (cr, b[0], b[1]);
          descent_canvas_stroke_dash (canvas, &palette->path, 1, 1.6, 4, 3);
          if (b[0] == origin[0] + step[0] && b[1] == origin[1] + step[1])
            descent_canvas_dot (canvas, b[0], b[1], 3.6, &palette->panel, &palette->path, 1.6);
        }
      cairo_restore (cr);
    }

  if (!gradient_tip (axes, scene, tip))
    return;
  angle = atan2 (tip[1] - origin[1], tip[0] - origin[0]);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, origin[0], origin[1]);
  cairo_line_to (cr, tip[0] - 0.6 * head * cos (angle), tip[1] - 0.6 * head * sin (angle));
  descent_canvas_stroke_halo (canvas, &palette->arrow, 2.4, 5);
  arrow_head (cr, tip, angle, head);
  descent_set_color (cr, &palette->panel, 0.9);
  cairo_set_line_width (cr, 2 * canvas->unit);
  cairo_stroke_preserve (cr);
  descent_set_color (cr, &palette->arrow, 1);
  cairo_fill (cr);

  /* The label sits beyond the tip, on the side the arrow points to. */
  {
    double width, height;
    Box label;

    descent_canvas_measure (canvas, DESCENT_TEXT_NORMAL, "−∇J", &width, &height);
    gradient_label_box (canvas, axes, scene, origin, tip, width, height, &label);
    descent_set_color (cr, &palette->arrow, 1);
    descent_canvas_text_halo (canvas, DESCENT_TEXT_NORMAL, "−∇J", label.x, label.y, 0, 0,
                              &palette->panel);
  }
}

/* “θ*” goes on the diagonal of the cross where it covers least of the current θ, the
 * gradient arrow and its label, which near convergence sit right on top of it. */
static void
paint_optimum_label (DescentCanvas      *canvas,
                     const DescentAxes  *axes,
                     const DescentScene *scene,
                     const double        p[2],
                     double              s)
{
  static const double sides[][2] = { { 1, 1 }, { 1, -1 }, { -1, 1 }, { -1, -1 } };
  double width, height, best = G_MAXDOUBLE, x = p[0], y = p[1], origin[2], tip[2];
  double label_width, label_height, dot = 8 * canvas->unit;
  gboolean arrow;
  Box label = { 0 }, current;

  map (axes, scene->state.theta, origin);
  current = (Box) { origin[0] - dot, origin[1] - dot, 2 * dot, 2 * dot };
  arrow = gradient_tip (axes, scene, tip);
  if (arrow)
    {
      descent_canvas_measure (canvas, DESCENT_TEXT_NORMAL, "−∇J", &label_width, &label_height);
      gradient_label_box (canvas, axes, scene, origin, tip, label_width, label_height, &label);
      /* Two labels side by side read as one: keep a gap. */
      label.x -= canvas->text_size;
      label.y -= 0.5 * canvas->text_size;
      label.width += 2 * canvas->text_size;
      label.height += canvas->text_size;
    }

  descent_canvas_measure (canvas, DESCENT_TEXT_NORMAL, "θ*", &width, &height);
  for (guint k = 0; k < G_N_ELEMENTS (sides); k++)
    {
      Box box = { p[0] + sides[k][0] * (1.3 * s + width / 2) - width / 2,
                  p[1] + sides[k][1] * (0.6 * s + height / 2) - height / 2, width, height };
      double cost = overlap (&box, &current);

      if (arrow)
        cost += overlap (&box, &label) + 4 * length_inside (axes, &box, origin, tip) * height;
      if (box.x < axes->x || box.x + width > axes->x + axes->width
          || box.y < axes->y || box.y + height > axes->y + axes->height)
        cost += 1e9;
      /* Ties go to the first side, below and to the right. */
      if (cost < best - 1e-9)
        {
          best = cost;
          x = box.x;
          y = box.y;
        }
    }
  descent_set_color (canvas->cr, &canvas->palette->foreground, 1);
  descent_canvas_text_halo (canvas, DESCENT_TEXT_NORMAL, "θ*", x, y, 0, 0,
                            &canvas->palette->panel);
}

static void
paint_markers (DescentCanvas      *canvas,
               const DescentAxes  *axes,
               const DescentScene *scene)
{
  const DescentPalette *palette = canvas->palette;
  cairo_t *cr = canvas->cr;
  double p[2], s = 6 * canvas->unit;

  /* θ*: a cross, labelled. */
  map (axes, scene->problem->theta_star, p);
  cairo_move_to (cr, p[0] - s, p[1] - s);
  cairo_line_to (cr, p[0] + s, p[1] + s);
  cairo_move_to (cr, p[0] - s, p[1] + s);
  cairo_line_to (cr, p[0] + s, p[1] - s);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  descent_canvas_stroke_halo (canvas, &palette->foreground, 2.2, 5);
  paint_optimum_label (canvas, axes, scene, p, s);

  /* The start: a ring. */
  map (axes, scene->params->theta_start, p);
  if (inside (axes, p))
    {
      const char *label = _("start");
      double width;
      gboolean right;

      descent_canvas_dot (canvas, p[0], p[1], 5, &palette->panel, &palette->foreground, 2);
      descent_set_color (cr, &palette->foreground, 1);
      descent_canvas_measure (canvas, DESCENT_TEXT_SMALL, label, &width, NULL);
      right = p[0] + 1.6 * s + width < axes->x + axes->width - 4;
      descent_canvas_text_halo (canvas, DESCENT_TEXT_SMALL, label,
                                right ? p[0] + 1.6 * s : p[0] - 1.6 * s,
                                MAX (p[1] - 0.8 * s, axes->y + 2 * s), right ? 0 : 1, 1,
                                &palette->panel);
    }
}

static void
paint_current (DescentCanvas      *canvas,
               const DescentAxes  *axes,
               const DescentScene *scene)
{
  const DescentPalette *palette = canvas->palette;
  double p[2];

  map (axes, scene->state.theta, p);
  if (!inside (axes, p))
    return;
  descent_canvas_dot (canvas, p[0], p[1], 6.5, &palette->path, &palette->panel, 2);
}

/* Where a diverging path left the frame: a triangle on the edge, pointing straight out
 * of the edge it crossed, and its label inside, clear of the marker and of the frame. */
static double
exit_layout (const DescentCanvas *canvas,
             const DescentAxes   *axes,
             const double         exit_point[2],
             Box                 *label)
{
  double size = 14 * canvas->unit, angle, width, height;

  if (exit_point[0] <= axes->x + 0.5)
    angle = G_PI;
  else if (exit_point[0] >= axes->x + axes->width - 0.5)
    angle = 0;
  else if (exit_point[1] <= axes->y + 0.5)
    angle = -G_PI / 2;
  else
    angle = G_PI / 2;

  descent_canvas_measure ((DescentCanvas *) canvas, DESCENT_TEXT_SMALL, _("left the view"),
                          &width, &height);
  label->x = exit_point[0] - (size + 4) * cos (angle) - (0.5 - 0.5 * cos (angle)) * width;
  label->y = exit_point[1] - (size + 4) * sin (angle) - (0.5 - 0.5 * sin (angle)) * height;
  if (fabs (cos (angle)) < 0.5)
    label->x = exit_point[0] - width / 2;
  if (fabs (sin (angle)) < 0.5)
    label->y = exit_point[1] - height / 2;
  label->x = CLAMP (label->x, axes->x + 4, axes->x + axes->width - 4 - width);
  label->y = CLAMP (label->y, axes->y + 4, axes->y + axes->height - 4 - height);
  label->width = width;
  label->height = height;
  return angle;
}

/* How much a key at @box would hide: every pixel of the path under it, and far more for
 * the markers, their labels and the gradient arrow. */
static double
legend_cost (const DescentCanvas *canvas,
             const DescentAxes   *axes,
             const DescentScene  *scene,
             const Box           *box,
             const double        *exit_point)
{
  const double *important[] = { scene->problem->theta_star, scene->state.theta };
  guint last = scene->state_index, stride = MAX (1, last / 2000);
  double margin = canvas->text_size, cost = 0, previous[2], p[2];

  map (axes, descent_trajectory_get_recorded (scene->trajectory, 0)->theta, previous);
  for (guint i = stride; i <= last + stride; i += stride)
    {
      map (axes, i <= last ? descent_trajectory_get_recorded (scene->trajectory, i)->theta
                           : scene->state.theta, p);
      cost += length_inside (axes, box, previous, p);
      previous[0] = p[0];
      previous[1] = p[1];
    }

  /* The start's label sits to its right. */
  map (axes, scene->params->theta_start, p);
  if (near_box (box, p, margin)
      || near_box (box, (double[2]) { p[0] + 4 * margin, p[1] - margin }, margin))
    cost += 1e6;
  for (guint i = 0; i < G_N_ELEMENTS (important); i++)
    {
      map (axes, important[i], p);
      if (near_box (box, p, 2 * margin))
        cost += 1e6;
    }
  if (exit_point != NULL)
    {
      Box label;

      exit_layout (canvas, axes, exit_point, &label);
      /* Not even touching: the two would read as one. */
      label.x -= margin / 2;
      label.y -= margin / 2;
      label.width += margin;
      label.height += margin;
      if (near_box (box, exit_point, 2 * margin) || overlap (box, &label) > 0)
        cost += 1e6;
    }
  return cost;
}

/* The divergence message, laid out: its text in one or two lines, and where it goes. */
typedef struct {
  gboolean          shown;
  DescentTextStyle  style;
  char             *lines[2];   /* the second may be NULL */
  double            line_height;
  Box               box;
} Banner;

static void
banner_clear (Banner *banner)
{
  g_clear_pointer (&banner->lines[0], g_free);
  g_clear_pointer (&banner->lines[1], g_free);
}

static void
paint_legend (DescentCanvas      *canvas,
              const DescentAxes  *axes,
              const DescentScene *scene,
              const double       *exit_point,
              const Banner       *banner)
{
  const DescentPalette *palette = canvas->palette;
  cairo_t *cr = canvas->cr;
  const char *labels[] = {
    _("least squares θ*"),
    _("descent path"),
    _("gradient −∇J"),
    _("next step α·(−∇J)"),
  };
  double size = canvas->text_size, line = size * 1.3, sample = size * 1.8, u = canvas->unit;
  double widest = 0, box_width, box_height, x = axes->x, y = axes->y;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      double width;
      descent_canvas_measure (canvas, DESCENT_TEXT_SMALL, labels[i], &width, NULL);
      widest = MAX (widest, width);
    }
  box_width = sample + size * 0.5 + widest + size;
  box_height = line * G_N_ELEMENTS (labels) + size * 0.5;
  /* A key that would cover much of a small plot helps less than the plot. */
  if (box_width > 0.55 * axes->width || box_height > 0.3 * axes->height)
    return;

  /* The corner where it hides the least, top right when all are alike, and never over
   * the divergence message. */
  {
    double best = INFINITY;

    for (int corner = 0; corner < 4; corner++)
      {
        gboolean top = corner < 2;
        Box box;
        double cost;

        box.x = corner % 2 == 0 ? axes->x + axes->width - box_width - size * 0.5
                                : axes->x + size * 0.5;
        box.y = top ? axes->y + size * 0.5 : axes->y + axes->height - box_height - size * 0.5;
        box.width = box_width;
        box.height = box_height;
        cost = legend_cost (canvas, axes, scene, &box, exit_point);
        if (banner->shown && overlap (&box, &banner->box) > 0)
          cost += 1e9;
        if (cost < best)
          {
            best = cost;
            x = box.x;
            y = box.y;
          }
      }
  }

  cairo_rectangle (cr, x, y, box_width, box_height);
  descent_set_color (cr, &palette->panel, 0.82);
  cairo_fill (cr);

  x += size * 0.5;
  y += size * 0.25 + line * 0.5;
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* θ*: a cross. */
  cairo_move_to (cr, x + sample / 2 - 5 * u, y - 5 * u);
  cairo_line_to (cr, x + sample / 2 + 5 * u, y + 5 * u);
  cairo_move_to (cr, x + sample / 2 - 5 * u, y + 5 * u);
  cairo_line_to (cr, x + sample / 2 + 5 * u, y - 5 * u);
  descent_set_color (cr, &palette->foreground, 1);
  cairo_set_line_width (cr, 2.2 * u);
  cairo_stroke (cr);

  /* The path: a line with dots. */
  cairo_move_to (cr, x, y + line);
  cairo_line_to (cr, x + sample, y + line);
  descent_canvas_stroke (canvas, &palette->path, 1, 2.2);
  for (int k = 0; k < 3; k++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + sample * (0.1 + 0.4 * k), y + line, 2.4 * u, 0, 2 * G_PI);
    }
  cairo_fill (cr);

  /* −∇J: an arrow. */
  cairo_move_to (cr, x, y + 2 * line);
  cairo_line_to (cr, x + sample - 6 * u, y + 2 * line);
  descent_canvas_stroke (canvas, &palette->arrow, 1, 2.4);
  arrow_head (cr, (double[2]) { x + sample, y + 2 * line }, 0, 9 * u);
  cairo_fill (cr);

  /* The next step: dashed, ending in a ring. */
  cairo_move_to (cr, x, y + 3 * line);
  cairo_line_to (cr, x + sample - 3.6 * u, y + 3 * line);
  descent_canvas_stroke_dash (canvas, &palette->path, 1, 1.6, 4, 3);
  descent_canvas_dot (canvas, x + sample - 3.6 * u, y + 3 * line, 3.6, &palette->panel,
                      &palette->path, 1.6);

  descent_set_color (cr, &palette->foreground, 1);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    descent_canvas_text (canvas, DESCENT_TEXT_SMALL, labels[i], x + sample + size * 0.5,
                         y + i * line, 0, 0.5);
}

static void
paint_exit (DescentCanvas     *canvas,
            const DescentAxes *axes,
            const double       exit_point[2])
{
  const DescentPalette *palette = canvas->palette;
  cairo_t *cr = canvas->cr;
  Box label;
  double angle = exit_layout (canvas, axes, exit_point, &label);

  arrow_head (cr, exit_point, angle, 14 * canvas->unit);
  descent_set_color (cr, &palette->panel, 1);
  cairo_set_line_width (cr, 2.5 * canvas->unit);
  cairo_stroke_preserve (cr);
  descent_set_color (cr, &palette->warning, 1);
  cairo_fill (cr);

  descent_set_color (cr, &palette->warning, 1);
  descent_canvas_text_halo (canvas, DESCENT_TEXT_SMALL, _("left the view"), label.x, label.y,
                            0, 0, &palette->panel);
}

/* A line on the plot when the run diverges, naming the cause and the cure: in smaller
 * type, or on two lines, when the plot is narrow, and at the top or the bottom, left,
 * centre or right, wherever it hides least of the path and nothing of the markers. */
static void
plan_divergence (DescentCanvas      *canvas,
                 const DescentAxes  *axes,
                 const DescentScene *scene,
                 const double       *exit_point,
                 Banner             *banner)
{
  g_autofree char *alpha = descent_format_value (scene->params->alpha, 3);
  g_autofree char *critical = descent_format_value (scene->problem->alpha_critical, 3);
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  const char *cut;
  double size = canvas->text_size, room = axes->width - size, width, height, best = INFINITY;

  if (scene->params->alpha >= scene->problem->alpha_critical)
    /* Translators: α and α_crit are the learning rate and the largest one that converges. */
    text = g_strdup_printf (_("Diverges: α = %s is above α_crit = %s"), alpha, critical);
  else
    text = g_strdup (_("Diverged: the loss is too large to compute from this start"));

  /* Break after the first colon, ASCII or full-width. */
  {
    const char *colon = strstr (text, ": ");
    const char *wide = strstr (text, "：");

    cut = colon != NULL ? colon + 2 : wide != NULL ? wide + strlen ("：") : NULL;
  }
  if (cut != NULL)
    {
      first = g_strndup (text, (gsize) (cut - text));
      g_strchomp (first);
    }

  /* In one line or two, in normal or small type, at the top or the bottom: wherever it
   * hides least. One line of normal type in the middle of the top reads first, and the
   * others win only when they hide less; a message as wide as the plot may have no
   * place that hides nothing, until it is broken in two. */
  banner->shown = TRUE;
  for (int layout = 0; layout < 4; layout++)
    {
      DescentTextStyle style = layout < 2 ? DESCENT_TEXT_NORMAL : DESCENT_TEXT_SMALL;
      gboolean two_lines = layout % 2 == 1;
      double second = 0;

      if (two_lines && cut == NULL)
        continue;
      descent_canvas_measure (canvas, style, two_lines ? first : text, &width, &height);
      if (two_lines)
        {
          descent_canvas_measure (canvas, style, cut, &second, NULL);
          width = MAX (width, second);
        }
      /* The last layout is taken whatever its width: the plot may be tiny. */
      if (width > room && layout < 3)
        continue;
      width = MIN (width, room);

      for (int place = 0; place < 6; place++)
        {
          int column = place % 3;
          Box box;
          double cost;

          box.width = width + 0.4 * size;
          box.height = two_lines ? 2 * height : height;
          box.x = column == 1 ? axes->x + (axes->width - box.width) / 2
                : column == 0 ? axes->x + 0.5 * size
                              : axes->x + axes->width - 0.5 * size - box.width;
          box.y = place < 3 ? axes->y + 0.6 * size
                            : axes->y + axes->height - 0.6 * size - box.height;
          cost = legend_cost (canvas, axes, scene, &box, exit_point)
                 + (place == 1 ? 0 : 1) + 20 * layout;
          if (cost < best)
            {
              best = cost;
              banner->box = box;
              banner->style = style;
              banner->line_height = height;
              g_clear_pointer (&banner->lines[0], g_free);
              g_clear_pointer (&banner->lines[1], g_free);
              banner->lines[0] = g_strdup (two_lines ? first : text);
              banner->lines[1] = two_lines ? g_strdup (cut) : NULL;
            }
        }
    }
}

static void
paint_divergence (DescentCanvas *canvas,
                  const Banner  *banner)
{
  const Box *box = &banner->box;

  descent_set_color (canvas->cr, &canvas->palette->warning, 1);
  for (guint i = 0; i < G_N_ELEMENTS (banner->lines) && banner->lines[i] != NULL; i++)
    descent_canvas_text_halo (canvas, banner->style, banner->lines[i], box->x + box->width / 2,
                              box->y + i * banner->line_height, 0.5, 0,
                              &canvas->palette->panel);
}

void
descent_contour_plot_paint (DescentCanvas      *canvas,
                            double              x,
                            double              y,
                            double              width,
                            double              height,
                            const DescentScene *scene,
                            DescentAxes        *axes)
{
  const char *title = _("Loss contours and descent path");
  const char *x_title = _("θ₀ (intercept)");
  const char *y_title = _("θ₁ (slope)");
  cairo_t *cr = canvas->cr;
  double exit_point[2];
  gboolean left;
  Banner banner = { 0 };

  descent_axes_layout (axes, canvas, x, y, width, height, scene->contours->frame, FALSE, title,
                       x_title, y_title);
  descent_axes_paint (axes, canvas, title, x_title, y_title);

  cairo_save (cr);
  descent_axes_clip (axes, cr);
  paint_field (canvas, axes, scene);
  paint_markers (canvas, axes, scene);
  left = paint_path (canvas, axes, scene, exit_point);
  paint_gradient (canvas, axes, scene);
  paint_current (canvas, axes, scene);
  if (descent_trajectory_get_stop_reason (scene->trajectory) == DESCENT_STOP_DIVERGED
      || scene->params->alpha >= scene->problem->alpha_critical)
    plan_divergence (canvas, axes, scene, left ? exit_point : NULL, &banner);
  paint_legend (canvas, axes, scene, left ? exit_point : NULL, &banner);
  if (left)
    paint_exit (canvas, axes, exit_point);
  if (banner.shown)
    paint_divergence (canvas, &banner);
  banner_clear (&banner);
  cairo_restore (cr);

  /* The frame again, over the bands. */
  cairo_save (cr);
  descent_set_color (cr, &canvas->palette->muted, 1);
  cairo_set_line_width (cr, MAX (1, canvas->unit));
  cairo_rectangle (cr, axes->x, axes->y, axes->width, axes->height);
  cairo_stroke (cr);
  cairo_restore (cr);
}
