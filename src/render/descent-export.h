/* descent-export.h: figures as PNG, SVG and PDF files, and numbered frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "descent-scene.h"

G_BEGIN_DECLS

#define DESCENT_EXPORT_ERROR (descent_export_error_quark ())

typedef enum {
  DESCENT_EXPORT_ERROR_FORMAT,   /* the file name has no known extension */
  DESCENT_EXPORT_ERROR_SIZE,     /* beyond what the format or cairo allows */
  DESCENT_EXPORT_ERROR_DRAWING,  /* cairo failed, for example out of memory */
} DescentExportError;

typedef enum {
  DESCENT_EXPORT_PNG,
  DESCENT_EXPORT_SVG,
  DESCENT_EXPORT_PDF,
} DescentExportFormat;

typedef struct {
  DescentView view;
  int         width;    /* pixels for PNG (before scaling), points for SVG and PDF */
  int         height;
  double      scale;    /* PNG only: device pixels per unit, 2 for high-DPI screens */
} DescentExportOptions;

#define DESCENT_EXPORT_OPTIONS_INIT { DESCENT_VIEW_ALL, 1600, 900, 1 }

/* PNG sides up to cairo's image limit; SVG and PDF pages up to 200 inches. */
#define DESCENT_EXPORT_MAX_PIXELS 32767
#define DESCENT_EXPORT_MAX_POINTS 14400

typedef void (*DescentExportProgress) (guint64  done,
                                       guint64  total,
                                       gpointer user_data);

GQuark   descent_export_error_quark       (void);
gboolean descent_export_format_for_path   (const char                 *path,
                                           DescentExportFormat        *format,
                                           GError                    **error);
gboolean descent_export_check_size        (DescentExportFormat         format,
                                           const DescentExportOptions *options,
                                           GError                    **error);
gboolean descent_export                   (DescentScene               *scene,
                                           const char                 *path,
                                           const DescentExportOptions *options,
                                           GError                    **error);
gboolean descent_export_cancellable       (DescentScene               *scene,
                                           const char                 *path,
                                           const DescentExportOptions *options,
                                           GCancellable               *cancellable,
                                           GError                    **error);
gboolean descent_export_frames            (DescentScene               *scene,
                                           const char                 *folder,
                                           const DescentExportOptions *options,
                                           guint64                     every,
                                           DescentExportProgress       progress,
                                           gpointer                    user_data,
                                           GCancellable               *cancellable,
                                           GError                    **error);
cairo_surface_t *descent_export_render_image (DescentScene               *scene,
                                              const DescentExportOptions *options,
                                              GError                    **error);

G_END_DECLS
