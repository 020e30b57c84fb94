/* descent-contours.c: level sets of the loss over a frame in θ-space
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Marching squares on a grid of J, with a ring of +∞ around it so that every level set
 * comes out as closed loops, ready to fill from the outermost level inwards. Along a grid
 * edge J is an exact quadratic, so each crossing solves that quadratic instead of
 * interpolating linearly: the vertices lie on the level set, and the loops stay smooth
 * however large the figure.
 *
 * The levels are J* + ΔJ·0.6ᵏ, log-spaced in the excess loss: for a quadratic bowl that
 * makes the rings evenly spaced to the eye, down to a few pixels around θ*.
 */

#define G_LOG_DOMAIN "descent-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "descent-contours.h"

typedef struct {
  const DescentProblem *problem;
  const double         *frame;
  guint                 nx, ny;       /* nodes of the padded grid */
  double               *values;       /* J at the nodes; +∞ on the padding */
  double                curvature[2]; /* ½ dᵀHd along a horizontal and a vertical edge */
  gint32               *next;         /* per edge: the edge the loop goes to next */
  GArray               *points;
  GArray               *loop_ends;
} Grid;

static inline double
node_theta (const Grid *grid,
            guint       axis,
            guint       index)
{
  guint cells = (axis == 0 ? grid->nx : grid->ny) - 3;
  double from = grid->frame[2 * axis], to = grid->frame[2 * axis + 1];

  /* Index 0 is padding; nodes 1 … cells + 1 span the frame exactly. */
  return from + (to - from) * ((double) index - 1) / cells;
}

/* The crossing of @level on the edge from node p to node q, as a fraction of the edge. */
static double
crossing (double vp,
          double vq,
          double curvature,
          double level)
{
  double a = curvature, b = vq - vp - curvature, c = vp - level;
  double disc, q, t;

  if (!(a > 1e-12 * (fabs (b) + fabs (c))))
    return c / (vp - vq);

  disc = b * b - 4 * a * c;
  disc = disc > 0 ? sqrt (disc) : 0;
  q = -0.5 * (b + (b >= 0 ? disc : -disc));
  t = q / a;
  if (!(t >= 0 && t <= 1))
    t = q != 0 ? c / q : 0.5;
  return CLAMP (t, 0, 1);
}

/* Edge ids: 2·node for the edge to the right of it, 2·node + 1 for the edge above it. */
static void
edge_point (const Grid          *grid,
            gint32               edge,
            double               level,
            DescentContourPoint *point)
{
  guint node = edge / 2, i = node % grid->nx, j = node / grid->nx;
  gboolean vertical = edge & 1;
  guint i2 = vertical ? i : i + 1, j2 = vertical ? j + 1 : j;
  double vp = grid->values[node], vq = grid->values[j2 * grid->nx + i2];
  double t;

  point->on_edge = isinf (vp) || isinf (vq);
  if (point->on_edge)
    t = isinf (vp) ? 1 : 0;
  else
    t = crossing (vp, vq, grid->curvature[vertical], level);

  point->theta[0] = node_theta (grid, 0, i);
  point->theta[1] = node_theta (grid, 1, j);
  if (vertical)
    point->theta[1] += t * (node_theta (grid, 1, j + 1) - point->theta[1]);
  else
    point->theta[0] += t * (node_theta (grid, 0, i + 1) - point->theta[0]);
}

/* Links the crossings of one cell, with the inside on the left of each link. */
static void
link_cell (Grid   *grid,
           guint   i,
           guint   j,
           double  level)
{
  guint nx = grid->nx;
  guint corner[4] = { j * nx + i, j * nx + i + 1, (j + 1) * nx + i + 1, (j + 1) * nx + i };
  /* The cell's sides in counter-clockwise order, each from corner k to corner k + 1. */
  gint32 side[4] = { 2 * corner[0], 2 * corner[1] + 1, 2 * corner[3], 2 * corner[0] + 1 };
  gboolean in[4];
  int exits[2], entries[2], n_exits = 0, n_entries = 0;

  for (int k = 0; k < 4; k++)
    in[k] = grid->values[corner[k]] < level;

  for (int k = 0; k < 4; k++)
    {
      gboolean from = in[k], to = in[(k + 1) % 4];
      if (from && !to)
        exits[n_exits++] = k;
      else if (!from && to)
        entries[n_entries++] = k;
    }

  if (n_exits == 1)
    grid->next[side[exits[0]]] = side[entries[0]];
  else if (n_exits == 2)
    {
      /* A saddle: the centre decides whether the inside corners join. */
      double centre = 0.25 * (grid->values[corner[0]] + grid->values[corner[1]]
                              + grid->values[corner[2]] + grid->values[corner[3]]);
      for (int e = 0; e < 2; e++)
        {
          int k = exits[e], pick = -1;

          for (int step = 1; step < 4 && pick < 0; step++)
            {
              int m = centre < level ? (k + step) % 4 : (k + 4 - step) % 4;
              if (entries[0] == m || entries[1] == m)
                pick = m;
            }
          grid->next[side[k]] = side[pick];
        }
    }
}

static void
trace_level (Grid                *grid,
             double               level,
             DescentContourLevel *out)
{
  gsize n_edges = (gsize) 2 * grid->nx * grid->ny;

  memset (grid->next, 0xff, n_edges * sizeof *grid->next);
  g_array_set_size (grid->points, 0);
  g_array_set_size (grid->loop_ends, 0);

  for (guint j = 0; j + 1 < grid->ny; j++)
    for (guint i = 0; i + 1 < grid->nx; i++)
      link_cell (grid, i, j, level);

  for (gsize start = 0; start < n_edges; start++)
    {
      gint32 edge = start;
      guint loop_end;

      if (grid->next[start] < 0)
        continue;
      do
        {
          DescentContourPoint point;
          gint32 next = grid->next[edge];

          edge_point (grid, edge, level, &point);
          g_array_append_val (grid->points, point);
          grid->next[edge] = -1;
          edge = next;
        }
      while (edge >= 0 && grid->next[edge] >= 0);
      loop_end = grid->points->len;
      g_array_append_val (grid->loop_ends, loop_end);
    }

  out->loss = level;
  out->n_points = grid->points->len;
  out->points = g_memdup2 (grid->points->data, grid->points->len * sizeof (DescentContourPoint));
  out->n_loops = grid->loop_ends->len;
  out->loop_ends = g_memdup2 (grid->loop_ends->data, grid->loop_ends->len * sizeof (guint));
}

DescentContours *
descent_contours_compute (const DescentProblem *problem,
                          const double          frame[4],
                          guint                 columns,
                          guint                 rows)
{
  g_autoptr(DescentContours) self = NULL;
  g_autofree double *values = NULL;
  g_autofree gint32 *next = NULL;
  double hessian[2][2], dx, dy, excess;
  Grid grid = { 0 };

  g_return_val_if_fail (problem != NULL, NULL);
  g_return_val_if_fail (frame != NULL, NULL);
  g_return_val_if_fail (columns >= 2 && rows >= 2, NULL);
  g_return_val_if_fail (columns <= 4096 && rows <= 4096, NULL);
  g_return_val_if_fail (frame[1] > frame[0] && frame[3] > frame[2], NULL);

  self = g_new0 (DescentContours, 1);
  memcpy (self->frame, frame, sizeof self->frame);
  self->columns = columns;
  self->rows = rows;
  self->loss_star = problem->loss_star;

  grid.problem = problem;
  grid.frame = self->frame;
  grid.nx = columns + 3;
  grid.ny = rows + 3;
  values = g_new (double, (gsize) grid.nx * grid.ny);
  next = g_new (gint32, (gsize) 2 * grid.nx * grid.ny);
  grid.values = values;
  grid.next = next;

  self->loss_max = problem->loss_star;
  for (guint j = 0; j < grid.ny; j++)
    for (guint i = 0; i < grid.nx; i++)
      {
        double *v = &values[j * grid.nx + i];

        if (i == 0 || j == 0 || i == grid.nx - 1 || j == grid.ny - 1)
          *v = INFINITY;
        else
          {
            double theta[2] = { node_theta (&grid, 0, i), node_theta (&grid, 1, j) };
            *v = descent_problem_loss (problem, theta);
            self->loss_max = MAX (self->loss_max, *v);
          }
      }

  descent_problem_hessian (problem, hessian);
  dx = (frame[1] - frame[0]) / columns;
  dy = (frame[3] - frame[2]) / rows;
  grid.curvature[0] = 0.5 * hessian[0][0] * dx * dx;
  grid.curvature[1] = 0.5 * hessian[1][1] * dy * dy;
  grid.points = g_array_new (FALSE, FALSE, sizeof (DescentContourPoint));
  grid.loop_ends = g_array_new (FALSE, FALSE, sizeof (guint));

  excess = self->loss_max - self->loss_star;
  self->levels = g_new0 (DescentContourLevel, DESCENT_CONTOURS_LEVELS);
  if (excess > 0 && isfinite (excess))
    {
      for (guint k = 0; k < DESCENT_CONTOURS_LEVELS; k++)
        {
          double level = self->loss_star + excess * pow (DESCENT_CONTOURS_RATIO, k + 1);

          /* Below the resolution of J itself, the rings would be noise. */
          if (level == self->loss_star || level - self->loss_star < 1e-14 * fabs (self->loss_star))
            break;
          trace_level (&grid, level, &self->levels[self->n_levels++]);
        }
    }

  g_array_unref (grid.points);
  g_array_unref (grid.loop_ends);
  return g_steal_pointer (&self);
}

void
descent_contours_free (DescentContours *self)
{
  if (self == NULL)
    return;

  for (guint k = 0; k < self->n_levels; k++)
    {
      g_free (self->levels[k].points);
      g_free (self->levels[k].loop_ends);
    }
  g_free (self->levels);
  g_free (self);
}

/* The frame that holds every path gradient descent can take from @theta_start while it
 * converges. Each error component along an eigenvector of H only shrinks (|1 − αλ| < 1),
 * so the path stays in the box around θ* spanned by the start's components; the frame is
 * that box's bounding box with a margin. It does not depend on α, so the contours stay
 * still while α changes. */
void
descent_contours_frame (const DescentProblem *problem,
                        const double          theta_start[2],
                        double                frame[4])
{
  double hessian[2][2], e[2], half[2] = { 0, 0 };
  double v[2][2];

  g_return_if_fail (problem != NULL);

  descent_problem_hessian (problem, hessian);
  e[0] = theta_start[0] - problem->theta_star[0];
  e[1] = theta_start[1] - problem->theta_star[1];

  /* Unit eigenvectors of the symmetric 2×2 Hessian. */
  for (int k = 0; k < 2; k++)
    {
      double lambda = k == 0 ? problem->lambda_max : problem->lambda_min;
      double a = hessian[0][1], b = lambda - hessian[0][0];
      double norm = hypot (a, b);

      if (!(norm > 0))
        {
          a = k == 0 ? 1 : 0;
          b = k == 0 ? 0 : 1;
          norm = 1;
        }
      v[k][0] = a / norm;
      v[k][1] = b / norm;
    }

  for (int k = 0; k < 2; k++)
    {
      double component = fabs (v[k][0] * e[0] + v[k][1] * e[1]);
      half[0] += component * fabs (v[k][0]);
      half[1] += component * fabs (v[k][1]);
    }

  /* A start on θ*, or on one axis of the bowl, leaves a side with no extent: give it the
   * extent of the level set through the start, or a unit one if even that is empty. */
  for (int axis = 0; axis < 2; axis++)
    {
      double other = half[1 - axis];
      if (!(half[axis] > 1e-9 * other) || !isfinite (half[axis]))
        {
          double inverse = hessian[1 - axis][1 - axis]
                           / (hessian[0][0] * hessian[1][1] - hessian[0][1] * hessian[0][1]);
          double excess = descent_problem_loss (problem, theta_start) - problem->loss_star;
          half[axis] = sqrt (2 * MAX (excess, 0) * inverse);
        }
      if (!(half[axis] > 0) || !isfinite (half[axis]))
        half[axis] = MAX (1, fabs (problem->theta_star[axis]) * 0.5);
      half[axis] *= 1.12;
    }

  frame[0] = problem->theta_star[0] - half[0];
  frame[1] = problem->theta_star[0] + half[0];
  frame[2] = problem->theta_star[1] - half[1];
  frame[3] = problem->theta_star[1] + half[1];
}
