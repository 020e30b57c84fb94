/* descent-dataset.h: the x and y columns Descent fits, and what was left out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DescentDataset DescentDataset;

typedef struct {
  guint64  line;
  char    *message;
} DescentSkippedRow;

/* How many skipped rows a dataset keeps the details of; it counts them all. */
#define DESCENT_DATASET_MAX_SKIPPED_DETAILS 10

DescentDataset          *descent_dataset_new              (const double *x,
                                                           const double *y,
                                                           gsize         n_rows,
                                                           const char   *x_name,
                                                           const char   *y_name);
DescentDataset          *descent_dataset_new_take         (double       *x,
                                                           double       *y,
                                                           gsize         n_rows,
                                                           const char   *x_name,
                                                           const char   *y_name);
DescentDataset          *descent_dataset_new_builtin      (void);
DescentDataset          *descent_dataset_ref              (DescentDataset *self);
void                     descent_dataset_unref            (DescentDataset *self);

gsize                    descent_dataset_get_n_rows       (const DescentDataset *self);
const double            *descent_dataset_get_x            (const DescentDataset *self);
const double            *descent_dataset_get_y            (const DescentDataset *self);
const char              *descent_dataset_get_x_name       (const DescentDataset *self);
const char              *descent_dataset_get_y_name       (const DescentDataset *self);
const char              *descent_dataset_get_source       (const DescentDataset *self);
void                     descent_dataset_set_source       (DescentDataset *self,
                                                           const char     *source);

guint64                  descent_dataset_get_n_skipped    (const DescentDataset *self);
guint                    descent_dataset_get_n_skipped_details (const DescentDataset *self);
const DescentSkippedRow *descent_dataset_get_skipped_detail    (const DescentDataset *self,
                                                                guint                 index);
void                     descent_dataset_add_skipped      (DescentDataset *self,
                                                           guint64         line,
                                                           const char     *message);
void                     descent_dataset_add_skipped_count (DescentDataset *self,
                                                            guint64         count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DescentDataset, descent_dataset_unref)

G_END_DECLS
