/* test-export.c: PNG, SVG and PDF files, frames, and what a failed export leaves behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "core/descent-output.h"
#include "descent-export.h"
#include "descent-plots.h"

static gboolean
contains (const char *data,
          gsize       length,
          const char *needle,
          gsize       needle_length)
{
  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

static DescentScene *
builtin_scene (void)
{
  g_autoptr(DescentDataset) dataset = descent_dataset_new_builtin ();
  DescentRunParams params = DESCENT_RUN_PARAMS_INIT;
  DescentStatistics stats;
  DescentProblem problem;

  descent_statistics_compute (&stats, descent_dataset_get_x (dataset),
                              descent_dataset_get_y (dataset),
                              descent_dataset_get_n_rows (dataset));
  g_assert_true (descent_problem_init (&problem, &stats, NULL));
  params.iterations = 40;
  return descent_scene_new (dataset,
                            descent_trajectory_compute (&problem,
                                                        descent_optimizer_gradient_descent,
                                                        &params));
}

static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp ("descent-export-XXXXXX", &error);

  g_assert_no_error (error);
  return folder;
}

static void
remove_folder (const char *folder)
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

static guint
count_files (const char *folder)
{
  GDir *dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);
  return n;
}

static void
test_png_size_and_scale (void)
{
  g_autoptr(DescentScene) scene = builtin_scene ();
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "figure.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  DescentExportOptions options = DESCENT_EXPORT_OPTIONS_INIT;
  cairo_surface_t *image;
  gsize length;

  options.width = 640;
  options.height = 360;
  options.scale = 2;
  g_assert_true (descent_export (scene, path, &options, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 720);
  cairo_surface_destroy (image);

  /* 192 pixels per inch, and the metadata names the data and the parameters. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (contains (contents, length, "pHYs\x00\x00\x1d\x87\x00\x00\x1d\x87\x01", 13));
  g_assert_true (contains (contents, length, "iTXtSource", 10));
  g_assert_true (contains (contents, length, "alpha=0.01 iterations=40 step=40", 32));
  g_assert_cmpuint (count_files (folder), ==, 1);
  remove_folder (folder);
}

static void
on_element (GMarkupParseContext *context,
            const char          *name,
            const char         **attribute_names,
            const char         **attribute_values,
            gpointer             user_data,
            GError             **error)
{
  guint *elements = user_data;
  (*elements)++;
}

static void
test_svg_parses (void)
{
  g_autoptr(DescentScene) scene = builtin_scene ();
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "figure.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  DescentExportOptions options = DESCENT_EXPORT_OPTIONS_INIT;
  GMarkupParser parser = { on_element, NULL, NULL, NULL, NULL };
  GMarkupParseContext *context;
  guint elements = 0;
  gsize length;

  g_assert_true (descent_export (scene, path, &options, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));

  /* GMarkup does not follow DTDs; skip the prologue it would reject. */
  context = g_markup_parse_context_new (&parser, 0, &elements, NULL);
  g_assert_true (g_markup_parse_context_parse (context, strstr (contents, "<svg"),
                                               length - (strstr (contents, "<svg") - contents),
                                               &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_cmpuint (elements, >, 50);
  g_assert_nonnull (strstr (contents, "width=\"1600pt\""));
  remove_folder (folder);
}

static void
test_pdf_one_page (void)
{
  g_autoptr(DescentScene) scene = builtin_scene ();
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "figure.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GRegex) page = g_regex_new ("/Type\\s*/Page[^s]", G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  DescentExportOptions options = DESCENT_EXPORT_OPTIONS_INIT;
  guint pages = 0;
  gsize length;

  options.view = DESCENT_VIEW_CONTOUR;
  g_assert_true (descent_export (scene, path, &options, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_regex_match_full (page, contents, length, 0, 0, &match, NULL);
  while (g_match_info_matches (match))
    {
      pages++;
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (pages, ==, 1);
  remove_folder (folder);
}

static void
test_failures_write_nothing (void)
{
  g_autoptr(DescentScene) scene = builtin_scene ();
  g_autofree char *folder = make_folder ();
  g_autofree char *missing = g_build_filename (folder, "no-such-folder", "figure.png", NULL);
  g_autofree char *existing = g_build_filename (folder, "slide.png", NULL);
  g_autofree char *contents = NULL;
  DescentExportOptions options = DESCENT_EXPORT_OPTIONS_INIT;
  const DescentExportFormat formats[] = { DESCENT_EXPORT_PNG, DESCENT_EXPORT_SVG,
                                          DESCENT_EXPORT_PDF };
  const char *names[] = { "slide.png", "slide.svg", "slide.pdf" };
  GError *error = NULL;

  /* A missing folder, a folder as the target, a place nobody may write to. */
  g_assert_false (descent_export (scene, missing, &options, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);
  g_assert_false (descent_export (scene, folder, &options, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (descent_export (scene, "/proc/descent-figure.png", &options, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/proc/descent-figure.png"));
  g_clear_error (&error);
  g_assert_cmpuint (count_files (folder), ==, 0);

  /* An unknown extension and impossible sizes are refused before anything is drawn. */
  g_assert_false (descent_export (scene, "figure.jpg", &options, &error));
  g_assert_error (error, DESCENT_EXPORT_ERROR, DESCENT_EXPORT_ERROR_FORMAT);
  g_clear_error (&error);
  options.width = 40000;
  g_assert_false (descent_export (scene, existing, &options, &error));
  g_assert_error (error, DESCENT_EXPORT_ERROR, DESCENT_EXPORT_ERROR_SIZE);
  g_assert_nonnull (strstr (error->message, "32767"));
  g_clear_error (&error);
  options.width = 1600;

  /* A disk that fills up halfway: the file that was there survives, nothing else appears. */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], NULL);
      g_autofree char *after = NULL;

      g_assert_true (g_file_set_contents (path, "the slide from yesterday", -1, NULL));
      descent_output_set_fail_after (1000);
      g_assert_false (descent_export (scene, path, &options, &error));
      descent_output_set_fail_after (G_MAXSIZE);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, names[i]));
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, "the slide from yesterday");
      g_assert_cmpuint (count_files (folder), ==, i + 1);
    }
  remove_folder (folder);
}

/* A cancelled export writes nothing, whatever the format, and keeps what was there. */
static void
test_cancelled_export (void)
{
  g_autoptr(DescentScene) scene = builtin_scene ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *folder = make_folder ();
  const char *names[] = { "slide.png", "slide.svg", "slide.pdf" };
  DescentExportOptions options = DESCENT_EXPORT_OPTIONS_INIT;

  g_cancellable_cancel (cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], NULL);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (path, "yesterday", -1, NULL));
      g_assert_false (descent_export_cancellable (scene, path, &options, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, "yesterday");
      g_assert_cmpuint (count_files (folder), ==, i + 1);
    }
  remove_folder (folder);
}

typedef struct {
  GCancellable *cancellable;
  guint64       cancel_at;
  guint64       calls;
} Progress;

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  progress->calls++;
  g_assert_cmpuint (done, <=, total);
  if (done == progress->cancel_at)
    g_cancellable_cancel (progress->cancellable);
}

static void
test_frames (void)
{
  g_autoptr(DescentScene) scene = builtin_scene ();
  g_autofree char *folder = make_folder ();
  g_autofree char *last = g_build_filename (folder, "frame-00005.png", NULL);
  g_autoptr(GError) error = NULL;
  DescentExportOptions options = DESCENT_EXPORT_OPTIONS_INIT;
  Progress progress = { NULL, 0, 0 };
  cairo_surface_t *image;

  options.width = 320;
  options.height = 180;
  /* 40 steps, every 12th: 0, 12, 24, 36 and the last, 40. */
  g_assert_true (descent_export_frames (scene, folder, &options, 12, on_progress, &progress,
                                        NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, ==, 5);
  g_assert_cmpuint (count_files (folder), ==, 5);
  image = cairo_image_surface_create_from_png (last);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 320);
  cairo_surface_destroy (image);
  remove_folder (folder);
}

static void
test_frames_cancel (void)
{
  g_autoptr(DescentScene) scene = builtin_scene ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *folder = make_folder ();
  g_autoptr(GError) error = NULL;
  DescentExportOptions options = DESCENT_EXPORT_OPTIONS_INIT;
  Progress progress = { cancellable, 3, 0 };
  GDir *dir;
  const char *name;

  options.width = 320;
  options.height = 180;
  g_assert_false (descent_export_frames (scene, folder, &options, 1, on_progress, &progress,
                                         cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (folder), ==, 3);

  /* What was written is whole: every frame decodes, and no temporary file is left. */
  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      cairo_surface_t *image = cairo_image_surface_create_from_png (path);

      g_assert_true (g_str_has_prefix (name, "frame-"));
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (image);
    }
  g_dir_close (dir);
  remove_folder (folder);
}

static void
test_frames_disk_full (void)
{
  g_autoptr(DescentScene) scene = builtin_scene ();
  g_autofree char *folder = make_folder ();
  g_autoptr(GError) error = NULL;
  DescentExportOptions options = DESCENT_EXPORT_OPTIONS_INIT;

  options.width = 320;
  options.height = 180;
  descent_output_set_fail_after (0);
  g_assert_false (descent_export_frames (scene, folder, &options, 1, NULL, NULL, NULL, &error));
  descent_output_set_fail_after (G_MAXSIZE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (count_files (folder), ==, 0);
  remove_folder (folder);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/descent/export/png-size-and-scale", test_png_size_and_scale);
  g_test_add_func ("/descent/export/svg-parses", test_svg_parses);
  g_test_add_func ("/descent/export/pdf-one-page", test_pdf_one_page);
  g_test_add_func ("/descent/export/failures-write-nothing", test_failures_write_nothing);
  g_test_add_func ("/descent/export/cancelled", test_cancelled_export);
  g_test_add_func ("/descent/export/frames", test_frames);
  g_test_add_func ("/descent/export/frames-cancel", test_frames_cancel);
  g_test_add_func ("/descent/export/frames-disk-full", test_frames_disk_full);

  return g_test_run ();
}
