/* bench-core.c: loading a large CSV file against pandas and data.table, and descent speed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures, asserts nothing about time: run with `meson test --benchmark -v`.
 * The file (5,000,000 rows by default, about 100 MB) is generated once in the build tree.
 * The peers run when Debian's python3-pandas and r-cran-data.table are installed; each
 * times its own reader after its imports, the median of three runs, like this program.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "descent-bench.h"
#include "descent-csv.h"
#include "descent-number.h"
#include "descent-problem.h"
#include "descent-statistics.h"
#include "descent-trajectory.h"

#define RUNS 3

/* Runs a peer's script, which prints its median time last, and compares ours with it. */
static void
compare_with_peer (const char *name,
                   const char *package,
                   const char *interpreter,
                   const char *flag,
                   const char *script,
                   double      ours,
                   const char *goal)
{
  const char *const argv[] = { interpreter, flag, script, NULL };
  g_autofree char *line = run_peer (argv, NULL);
  double theirs;

  if (line == NULL
      || descent_number_parse (line, strlen (line), '.', &theirs) != DESCENT_NUMBER_OK)
    {
      g_print ("%-19s not available (install %s)\n", name, package);
      return;
    }
  g_print ("%-19s %.3f s  -> descent takes %.2fx its time (%s)\n", name, theirs,
           ours / theirs, goal);
}

int
main (int   argc,
      char *argv[])
{
  guint64 rows = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 5000000;
  g_autofree char *path = descent_bench_generate (rows);
  g_autofree char *quoted = NULL;
  g_autofree char *pandas_script = NULL;
  g_autofree char *fread_script = NULL;
  g_autoptr(DescentDataset) dataset = NULL;
  g_autoptr(DescentTrajectory) trajectory = NULL;
  double times[RUNS], ours, steps_time;
  DescentRunParams params = DESCENT_RUN_PARAMS_INIT;
  DescentStatistics stats;
  DescentProblem problem;
  GStatBuf st;
  glong rss_kib = 0;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_print ("# file: %s, %" G_GUINT64_FORMAT " rows, %.1f MB\n", path, rows, st.st_size / 1e6);

  for (int r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      g_clear_pointer (&dataset, descent_dataset_unref);
      dataset = descent_csv_load (path, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      times[r] = (g_get_monotonic_time () - start) / 1e6;
    }
  g_assert_cmpuint (descent_dataset_get_n_rows (dataset), ==, rows);
  ours = median (times, RUNS);
  g_print ("descent load:       %.3f s  (%.0f MB/s)\n", ours, st.st_size / 1e6 / ours);

  {
    const char *const command[] = { g_getenv ("DESCENT"), "--summary", path, NULL };
    g_autofree char *line = run_peer (command, &rss_kib);
    double limit_mib = (16.0 * rows) / (1024 * 1024) + 32;
    g_assert_nonnull (line);
    g_print ("descent peak RSS:   %.1f MiB  (limit 16 B/row + 32 MiB = %.1f MiB): %s\n",
             rss_kib / 1024.0, limit_mib, rss_kib / 1024.0 <= limit_mib ? "within" : "OVER");
  }

  quoted = g_shell_quote (path);
  pandas_script = g_strdup_printf (
    "import time, statistics, pandas\n"
    "t = []\n"
    "for _ in range(%d):\n"
    "    s = time.perf_counter(); d = pandas.read_csv(%s); t.append(time.perf_counter() - s)\n"
    "assert len(d) == %" G_GUINT64_FORMAT "\n"
    "print(statistics.median(t))\n", RUNS, quoted, rows);
  compare_with_peer ("pandas.read_csv", "python3-pandas", "/usr/bin/python3", "-c",
                     pandas_script, ours, "goal <= 0.5");

  fread_script = g_strdup_printf (
    "suppressMessages(library(data.table)); setDTthreads(0); t <- c();"
    "for (i in 1:%d) { s <- proc.time()[[3]]; d <- fread(%s); t <- c(t, proc.time()[[3]] - s) };"
    "stopifnot(nrow(d) == %" G_GUINT64_FORMAT "); cat(median(t), '\\n')", RUNS, quoted, rows);
  compare_with_peer ("data.table::fread", "r-cran-data.table", "Rscript", "-e", fread_script,
                     ours, "aim <= 1.5");

  descent_statistics_compute (&stats, descent_dataset_get_x (dataset),
                              descent_dataset_get_y (dataset),
                              descent_dataset_get_n_rows (dataset));
  g_assert_true (descent_problem_init (&problem, &stats, NULL));
  params.alpha = 1e-12;   /* far below α_crit, so all steps run */
  params.iterations = DESCENT_MAX_ITERATIONS;
  for (int r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_clear_pointer (&trajectory, descent_trajectory_free);
      trajectory = descent_trajectory_compute (&problem, descent_optimizer_gradient_descent,
                                               &params);
      times[r] = (g_get_monotonic_time () - start) / 1e6;
    }
  g_assert_cmpuint (descent_trajectory_get_steps (trajectory), ==, DESCENT_MAX_ITERATIONS);
  steps_time = median (times, RUNS);
  g_print ("100,000,000 steps:  %.3f s on %" G_GUINT64_FORMAT " rows (goal < 1 s), "
           "trajectory %.1f MiB\n", steps_time, rows,
           descent_trajectory_get_memory_size (trajectory) / 1048576.0);

  return 0;
}
