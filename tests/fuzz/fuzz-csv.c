/* fuzz-csv.c: the CSV reader against arbitrary bytes and options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first bytes choose the reader's options (delimiter, decimal mark, header, columns,
 * threads) and the size of the file's chunks as the reader sees them; the rest is the
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

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char delimiters[] = { '\0', ',', ';', '\t', '|' };
  static const char decimals[] = { '\0', '.', ',' };
  static const char *const columns[] = { NULL, "1", "2", "3", "x", "y", "0", "999999" };
  DescentCsvOptions options = DESCENT_CSV_OPTIONS_INIT;
  g_autoptr(DescentDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = descent_fuzz_path ();
  guint8 knobs[4] = { 0 };

  memcpy (knobs, data, MIN (size, sizeof knobs));
  options.delimiter = delimiters[knobs[0] % G_N_ELEMENTS (delimiters)];
  options.decimal = decimals[(knobs[0] / 8) % G_N_ELEMENTS (decimals)];
  options.header = (DescentCsvHeader) ((knobs[1] % 3));
  options.x_column = columns[(knobs[1] / 4) % G_N_ELEMENTS (columns)];
  options.y_column = columns[(knobs[2]) % G_N_ELEMENTS (columns)];
  options.threads = 1 + knobs[3] % 3;
  if (size > sizeof knobs)
    {
      data += sizeof knobs;
      size -= sizeof knobs;
    }
  else
    size = 0;

  descent_fuzz_write (path, data, size);
  dataset = descent_csv_load (path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert ((dataset == NULL) != (error == NULL));
  if (dataset != NULL)
    {
      const double *x = descent_dataset_get_x (dataset);
      const double *y = descent_dataset_get_y (dataset);
      gsize n = descent_dataset_get_n_rows (dataset);

      g_assert (n >= 2);
      for (gsize i = 0; i < n; i++)
        g_assert (isfinite (x[i]) && isfinite (y[i]));
    }
  return 0;
}
