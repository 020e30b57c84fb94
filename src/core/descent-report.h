/* descent-report.h: a run told to people and to scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "descent-dataset.h"
#include "descent-problem.h"
#include "descent-trajectory.h"

G_BEGIN_DECLS

typedef struct {
  const DescentDataset    *dataset;
  const char              *file;        /* NULL for the built-in example */
  const DescentRunParams  *params;
  const DescentProblem    *problem;
  const DescentTrajectory *trajectory;
} DescentReport;

char     *descent_report_to_json          (const DescentReport      *report);
char     *descent_report_to_text          (const DescentReport      *report);
gboolean  descent_trajectory_write_csv    (const DescentTrajectory  *trajectory,
                                           const char               *path,
                                           GCancellable             *cancellable,
                                           GError                  **error);

G_END_DECLS
