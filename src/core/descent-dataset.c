/* descent-dataset.c: the x and y columns Descent fits, and what was left out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "descent-dataset"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "descent-dataset.h"

struct _DescentDataset {
  gatomicrefcount    ref_count;
  gsize              n_rows;
  double            *x;
  double            *y;
  char              *x_name;
  char              *y_name;
  char              *source;
  guint64            n_skipped;
  guint              n_details;
  DescentSkippedRow  details[DESCENT_DATASET_MAX_SKIPPED_DETAILS];
};

/* The example of the article Descent grew from: five points on y = x. */
static const double builtin_x[] = { 1, 2, 3, 4, 5 };
static const double builtin_y[] = { 1, 2, 3, 4, 5 };

DescentDataset *
descent_dataset_new_take (double     *x,
                          double     *y,
                          gsize       n_rows,
                          const char *x_name,
                          const char *y_name)
{
  DescentDataset *self;

  g_return_val_if_fail (n_rows == 0 || (x != NULL && y != NULL), NULL);

  self = g_new0 (DescentDataset, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_rows = n_rows;
  self->x = x;
  self->y = y;
  self->x_name = g_strdup (x_name != NULL ? x_name : "x");
  self->y_name = g_strdup (y_name != NULL ? y_name : "y");

  return self;
}

DescentDataset *
descent_dataset_new (const double *x,
                     const double *y,
                     gsize         n_rows,
                     const char   *x_name,
                     const char   *y_name)
{
  g_return_val_if_fail (n_rows == 0 || (x != NULL && y != NULL), NULL);

  return descent_dataset_new_take (g_memdup2 (x, n_rows * sizeof (double)),
                                   g_memdup2 (y, n_rows * sizeof (double)),
                                   n_rows, x_name, y_name);
}

DescentDataset *
descent_dataset_new_builtin (void)
{
  DescentDataset *self;

  self = descent_dataset_new (builtin_x, builtin_y, G_N_ELEMENTS (builtin_x), "x", "y");
  /* TRANSLATORS: the name of the dataset used when no file is open */
  self->source = g_strdup (_("Built-in example"));

  return self;
}

DescentDataset *
descent_dataset_ref (DescentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
descent_dataset_unref (DescentDataset *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < self->n_details; i++)
    g_free (self->details[i].message);
  g_free (self->x);
  g_free (self->y);
  g_free (self->x_name);
  g_free (self->y_name);
  g_free (self->source);
  g_free (self);
}

gsize
descent_dataset_get_n_rows (const DescentDataset *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

const double *
descent_dataset_get_x (const DescentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->x;
}

const double *
descent_dataset_get_y (const DescentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->y;
}

const char *
descent_dataset_get_x_name (const DescentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->x_name;
}

const char *
descent_dataset_get_y_name (const DescentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->y_name;
}

const char *
descent_dataset_get_source (const DescentDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

void
descent_dataset_set_source (DescentDataset *self,
                            const char     *source)
{
  g_return_if_fail (self != NULL);

  if (g_strcmp0 (self->source, source) != 0)
    {
      g_free (self->source);
      self->source = g_strdup (source);
    }
}

guint64
descent_dataset_get_n_skipped (const DescentDataset *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_skipped;
}

guint
descent_dataset_get_n_skipped_details (const DescentDataset *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_details;
}

const DescentSkippedRow *
descent_dataset_get_skipped_detail (const DescentDataset *self,
                                    guint                 index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_details, NULL);
  return &self->details[index];
}

void
descent_dataset_add_skipped (DescentDataset *self,
                             guint64         line,
                             const char     *message)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (message != NULL);

  self->n_skipped++;
  if (self->n_details < DESCENT_DATASET_MAX_SKIPPED_DETAILS)
    {
      self->details[self->n_details].line = line;
      self->details[self->n_details].message = g_strdup (message);
      self->n_details++;
    }
}

void
descent_dataset_add_skipped_count (DescentDataset *self,
                                   guint64         count)
{
  g_return_if_fail (self != NULL);
  self->n_skipped += count;
}
