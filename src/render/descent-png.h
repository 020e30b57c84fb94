/* descent-png.h: a PNG encoder tuned for plots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  const char *keyword;   /* Latin-1 PNG keyword, such as "Title" or "Description" */
  const char *text;      /* UTF-8 */
} DescentPngText;

typedef enum {
  DESCENT_PNG_COMPACT,  /* zlib's fastest level: small files */
  DESCENT_PNG_FAST,     /* run-length codes: for frames, where speed counts */
} DescentPngSpeed;

GBytes *descent_png_encode (cairo_surface_t      *image,
                            DescentPngSpeed       speed,
                            double                pixels_per_inch,
                            const DescentPngText *texts,
                            guint                 n_texts,
                            GError              **error);

G_END_DECLS
