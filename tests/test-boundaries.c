/* test-boundaries.c: the plots and exports at the edges: huge θ, huge data, tiny and huge
 * sizes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>

#include "core/descent-problem.h"
#include "core/descent-statistics.h"
#include "core/descent-trajectory.h"
#include "descent-export.h"
#include "descent-plots.h"

static DescentScene *
scene_for (const double *x,
           const double *y,
           gsize         n,
           double        alpha,
           double        theta0,
           double        theta1)
{
  g_autoptr(DescentDataset) dataset = descent_dataset_new (x, y, n, "x", "y");
  DescentRunParams params = DESCENT_RUN_PARAMS_INIT;
  DescentStatistics stats;
  DescentProblem problem;

  descent_statistics_compute (&stats, x, y, n);
  g_assert_true (descent_problem_init (&problem, &stats, NULL));
  params.alpha = alpha;
  params.theta_start[0] = theta0;
  params.theta_start[1] = theta1;
  return descent_scene_new (dataset,
                            descent_trajectory_compute (&problem,
                                                        descent_optimizer_gradient_descent,
                                                        &params));
}

/* Paints every view and the figure at @width × @height; cairo must end without error. */
static void
paint_everything (DescentScene *scene,
                  int           width,
                  int           height)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  for (DescentView view = DESCENT_VIEW_DATA; view <= DESCENT_VIEW_HISTORY; view++)
    {
      cairo_t *cr = cairo_create (image);
      DescentAxes axes;

      descent_paint_view (cr, width, height, scene, view, &axes);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
    }
  {
    cairo_t *cr = cairo_create (image);
    descent_paint_figure (cr, width, height, scene, DESCENT_VIEW_ALL);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
  }
  cairo_surface_destroy (image);
}

static const double small_x[] = { 1, 2, 3, 4, 5 };
static const double small_y[] = { 1, 2, 3, 4, 5 };

static void
test_extreme_starts (void)
{
  const double starts[][2] = { { 1e300, -1e300 }, { -1e300, 0 }, { 0, 1e-300 }, { 1, 1 } };

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      g_autoptr(DescentScene) scene = scene_for (small_x, small_y, 5, 0.01, starts[i][0],
                                                 starts[i][1]);
      paint_everything (scene, 800, 450);
    }
}

static void
test_extreme_alphas (void)
{
  const double alphas[] = { 1e-300, 1e-6, 0.169, 0.17, 10, 1e300 };

  for (guint i = 0; i < G_N_ELEMENTS (alphas); i++)
    {
      g_autoptr(DescentScene) scene = scene_for (small_x, small_y, 5, alphas[i], 0, 0);
      paint_everything (scene, 800, 450);
      descent_scene_set_step (scene, 0);
      paint_everything (scene, 800, 450);
    }
}

static void
test_huge_and_tiny_data (void)
{
  const double huge_x[] = { -1e150, 0, 1e150, 5e149 };
  const double huge_y[] = { 1e150, -1e150, 3e149, 0 };
  const double tiny_x[] = { 1e-150, 2e-150, 3e-150 };
  const double tiny_y[] = { 0, 1e-150, 5e-151 };
  const double offset_x[] = { 1e9, 1e9 + 1e-6, 1e9 + 2e-6 };
  const double offset_y[] = { 7, 8, 9.5 };
  g_autoptr(DescentScene) huge = scene_for (huge_x, huge_y, 4, 1e-300, 0, 0);
  g_autoptr(DescentScene) tiny = scene_for (tiny_x, tiny_y, 3, 0.1, 0, 0);
  g_autoptr(DescentScene) offset = scene_for (offset_x, offset_y, 3, 1e-19, 0, 0);

  paint_everything (huge, 640, 360);
  paint_everything (tiny, 640, 360);
  paint_everything (offset, 640, 360);

  /* Spread below what doubles can square: refused as no spread, not drawn as nonsense. */
  {
    const double x[] = { 1e-300, 2e-300, 3e-300 }, y[] = { 0, 1, 2 };
    g_autoptr(GError) error = NULL;
    DescentStatistics stats;
    DescentProblem problem;

    descent_statistics_compute (&stats, x, y, 3);
    g_assert_false (descent_problem_init (&problem, &stats, &error));
    g_assert_error (error, DESCENT_PROBLEM_ERROR, DESCENT_PROBLEM_ERROR_NO_SPREAD);
  }
}

static void
test_sizes (void)
{
  g_autoptr(DescentScene) scene = scene_for (small_x, small_y, 5, 0.01, 0, 0);
  const int sizes[][2] = { { 1, 1 }, { 2, 300 }, { 300, 2 }, { 16, 16 }, { 8000, 8000 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    paint_everything (scene, sizes[i][0], sizes[i][1]);
}

static void
test_export_limits (void)
{
  g_autoptr(DescentScene) scene = scene_for (small_x, small_y, 5, 0.01, 0, 0);
  g_autofree char *folder = g_dir_make_tmp ("descent-limits-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (folder, "wide.png", NULL);
  g_autofree char *pdf = g_build_filename (folder, "big.pdf", NULL);
  DescentExportOptions options = DESCENT_EXPORT_OPTIONS_INIT;
  GError *error = NULL;

  /* The largest PNG side cairo allows, and one past it. */
  options.width = DESCENT_EXPORT_MAX_PIXELS;
  options.height = 16;
  g_assert_true (descent_export (scene, png, &options, &error));
  g_assert_no_error (error);
  options.width = DESCENT_EXPORT_MAX_PIXELS + 1;
  g_assert_false (descent_export (scene, png, &options, &error));
  g_assert_error (error, DESCENT_EXPORT_ERROR, DESCENT_EXPORT_ERROR_SIZE);
  g_clear_error (&error);
  options.width = 1600;
  options.scale = 17;
  g_assert_false (descent_export (scene, png, &options, &error));
  g_assert_error (error, DESCENT_EXPORT_ERROR, DESCENT_EXPORT_ERROR_SIZE);
  g_clear_error (&error);
  options.scale = 1;

  /* A PDF page of the largest size, and a page too small to draw on. */
  options.width = options.height = DESCENT_EXPORT_MAX_POINTS;
  g_assert_true (descent_export (scene, pdf, &options, &error));
  g_assert_no_error (error);
  options.width = 15;
  g_assert_false (descent_export (scene, pdf, &options, &error));
  g_assert_error (error, DESCENT_EXPORT_ERROR, DESCENT_EXPORT_ERROR_SIZE);
  g_clear_error (&error);

  g_unlink (png);
  g_unlink (pdf);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/descent/boundaries/extreme-starts", test_extreme_starts);
  g_test_add_func ("/descent/boundaries/extreme-alphas", test_extreme_alphas);
  g_test_add_func ("/descent/boundaries/huge-and-tiny-data", test_huge_and_tiny_data);
  g_test_add_func ("/descent/boundaries/sizes", test_sizes);
  g_test_add_func ("/descent/boundaries/export-limits", test_export_limits);

  return g_test_run ();
}
