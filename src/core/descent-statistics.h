/* descent-statistics.h: the moments of x and y that the loss is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gsize  n;
  double mean_x;
  double mean_y;
  double var_x;      /* mean((x − x̄)²) */
  double var_y;      /* mean((y − ȳ)²) */
  double cov_xy;     /* mean((x − x̄)(y − ȳ)) */
  double min_x, max_x;
  double min_y, max_y;
  double loss_min;   /* J at the least-squares line, from its residuals */
} DescentStatistics;

void descent_statistics_compute (DescentStatistics *self,
                                 const double      *x,
                                 const double      *y,
                                 gsize              n);

G_END_DECLS
