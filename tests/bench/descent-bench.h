/* descent-bench.h: what the benchmarks share: medians and running a peer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

G_BEGIN_DECLS

static inline int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static inline double
median (double *values,
        int     n)
{
  qsort (values, (size_t) n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/* Runs a command and returns the last line it printed, or NULL if it failed. */
static inline char *
run_peer (const char *const *argv,
          glong              *max_rss_kib)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;
  struct rusage usage;
  GPid pid;
  int out_fd;
  GString *text = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH
                                 | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, &error))
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  while ((n = read (out_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);
  close (out_fd);
  wait4 (pid, &status, 0, &usage);
  g_spawn_close_pid (pid);
  if (max_rss_kib != NULL)
    *max_rss_kib = usage.ru_maxrss;

  out = g_string_free (text, FALSE);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return NULL;
  g_strchomp (out);
  return g_strdup (strrchr (out, '\n') != NULL ? strrchr (out, '\n') + 1 : out);
}

/* The benchmarks' CSV file, made once in the build tree and shared: x uniform on [0, 1000)
 * with six decimals, y = 2.5 x − 40 + noise, in the same format. */
static inline char *
descent_bench_generate (guint64 rows)
{
  g_autofree char *name = g_strdup_printf ("bench-%" G_GUINT64_FORMAT ".csv", rows);
  char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL
                                   ? g_getenv ("G_TEST_BUILDDIR") : ".", name, NULL);
  g_autoptr(GRand) rand = NULL;
  FILE *out;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;

  rand = g_rand_new_with_seed (42);
  out = fopen (path, "w");
  g_assert_nonnull (out);
  fputs ("x,y\n", out);
  for (guint64 i = 0; i < rows; i++)
    {
      gint64 x = g_rand_int_range (rand, 0, 1000000000);             /* micro-units */
      gint64 y = (x * 5) / 2 - 40000000 + g_rand_int_range (rand, -3000000, 3000000);
      fprintf (out, "%" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT ",%s%" G_GINT64_FORMAT
               ".%06" G_GINT64_FORMAT "\n",
               x / 1000000, x % 1000000, y < 0 ? "-" : "", ABS (y) / 1000000, ABS (y) % 1000000);
    }
  g_assert_cmpint (fclose (out), ==, 0);
  return path;
}

G_END_DECLS
