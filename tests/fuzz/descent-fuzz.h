/* descent-fuzz.h: what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);
int LLVMFuzzerInitialize   (int          *argc,
                            char       ***argv);

/* One scratch file per process, removed at exit. */
static char *descent_fuzz_file;

static inline void
descent_fuzz_remove_file (void)
{
  if (descent_fuzz_file != NULL)
    g_unlink (descent_fuzz_file);
}

static inline const char *
descent_fuzz_path (void)
{
  if (descent_fuzz_file == NULL)
    {
      descent_fuzz_file = g_strdup_printf ("%s/descent-fuzz-%d.csv", g_get_tmp_dir (),
                                           (int) getpid ());
      atexit (descent_fuzz_remove_file);
    }
  return descent_fuzz_file;
}

static inline void
descent_fuzz_write (const char   *path,
                    const guint8 *data,
                    size_t        size)
{
  FILE *out = fopen (path, "wb");

  g_assert (out != NULL);
  if (size > 0)
    g_assert (fwrite (data, 1, size, out) == size);
  g_assert (fclose (out) == 0);
}

/* The reader's pool threads return to GLib's shared pool after each load, which ends
 * the ones beyond two at once and the rest after 15 s idle. A thread that ends frees its
 * GSlice cache from a TLS destructor, and a leak check that runs in that moment sees the
 * cache unreferenced. Keeping every pool thread for the life of the process leaves no
 * such moment, so what the leak check reports is ours. */
static inline void
descent_fuzz_keep_threads (void)
{
  g_thread_pool_set_max_unused_threads (-1);
  g_thread_pool_set_max_idle_time (0);
}

G_END_DECLS
