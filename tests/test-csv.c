/* test-csv.c: the CSV reader against a corpus of good, messy and broken files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "descent-csv.h"
#include "descent-test-locale.h"

#define LOADS (-1)

typedef struct {
  const char *file;
  int         error;        /* a DescentCsvError, or LOADS */
  guint64     line;         /* of the error, or of the first skipped row */
  gsize       rows;
  guint64     skipped;
  const char *x_name;
  const char *y_name;
  double      x0, y0;       /* the first row kept */
  const char *first_skip;   /* the first skipped row's message */
} CsvCase;

static const CsvCase cases[] = {
  { "basic.csv", LOADS, 0, 3, 0, "x", "y", 1, 2, NULL },
  { "no-header.csv", LOADS, 0, 3, 0, "column 1", "column 2", 1, 2, NULL },
  { "semicolon-decimal-comma.csv", LOADS, 0, 3, 0, "a", "b", 1.5, 2.5, NULL },
  { "tab.tsv", LOADS, 0, 3, 0, "x", "y", 1, 2, NULL },
  { "tab-decimal-comma.tsv", LOADS, 0, 3, 0, "t", "v", 0.5, 1.25, NULL },
  { "pipe.csv", LOADS, 0, 3, 0, "x", "y", 1, 2, NULL },
  { "crlf.csv", LOADS, 4, 3, 1, "x", "y", 1, 2, "line 4, column 'x': 'abc' is not a number" },
  { "cr-only.csv", LOADS, 3, 2, 1, "x", "y", 1, 2, "line 3, column 'x': 'foo' is not a number" },
  { "no-final-newline.csv", LOADS, 0, 3, 0, "x", "y", 1, 2, NULL },
  { "bom-utf8.csv", LOADS, 0, 3, 0, "x", "y", 1, 2, NULL },
  { "utf16le.csv", LOADS, 0, 3, 0, "时间", "距离", 1, 2, NULL },
  { "utf16be.csv", LOADS, 0, 3, 0, "时间", "距离", 1, 2, NULL },
  { "gb18030.csv", LOADS, 0, 3, 0, "身高", "体重", 150, 45, NULL },
  { "quoted-numbers.csv", LOADS, 0, 3, 0, "x", "y", 1.5, 2, NULL },
  { "exponents.csv", LOADS, 0, 3, 0, "x", "y", 1000, -0.025, NULL },
  { "na-values.csv", LOADS, 3, 2, 7, "x", "y", 1, 2, "line 3, column 'x': 'NA' is a missing value" },
  { "not-a-number.csv", LOADS, 3, 3, 1, "x", "y", 1, 2, "line 3, column 'x': 'abc' is not a number" },
  { "too-few-fields.csv", LOADS, 4, 3, 1, "x", "y", 1, 2, "line 4: 1 field, too few" },
  { "quoted-newline.csv", LOADS, 5, 3, 1, "x", "y", 1, 2, "line 5, column 'x': 'oops' is not a number" },
  /* An empty CR line, then a line ending in LF: that LF is a line of its own. */
  { "mixed-line-ends.csv", LOADS, 5, 3, 1, "x", "y", 1, 2, "line 5, column 'x': 'bad' is not a number" },
  /* An empty CR line, then spaces and an LF: two line ends, not one CR LF pair. */
  { "cr-spaces-lf.csv", LOADS, 7, 3, 1, "x", "y", 1, 2, "line 7, column 'x': 'bad' is not a number" },
  /* A line of tabs in a comma-separated file is blank, even in a chunk of its own. */
  { "tabs-before-header.csv", LOADS, 6, 3, 1, "x", "y", 1, 2, "line 6, column 'x': 'bad' is not a number" },
  { "blank-lines-before-header.csv", LOADS, 23, 3, 1, "x", "y", 1, 2, "line 23, column 'x': 'bad' is not a number" },
  { "blank-lines.csv", LOADS, 7, 3, 1, "x", "y", 1, 2, "line 7, column 'x': 'bad' is not a number" },
  { "extra-columns.csv", LOADS, 0, 3, 0, "height", "weight", 150, 45, NULL },
  { "spaces.csv", LOADS, 0, 3, 0, "x", "y", 1, 2, NULL },
  { "mostly-numeric.csv", LOADS, 3, 4, 2, "x", "y", 1, 2, "line 3, column 'y': 'n/a' is a missing value" },
  { "negative-zero.csv", LOADS, 0, 3, 0, "x", "y", -0.0, 0, NULL },
  { "long-digits.csv", LOADS, 0, 3, 0, "x", "y", 0.1, 1, NULL },
  { "empty.csv", DESCENT_CSV_ERROR_EMPTY, 0 },
  { "whitespace-only.csv", DESCENT_CSV_ERROR_EMPTY, 0 },
  { "header-only.csv", DESCENT_CSV_ERROR_HEADER_ONLY, 1 },
  { "binary.csv", DESCENT_CSV_ERROR_BINARY, 0 },
  { "unterminated-quote.csv", DESCENT_CSV_ERROR_UNTERMINATED_QUOTE, 3 },
  { "malformed-quote.csv", DESCENT_CSV_ERROR_MALFORMED_QUOTE, 3 },
  { "one-row.csv", DESCENT_CSV_ERROR_TOO_FEW_ROWS, 0 },
  { "no-spread.csv", DESCENT_CSV_ERROR_NO_SPREAD, 0 },
  { "too-large.csv", DESCENT_CSV_ERROR_TOO_LARGE, 3 },
  { "one-column.csv", DESCENT_CSV_ERROR_TOO_FEW_COLUMNS, 1 },
  { "text-only.csv", DESCENT_CSV_ERROR_TOO_FEW_COLUMNS, 0 },
  { "does-not-exist.csv", DESCENT_CSV_ERROR_NOT_FOUND, 0 },
  { ".", DESCENT_CSV_ERROR_IS_DIRECTORY, 0 },
};

static void
check_case (const CsvCase *c)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", c->file, NULL);
  g_autoptr(DescentDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  dataset = descent_csv_load (path, NULL, NULL, NULL, NULL, NULL, &error);

  if (c->error != LOADS)
    {
      g_assert_null (dataset);
      g_assert_error (error, DESCENT_CSV_ERROR, c->error);
      g_assert_cmpuint (descent_csv_error_get_line (error), ==, c->line);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (descent_dataset_get_n_rows (dataset), ==, c->rows);
  g_assert_cmpuint (descent_dataset_get_n_skipped (dataset), ==, c->skipped);
  g_assert_cmpstr (descent_dataset_get_x_name (dataset), ==, c->x_name);
  g_assert_cmpstr (descent_dataset_get_y_name (dataset), ==, c->y_name);
  g_assert_true (memcmp (&descent_dataset_get_x (dataset)[0], &c->x0, sizeof (double)) == 0);
  g_assert_cmpfloat (descent_dataset_get_y (dataset)[0], ==, c->y0);
  if (c->first_skip != NULL)
    {
      const DescentSkippedRow *row = descent_dataset_get_skipped_detail (dataset, 0);
      g_assert_cmpuint (row->line, ==, c->line);
      g_assert_cmpstr (row->message, ==, c->first_skip);
    }
  else
    g_assert_cmpuint (descent_dataset_get_n_skipped_details (dataset), ==, 0);
}

static void
test_corpus (gconstpointer data)
{
  check_case (data);
}

/* Every case again, read in chunks of 1 to 64 bytes by one to three threads, after a
 * first look at the whole file or at its first few bytes: a chunk boundary may fall
 * anywhere, and changes nothing. */
static void
test_chunk_boundaries (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv",
                                                     cases[c].file, NULL);

      for (gsize chunk = 1; chunk <= 64; chunk += chunk < 8 ? 1 : 7)
        for (gsize head = 0; head <= 16; head += 16)
          {
            DescentCsvOptions options = DESCENT_CSV_OPTIONS_INIT;

            options.threads = 1 + chunk % 3;
            descent_csv_set_block_sizes (head, chunk);
            /* A small first look guesses from less of the file: only the chunks vary. */
            if (head == 0)
              check_case (&cases[c]);
            else
              {
                g_autoptr(DescentDataset) chunked = NULL;
                g_autoptr(DescentDataset) whole = NULL;
                g_autoptr(GError) chunked_error = NULL;
                g_autoptr(GError) whole_error = NULL;

                chunked = descent_csv_load (path, &options, NULL, NULL, NULL, NULL,
                                            &chunked_error);
                descent_csv_set_block_sizes (head, 0);
                whole = descent_csv_load (path, &options, NULL, NULL, NULL, NULL, &whole_error);
                g_assert_true ((chunked == NULL) == (whole == NULL));
                if (whole == NULL)
                  {
                    g_assert_error (chunked_error, whole_error->domain, whole_error->code);
                    g_assert_cmpuint (descent_csv_error_get_line (chunked_error), ==,
                                      descent_csv_error_get_line (whole_error));
                  }
                else
                  {
                    gsize n = descent_dataset_get_n_rows (whole);

                    g_assert_cmpuint (descent_dataset_get_n_rows (chunked), ==, n);
                    g_assert_cmpuint (descent_dataset_get_n_skipped (chunked), ==,
                                      descent_dataset_get_n_skipped (whole));
                    g_assert_true (memcmp (descent_dataset_get_x (chunked),
                                           descent_dataset_get_x (whole),
                                           n * sizeof (double)) == 0);
                    g_assert_true (memcmp (descent_dataset_get_y (chunked),
                                           descent_dataset_get_y (whole),
                                           n * sizeof (double)) == 0);
                  }
              }
            descent_csv_set_block_sizes (0, 0);
          }
    }
}

static char *
write_temporary (const char *contents,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("descent-test-XXXXXX.csv", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_columns (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv",
                                                 "extra-columns.csv", NULL);
  DescentCsvOptions options = DESCENT_CSV_OPTIONS_INIT;
  g_autoptr(DescentDataset) by_name = NULL, by_index = NULL, missing = NULL;
  g_autoptr(GError) error = NULL;

  options.x_column = "age";
  options.y_column = "height";
  by_name = descent_csv_load (path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (descent_dataset_get_x_name (by_name), ==, "age");
  g_assert_cmpfloat (descent_dataset_get_x (by_name)[2], ==, 33);
  g_assert_cmpfloat (descent_dataset_get_y (by_name)[2], ==, 170);

  options.x_column = "4";
  options.y_column = NULL;
  by_index = descent_csv_load (path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (descent_dataset_get_x_name (by_index), ==, "age");
  g_assert_cmpstr (descent_dataset_get_y_name (by_index), ==, "height");

  options.x_column = "shoe size";
  missing = descent_csv_load (path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, DESCENT_CSV_ERROR, DESCENT_CSV_ERROR_NO_SUCH_COLUMN);
  g_assert_nonnull (strstr (error->message, "'weight'"));
}

static void
test_overrides (void)
{
  g_autofree char *path = write_temporary ("1;2\n3;4\n5;7\n", -1);
  DescentCsvOptions options = DESCENT_CSV_OPTIONS_INIT;
  DescentCsvFormat format = { 0 };
  g_autoptr(DescentDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  options.header = DESCENT_CSV_HEADER_PRESENT;
  dataset = descent_csv_load (path, &options, &format, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (format.delimiter, ==, ';');
  g_assert_true (format.header);
  g_assert_cmpuint (descent_dataset_get_n_rows (dataset), ==, 2);
  g_assert_cmpstr (descent_dataset_get_x_name (dataset), ==, "1");
  descent_csv_format_clear (&format);
  g_clear_pointer (&dataset, descent_dataset_unref);

  options.header = DESCENT_CSV_HEADER_AUTO;
  options.delimiter = ',';
  dataset = descent_csv_load (path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, DESCENT_CSV_ERROR, DESCENT_CSV_ERROR_TOO_FEW_COLUMNS);
  g_unlink (path);
}

static void
test_fifo_never_blocks (void)
{
  g_autofree char *dir = g_dir_make_tmp ("descent-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pipe.csv", NULL);
  g_autoptr(DescentDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  dataset = descent_csv_load (path, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, DESCENT_CSV_ERROR, DESCENT_CSV_ERROR_NOT_REGULAR);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_long_fields (void)
{
  gsize size = 3 * 1024 * 1024;
  g_autofree char *text = g_malloc (size + 64);
  g_autofree char *path = NULL;
  g_autoptr(DescentDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  gsize n;

  /* A quote left open on line 3 swallows the rest of a large file. */
  n = (gsize) g_snprintf (text, 64, "x,y\n1,2\n\"3,4\n");
  for (; n < size; n += 4)
    memcpy (text + n, "5,6\n", 4);
  path = write_temporary (text, (gssize) n);
  dataset = descent_csv_load (path, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, DESCENT_CSV_ERROR, DESCENT_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_cmpuint (descent_csv_error_get_line (error), ==, 3);
  g_clear_error (&error);
  g_unlink (path);
  g_free (path);

  /* One enormous field with no quote at all. */
  n = (gsize) g_snprintf (text, 64, "x,y\n1,2\n3,");
  memset (text + n, '7', size - n);
  path = write_temporary (text, (gssize) size);
  dataset = descent_csv_load (path, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, DESCENT_CSV_ERROR, DESCENT_CSV_ERROR_FIELD_TOO_LONG);
  g_assert_cmpuint (descent_csv_error_get_line (error), ==, 3);
  g_unlink (path);
}

/* Files at the edges of what the reader takes: a million columns, a line far longer
 * than any chunk, a first line longer than any CSV file's, NUL bytes, and a header that
 * is not UTF-8. */
static void
test_boundaries (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(DescentDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  DescentCsvFormat format = { 0 };
  char *path;

  /* A million columns: named, sampled, and the first two chosen. */
  for (guint j = 1; j <= 1000000; j++)
    g_string_append_printf (text, j > 1 ? ",c%u" : "c%u", j);
  for (guint r = 0; r < 3; r++)
    {
      g_string_append_c (text, '\n');
      for (guint j = 0; j < 1000000; j++)
        g_string_append_printf (text, j > 0 ? ",%u" : "%u", (j + r) % 10);
    }
  g_string_append_c (text, '\n');
  path = write_temporary (text->str, (gssize) text->len);
  dataset = descent_csv_load (path, NULL, &format, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (format.n_columns, ==, 1000000);
  g_assert_cmpstr (format.column_names[999999], ==, "c1000000");
  g_assert_cmpstr (descent_dataset_get_x_name (dataset), ==, "c1");
  g_assert_cmpuint (descent_dataset_get_n_rows (dataset), ==, 3);
  g_assert_cmpfloat (descent_dataset_get_y (dataset)[2], ==, 3);
  descent_csv_format_clear (&format);
  g_clear_pointer (&dataset, descent_dataset_unref);
  g_unlink (path);
  g_free (path);

  /* A body line of 12 MB, in fields of a few bytes: read past, its x and y kept. */
  g_string_assign (text, "x,y\n1,2\n3,4");
  for (guint j = 0; j < 6000000; j++)
    g_string_append (text, ",5");
  g_string_append (text, "\n5,7\n");
  path = write_temporary (text->str, (gssize) text->len);
  dataset = descent_csv_load (path, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (descent_dataset_get_n_rows (dataset), ==, 3);
  g_assert_cmpfloat (descent_dataset_get_x (dataset)[1], ==, 3);
  g_clear_pointer (&dataset, descent_dataset_unref);
  g_unlink (path);
  g_free (path);

  /* A first line of 65 MiB is not a header anyone wrote. */
  g_string_assign (text, "x,");
  g_string_set_size (text, 65 * 1024 * 1024);
  memset (text->str + 2, 'y', text->len - 2);
  g_string_append (text, "\n1,2\n3,4\n");
  path = write_temporary (text->str, (gssize) text->len);
  dataset = descent_csv_load (path, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, DESCENT_CSV_ERROR, DESCENT_CSV_ERROR_LINE_TOO_LONG);
  g_assert_cmpuint (descent_csv_error_get_line (error), ==, 1);
  g_clear_error (&error);
  g_unlink (path);
  g_free (path);

  /* A NUL byte far into a text file spoils its row, and only that row. */
  g_string_assign (text, "x,y\n");
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (text, "%u,%u\n", i, 2 * i);
  g_string_append_len (text, "7\0008,9\n10,11\n", 12);
  path = write_temporary (text->str, (gssize) text->len);
  dataset = descent_csv_load (path, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (descent_dataset_get_n_rows (dataset), ==, 2001);
  g_assert_cmpuint (descent_dataset_get_n_skipped (dataset), ==, 1);
  g_assert_cmpuint (descent_dataset_get_skipped_detail (dataset, 0)->line, ==, 2002);
  g_assert_true (g_utf8_validate (descent_dataset_get_skipped_detail (dataset, 0)->message, -1,
                                  NULL));
  g_clear_pointer (&dataset, descent_dataset_unref);
  g_unlink (path);
  g_free (path);

  /* A header that is neither UTF-8 nor GB18030 still gives names that can be shown. */
  path = write_temporary ("h\377\376ight,w\303\n1,2\n3,4\n", -1);
  dataset = descent_csv_load (path, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (descent_dataset_get_x_name (dataset), -1, NULL));
  g_assert_true (g_utf8_validate (descent_dataset_get_y_name (dataset), -1, NULL));
  g_assert_true (g_str_has_prefix (descent_dataset_get_x_name (dataset), "h"));
  g_unlink (path);
  g_free (path);
}

typedef struct {
  guint   calls;
  guint64 last;
  guint64 total;
  GCancellable *cancel_after_first;
} Progress;

static void
on_progress (guint64  done,
             guint64  total,
             gpointer data)
{
  Progress *progress = data;

  g_assert_cmpuint (done, >=, progress->last);
  g_assert_cmpuint (done, <=, total);
  progress->calls++;
  progress->last = done;
  progress->total = total;
  if (progress->cancel_after_first != NULL)
    g_cancellable_cancel (progress->cancel_after_first);
}

/* A large file, made of lines whose values are known, read in parallel chunks or, once a
 * quote appears, in order: either way the same rows, skips and line numbers. */
static char *
write_large (guint     n_rows,
             guint     quote_from,
             gboolean  crlf,
             gsize    *size)
{
  GString *text = g_string_new ("x,y,label\n");
  g_autofree char *path = NULL;

  for (guint i = 1; i <= n_rows; i++)
    {
      const char *end = crlf ? "\r\n" : "\n";
      if (i % 1000 == 0)
        g_string_append_printf (text, "oops,%u,bad%s", i, end);
      else if (i >= quote_from)
        g_string_append_printf (text, "%u.25,%u,\"q\"%s", i, 2 * i, end);
      else
        g_string_append_printf (text, "%u.25,%u,plain%s", i, 2 * i, end);
    }
  *size = text->len;
  path = write_temporary (text->str, (gssize) text->len);
  g_string_free (text, TRUE);
  return g_steal_pointer (&path);
}

static void
check_large (guint quote_from,
             gboolean crlf)
{
  const guint n_rows = 300000;
  gsize size;
  g_autofree char *path = write_large (n_rows, quote_from, crlf, &size);
  g_autoptr(DescentDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  const double *x, *y;
  gsize n;

  dataset = descent_csv_load (path, NULL, NULL, on_progress, &progress, NULL, &error);
  g_assert_no_error (error);
  n = descent_dataset_get_n_rows (dataset);
  g_assert_cmpuint (n, ==, n_rows - n_rows / 1000);
  g_assert_cmpuint (descent_dataset_get_n_skipped (dataset), ==, n_rows / 1000);
  g_assert_cmpuint (descent_dataset_get_n_skipped_details (dataset), ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (descent_dataset_get_skipped_detail (dataset, i)->line, ==, 1000 * (i + 1) + 1);

  x = descent_dataset_get_x (dataset);
  y = descent_dataset_get_y (dataset);
  for (gsize k = 0, i = 1; i <= n_rows; i++)
    {
      if (i % 1000 == 0)
        continue;
      g_assert_cmpfloat (x[k], ==, i + 0.25);
      g_assert_cmpfloat (y[k], ==, 2.0 * i);
      k++;
    }

  g_assert_cmpuint (progress.calls, >, 1);
  g_assert_cmpuint (progress.last, ==, size);
  g_unlink (path);
}

static void
test_large_parallel (void)
{
  check_large (G_MAXUINT, FALSE);
  check_large (G_MAXUINT, TRUE);
}

static void
test_large_quoted (void)
{
  check_large (1, FALSE);
  check_large (150000, TRUE);
}

static void
test_cancel (void)
{
  gsize size;
  g_autofree char *path = write_large (300000, G_MAXUINT, FALSE, &size);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DescentDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };

  progress.cancel_after_first = cancellable;
  dataset = descent_csv_load (path, NULL, NULL, on_progress, &progress, cancellable, &error);
  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.last, <, size);
  g_unlink (path);
}

/* The reader gives the same numbers whatever the user's locale. */
static void
test_locales (void)
{
  static const char *const locales[] = { "de_DE.UTF-8", "zh_CN.UTF-8" };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      if (!descent_test_use_locale (locales[i]))
        continue;
      for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
        if (cases[c].error == LOADS)
          check_case (&cases[c]);
    }
  setlocale (LC_ALL, "C");
}

/* Every allocation the file's size decides fails in turn: each time the reader says it
 * ran out of memory reading the file, frees what it had, and never aborts. */
static void
test_out_of_memory (void)
{
  g_autofree char *dir = g_dir_make_tmp ("descent-oom-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rows.csv", NULL);
  g_autoptr(GString) text = g_string_new ("x,y\n");
  guint failures = 0;
  int n;

  /* Enough rows for the columns to grow a few times, and a quoted field. */
  for (int i = 0; i < 5000; i++)
    g_string_append_printf (text, "%d.5,%d\n", i, 3 * i + 1);
  g_string_append (text, "\"7\",\"22\"\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  for (n = 0; n < 10000; n++)
    {
      g_autoptr(DescentDataset) dataset = NULL;
      g_autoptr(GError) error = NULL;

      descent_csv_set_alloc_fail_after (n);
      dataset = descent_csv_load (path, NULL, NULL, NULL, NULL, NULL, &error);
      descent_csv_set_alloc_fail_after (-1);
      if (dataset != NULL)
        {
          g_assert_cmpuint (descent_dataset_get_n_rows (dataset), ==, 5001);
          break;
        }
      g_assert_error (error, DESCENT_CSV_ERROR, DESCENT_CSV_ERROR_NO_MEMORY);
      g_assert_nonnull (strstr (error->message, "rows.csv"));
      failures++;
    }
  g_assert_cmpuint (failures, >, 3);
  g_test_message ("%u allocations failed in turn, each reported", failures);
  g_unlink (path);
  g_rmdir (dir);
}

typedef struct {
  const char *path;
  gboolean    grow;
  gboolean    done;
} Change;

/* On the first progress report, the file grows or shrinks under the reader. */
static void
change_file (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Change *change = user_data;
  FILE *file;

  if (change->done)
    return;
  change->done = TRUE;
  if (change->grow)
    {
      file = fopen (change->path, "a");
      g_assert_nonnull (file);
      for (int i = 0; i < 1000; i++)
        fputs ("1,2\n", file);
      g_assert_cmpint (fclose (file), ==, 0);
    }
  else
    g_assert_cmpint (truncate (change->path, total / 2), ==, 0);
}

static void
test_file_changes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("descent-change-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "growing.csv", NULL);

  for (int grow = 0; grow < 2; grow++)
    {
      g_autoptr(GString) text = g_string_new ("x,y\n");
      g_autoptr(DescentDataset) dataset = NULL;
      g_autoptr(GError) error = NULL;
      Change change = { path, grow, FALSE };

      /* Several chunks, so the change lands while the reader is still reading. */
      for (int i = 0; i < 400000; i++)
        g_string_append_printf (text, "%d.25,%d\n", i, 2 * i);
      g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
      dataset = descent_csv_load (path, NULL, NULL, change_file, &change, NULL, &error);
      g_assert_true (change.done);
      g_assert_null (dataset);
      g_assert_error (error, DESCENT_CSV_ERROR, DESCENT_CSV_ERROR_CHANGED);
    }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/descent/csv/corpus/%s",
                                               cases[i].file[0] == '.' ? "directory"
                                                                      : cases[i].file);
      g_test_add_data_func (name, &cases[i], test_corpus);
    }
  g_test_add_func ("/descent/csv/chunk-boundaries", test_chunk_boundaries);
  g_test_add_func ("/descent/csv/columns", test_columns);
  g_test_add_func ("/descent/csv/overrides", test_overrides);
  g_test_add_func ("/descent/csv/fifo", test_fifo_never_blocks);
  g_test_add_func ("/descent/csv/long-fields", test_long_fields);
  g_test_add_func ("/descent/csv/boundaries", test_boundaries);
  g_test_add_func ("/descent/csv/large-parallel", test_large_parallel);
  g_test_add_func ("/descent/csv/large-quoted", test_large_quoted);
  g_test_add_func ("/descent/csv/cancel", test_cancel);
  g_test_add_func ("/descent/csv/locales", test_locales);

  g_test_add_func ("/descent/csv/out-of-memory", test_out_of_memory);
  g_test_add_func ("/descent/csv/file-changes", test_file_changes);

  return g_test_run ();
}
