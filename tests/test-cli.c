/* test-cli.c: the descent command as scripts use it: JSON keys, numbers, exit codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "descent-number.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_free (result->out);
  g_free (result->err);
}

G_GNUC_NULL_TERMINATED
static Result
run (const char *locale,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  Result result = { 0 };
  int wait_status;
  va_list args;
  const char *arg;

  /* meson test --setup=valgrind runs every command under tests/valgrind-descent. */
  if (g_getenv ("DESCENT_UNDER") != NULL)
    g_ptr_array_add (argv, (gpointer) g_getenv ("DESCENT_UNDER"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("DESCENT"));
  va_start (args, locale);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", locale != NULL ? locale : "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &result.out, &result.err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result.status = WEXITSTATUS (wait_status);
  return result;
}

/* The raw text of a JSON member's value; enough for the flat numbers and strings here. */
static char *
json_value (const char *json,
            const char *key)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\": ", key);
  const char *start = strstr (json, quoted);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (quoted);
  if (*start == '"')
    {
      end = strchr (start + 1, '"');
      return g_strndup (start + 1, (gsize) (end - start - 1));
    }
  if (*start == '{' || *start == '[')
    end = strchr (start, *start == '{' ? '}' : ']') + 1;
  else
    end = start + strcspn (start, ",}");
  return g_strndup (start, (gsize) (end - start));
}

static double
json_number (const char *json,
             const char *key)
{
  g_autofree char *text = json_value (json, key);
  double value;

  g_assert_nonnull (text);
  g_assert_cmpint (descent_number_parse (text, strlen (text), '.', &value), ==,
                   DESCENT_NUMBER_OK);
  return value;
}

static void
test_json_keys (void)
{
  static const char *const keys[] = {
    "rows", "skipped_rows", "x_column", "y_column", "alpha", "iterations", "steps",
    "stop_reason", "theta0", "theta1", "loss", "least_squares", "alpha_critical",
    "condition_number",
  };
  Result r = run (NULL, "--summary", "--json", NULL);
  double theta[2] = { 0, 0 };
  g_autofree char *least_squares = NULL;

  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_true (g_str_has_prefix (r.out, "{") && g_str_has_suffix (r.out, "}\n"));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *value = json_value (r.out, keys[i]);
      if (value == NULL)
        g_error ("key %s missing from %s", keys[i], r.out);
    }

  g_assert_cmpfloat (json_number (r.out, "rows"), ==, 5);
  g_assert_cmpfloat (json_number (r.out, "alpha"), ==, 0.01);
  g_assert_cmpfloat (json_number (r.out, "iterations"), ==, 1000);
  g_assert_cmpfloat (json_number (r.out, "steps"), ==, 1000);

  /* The article's loop, run here: the printed θ agrees to the last digits. */
  for (int k = 0; k < 1000; k++)
    {
      double g0 = 0, g1 = 0;
      for (int i = 1; i <= 5; i++)
        {
          g0 += theta[0] + theta[1] * i - i;
          g1 += (theta[0] + theta[1] * i - i) * i;
        }
      theta[0] -= 0.01 * g0 / 5;
      theta[1] -= 0.01 * g1 / 5;
    }
  g_assert_cmpfloat (fabs (json_number (r.out, "theta0") - theta[0]), <=, 1e-12 * fabs (theta[0]));
  g_assert_cmpfloat (fabs (json_number (r.out, "theta1") - theta[1]), <=, 1e-12 * fabs (theta[1]));

  least_squares = json_value (r.out, "least_squares");
  g_assert_cmpfloat (json_number (least_squares, "theta1"), ==, 1);
  g_assert_cmpfloat (json_number (least_squares, "theta0"), ==, 0);

  {
    g_autofree char *reason = json_value (r.out, "stop_reason");
    g_assert_cmpstr (reason, ==, "iterations");
  }
  result_clear (&r);
}

/* Whatever the locale, the numbers a script reads are the same bytes. */
static void
test_json_locales (void)
{
  static const char *const locales[] = { "de_DE.UTF-8", "zh_CN.UTF-8" };
  Result c = run (NULL, "--summary", "--json", "-a", "0.05", "-n", "77", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      Result r = run (locales[i], "--summary", "--json", "-a", "0.05", "-n", "77", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.out, ==, c.out);
      result_clear (&r);
    }
  result_clear (&c);
}

static void
test_exit_codes (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "csv", NULL);
  g_autofree char *quote = g_build_filename (dir, "unterminated-quote.csv", NULL);
  g_autofree char *nan = g_build_filename (dir, "not-a-number.csv", NULL);
  g_autofree char *basic = g_build_filename (dir, "basic.csv", NULL);
  static const char *const usage[][3] = {
    { "--alpha=abc", NULL }, { "--alpha=0", NULL }, { "--alpha=-1", NULL },
    { "--iterations=-5", NULL }, { "--iterations=100000001", NULL }, { "--bogus", NULL },
    { "--tolerance=x", NULL }, { "--delimiter=ab", NULL }, { "--decimal=;", NULL },
    { "--theta0=1e999", NULL }, { "--json", NULL }, { "a.csv", "b.csv", NULL },
  };
  Result r;

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      r = run (NULL, usage[i][0], usage[i][1], NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_true (g_str_has_prefix (r.err, "descent: "));
      g_assert_cmpstr (r.out, ==, "");
      result_clear (&r);
    }

  r = run (NULL, "--summary", "/nonexistent/data.csv", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.err, "descent: /nonexistent/data.csv: "));
  result_clear (&r);

  r = run (NULL, "--summary", quote, NULL);
  g_assert_cmpint (r.status, ==, 1);
  {
    g_autofree char *prefix = g_strdup_printf ("descent: %s:3: ", quote);
    g_assert_true (g_str_has_prefix (r.err, prefix));
  }
  result_clear (&r);

  /* Skipped rows are warnings; the run still succeeds. */
  r = run (NULL, "--summary", "--json", nan, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "warning: skipped line 3, column 'x': 'abc' is not a number"));
  g_assert_cmpfloat (json_number (r.out, "skipped_rows"), ==, 1);
  result_clear (&r);

  /* A diverging run is a result, not an error. */
  r = run (NULL, "--summary", "--json", "--alpha=1", basic, NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autofree char *reason = json_value (r.out, "stop_reason");
    g_assert_cmpstr (reason, ==, "diverged");
  }
  result_clear (&r);

  /* The most iterations the command takes all run, in bounded memory; none at all is
   * the start itself. */
  r = run (NULL, "--summary", "--json", "-a", "1e-9", "-n", "100000000", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpfloat (json_number (r.out, "steps"), ==, 100000000);
  {
    g_autofree char *reason = json_value (r.out, "stop_reason");
    g_assert_cmpstr (reason, ==, "iterations");
  }
  result_clear (&r);
  r = run (NULL, "--summary", "--json", "-n", "0", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpfloat (json_number (r.out, "steps"), ==, 0);
  g_assert_cmpfloat (json_number (r.out, "theta0"), ==, 0);
  g_assert_cmpfloat (json_number (r.out, "loss"), ==, 5.5);
  result_clear (&r);

  r = run (NULL, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "descent "));
  result_clear (&r);
}

static void
test_trajectory_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("descent-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "steps.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  Result r = run ("de_DE.UTF-8", "--summary", "-n", "10", "--trajectory", path, NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 13);
  g_assert_cmpstr (lines[0], ==, "step,theta0,theta1,loss,grad0,grad1");
  g_assert_cmpstr (lines[1], ==, "0,0,0,5.5,-3,-11");
  g_assert_true (g_str_has_prefix (lines[11], "10,"));
  result_clear (&r);

  /* A folder that does not exist: an error, nothing written. */
  r = run (NULL, "--summary", "--trajectory", "/nonexistent/steps.csv", NULL);
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);

  g_unlink (path);
  g_rmdir (dir);
}

/* Width and height from a PNG's header. */
static void
png_size (const char *path,
          guint      *width,
          guint      *height)
{
  g_autofree guint8 *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, (char **) &contents, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  *width = (guint) contents[16] << 24 | contents[17] << 16 | contents[18] << 8 | contents[19];
  *height = (guint) contents[20] << 24 | contents[21] << 16 | contents[22] << 8 | contents[23];
}

static void
test_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("descent-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "cars.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "cars.pdf", NULL);
  g_autofree char *cars = g_build_filename (g_getenv ("DESCENT_SAMPLES"), "cars.csv", NULL);
  g_autofree char *contents = NULL;
  guint width, height;
  Result r;

  /* No display is needed, and nothing is printed on success. */
  r = run ("de_DE.UTF-8", "--export", png, "--size", "800x450", "--scale", "1.5", "--step", "7",
           "-a", "0.001", cars, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  png_size (png, &width, &height);
  g_assert_cmpuint (width, ==, 1200);
  g_assert_cmpuint (height, ==, 675);
  result_clear (&r);

  r = run (NULL, "-o", pdf, "--view", "history", "--theme", "dark", cars, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  result_clear (&r);

  /* With --summary too, both happen. */
  r = run (NULL, "--summary", "--json", "--export", png, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"theta0\": "));
  result_clear (&r);

  g_unlink (png);
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_export_errors (void)
{
  const char *usage[][7] = {
    { "--export", "out.jpg", NULL },
    { "--export", "out.png", "--view", "everything", NULL },
    { "--export", "out.png", "--size", "wide", NULL },
    { "--export", "out.png", "--size", "40000x900", NULL },
    { "--export", "out.png", "--theme", "blue", NULL },
    { "--export", "out.png", "-n", "100", "--step", "101", NULL },
    { "--export", "out.png", "--scale", "0", NULL },
    { "--view", "data", NULL },
    { "--frames", "frames", "--every", "0", NULL },
    { "--every", "3", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      Result r = run (NULL, usage[i][0], usage[i][1], usage[i][2], usage[i][3], usage[i][4],
                      usage[i][5], usage[i][6], NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_true (g_str_has_prefix (r.err, "descent: "));
      result_clear (&r);
    }
  g_assert_false (g_file_test ("out.png", G_FILE_TEST_EXISTS));

  /* A folder that is not there: an error naming it, exit status 1. */
  {
    Result r = run (NULL, "--export", "/nonexistent/figure.png", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "/nonexistent/figure.png"));
    result_clear (&r);
  }
}

static void
test_frames (void)
{
  g_autofree char *dir = g_dir_make_tmp ("descent-XXXXXX", NULL);
  g_autofree char *frames = g_build_filename (dir, "frames", NULL);
  g_autofree char *first = g_build_filename (frames, "frame-00001.png", NULL);
  g_autofree char *last = g_build_filename (frames, "frame-00005.png", NULL);
  g_autofree char *beyond = g_build_filename (frames, "frame-00006.png", NULL);
  guint width, height;
  Result r;

  r = run (NULL, "--frames", frames, "--every", "250", "--size", "320x200", NULL);
  g_assert_cmpint (r.status, ==, 0);
  png_size (first, &width, &height);
  g_assert_cmpuint (width, ==, 320);
  png_size (last, &width, &height);
  g_assert_cmpuint (height, ==, 200);
  g_assert_false (g_file_test (beyond, G_FILE_TEST_EXISTS));
  result_clear (&r);

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("frame-%05u.png", i);
      g_autofree char *path = g_build_filename (frames, name, NULL);
      g_unlink (path);
    }
  g_rmdir (frames);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/descent/cli/json-keys", test_json_keys);
  g_test_add_func ("/descent/cli/json-locales", test_json_locales);
  g_test_add_func ("/descent/cli/exit-codes", test_exit_codes);
  g_test_add_func ("/descent/cli/trajectory-file", test_trajectory_file);
  g_test_add_func ("/descent/cli/export", test_export);
  g_test_add_func ("/descent/cli/export-errors", test_export_errors);
  g_test_add_func ("/descent/cli/frames", test_frames);

  return g_test_run ();
}
