/* test-core.c: statistics, the loss, the optimizer and the trajectory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "descent-csv.h"
#include "descent-problem.h"
#include "descent-statistics.h"
#include "descent-trajectory.h"

static void
assert_close (double got,
              double expected,
              double relative)
{
  double scale = MAX (fabs (expected), 1e-300);

  if (!(fabs (got - expected) <= relative * scale))
    g_error ("expected %.17g, got %.17g (relative error %.3g > %.3g)", expected, got,
             fabs (got - expected) / scale, relative);
}

static void
problem_for (const DescentDataset *dataset,
             DescentProblem       *problem)
{
  DescentStatistics stats;
  g_autoptr(GError) error = NULL;

  descent_statistics_compute (&stats, descent_dataset_get_x (dataset),
                              descent_dataset_get_y (dataset),
                              descent_dataset_get_n_rows (dataset));
  g_assert_true (descent_problem_init (problem, &stats, &error));
  g_assert_no_error (error);
}

/* The article's program: θ ← θ − α ∇J with ∇J summed over the rows, N times. */
static void
naive_descent (const double *x,
               const double *y,
               gsize         m,
               double        alpha,
               guint64       iterations,
               double        theta[2])
{
  for (guint64 k = 0; k < iterations; k++)
    {
      double g0 = 0, g1 = 0;

      for (gsize i = 0; i < m; i++)
        {
          double error = theta[0] + theta[1] * x[i] - y[i];
          g0 += error;
          g1 += error * x[i];
        }
      theta[0] -= alpha * g0 / m;
      theta[1] -= alpha * g1 / m;
    }
}

static double
naive_loss (const double *x,
            const double *y,
            gsize         m,
            const double  theta[2])
{
  double sum = 0;

  for (gsize i = 0; i < m; i++)
    {
      double error = theta[0] + theta[1] * x[i] - y[i];
      sum += error * error;
    }
  return sum / (2 * m);
}

static void
test_article (void)
{
  g_autoptr(DescentDataset) dataset = descent_dataset_new_builtin ();
  g_autoptr(DescentTrajectory) trajectory = NULL;
  DescentRunParams params = DESCENT_RUN_PARAMS_INIT;
  const double *x = descent_dataset_get_x (dataset), *y = descent_dataset_get_y (dataset);
  DescentProblem problem;
  double theta[2] = { 0, 0 };
  const DescentStep *last;

  g_assert_cmpuint (descent_dataset_get_n_rows (dataset), ==, 5);
  g_assert_cmpfloat (params.alpha, ==, 0.01);
  g_assert_cmpuint (params.iterations, ==, 1000);

  problem_for (dataset, &problem);
  trajectory = descent_trajectory_compute (&problem, descent_optimizer_gradient_descent, &params);
  naive_descent (x, y, 5, 0.01, 1000, theta);

  last = descent_trajectory_get_last (trajectory);
  g_assert_cmpuint (last->step, ==, 1000);
  g_assert_cmpuint (descent_trajectory_get_steps (trajectory), ==, 1000);
  g_assert_cmpint (descent_trajectory_get_stop_reason (trajectory), ==, DESCENT_STOP_ITERATIONS);
  assert_close (last->theta[0], theta[0], 1e-12);
  assert_close (last->theta[1], theta[1], 1e-12);
  assert_close (last->loss, naive_loss (x, y, 5, theta), 1e-10);
  g_assert_cmpuint (descent_trajectory_get_n_recorded (trajectory), ==, 1001);
}

static void
test_loss_and_gradient (void)
{
  static const double x[] = { 0.5, 1.5, 2, 4, 7.25 };
  static const double y[] = { 1, -2, 3.5, 4, 10 };
  g_autoptr(DescentDataset) dataset = descent_dataset_new (x, y, 5, "x", "y");
  DescentProblem problem;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  problem_for (dataset, &problem);
  for (guint i = 0; i < 1000; i++)
    {
      double theta[2] = { g_rand_double_range (rand, -10, 10), g_rand_double_range (rand, -10, 10) };
      double gradient[2], h = 1e-6, numeric0, numeric1, plus[2], minus[2];
      double loss = descent_problem_evaluate (&problem, theta, gradient);

      assert_close (loss, naive_loss (x, y, 5, theta), 1e-12);
      plus[0] = theta[0] + h, plus[1] = theta[1];
      minus[0] = theta[0] - h, minus[1] = theta[1];
      numeric0 = (naive_loss (x, y, 5, plus) - naive_loss (x, y, 5, minus)) / (2 * h);
      plus[0] = theta[0], plus[1] = theta[1] + h;
      minus[0] = theta[0], minus[1] = theta[1] - h;
      numeric1 = (naive_loss (x, y, 5, plus) - naive_loss (x, y, 5, minus)) / (2 * h);
      g_assert_cmpfloat (fabs (gradient[0] - numeric0), <, 1e-6 * (1 + fabs (numeric0)));
      g_assert_cmpfloat (fabs (gradient[1] - numeric1), <, 1e-6 * (1 + fabs (numeric1)));
    }
}

static void
test_hessian (void)
{
  static const double x[] = { 1, 3, 4, 9 };
  static const double y[] = { 2, 1, 7, 3 };
  g_autoptr(DescentDataset) dataset = descent_dataset_new (x, y, 4, "x", "y");
  DescentProblem problem;
  double h[2][2];

  problem_for (dataset, &problem);
  descent_problem_hessian (&problem, h);
  g_assert_cmpfloat (h[0][0], ==, 1);
  assert_close (h[0][1], 17.0 / 4, 1e-15);
  assert_close (h[1][1], (1 + 9 + 16 + 81) / 4.0, 1e-15);

  /* Each eigenvalue makes H − λI singular; together they give the trace and determinant. */
  for (guint i = 0; i < 2; i++)
    {
      double l = i == 0 ? problem.lambda_min : problem.lambda_max;
      double det = (h[0][0] - l) * (h[1][1] - l) - h[0][1] * h[1][0];
      g_assert_cmpfloat (fabs (det), <, 1e-12 * h[1][1] * h[1][1]);
    }
  assert_close (problem.lambda_min + problem.lambda_max, h[0][0] + h[1][1], 1e-15);
  assert_close (problem.lambda_min * problem.lambda_max, h[0][0] * h[1][1] - h[0][1] * h[1][0],
                1e-14);
  assert_close (problem.alpha_critical, 2 / problem.lambda_max, 1e-15);
  assert_close (problem.condition_number, problem.lambda_max / problem.lambda_min, 1e-15);
}

typedef struct {
  const char *file;
  double      theta0;
  double      theta1;
} Reference;

/* Least-squares lines from R 4.2.2's lm() on the same files (data/samples/README.md). */
static const Reference references[] = {
  { "cars.csv", -17.579094890510895, 3.9324087591240855 },
  { "women.csv", -87.516666666666453, 3.4499999999999971 },
  { "faithful.csv", 33.474397022753514, 10.729641395133504 },
  { "trees.csv", -36.943459124578581, 5.0658564228437672 },
  { "mtcars.csv", 37.285126167342028, -5.3444715727226786 },
};

static DescentDataset *
load_sample (const char *file)
{
  g_autofree char *path = g_build_filename (g_getenv ("DESCENT_SAMPLES"), file, NULL);
  g_autoptr(GError) error = NULL;
  DescentDataset *dataset = descent_csv_load (path, NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static void
test_least_squares (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    {
      g_autoptr(DescentDataset) dataset = load_sample (references[i].file);
      DescentProblem problem;
      double gradient[2];
      double loss;

      problem_for (dataset, &problem);
      assert_close (problem.theta_star[0], references[i].theta0, 1e-12);
      assert_close (problem.theta_star[1], references[i].theta1, 1e-12);

      loss = descent_problem_evaluate (&problem, problem.theta_star, gradient);
      assert_close (loss, naive_loss (descent_dataset_get_x (dataset),
                                      descent_dataset_get_y (dataset),
                                      descent_dataset_get_n_rows (dataset),
                                      problem.theta_star), 1e-12);
      g_assert_cmpfloat (fabs (gradient[0]), <, 1e-9);
      g_assert_cmpfloat (fabs (gradient[1]), <, 1e-9);
    }
}

/* Below α_crit descent reaches least squares; above it, it runs away. */
static void
test_convergence_and_divergence (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    {
      g_autoptr(DescentDataset) dataset = load_sample (references[i].file);
      g_autoptr(DescentTrajectory) below = NULL, above = NULL;
      DescentRunParams params = DESCENT_RUN_PARAMS_INIT;
      DescentProblem problem;
      const DescentStep *last;

      problem_for (dataset, &problem);

      params.alpha = 0.9 * problem.alpha_critical;
      params.iterations = 50000000;
      params.tolerance = 1e-9;
      below = descent_trajectory_compute (&problem, descent_optimizer_gradient_descent, &params);
      last = descent_trajectory_get_last (below);
      g_assert_cmpint (descent_trajectory_get_stop_reason (below), ==, DESCENT_STOP_CONVERGED);
      assert_close (last->theta[0], problem.theta_star[0], 1e-7);
      assert_close (last->theta[1], problem.theta_star[1], 1e-7);

      params.tolerance = 0;
      params.alpha = 1.1 * problem.alpha_critical;
      params.iterations = 100000;
      above = descent_trajectory_compute (&problem, descent_optimizer_gradient_descent, &params);
      last = descent_trajectory_get_last (above);
      g_assert_cmpint (descent_trajectory_get_stop_reason (above), ==, DESCENT_STOP_DIVERGED);
      g_assert_true (isfinite (last->theta[0]) && isfinite (last->theta[1]));
      g_assert_true (isfinite (last->loss));
      g_assert_cmpuint (descent_trajectory_get_steps (above), <, params.iterations);
    }
}

static void
test_stop_reasons (void)
{
  g_autoptr(DescentDataset) dataset = descent_dataset_new_builtin ();
  DescentRunParams params = DESCENT_RUN_PARAMS_INIT;
  DescentProblem problem;

  problem_for (dataset, &problem);

  {
    g_autoptr(DescentTrajectory) t = NULL;
    params.iterations = 0;
    t = descent_trajectory_compute (&problem, descent_optimizer_gradient_descent, &params);
    g_assert_cmpuint (descent_trajectory_get_steps (t), ==, 0);
    g_assert_cmpint (descent_trajectory_get_stop_reason (t), ==, DESCENT_STOP_ITERATIONS);
    g_assert_cmpfloat (descent_trajectory_get_last (t)->theta[1], ==, 0);
  }
  {
    g_autoptr(DescentTrajectory) t = NULL;
    params.iterations = 1000000;
    params.tolerance = 1e-6;
    t = descent_trajectory_compute (&problem, descent_optimizer_gradient_descent, &params);
    g_assert_cmpint (descent_trajectory_get_stop_reason (t), ==, DESCENT_STOP_CONVERGED);
    g_assert_cmpfloat (hypot (descent_trajectory_get_last (t)->gradient[0],
                              descent_trajectory_get_last (t)->gradient[1]), <=, 1e-6);
    g_assert_cmpuint (descent_trajectory_get_steps (t), <, 1000000);
  }
  {
    g_autoptr(DescentTrajectory) t = NULL;
    params.tolerance = 0;
    params.theta_start[0] = 1e300;
    params.theta_start[1] = -1e300;
    t = descent_trajectory_compute (&problem, descent_optimizer_gradient_descent, &params);
    g_assert_cmpint (descent_trajectory_get_stop_reason (t), ==, DESCENT_STOP_DIVERGED);
    g_assert_cmpuint (descent_trajectory_get_steps (t), ==, 0);
    g_assert_cmpfloat (descent_trajectory_get_last (t)->theta[0], ==, 1e300);
  }
}

static void
test_bounded_memory (void)
{
  g_autoptr(DescentDataset) dataset = descent_dataset_new_builtin ();
  g_autoptr(DescentTrajectory) t = NULL;
  DescentRunParams params = DESCENT_RUN_PARAMS_INIT;
  DescentProblem problem;
  guint n;

  problem_for (dataset, &problem);
  params.alpha = 1e-9;
  params.iterations = 5000000;
  t = descent_trajectory_compute (&problem, descent_optimizer_gradient_descent, &params);

  n = descent_trajectory_get_n_recorded (t);
  g_assert_cmpuint (n, <=, 2 * DESCENT_TRAJECTORY_FULL_STEPS + 1);
  g_assert_cmpuint (n, >, DESCENT_TRAJECTORY_FULL_STEPS);
  g_assert_cmpuint (descent_trajectory_get_memory_size (t), <=, 64 * 1024 * 1024);
  g_assert_cmpuint (descent_trajectory_get_last (t)->step, ==, 5000000);
  for (guint i = 0; i < n; i++)
    {
      const DescentStep *step = descent_trajectory_get_recorded (t, i);
      if (i < DESCENT_TRAJECTORY_FULL_STEPS)
        g_assert_cmpuint (step->step, ==, i);
      else
        g_assert_cmpuint (step->step, >, descent_trajectory_get_recorded (t, i - 1)->step);
    }
}

/* A step that was thinned out is run again from the one kept before it, and lands on the
 * same doubles as a run that stops right there. */
static void
test_state_of_thinned_step (void)
{
  g_autoptr(DescentDataset) dataset = descent_dataset_new_builtin ();
  g_autoptr(DescentTrajectory) full = NULL;
  DescentRunParams params = DESCENT_RUN_PARAMS_INIT;
  DescentProblem problem;
  const guint64 wanted[] = { 0, 7, DESCENT_TRAJECTORY_FULL_STEPS + 12345, 300001, 400000 };

  problem_for (dataset, &problem);
  params.alpha = 1e-5;
  params.iterations = 400000;
  full = descent_trajectory_compute (&problem, descent_optimizer_gradient_descent, &params);

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      g_autoptr(DescentTrajectory) shorter = NULL;
      const DescentStep *expected;
      DescentStep state;

      params.iterations = wanted[i];
      shorter = descent_trajectory_compute (&problem, descent_optimizer_gradient_descent, &params);
      expected = descent_trajectory_get_last (shorter);
      descent_trajectory_get_state (full, wanted[i], &state);
      g_assert_cmpuint (state.step, ==, wanted[i]);
      g_assert_cmpmem (state.theta, sizeof state.theta, expected->theta, sizeof expected->theta);
      g_assert_cmpfloat (state.loss, ==, expected->loss);
    }

  /* Beyond the run: its last step. */
  {
    DescentStep state;
    descent_trajectory_get_state (full, 10000000, &state);
    g_assert_cmpuint (state.step, ==, 400000);
  }
}

/* The generic object, one iterate() at a time, walks the very path that the trajectory's
 * batched run records: the same doubles, bit for bit. */
static void
test_optimizer_object (void)
{
  g_autoptr(DescentDataset) dataset = load_sample ("faithful.csv");
  g_autoptr(DescentTrajectory) t = NULL;
  g_autoptr(DescentOptimizer) optimizer = NULL;
  DescentRunParams params = DESCENT_RUN_PARAMS_INIT;
  DescentProblem problem;

  problem_for (dataset, &problem);
  params.alpha = 0.5 * problem.alpha_critical;
  params.theta_start[0] = 100;
  params.theta_start[1] = -20;
  params.iterations = 5000;
  t = descent_trajectory_compute (&problem, descent_optimizer_gradient_descent, &params);
  g_assert_cmpuint (descent_trajectory_get_n_recorded (t), ==, 5001);

  optimizer = descent_optimizer_new (descent_optimizer_gradient_descent);
  g_assert_cmpstr (descent_optimizer_get_name (optimizer), ==, "gradient-descent");
  descent_optimizer_set (optimizer, &problem, params.theta_start, params.alpha);
  for (guint k = 0; k <= 5000; k++)
    {
      const DescentStep *step = descent_trajectory_get_recorded (t, k);
      const double *theta = descent_optimizer_get_theta (optimizer);
      const double *gradient = descent_optimizer_get_gradient (optimizer);
      double loss = descent_optimizer_get_loss (optimizer);

      g_assert_cmpuint (step->step, ==, k);
      g_assert_true (memcmp (step->theta, theta, sizeof step->theta) == 0);
      g_assert_true (memcmp (step->gradient, gradient, sizeof step->gradient) == 0);
      g_assert_true (memcmp (&step->loss, &loss, sizeof loss) == 0);
      if (k < 5000)
        g_assert_true (descent_optimizer_iterate (optimizer));
    }
}

/* x ≈ 1e9 with a spread of a few units: Σx² − n·x̄² would lose every digit. */
static void
test_statistics_large_offset (void)
{
  const gsize n = 10001;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  long double sx = 0, sy = 0, mx, my, sxx = 0, syy = 0, sxy = 0;
  DescentStatistics stats;

  for (gsize i = 0; i < n; i++)
    {
      x[i] = 1e9 + (double) (i % 97) * 0.03125;
      y[i] = 5e8 + 2 * (double) (i % 89) + (double) (i % 7) * 0.5;
      sx += x[i];
      sy += y[i];
    }
  mx = sx / n;
  my = sy / n;
  for (gsize i = 0; i < n; i++)
    {
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
      sxy += (x[i] - mx) * (y[i] - my);
    }

  descent_statistics_compute (&stats, x, y, n);
  assert_close (stats.mean_x, (double) mx, 1e-15);
  assert_close (stats.mean_y, (double) my, 1e-15);
  assert_close (stats.var_x, (double) (sxx / n), 1e-9);
  assert_close (stats.var_y, (double) (syy / n), 1e-9);
  assert_close (stats.cov_xy, (double) (sxy / n), 1e-9);
  g_assert_cmpfloat (stats.var_x, >, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/descent/core/article", test_article);
  g_test_add_func ("/descent/core/loss-and-gradient", test_loss_and_gradient);
  g_test_add_func ("/descent/core/hessian", test_hessian);
  g_test_add_func ("/descent/core/least-squares", test_least_squares);
  g_test_add_func ("/descent/core/convergence-and-divergence", test_convergence_and_divergence);
  g_test_add_func ("/descent/core/stop-reasons", test_stop_reasons);
  g_test_add_func ("/descent/core/bounded-memory", test_bounded_memory);
  g_test_add_func ("/descent/core/optimizer-object", test_optimizer_object);
  g_test_add_func ("/descent/core/state-of-thinned-step", test_state_of_thinned_step);
  g_test_add_func ("/descent/core/statistics-large-offset", test_statistics_large_offset);

  return g_test_run ();
}
