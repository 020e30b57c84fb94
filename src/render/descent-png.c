/* descent-png.c: a PNG encoder tuned for plots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plots are mostly flat colour. The "Sub" filter turns a run of one colour into a run of
 * zeros, and zlib's run-length strategy at level 1 packs those runs about as well as its
 * full search does, several times faster than cairo_surface_write_to_png. Large images
 * are compressed as strips on every core and joined into one stream (each strip ends on
 * a byte boundary with a sync flush), so one picture uses both cores too.
 *
 * Opaque images (CAIRO_FORMAT_RGB24) are written as RGB, others as RGBA with the
 * premultiplication undone. Text goes into iTXt chunks, which hold UTF-8.
 */

#define G_LOG_DOMAIN "descent-render"

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "descent-png.h"

#define STRIP_MIN_ROWS 128

typedef struct {
  const guint8 *pixels;
  int           stride;
  int           width;
  int           first_row;
  int           n_rows;
  gboolean      alpha;
  gboolean      last;
  GByteArray   *out;
  uLong         adler;
  gsize         raw_size;
  int           status;
} Strip;

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };
  g_byte_array_append (out, bytes, 4);
}

static void
put_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           gsize         length)
{
  uLong crc;

  put_u32 (out, length);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (out, data, length);
  crc = crc32 (0, (const Bytef *) type, 4);
  if (length > 0)
    crc = crc32_z (crc, data, length);
  put_u32 (out, crc);
}

/* One row of cairo's native-endian premultiplied ARGB as PNG bytes, then the Sub filter. */
static void
filter_row (const guint8 *source,
            int           width,
            gboolean      alpha,
            guint8       *row)
{
  const guint32 *pixels = (const guint32 *) source;
  int channels = alpha ? 4 : 3;
  guint8 *bytes = row + 1;

  row[0] = 1;  /* Sub */
  if (!alpha)
    {
      for (int x = 0; x < width; x++)
        {
          guint32 p = pixels[x];
          bytes[3 * x] = p >> 16;
          bytes[3 * x + 1] = p >> 8;
          bytes[3 * x + 2] = p;
        }
    }
  else
    {
      for (int x = 0; x < width; x++)
        {
          guint32 p = pixels[x];
          guint a = p >> 24;
          guint8 *o = bytes + 4 * x;

          if (a == 0)
            o[0] = o[1] = o[2] = o[3] = 0;
          else
            {
              o[0] = (((p >> 16) & 0xff) * 255 + a / 2) / a;
              o[1] = (((p >> 8) & 0xff) * 255 + a / 2) / a;
              o[2] = ((p & 0xff) * 255 + a / 2) / a;
              o[3] = a;
            }
        }
    }

  for (int i = width * channels - 1; i >= channels; i--)
    bytes[i] -= bytes[i - channels];
}

static void
compress_strip (gpointer data,
                gpointer user_data)
{
  Strip *strip = data;
  int channels = strip->alpha ? 4 : 3;
  gsize row_size = (gsize) strip->width * channels + 1;
  g_autofree guint8 *row = g_malloc (row_size);
  guint8 buffer[1 << 16];
  z_stream z = { 0 };

  strip->status = deflateInit2 (&z, 1, Z_DEFLATED, -15, 9, Z_RLE);
  if (strip->status != Z_OK)
    return;

  strip->adler = adler32 (0, NULL, 0);
  for (int y = 0; y < strip->n_rows; y++)
    {
      int flush = y + 1 < strip->n_rows ? Z_NO_FLUSH : strip->last ? Z_FINISH : Z_SYNC_FLUSH;

      filter_row (strip->pixels + (gsize) (strip->first_row + y) * strip->stride, strip->width,
                  strip->alpha, row);
      strip->adler = adler32_z (strip->adler, row, row_size);
      strip->raw_size += row_size;
      z.next_in = row;
      z.avail_in = row_size;
      do
        {
          z.next_out = buffer;
          z.avail_out = sizeof buffer;
          strip->status = deflate (&z, flush);
          if (strip->status == Z_STREAM_ERROR)
            goto out;
          g_byte_array_append (strip->out, buffer, sizeof buffer - z.avail_out);
        }
      while (z.avail_out == 0);
    }
  strip->status = Z_OK;

out:
  deflateEnd (&z);
}

GBytes *
descent_png_encode (cairo_surface_t      *image,
                    double                pixels_per_inch,
                    const DescentPngText *texts,
                    guint                 n_texts,
                    GError              **error)
{
  g_autoptr(GByteArray) out = NULL;
  g_autoptr(GByteArray) idat = NULL;
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  cairo_format_t format;
  int width, height, stride, n_strips;
  Strip strips[8] = { { 0 } };
  gboolean alpha;
  uLong adler;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (cairo_surface_get_type (image) == CAIRO_SURFACE_TYPE_IMAGE, NULL);

  format = cairo_image_surface_get_format (image);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "Only 32-bit images can be written as PNG");
      return NULL;
    }

  cairo_surface_flush (image);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  alpha = format == CAIRO_FORMAT_ARGB32;

  out = g_byte_array_sized_new (64 * 1024);
  g_byte_array_append (out, signature, sizeof signature);

  {
    guint8 header[13];
    header[0] = width >> 24; header[1] = width >> 16; header[2] = width >> 8; header[3] = width;
    header[4] = height >> 24; header[5] = height >> 16; header[6] = height >> 8; header[7] = height;
    header[8] = 8;                /* bits per channel */
    header[9] = alpha ? 6 : 2;    /* RGBA or RGB */
    header[10] = header[11] = header[12] = 0;
    put_chunk (out, "IHDR", header, sizeof header);
  }

  if (pixels_per_inch > 0)
    {
      guint32 per_metre = (guint32) (pixels_per_inch / 0.0254 + 0.5);
      guint8 phys[9] = { per_metre >> 24, per_metre >> 16, per_metre >> 8, per_metre,
                         per_metre >> 24, per_metre >> 16, per_metre >> 8, per_metre, 1 };
      put_chunk (out, "pHYs", phys, sizeof phys);
    }

  for (guint i = 0; i < n_texts; i++)
    {
      g_autoptr(GByteArray) itxt = g_byte_array_new ();
      static const guint8 flags[] = { 0, 0, 0, 0 };  /* no compression; no language tags */

      g_byte_array_append (itxt, (const guint8 *) texts[i].keyword, strlen (texts[i].keyword));
      g_byte_array_append (itxt, flags, 1);
      g_byte_array_append (itxt, flags, 2);
      g_byte_array_append (itxt, flags, 2);
      g_byte_array_append (itxt, (const guint8 *) texts[i].text, strlen (texts[i].text));
      put_chunk (out, "iTXt", itxt->data, itxt->len);
    }

  /* One strip per core for large images. */
  n_strips = CLAMP (height / STRIP_MIN_ROWS, 1, (int) MIN (g_get_num_processors (), 8));
  for (int s = 0; s < n_strips; s++)
    {
      strips[s].pixels = cairo_image_surface_get_data (image);
      strips[s].stride = stride;
      strips[s].width = width;
      strips[s].first_row = (int) ((gint64) height * s / n_strips);
      strips[s].n_rows = (int) ((gint64) height * (s + 1) / n_strips) - strips[s].first_row;
      strips[s].alpha = alpha;
      strips[s].last = s == n_strips - 1;
      strips[s].out = g_byte_array_new ();
    }

  if (n_strips > 1)
    {
      /* Strip 0 runs here, the others on GLib's shared threads. */
      GThreadPool *pool = g_thread_pool_new (compress_strip, NULL, n_strips - 1, FALSE, NULL);

      for (int s = 1; s < n_strips; s++)
        g_thread_pool_push (pool, &strips[s], NULL);
      compress_strip (&strips[0], NULL);
      g_thread_pool_free (pool, FALSE, TRUE);
    }
  else
    compress_strip (&strips[0], NULL);

  idat = g_byte_array_sized_new (256 * 1024);
  {
    static const guint8 zlib_header[2] = { 0x78, 0x01 };
    g_byte_array_append (idat, zlib_header, 2);
  }
  adler = adler32 (0, NULL, 0);
  for (int s = 0; s < n_strips; s++)
    {
      if (strips[s].status != Z_OK)
        {
          for (int t = 0; t < n_strips; t++)
            g_byte_array_unref (strips[t].out);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "The image could not be compressed");
          return NULL;
        }
      g_byte_array_append (idat, strips[s].out->data, strips[s].out->len);
      adler = adler32_combine (adler, strips[s].adler, strips[s].raw_size);
      g_byte_array_unref (strips[s].out);
    }
  put_u32 (idat, adler);

  /* IDAT chunks of at most 1 MiB, as most writers do. */
  for (guint offset = 0; offset < idat->len; offset += 1 << 20)
    put_chunk (out, "IDAT", idat->data + offset, MIN (1u << 20, idat->len - offset));
  put_chunk (out, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
