/* descent-export.c: figures as PNG, SVG and PDF files, and numbered frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file is written through DescentOutput: complete, or not at all. Frames are drawn
 * on the calling thread while a second thread encodes and writes the frame before, so
 * the two cores overlap; two images take turns between them.
 */

#define G_LOG_DOMAIN "descent-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <math.h>

#include "core/descent-output.h"
#include "descent-export.h"
#include "descent-plots.h"
#include "descent-png.h"

G_DEFINE_QUARK (descent-export-error-quark, descent_export_error)

gboolean
descent_export_format_for_path (const char           *path,
                                DescentExportFormat  *format,
                                GError              **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_utf8_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = DESCENT_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = DESCENT_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = DESCENT_EXPORT_PDF;
  else
    {
      display = g_filename_display_name (path);
      g_set_error (error, DESCENT_EXPORT_ERROR, DESCENT_EXPORT_ERROR_FORMAT,
                   _("Could not export “%s”: use a name that ends in .png, .svg or .pdf"),
                   display);
      return FALSE;
    }
  return TRUE;
}

gboolean
descent_export_check_size (DescentExportFormat         format,
                           const DescentExportOptions *options,
                           GError                    **error)
{
  double scale = format == DESCENT_EXPORT_PNG ? options->scale : 1;
  double limit = format == DESCENT_EXPORT_PNG ? DESCENT_EXPORT_MAX_PIXELS
                                              : DESCENT_EXPORT_MAX_POINTS;

  if (!(scale >= 0.25 && scale <= 16))
    {
      g_set_error (error, DESCENT_EXPORT_ERROR, DESCENT_EXPORT_ERROR_SIZE,
                   _("The scale must be between 0.25 and 16"));
      return FALSE;
    }
  if (options->width < 16 || options->height < 16
      || ceil (options->width * scale) > limit || ceil (options->height * scale) > limit)
    {
      if (format == DESCENT_EXPORT_PNG)
        g_set_error (error, DESCENT_EXPORT_ERROR, DESCENT_EXPORT_ERROR_SIZE,
                     _("A PNG image must be 16 to %d pixels on each side; %d × %d at scale %g "
                       "is not"),
                     DESCENT_EXPORT_MAX_PIXELS, options->width, options->height, scale);
      else
        g_set_error (error, DESCENT_EXPORT_ERROR, DESCENT_EXPORT_ERROR_SIZE,
                     _("An SVG or PDF page must be 16 to %d points on each side; %d × %d is not"),
                     DESCENT_EXPORT_MAX_POINTS, options->width, options->height);
      return FALSE;
    }
  return TRUE;
}

static gboolean
drawing_error (cairo_status_t   status,
               const char      *path,
               GError         **error)
{
  g_autofree char *display = path != NULL ? g_filename_display_name (path) : NULL;

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  if (display != NULL)
    g_set_error (error, DESCENT_EXPORT_ERROR, DESCENT_EXPORT_ERROR_DRAWING,
                 _("Could not draw “%s”: %s"), display, cairo_status_to_string (status));
  else
    g_set_error (error, DESCENT_EXPORT_ERROR, DESCENT_EXPORT_ERROR_DRAWING,
                 _("Could not draw the figure: %s"), cairo_status_to_string (status));
  return FALSE;
}

static cairo_surface_t *
render_image (const DescentScene         *scene,
              const DescentExportOptions *options,
              GError                    **error)
{
  int width = (int) ceil (options->width * options->scale);
  int height = (int) ceil (options->height * options->scale);
  cairo_surface_t *image;
  cairo_t *cr;
  cairo_status_t status;

  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  if (!drawing_error (cairo_surface_status (image), NULL, error))
    {
      cairo_surface_destroy (image);
      return NULL;
    }
  cairo_surface_set_device_scale (image, options->scale, options->scale);
  cr = cairo_create (image);
  descent_paint_figure (cr, options->width, options->height, scene, options->view);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (!drawing_error (status, NULL, error))
    {
      cairo_surface_destroy (image);
      return NULL;
    }
  return image;
}

/* Draws the scene as an opaque image of width·scale × height·scale pixels. */
cairo_surface_t *
descent_export_render_image (DescentScene               *scene,
                             const DescentExportOptions *options,
                             GError                    **error)
{
  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!descent_export_check_size (DESCENT_EXPORT_PNG, options, error))
    return NULL;
  return render_image (scene, options, error);
}

static char *
describe (const DescentScene *scene)
{
  char theta0[G_ASCII_DTOSTR_BUF_SIZE], theta1[G_ASCII_DTOSTR_BUF_SIZE];
  char alpha[G_ASCII_DTOSTR_BUF_SIZE], loss[G_ASCII_DTOSTR_BUF_SIZE];
  char start0[G_ASCII_DTOSTR_BUF_SIZE], start1[G_ASCII_DTOSTR_BUF_SIZE];

  /* Metadata is read by programs too: plain ASCII numbers, never the locale's. */
  return g_strdup_printf ("alpha=%s iterations=%" G_GUINT64_FORMAT " step=%" G_GUINT64_FORMAT
                          " theta_start=%s,%s theta=%s,%s loss=%s x=%s y=%s",
                          g_ascii_dtostr (alpha, sizeof alpha, scene->params->alpha),
                          scene->params->iterations, scene->state.step,
                          g_ascii_dtostr (start0, sizeof start0, scene->params->theta_start[0]),
                          g_ascii_dtostr (start1, sizeof start1, scene->params->theta_start[1]),
                          g_ascii_dtostr (theta0, sizeof theta0, scene->state.theta[0]),
                          g_ascii_dtostr (theta1, sizeof theta1, scene->state.theta[1]),
                          g_ascii_dtostr (loss, sizeof loss, scene->state.loss),
                          descent_dataset_get_x_name (scene->dataset),
                          descent_dataset_get_y_name (scene->dataset));
}

static GBytes *
encode_png (const DescentScene *scene,
            cairo_surface_t    *image,
            double              scale,
            GError            **error)
{
  g_autofree char *description = describe (scene);
  g_autofree char *caption = descent_figure_caption (scene);
  const char *source = descent_dataset_get_source (scene->dataset);
  DescentPngText texts[] = {
    { "Title", caption },
    { "Software", "Descent " PACKAGE_VERSION },
    { "Source", source != NULL ? source : "" },
    { "Description", description },
  };

  return descent_png_encode (image, DESCENT_PNG_COMPACT, 96 * scale, texts, G_N_ELEMENTS (texts),
                             error);
}

static gboolean
write_bytes (const char    *path,
             GBytes        *bytes,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(DescentOutput) output = NULL;
  gsize size;
  const void *data;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  output = descent_output_open (path, error);
  if (output == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  if (!descent_output_write (output, data, size, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return descent_output_commit (g_steal_pointer (&output), error);
}

typedef struct {
  DescentOutput *output;
  GCancellable  *cancellable;
  GError        *error;
} StreamTarget;

static cairo_status_t
write_to_output (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  StreamTarget *target = closure;

  if (target->error != NULL
      || g_cancellable_set_error_if_cancelled (target->cancellable, &target->error))
    return CAIRO_STATUS_WRITE_ERROR;
  if (!descent_output_write (target->output, data, length, &target->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
export_vector (DescentScene               *scene,
               const char                 *path,
               DescentExportFormat         format,
               const DescentExportOptions *options,
               GCancellable               *cancellable,
               GError                    **error)
{
  StreamTarget target = { NULL, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  target.output = descent_output_open (path, error);
  if (target.output == NULL)
    return FALSE;

  if (format == DESCENT_EXPORT_SVG)
    surface = cairo_svg_surface_create_for_stream (write_to_output, &target, options->width,
                                                   options->height);
  else
    {
      g_autofree char *caption = descent_figure_caption (scene);

      surface = cairo_pdf_surface_create_for_stream (write_to_output, &target, options->width,
                                                     options->height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, caption);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                      "Descent " PACKAGE_VERSION);
    }

  cr = cairo_create (surface);
  descent_paint_figure (cr, options->width, options->height, scene, options->view);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (target.error != NULL)
    {
      descent_output_abort (target.output);
      g_propagate_error (error, target.error);
      return FALSE;
    }
  if (!drawing_error (status, path, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      descent_output_abort (target.output);
      return FALSE;
    }
  return descent_output_commit (target.output, error);
}

/* Draws the scene into @path, as PNG, SVG or PDF by its extension. */
gboolean
descent_export (DescentScene               *scene,
                const char                 *path,
                const DescentExportOptions *options,
                GError                    **error)
{
  return descent_export_cancellable (scene, path, options, NULL, error);
}

/* The same; once @cancellable is cancelled, nothing is written (not even the part of a
 * file already drawn) and the error is G_IO_ERROR_CANCELLED. */
gboolean
descent_export_cancellable (DescentScene               *scene,
                            const char                 *path,
                            const DescentExportOptions *options,
                            GCancellable               *cancellable,
                            GError                    **error)
{
  DescentExportFormat format;

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (!descent_export_format_for_path (path, &format, error)
      || !descent_export_check_size (format, options, error))
    return FALSE;

  if (format == DESCENT_EXPORT_PNG)
    {
      g_autoptr(GBytes) bytes = NULL;
      cairo_surface_t *image;

      image = descent_export_render_image (scene, options, error);
      if (image == NULL)
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          cairo_surface_destroy (image);
          return FALSE;
        }
      bytes = encode_png (scene, image, options->scale, error);
      cairo_surface_destroy (image);
      return bytes != NULL && write_bytes (path, bytes, cancellable, error);
    }

  return export_vector (scene, path, format, options, cancellable, error);
}

/* Frames: the encoder thread's side. */
typedef struct {
  cairo_surface_t *image;
  char            *path;
  char            *title;
  char            *description;
  const char      *source;
} Frame;

typedef struct {
  GAsyncQueue *work;      /* Frames to write; a NULL image ends the thread */
  GAsyncQueue *free;      /* images the drawing side may reuse */
  double       scale;
  GMutex       lock;
  GError      *error;     /* the first failure */
} Encoder;

static void
frame_free (Frame *frame)
{
  g_free (frame->path);
  g_free (frame->title);
  g_free (frame->description);
  g_free (frame);
}

static gpointer
encoder_thread (gpointer data)
{
  Encoder *encoder = data;

  for (;;)
    {
      Frame *frame = g_async_queue_pop (encoder->work);
      GError *error = NULL;
      gboolean failed;

      if (frame->image == NULL)
        {
          frame_free (frame);
          return NULL;
        }

      g_mutex_lock (&encoder->lock);
      failed = encoder->error != NULL;
      g_mutex_unlock (&encoder->lock);

      if (!failed)
        {
          DescentPngText texts[] = {
            { "Title", frame->title },
            { "Software", "Descent " PACKAGE_VERSION },
            { "Source", frame->source },
            { "Description", frame->description },
          };
          g_autoptr(GBytes) bytes = descent_png_encode (frame->image, DESCENT_PNG_FAST,
                                                        96 * encoder->scale, texts,
                                                        G_N_ELEMENTS (texts), &error);

          if (bytes != NULL)
            write_bytes (frame->path, bytes, NULL, &error);
          if (error != NULL)
            {
              g_mutex_lock (&encoder->lock);
              if (encoder->error == NULL)
                encoder->error = g_steal_pointer (&error);
              g_mutex_unlock (&encoder->lock);
              g_clear_error (&error);
            }
        }

      g_async_queue_push (encoder->free, frame->image);
      frame->image = NULL;
      frame_free (frame);
    }
}

static gboolean
encoder_failed (Encoder *encoder)
{
  gboolean failed;

  g_mutex_lock (&encoder->lock);
  failed = encoder->error != NULL;
  g_mutex_unlock (&encoder->lock);
  return failed;
}

/* Writes frame-00001.png, frame-00002.png … in @folder: steps 0, every, 2·every, … and
 * the last one. The scene is left at its last step. */
gboolean
descent_export_frames (DescentScene               *scene,
                       const char                 *folder,
                       const DescentExportOptions *options,
                       guint64                     every,
                       DescentExportProgress       progress,
                       gpointer                    user_data,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  Encoder encoder = { 0 };
  GThread *thread;
  guint64 last, total, done = 0;
  gboolean ok = TRUE;
  const char *source;
  Frame *end;

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (every > 0, FALSE);

  if (!descent_export_check_size (DESCENT_EXPORT_PNG, options, error))
    return FALSE;
  if (g_mkdir_with_parents (folder, 0777) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  last = descent_scene_get_n_steps (scene);
  total = last / every + 1 + (last % every != 0 ? 1 : 0);
  source = descent_dataset_get_source (scene->dataset);

  encoder.work = g_async_queue_new ();
  encoder.free = g_async_queue_new ();
  encoder.scale = options->scale;
  g_mutex_init (&encoder.lock);
  thread = g_thread_new ("descent-frames", encoder_thread, &encoder);

  for (guint64 index = 0; index < total; index++)
    {
      guint64 step = MIN (index * every, last);
      cairo_surface_t *image;
      Frame *frame;
      cairo_t *cr;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) || encoder_failed (&encoder))
        {
          ok = FALSE;
          break;
        }

      /* Two images in turn: wait for one the encoder has finished with. */
      image = index < 2 ? NULL : g_async_queue_pop (encoder.free);
      if (image == NULL)
        {
          image = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                              (int) ceil (options->width * options->scale),
                                              (int) ceil (options->height * options->scale));
          cairo_surface_set_device_scale (image, options->scale, options->scale);
        }
      if (!drawing_error (cairo_surface_status (image), NULL, error))
        {
          cairo_surface_destroy (image);
          ok = FALSE;
          break;
        }

      descent_scene_set_step (scene, step);
      cr = cairo_create (image);
      descent_paint_figure (cr, options->width, options->height, scene, options->view);
      cairo_destroy (cr);

      frame = g_new0 (Frame, 1);
      frame->image = image;
      frame->path = g_strdup_printf ("%s" G_DIR_SEPARATOR_S "frame-%05" G_GUINT64_FORMAT ".png",
                                     folder, index + 1);
      frame->title = descent_figure_caption (scene);
      frame->description = describe (scene);
      frame->source = source != NULL ? source : "";
      g_async_queue_push (encoder.work, frame);

      done = index + 1;
      if (progress != NULL)
        progress (done, total, user_data);
    }

  end = g_new0 (Frame, 1);
  g_async_queue_push (encoder.work, end);
  g_thread_join (thread);

  /* Every image comes back to the free queue; none is in flight now. */
  for (cairo_surface_t *image; (image = g_async_queue_try_pop (encoder.free)) != NULL;)
    cairo_surface_destroy (image);
  g_async_queue_unref (encoder.work);
  g_async_queue_unref (encoder.free);

  if (encoder.error != NULL)
    {
      if (ok)
        g_propagate_error (error, encoder.error);
      else if (error != NULL && *error == NULL)
        g_propagate_error (error, encoder.error);
      else
        g_error_free (encoder.error);
      ok = FALSE;
    }
  g_mutex_clear (&encoder.lock);
  descent_scene_set_step (scene, last);
  return ok;
}
