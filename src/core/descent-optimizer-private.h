/* descent-optimizer-private.h: the optimizer's fields, for loops that own the iteration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "descent-optimizer.h"

G_BEGIN_DECLS

struct _DescentOptimizer {
  const DescentOptimizerType *type;
  const DescentProblem       *problem;
  double                      alpha;
  double                      theta[2];
  double                      loss;
  double                      gradient[2];
  void                       *state;
};

G_END_DECLS
