/* descent-contours.h: level sets of the loss over a frame in θ-space
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "core/descent-problem.h"

G_BEGIN_DECLS

typedef struct {
  double   theta[2];
  gboolean on_edge;   /* runs along the frame's edge: closes the loop for filling only */
} DescentContourPoint;

typedef struct {
  double               loss;
  guint                n_points;
  DescentContourPoint *points;
  guint                n_loops;
  guint               *loop_ends;  /* one past each loop's last point */
} DescentContourLevel;

typedef struct {
  double               frame[4];   /* θ0 from, to; θ1 from, to */
  guint                columns;
  guint                rows;
  double               loss_star;
  double               loss_max;   /* the largest loss in the frame */
  guint                n_levels;   /* from the outermost (highest) level inwards */
  DescentContourLevel *levels;
} DescentContours;

#define DESCENT_CONTOURS_LEVELS 20
#define DESCENT_CONTOURS_RATIO  0.6

DescentContours *descent_contours_compute (const DescentProblem *problem,
                                           const double          frame[4],
                                           guint                 columns,
                                           guint                 rows);
void             descent_contours_free    (DescentContours      *self);
void             descent_contours_frame   (const DescentProblem *problem,
                                           const double          theta_start[2],
                                           double                frame[4]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DescentContours, descent_contours_free)

G_END_DECLS
