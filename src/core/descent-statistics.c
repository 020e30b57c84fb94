/* descent-statistics.c: the moments of x and y that the loss is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three passes, all compensated: the means; the centred second moments, with the
 * correction term of the corrected two-pass algorithm; and the residuals of the
 * least-squares line, so that J at the optimum is a sum of squares, never a difference
 * of large numbers (Σx² − n·x̄² loses every digit when x ≈ 1e9 varies by 1).
 */

#define G_LOG_DOMAIN "descent-statistics"

#include "config.h"

#include <math.h>

#include "descent-statistics.h"

/* Neumaier's compensated sum. */
typedef struct {
  double sum;
  double compensation;
} Sum;

static inline void
sum_add (Sum    *s,
         double  value)
{
  double t = s->sum + value;

  if (fabs (s->sum) >= fabs (value))
    s->compensation += (s->sum - t) + value;
  else
    s->compensation += (value - t) + s->sum;
  s->sum = t;
}

static inline double
sum_get (const Sum *s)
{
  return s->sum + s->compensation;
}

void
descent_statistics_compute (DescentStatistics *self,
                            const double      *x,
                            const double      *y,
                            gsize              n)
{
  Sum sx = { 0 }, sy = { 0 };
  Sum dx = { 0 }, dy = { 0 }, dxx = { 0 }, dyy = { 0 }, dxy = { 0 };
  Sum residuals = { 0 };
  double mean_x, mean_y, slope;
  double count;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n > 0 && x != NULL && y != NULL);

  count = (double) n;
  self->n = n;
  self->min_x = self->max_x = x[0];
  self->min_y = self->max_y = y[0];

  for (gsize i = 0; i < n; i++)
    {
      sum_add (&sx, x[i]);
      sum_add (&sy, y[i]);
      self->min_x = MIN (self->min_x, x[i]);
      self->max_x = MAX (self->max_x, x[i]);
      self->min_y = MIN (self->min_y, y[i]);
      self->max_y = MAX (self->max_y, y[i]);
    }
  mean_x = sum_get (&sx) / count;
  mean_y = sum_get (&sy) / count;

  for (gsize i = 0; i < n; i++)
    {
      double u = x[i] - mean_x;
      double v = y[i] - mean_y;

      sum_add (&dx, u);
      sum_add (&dy, v);
      sum_add (&dxx, u * u);
      sum_add (&dyy, v * v);
      sum_add (&dxy, u * v);
    }

  /* The corrected two-pass algorithm: the first-order sums are zero up to rounding. */
  self->var_x = (sum_get (&dxx) - sum_get (&dx) * sum_get (&dx) / count) / count;
  self->var_y = (sum_get (&dyy) - sum_get (&dy) * sum_get (&dy) / count) / count;
  self->cov_xy = (sum_get (&dxy) - sum_get (&dx) * sum_get (&dy) / count) / count;
  self->var_x = MAX (self->var_x, 0.0);
  self->var_y = MAX (self->var_y, 0.0);

  /* The means are corrected by the same first-order sums. */
  self->mean_x = mean_x + sum_get (&dx) / count;
  self->mean_y = mean_y + sum_get (&dy) / count;

  if (self->var_x > 0)
    {
      slope = self->cov_xy / self->var_x;
      for (gsize i = 0; i < n; i++)
        {
          double r = slope * (x[i] - self->mean_x) - (y[i] - self->mean_y);
          sum_add (&residuals, r * r);
        }
      self->loss_min = sum_get (&residuals) / (2 * count);
    }
  else
    self->loss_min = self->var_y / 2;
}
