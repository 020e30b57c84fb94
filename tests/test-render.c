/* test-render.c: the plots' geometry, the contours, the ticks and the PNG encoder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Geometry, not checksums: scenes are painted into image surfaces and the pixels are
 * checked against where the axis mapping says things must be.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include <locale.h>
#include <math.h>
#include <string.h>

#include "core/descent-problem.h"
#include "core/descent-statistics.h"
#include "core/descent-trajectory.h"
#include "descent-axes.h"
#include "descent-contours.h"
#include "descent-plots.h"
#include "descent-png.h"
#include "descent-test-locale.h"
#include "descent-ticks.h"

/* A noisy line with a known fit; start θ = (0, 0). */
static DescentScene *
make_scene (gsize    n,
            double   alpha,
            guint64  iterations)
{
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autoptr(DescentDataset) dataset = NULL;
  DescentRunParams params = DESCENT_RUN_PARAMS_INIT;
  DescentStatistics stats;
  DescentProblem problem;
  GRand *rand = g_rand_new_with_seed (7);
  DescentScene *scene;

  for (gsize i = 0; i < n; i++)
    {
      x[i] = 1 + 4.0 * i / MAX (n - 1, 1);
      y[i] = 0.5 + 1.5 * x[i] + g_rand_double_range (rand, -0.4, 0.4);
    }
  g_rand_free (rand);
  dataset = descent_dataset_new (x, y, n, "x", "y");
  descent_statistics_compute (&stats, x, y, n);
  g_assert_true (descent_problem_init (&problem, &stats, NULL));
  params.alpha = alpha;
  params.iterations = iterations;
  scene = descent_scene_new (dataset,
                             descent_trajectory_compute (&problem,
                                                         descent_optimizer_gradient_descent,
                                                         &params));
  scene->text_size = 14;
  scene->show_residuals = FALSE;
  scene->show_least_squares = FALSE;
  return scene;
}

typedef void (*PlotPaint) (DescentCanvas *, double, double, double, double, const DescentScene *,
                           DescentAxes *);

static cairo_surface_t *
paint_plot (const DescentScene *scene,
            PlotPaint           paint,
            int                 width,
            int                 height,
            DescentAxes        *axes)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (image);
  DescentCanvas canvas;

  descent_canvas_init (&canvas, cr, descent_palette_get (scene->theme), scene->text_size);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  paint (&canvas, 0, 0, width, height, scene, axes);
  descent_canvas_clear (&canvas);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

static guint32
pixel (cairo_surface_t *image,
       int              x,
       int              y)
{
  guint8 *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (image));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (image));
  return ((guint32 *) (data + (gsize) y * stride))[x] & 0xffffff;
}

static gboolean
close_to (guint32             rgb,
          const DescentColor *color,
          int                 tolerance)
{
  int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;

  return ABS (r - (int) (color->r * 255 + 0.5)) <= tolerance
         && ABS (g - (int) (color->g * 255 + 0.5)) <= tolerance
         && ABS (b - (int) (color->b * 255 + 0.5)) <= tolerance;
}

static void
test_ticks_linear (void)
{
  GRand *rand = g_rand_new_with_seed (11);

  for (int trial = 0; trial < 20000; trial++)
    {
      double lo = g_rand_double_range (rand, -1e3, 1e3) * pow (10, g_rand_int_range (rand, -8, 8));
      double hi = lo + g_rand_double_range (rand, 1e-3, 10) * pow (10, g_rand_int_range (rand, -8, 8));
      guint max = g_rand_int_range (rand, 2, 11);
      DescentTicks ticks;
      double mantissa;

      descent_ticks_linear (&ticks, lo, hi, max);
      /* Narrower than a few units in the last place of lo: nothing to label. */
      if (hi - lo < fabs (lo) * 1e-9)
        continue;
      g_assert_cmpuint (ticks.n, >=, 2);
      g_assert_cmpuint (ticks.n, <=, 2 * max + 1);
      mantissa = ticks.step / pow (10, floor (log10 (ticks.step) + 1e-12));
      g_assert_true (fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9
                     || fabs (mantissa - 5) < 1e-9 || fabs (mantissa - 10) < 1e-9);
      for (guint i = 0; i < ticks.n; i++)
        {
          double k = ticks.values[i] / ticks.step;
          g_assert_cmpfloat (fabs (k - round (k)), <, 1e-6);
          g_assert_cmpfloat (ticks.values[i], >=, lo - ticks.step * 1e-6);
          g_assert_cmpfloat (ticks.values[i], <=, hi + ticks.step * 1e-6);
        }
      /* They cover the range: no gap of a whole step at either end. */
      g_assert_cmpfloat (ticks.values[0] - lo, <, ticks.step * (1 + 1e-9));
      g_assert_cmpfloat (hi - ticks.values[ticks.n - 1], <, ticks.step * (1 + 1e-9));
    }
  g_rand_free (rand);
}

static void
test_ticks_log (void)
{
  DescentTicks ticks;

  descent_ticks_log (&ticks, 3e-5, 2e3, 10);
  g_assert_cmpuint (ticks.n, ==, 8);
  g_assert_cmpfloat (ticks.values[0], ==, 1e-4);
  g_assert_cmpfloat (ticks.values[7], ==, 1e3);

  /* Under three decades: 1, 2 and 5 times the powers of ten, labelled as plain numbers
   * where those are short. */
  descent_ticks_log (&ticks, 47, 3000, 8);
  g_assert_cmpuint (ticks.n, ==, 6);
  g_assert_cmpfloat (ticks.values[0], ==, 50);
  g_assert_cmpfloat (ticks.values[5], ==, 2000);
  {
    g_autofree char *fifty = descent_ticks_format (&ticks, ticks.values[0]);
    g_autofree char *hundred = descent_ticks_format (&ticks, ticks.values[1]);
    g_assert_cmpstr (fifty, ==, "50");
    g_assert_cmpstr (hundred, ==, "100");
  }
  descent_ticks_log (&ticks, 2e-7, 9e-6, 6);
  g_assert_cmpuint (ticks.n, ==, 5);
  {
    g_autofree char *first = descent_ticks_format (&ticks, ticks.values[0]);
    g_autofree char *decade = descent_ticks_format (&ticks, ticks.values[2]);
    g_assert_cmpstr (first, ==, "2×10⁻⁷");
    g_assert_cmpstr (decade, ==, "10⁻⁶");
  }

  /* Room for two ticks over three decades: powers of ten, not even steps that crowd
   * at the top of the axis. */
  descent_ticks_log (&ticks, 9, 4000, 2);
  g_assert_cmpuint (ticks.n, ==, 2);
  g_assert_cmpfloat (ticks.values[0], ==, 10);
  g_assert_cmpfloat (ticks.values[1], ==, 1000);

  /* Within one decade, and narrower than a factor of two: still ticks to read, all in
   * the range. */
  {
    const double ranges[][2] = { { 50, 80 }, { 0.99, 1.01 }, { 1234.5, 1234.6 } };

    for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
      {
        descent_ticks_log (&ticks, ranges[r][0], ranges[r][1], 6);
        g_assert_cmpuint (ticks.n, >=, 2);
        double slack = (ranges[r][1] - ranges[r][0]) * 1e-9;

        for (guint i = 0; i < ticks.n; i++)
          {
            g_assert_cmpfloat (ticks.values[i], >=, ranges[r][0] - slack);
            g_assert_cmpfloat (ticks.values[i], <=, ranges[r][1] + slack);
          }
      }
  }

  /* 300 decades: a stride, still whole powers of ten. */
  descent_ticks_log (&ticks, 1e-290, 1e10, 6);
  g_assert_cmpuint (ticks.n, <=, 6);
  g_assert_cmpuint (ticks.n, >=, 3);
  for (guint i = 0; i < ticks.n; i++)
    {
      double e = log10 (ticks.values[i]);
      g_assert_cmpfloat (fabs (e - round (e)), <, 1e-9);
    }
}

static void
test_labels (void)
{
  DescentTicks ticks;
  g_autofree char *minus = NULL;
  g_autofree char *decimal = NULL;
  g_autofree char *small = NULL;
  g_autofree char *value = NULL;
  g_autofree char *large = NULL;

  descent_ticks_linear (&ticks, -1, 1, 5);
  minus = descent_ticks_format (&ticks, -0.5);
  g_assert_cmpstr (minus, ==, "−0.5");
  descent_ticks_log (&ticks, 1e-6, 1, 10);
  small = descent_ticks_format (&ticks, 1e-5);
  g_assert_cmpstr (small, ==, "10⁻⁵");
  value = descent_format_value (0.000204273, 3);
  g_assert_cmpstr (value, ==, "0.000204");
  large = descent_format_value (1.5e9, 3);
  g_assert_cmpstr (large, ==, "1.5×10⁹");

  /* Labels are for people: the locale's decimal mark. */
  if (!descent_test_use_locale ("de_DE.UTF-8"))
    return;
  decimal = descent_format_value (2.25, 3);
  setlocale (LC_ALL, "C.UTF-8");
  g_assert_cmpstr (decimal, ==, "2,25");
}

/* A step axis counts: a short run gets whole steps, never half ones. */
static void
test_whole_step_ticks (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400);
  cairo_t *cr = cairo_create (surface);
  DescentCanvas canvas;
  DescentAxes axes;
  const double ranges[][2] = { { 0, 1 }, { 0, 2 }, { 0, 3 }, { 0, 7 }, { 0, 1000 } };

  descent_canvas_init (&canvas, cr, descent_palette_get (DESCENT_THEME_LIGHT), 13);
  for (guint k = 0; k < G_N_ELEMENTS (ranges); k++)
    {
      const double range[4] = { ranges[k][0], ranges[k][1], 1e-3, 10 };

      descent_axes_layout (&axes, &canvas, 0, 0, 600, 400, range, TRUE, "t", "step", "J");
      descent_axes_whole_x_ticks (&axes, &canvas);
      g_assert_cmpuint (axes.x_ticks.n, >=, 2);
      g_assert_cmpfloat (axes.x_ticks.values[0], ==, range[0]);
      g_assert_cmpfloat (axes.x_ticks.values[axes.x_ticks.n - 1], ==, range[1]);
      for (guint i = 0; i < axes.x_ticks.n; i++)
        {
          g_autofree char *expected = g_strdup_printf ("%d", (int) axes.x_ticks.values[i]);

          g_assert_cmpfloat (axes.x_ticks.values[i], ==, floor (axes.x_ticks.values[i]));
          g_assert_cmpstr (axes.x_labels[i], ==, expected);
        }
    }
  descent_canvas_clear (&canvas);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_contours (void)
{
  g_autoptr(DescentScene) scene = make_scene (50, 0.05, 100);
  const DescentContours *contours = scene->contours;
  const DescentProblem *problem = scene->problem;
  guint checked = 0;

  g_assert_cmpuint (contours->n_levels, >=, 15);
  for (guint k = 0; k < contours->n_levels; k++)
    {
      const DescentContourLevel *level = &contours->levels[k];
      double excess = level->loss - problem->loss_star;

      g_assert_cmpuint (level->n_loops, >=, 1);
      if (k > 0)
        g_assert_cmpfloat (level->loss, <, contours->levels[k - 1].loss);
      for (guint i = 0; i < level->n_points; i++)
        {
          const DescentContourPoint *point = &level->points[i];

          if (point->on_edge)
            continue;
          /* On the level set, to rounding: the crossings solve the exact quadratic. */
          g_assert_cmpfloat (fabs (descent_problem_loss (problem, point->theta) - level->loss),
                             <=, 1e-9 * excess + 1e-12 * level->loss);
          g_assert_cmpfloat (point->theta[0], >=, contours->frame[0] - 1e-9);
          g_assert_cmpfloat (point->theta[0], <=, contours->frame[1] + 1e-9);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 1000);
}

static void
test_frame_holds_path (void)
{
  /* Just below α_crit the path zigzags across the valley; it must stay in the frame. */
  g_autoptr(DescentScene) probe = make_scene (30, 0.01, 1);
  double alpha = probe->problem->alpha_critical * 0.98;
  g_autoptr(DescentScene) scene = make_scene (30, alpha, 3000);
  const double *frame = scene->contours->frame;
  guint n = descent_trajectory_get_n_recorded (scene->trajectory);

  for (guint i = 0; i < n; i++)
    {
      const double *theta = descent_trajectory_get_recorded (scene->trajectory, i)->theta;
      g_assert_cmpfloat (theta[0], >=, frame[0]);
      g_assert_cmpfloat (theta[0], <=, frame[1]);
      g_assert_cmpfloat (theta[1], >=, frame[2]);
      g_assert_cmpfloat (theta[1], <=, frame[3]);
    }
  g_assert_cmpfloat (scene->problem->theta_star[0], >, frame[0]);
  g_assert_cmpfloat (scene->problem->theta_star[1], <, frame[3]);
}

static void
test_fitted_line (void)
{
  g_autoptr(DescentScene) scene = make_scene (40, 0.05, 30);
  const DescentColor *line = &descent_palette_get (DESCENT_THEME_LIGHT)->line;
  DescentAxes axes;
  cairo_surface_t *image;
  guint columns = 0;

  image = paint_plot (scene, descent_data_plot_paint, 700, 600, &axes);
  for (int x = (int) axes.x + 200; x < (int) (axes.x + axes.width) - 10; x += 17)
    {
      double value = descent_axes_unmap_x (&axes, x + 0.5);
      double expected = descent_axes_map_y (&axes, scene->state.theta[0]
                                                   + scene->state.theta[1] * value);
      double sum = 0, count = 0;

      for (int y = (int) axes.y + 1; y < (int) (axes.y + axes.height) - 1; y++)
        if (close_to (pixel (image, x, y), line, 40))
          {
            sum += y + 0.5;
            count++;
          }
      if (count == 0)
        continue;
      g_assert_cmpfloat (fabs (sum / count - expected), <, 1.0);
      columns++;
    }
  g_assert_cmpuint (columns, >, 10);
  cairo_surface_destroy (image);
}

/* Darkest pixel near (x, y), to find a marker drawn in the foreground colour. */
static void
centroid_of_dark (cairo_surface_t *image,
                  double           cx,
                  double           cy,
                  int              radius,
                  double          *x,
                  double          *y)
{
  double sx = 0, sy = 0, n = 0;

  for (int j = (int) cy - radius; j <= (int) cy + radius; j++)
    for (int i = (int) cx - radius; i <= (int) cx + radius; i++)
      {
        guint32 p = pixel (image, i, j);
        if ((p >> 16 & 0xff) < 80 && (p >> 8 & 0xff) < 80 && (p & 0xff) < 80)
          {
            sx += i + 0.5;
            sy += j + 0.5;
            n++;
          }
      }
  g_assert_cmpfloat (n, >, 10);
  *x = sx / n;
  *y = sy / n;
}

static void
test_optimum_marker (void)
{
  g_autoptr(DescentScene) scene = make_scene (40, 0.05, 300);
  DescentAxes axes;
  cairo_surface_t *image;
  double ex, ey, x, y;

  /* At step 0 the path is at the start, far from θ*. */
  descent_scene_set_step (scene, 0);
  image = paint_plot (scene, descent_contour_plot_paint, 800, 700, &axes);
  ex = descent_axes_map_x (&axes, scene->problem->theta_star[0]);
  ey = descent_axes_map_y (&axes, scene->problem->theta_star[1]);
  /* The cross, without its label, which starts beyond it to the right. */
  centroid_of_dark (image, ex, ey, 6, &x, &y);
  g_assert_cmpfloat (fabs (x - ex), <, 1);
  g_assert_cmpfloat (fabs (y - ey), <, 1);
  cairo_surface_destroy (image);
}

static void
test_gradient_arrow (void)
{
  g_autoptr(DescentScene) scene = make_scene (40, 0.02, 300);
  const DescentColor *arrow = &descent_palette_get (DESCENT_THEME_LIGHT)->arrow;
  DescentAxes axes;
  cairo_surface_t *image;
  double ox, oy, dx, dy, norm, length;

  descent_scene_set_step (scene, 20);
  image = paint_plot (scene, descent_contour_plot_paint, 800, 700, &axes);
  ox = descent_axes_map_x (&axes, scene->state.theta[0]);
  oy = descent_axes_map_y (&axes, scene->state.theta[1]);
  dx = -scene->state.gradient[0] * axes.width / (axes.range[1] - axes.range[0]);
  dy = scene->state.gradient[1] * axes.height / (axes.range[3] - axes.range[2]);
  norm = hypot (dx, dy);
  length = descent_contour_plot_arrow_length (scene, &axes);
  g_assert_cmpfloat (length, >=, 24);

  /* Along −∇J, past the current-θ marker: the arrow's colour. Opposite: never. */
  for (double d = 10; d < length - 10; d += 2)
    {
      g_assert_true (close_to (pixel (image, (int) (ox + d * dx / norm), (int) (oy + d * dy / norm)),
                               arrow, 60));
      g_assert_false (close_to (pixel (image, (int) (ox - d * dx / norm),
                                       (int) (oy - d * dy / norm)), arrow, 60));
    }
  cairo_surface_destroy (image);
}

static void
test_path_start (void)
{
  g_autoptr(DescentScene) scene = make_scene (40, 0.02, 300);
  const DescentColor *path = &descent_palette_get (DESCENT_THEME_LIGHT)->path;
  const DescentStep *first;
  DescentAxes axes;
  cairo_surface_t *image;
  double sx, sy, fx, fy;
  guint hits = 0;

  descent_scene_set_step (scene, 60);
  image = paint_plot (scene, descent_contour_plot_paint, 800, 700, &axes);
  sx = descent_axes_map_x (&axes, scene->params->theta_start[0]);
  sy = descent_axes_map_y (&axes, scene->params->theta_start[1]);
  first = descent_trajectory_get_recorded (scene->trajectory, 1);
  fx = descent_axes_map_x (&axes, first->theta[0]);
  fy = descent_axes_map_y (&axes, first->theta[1]);

  /* The first segment leaves the start ring towards step 1 in the path's colour. */
  g_assert_cmpfloat (hypot (fx - sx, fy - sy), >, 12);
  for (double t = 8; t < hypot (fx - sx, fy - sy) - 4; t += 1)
    {
      double u = t / hypot (fx - sx, fy - sy);
      if (close_to (pixel (image, (int) (sx + u * (fx - sx)), (int) (sy + u * (fy - sy))), path, 50))
        hits++;
    }
  g_assert_cmpuint (hits, >, 3);
  cairo_surface_destroy (image);
}

static void
test_density (void)
{
  g_autoptr(DescentScene) scene = make_scene (DESCENT_SCENE_DENSITY_POINTS + 1000, 0.05, 10);
  DescentDensity *density = descent_density_new (scene, 300, 200);
  guint64 total = 0;

  g_assert_cmpuint (density->width, ==, 300);
  for (gsize i = 0; i < 300 * 200; i++)
    total += density->counts[i];
  /* Every point lies within the data range, so every point is counted once. */
  g_assert_cmpuint (total, ==, DESCENT_SCENE_DENSITY_POINTS + 1000);
  g_assert_cmpuint (density->max_count, >, 1);
  descent_density_free (density);
}

static void
check_round_trip (cairo_format_t  format,
                  DescentPngSpeed speed,
                  int             width,
                  int             height)
{
  cairo_surface_t *image = cairo_image_surface_create (format, width, height);
  cairo_surface_t *back;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GRand *rand = g_rand_new_with_seed (width * 31 + height);
  guint8 *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  int fd;

  /* Runs of flat colour with noise, the way plots look, and with alpha where allowed. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 a = format == CAIRO_FORMAT_ARGB32 ? g_rand_int_range (rand, 0, 256) : 255;
        guint32 v = (x / 7 + y / 5) % 3 == 0 && y % 50 < 25 ? g_rand_int (rand)
                    : y % 50 < 40 ? 0x336699u * (x / 40 + 1) : 0xffffffu;
        guint32 r = (v >> 16 & 0xff) * a / 255, g = (v >> 8 & 0xff) * a / 255, b = (v & 0xff) * a / 255;
        ((guint32 *) (data + (gsize) y * stride))[x] = a << 24 | r << 16 | g << 8 | b;
      }
  cairo_surface_mark_dirty (image);
  g_rand_free (rand);

  bytes = descent_png_encode (image, speed, 192, (DescentPngText[]) { { "Title", "θ and α" } }, 1,
                              &error);
  g_assert_no_error (error);
  fd = g_file_open_tmp ("descent-png-XXXXXX.png", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  back = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (back), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (back), ==, height);
  for (int y = 0; y < height; y++)
    {
      guint32 *a = (guint32 *) (data + (gsize) y * stride);
      guint32 *b = (guint32 *) (cairo_image_surface_get_data (back)
                                + (gsize) y * cairo_image_surface_get_stride (back));
      for (int x = 0; x < width; x++)
        {
          guint32 pa = format == CAIRO_FORMAT_RGB24 ? a[x] | 0xff000000u : a[x];
          if (pa != b[x])
            g_error ("pixel %d,%d: wrote %08x, read %08x", x, y, pa, b[x]);
        }
    }
  cairo_surface_destroy (back);
  cairo_surface_destroy (image);
  g_unlink (path);
}

static void
test_png_round_trip (void)
{
  for (DescentPngSpeed speed = DESCENT_PNG_COMPACT; speed <= DESCENT_PNG_FAST; speed++)
    {
      check_round_trip (CAIRO_FORMAT_RGB24, speed, 37, 11);
      check_round_trip (CAIRO_FORMAT_ARGB32, speed, 64, 64);
      /* Tall enough for several strips, joined into one stream. */
      check_round_trip (CAIRO_FORMAT_RGB24, speed, 301, 1031);
      check_round_trip (CAIRO_FORMAT_ARGB32, speed, 129, 777);
      /* Long runs, rows equal to the one above, and runs across rows. */
      check_round_trip (CAIRO_FORMAT_RGB24, speed, 2000, 300);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/descent/render/ticks-linear", test_ticks_linear);
  g_test_add_func ("/descent/render/ticks-log", test_ticks_log);
  g_test_add_func ("/descent/render/labels", test_labels);
  g_test_add_func ("/descent/render/whole-step-ticks", test_whole_step_ticks);
  g_test_add_func ("/descent/render/contours", test_contours);
  g_test_add_func ("/descent/render/frame-holds-path", test_frame_holds_path);
  g_test_add_func ("/descent/render/fitted-line", test_fitted_line);
  g_test_add_func ("/descent/render/optimum-marker", test_optimum_marker);
  g_test_add_func ("/descent/render/gradient-arrow", test_gradient_arrow);
  g_test_add_func ("/descent/render/path-start", test_path_start);
  g_test_add_func ("/descent/render/density", test_density);
  g_test_add_func ("/descent/render/png-round-trip", test_png_round_trip);

  return g_test_run ();
}
