/* descent-csv.h: reading x and y columns from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "descent-dataset.h"

G_BEGIN_DECLS

#define DESCENT_CSV_ERROR (descent_csv_error_quark ())

typedef enum {
  DESCENT_CSV_ERROR_NOT_FOUND,
  DESCENT_CSV_ERROR_UNREADABLE,
  DESCENT_CSV_ERROR_IS_DIRECTORY,
  DESCENT_CSV_ERROR_NOT_REGULAR,
  DESCENT_CSV_ERROR_READ,
  DESCENT_CSV_ERROR_EMPTY,
  DESCENT_CSV_ERROR_HEADER_ONLY,
  DESCENT_CSV_ERROR_BINARY,
  DESCENT_CSV_ERROR_ENCODING,
  DESCENT_CSV_ERROR_UNTERMINATED_QUOTE,
  DESCENT_CSV_ERROR_MALFORMED_QUOTE,
  DESCENT_CSV_ERROR_FIELD_TOO_LONG,
  DESCENT_CSV_ERROR_TOO_FEW_COLUMNS,
  DESCENT_CSV_ERROR_NO_SUCH_COLUMN,
  DESCENT_CSV_ERROR_BAD_OPTIONS,
  DESCENT_CSV_ERROR_TOO_FEW_ROWS,
  DESCENT_CSV_ERROR_NO_SPREAD,
  DESCENT_CSV_ERROR_TOO_LARGE,
  DESCENT_CSV_ERROR_NO_MEMORY,
  DESCENT_CSV_ERROR_CHANGED,     /* the file grew or shrank while it was read */
  DESCENT_CSV_ERROR_LINE_TOO_LONG,
} DescentCsvError;

typedef enum {
  DESCENT_CSV_HEADER_AUTO,
  DESCENT_CSV_HEADER_PRESENT,
  DESCENT_CSV_HEADER_ABSENT,
} DescentCsvHeader;

typedef struct {
  char              delimiter;  /* '\0': guess among , ; tab | */
  char              decimal;    /* '\0': guess '.' or ',' */
  DescentCsvHeader  header;
  const char       *x_column;   /* a name or a 1-based index; NULL: the first numeric column */
  const char       *y_column;   /* NULL: the next numeric column */
  guint             threads;    /* parsing threads; 0: one per core */
} DescentCsvOptions;

#define DESCENT_CSV_OPTIONS_INIT { '\0', '\0', DESCENT_CSV_HEADER_AUTO, NULL, NULL, 0 }

/* What the reader settled on, for the caller to show or to reuse. */
typedef struct {
  char     delimiter;
  char     decimal;
  gboolean header;
  guint    x_index;             /* 0-based */
  guint    y_index;
  guint    n_columns;
  char    *encoding;            /* "UTF-8", "UTF-16LE", "GB18030", … */
  char   **column_names;        /* all n_columns of them */
} DescentCsvFormat;

typedef void (*DescentCsvProgressFunc) (guint64  bytes_done,
                                        guint64  bytes_total,
                                        gpointer user_data);

GQuark          descent_csv_error_quark     (void);
guint64         descent_csv_error_get_line  (const GError *error);

DescentDataset *descent_csv_load            (const char               *path,
                                             const DescentCsvOptions  *options,
                                             DescentCsvFormat         *format,
                                             DescentCsvProgressFunc    progress,
                                             gpointer                  progress_data,
                                             GCancellable             *cancellable,
                                             GError                  **error);
void            descent_csv_format_clear    (DescentCsvFormat         *format);

/* For tests and fuzzing: the reader first looks at @head bytes, then parses chunks of at
 * most @chunk bytes, and no read returns more than a chunk (0: the usual sizes). */
void            descent_csv_set_block_sizes (gsize head,
                                             gsize chunk);

/* For tests: the reader's allocations fail after @allocations more (-1 turns it off). */
void            descent_csv_set_alloc_fail_after (int allocations);

G_END_DECLS
