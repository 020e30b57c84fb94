/* descent-ticks.h: where an axis puts its ticks, and how their labels read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DESCENT_TICKS_MAX 32

typedef struct {
  guint  n;
  double values[DESCENT_TICKS_MAX];
  double step;       /* linear: the distance between ticks; log: the decades between them,
                      * or 0 when there are ticks between the decades */
  gboolean log;
} DescentTicks;

void   descent_ticks_linear      (DescentTicks *ticks,
                                  double        lo,
                                  double        hi,
                                  guint         max_ticks);
void   descent_ticks_log         (DescentTicks *ticks,
                                  double        lo,
                                  double        hi,
                                  guint         max_ticks);
double descent_ticks_nice_step   (double        range,
                                  guint         max_ticks);
char  *descent_ticks_format      (const DescentTicks *ticks,
                                  double              value);
char  *descent_format_value      (double        value,
                                  int           significant);
char  *descent_format_points     (gsize         n);

G_END_DECLS
