/* fuzz-csv.c: the CSV reader against arbitrary bytes and options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first bytes choose the reader's options (delimiter, decimal mark, header, columns,
 * threads), how much of the file the reader samples first and the size of the chunks it
 * reads and parses after that, so that chunk boundaries fall anywhere; the rest is the
 * file. Whatever comes in, the reader returns data or an error, never crashes, never
 * leaks, and data it returns is whole: finite numbers, as many x as y.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "core/descent-csv.h"
#include "descent-fuzz.h"

/* A load's result, to compare one way of reading with another. */
static DescentDataset *
load (const char              *path,
      const DescentCsvOptions *options,
      gsize                    head,
      gsize                    chunk,
      GError                 **error)
{
  DescentDataset *dataset;

  descent_csv_set_block_sizes (head, chunk);
  dataset = descent_csv_load (path, options, NULL, NULL, NULL, NULL, error);
  descent_csv_set_block_sizes (0, 0);
  g_assert ((dataset == NULL) != (*error == NULL));
  return dataset;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  descent_fuzz_keep_threads ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char delimiters[] = { '\0', ',', ';', '\t', '|' };
  static const char decimals[] = { '\0', '.', ',' };
  static const char *const columns[] = { NULL, "1", "2", "3", "x", "y", "0", "999999" };
  DescentCsvOptions options = DESCENT_CSV_OPTIONS_INIT;
  DescentCsvOptions serial;
  g_autoptr(DescentDataset) dataset = NULL;
  g_autoptr(DescentDataset) reference = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reference_error = NULL;
  const char *path = descent_fuzz_path ();
  guint8 knobs[6] = { 0 };
  gsize head, chunk;

  memcpy (knobs, data, MIN (size, sizeof knobs));
  options.delimiter = delimiters[knobs[0] % G_N_ELEMENTS (delimiters)];
  options.decimal = decimals[(knobs[0] / 8) % G_N_ELEMENTS (decimals)];
  options.header = (DescentCsvHeader) ((knobs[1] % 3));
  options.x_column = columns[(knobs[1] / 4) % G_N_ELEMENTS (columns)];
  options.y_column = columns[(knobs[2]) % G_N_ELEMENTS (columns)];
  options.threads = 1 + knobs[3] % 3;
  /* Mostly the usual sizes, often a sample of a few bytes and chunks of a few lines. */
  head = knobs[4] < 128 ? 0 : knobs[4] - 127;
  chunk = knobs[5] < 64 ? 0 : 8 * (gsize) (knobs[5] - 63);
  if (size > sizeof knobs)
    {
      data += sizeof knobs;
      size -= sizeof knobs;
    }
  else
    size = 0;

  descent_fuzz_write (path, data, size);
  dataset = load (path, &options, head, chunk, &error);
  if (dataset != NULL)
    {
      const double *x = descent_dataset_get_x (dataset);
      const double *y = descent_dataset_get_y (dataset);
      gsize n = descent_dataset_get_n_rows (dataset);

      g_assert (n >= 2);
      for (gsize i = 0; i < n; i++)
        g_assert (isfinite (x[i]) && isfinite (y[i]));
    }

  /* However the file is cut into chunks and however many threads parse them, the result
   * is the one a single parser gets reading it as one chunk (the usual chunk is larger
   * than any input the fuzzer makes): the same numbers, bit for bit, the same skipped
   * rows, or the same error on the same line. */
  serial = options;
  serial.threads = 1;
  reference = load (path, &serial, head, 0, &reference_error);
  if (reference == NULL)
    {
      g_assert (dataset == NULL);
      g_assert (error->domain == reference_error->domain);
      g_assert (error->code == reference_error->code);
      if (error->domain == DESCENT_CSV_ERROR)
        g_assert (descent_csv_error_get_line (error)
                  == descent_csv_error_get_line (reference_error));
    }
  else
    {
      gsize n = descent_dataset_get_n_rows (reference);

      g_assert (dataset != NULL);
      g_assert (descent_dataset_get_n_rows (dataset) == n);
      g_assert (memcmp (descent_dataset_get_x (dataset), descent_dataset_get_x (reference),
                        n * sizeof (double)) == 0);
      g_assert (memcmp (descent_dataset_get_y (dataset), descent_dataset_get_y (reference),
                        n * sizeof (double)) == 0);
      g_assert (descent_dataset_get_n_skipped (dataset)
                == descent_dataset_get_n_skipped (reference));
      for (guint i = 0; i < descent_dataset_get_n_skipped_details (reference); i++)
        g_assert (descent_dataset_get_skipped_detail (dataset, i)->line
                  == descent_dataset_get_skipped_detail (reference, i)->line);
      g_assert (g_strcmp0 (descent_dataset_get_x_name (dataset),
                           descent_dataset_get_x_name (reference)) == 0);
    }
  return 0;
}
