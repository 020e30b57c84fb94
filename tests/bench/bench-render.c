/* bench-render.c: drawing the figure, writing frames against matplotlib, the contours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures, asserts nothing about time: run with `meson test --benchmark -v`.
 * The peer runs when Debian's python3-matplotlib is installed; it times each frame after
 * building its figure once, the median over its frames, like this program.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>

#include "core/descent-problem.h"
#include "core/descent-statistics.h"
#include "core/descent-trajectory.h"
#include "descent-bench.h"
#include "descent-export.h"
#include "descent-plots.h"
#include "descent-png.h"

#define RUNS 31
#define WIDTH 1600
#define HEIGHT 900

/* The peer's data: x ~ N(50, 15), y = 3 + 0.8 x + N(0, 8); α = 0.0005, 1000 steps. */
static DescentScene *
make_scene (gsize n)
{
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autoptr(DescentDataset) dataset = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  DescentRunParams params = DESCENT_RUN_PARAMS_INIT;
  DescentStatistics stats;
  DescentProblem problem;

  for (gsize i = 0; i < n; i++)
    {
      double u = g_rand_double (rand), v = g_rand_double (rand);
      double normal = sqrt (-2 * log (1 - u)) * cos (2 * G_PI * v);
      double noise = sqrt (-2 * log (1 - u)) * sin (2 * G_PI * v);

      x[i] = 50 + 15 * normal;
      y[i] = 3 + 0.8 * x[i] + 8 * noise;
    }
  dataset = descent_dataset_new (x, y, n, "x", "y");
  descent_statistics_compute (&stats, x, y, n);
  g_assert_true (descent_problem_init (&problem, &stats, NULL));
  params.alpha = 0.0005;
  params.iterations = 1000;
  return descent_scene_new (dataset,
                            descent_trajectory_compute (&problem,
                                                        descent_optimizer_gradient_descent,
                                                        &params));
}

static double
time_figure (DescentScene *scene)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  double times[RUNS];

  for (int r = 0; r < RUNS; r++)
    {
      cairo_t *cr = cairo_create (image);
      gint64 start;

      descent_scene_set_step (scene, (guint64) r * 1000 / (RUNS - 1));
      start = g_get_monotonic_time ();
      descent_paint_figure (cr, WIDTH, HEIGHT, scene, DESCENT_VIEW_ALL);
      cairo_surface_flush (image);
      times[r] = (g_get_monotonic_time () - start) / 1e3;
      cairo_destroy (cr);
    }
  cairo_surface_destroy (image);
  return median (times, RUNS);
}

static void
remove_frames (const char *folder)
{
  GDir *dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DescentScene) few = make_scene (5);
  g_autoptr(DescentScene) million = make_scene (1000000);
  g_autoptr(DescentScene) frames_scene = make_scene (100000);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *peer_folder = NULL;
  g_autofree char *script = NULL;
  g_autofree char *line = NULL;
  DescentExportOptions options = DESCENT_EXPORT_OPTIONS_INIT;
  const guint64 every = 25;
  double times[RUNS], ours, theirs, cairo_png, our_png, fast_png;
  gsize compact_size = 0, fast_size = 0;
  guint64 n_frames;
  gint64 start;

  g_print ("# figure %dx%d into an image surface, median of %d (goal <= 8 ms)\n", WIDTH, HEIGHT,
           RUNS);
  g_print ("figure, 5 points:          %6.2f ms\n", time_figure (few));
  g_print ("figure, 1,000,000 points:  %6.2f ms\n", time_figure (million));

  for (int r = 0; r < RUNS; r++)
    {
      g_autoptr(DescentContours) contours = NULL;
      start = g_get_monotonic_time ();
      contours = descent_contours_compute (million->problem, million->contours->frame, 200, 200);
      times[r] = (g_get_monotonic_time () - start) / 1e3;
    }
  g_print ("contour field 200x200, 20 levels: %6.2f ms (goal <= 30 ms)\n", median (times, RUNS));

  /* One PNG, our encoder against cairo's own writer. */
  {
    cairo_surface_t *image = descent_export_render_image (frames_scene, &options, &error);
    g_autofree char *path = g_build_filename (g_get_tmp_dir (), "descent-bench.png", NULL);

    g_assert_no_error (error);
    for (int r = 0; r < 11; r++)
      {
        g_autoptr(GBytes) bytes = NULL;
        start = g_get_monotonic_time ();
        bytes = descent_png_encode (image, DESCENT_PNG_COMPACT, 96, NULL, 0, &error);
        times[r] = (g_get_monotonic_time () - start) / 1e3;
        compact_size = g_bytes_get_size (bytes);
      }
    our_png = median (times, 11);
    for (int r = 0; r < 11; r++)
      {
        g_autoptr(GBytes) bytes = NULL;
        start = g_get_monotonic_time ();
        bytes = descent_png_encode (image, DESCENT_PNG_FAST, 96, NULL, 0, &error);
        times[r] = (g_get_monotonic_time () - start) / 1e3;
        fast_size = g_bytes_get_size (bytes);
      }
    fast_png = median (times, 11);
    for (int r = 0; r < 5; r++)
      {
        start = g_get_monotonic_time ();
        g_assert_cmpint (cairo_surface_write_to_png (image, path), ==, CAIRO_STATUS_SUCCESS);
        times[r] = (g_get_monotonic_time () - start) / 1e3;
      }
    cairo_png = median (times, 5);
    g_print ("PNG encode 1600x900, 100,000 points: descent compact %.1f ms (%.0f kB), "
             "fast %.1f ms (%.0f kB); cairo_surface_write_to_png %.1f ms\n",
             our_png, compact_size / 1e3, fast_png, fast_size / 1e3, cairo_png);
    g_unlink (path);
    cairo_surface_destroy (image);
  }

  /* Frames, as --frames writes them: drawing and encoding overlap on two threads. */
  folder = g_dir_make_tmp ("descent-bench-frames-XXXXXX", &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_true (descent_export_frames (frames_scene, folder, &options, every, NULL, NULL, NULL,
                                        &error));
  n_frames = 1000 / every + 1;
  ours = (g_get_monotonic_time () - start) / 1e6 / n_frames;
  remove_frames (folder);
  g_print ("descent frames, 100,000 points: %.1f ms per 1600x900 PNG (%" G_GUINT64_FORMAT
           " frames)\n", ours * 1e3, n_frames);

  peer_folder = g_dir_make_tmp ("descent-bench-peer-XXXXXX", &error);
  g_assert_no_error (error);
  script = g_build_filename (g_getenv ("DESCENT_BENCH_DIR"), "bench-matplotlib.py", NULL);
  {
    const char *const command[] = { "/usr/bin/python3", script, "100000", "12", peer_folder,
                                    NULL };
    line = run_peer (command, NULL);
  }
  remove_frames (peer_folder);
  if (line == NULL || sscanf (line, "%lf", &theirs) != 1)
    g_print ("matplotlib         not available (install python3-matplotlib)\n");
  else
    g_print ("matplotlib frames, 100,000 points: %.1f ms per PNG -> descent is %.1fx faster "
             "(goal >= 10x, aim 20x)\n", theirs * 1e3, theirs / ours);

  return 0;
}
