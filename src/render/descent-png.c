/* descent-png.c: a PNG encoder tuned for plots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plots are mostly flat colour. Two settings: compact files through zlib at its fastest
 * level (six times faster than cairo_surface_write_to_png), and fast ones through our own
 * run-length deflate (several times faster again, files two to three times larger) for
 * frames, where speed is what counts. Tall images are compressed as strips on every core
 * and joined into one stream, each strip ending on a byte boundary, so one picture uses
 * both cores too.
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
  DescentPngSpeed speed;
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

/* One row of cairo's native-endian premultiplied ARGB as PNG bytes. */
static void
convert_row (const guint8 *source,
             int           width,
             gboolean      alpha,
             guint8       *bytes)
{
  const guint32 *pixels = (const guint32 *) source;

  if (!alpha)
    {
      for (int x = 0; x < width; x++)
        {
          guint32 p = pixels[x];
          bytes[3 * x] = p >> 16;
          bytes[3 * x + 1] = p >> 8;
          bytes[3 * x + 2] = p;
        }
      return;
    }

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

/* The strip's rows, filtered, into one buffer. Compact: no filter, for zlib's matcher.
 * Fast: a row equal to the one above becomes zeros (Up), any other row Sub, which turns
 * runs of one colour into runs of zeros for the run-length coder. */
static guint8 *
filter_strip (const Strip *strip,
              gsize        row_size)
{
  int channels = strip->alpha ? 4 : 3;
  guint8 *buffer = g_malloc (row_size * strip->n_rows);

  for (int y = 0; y < strip->n_rows; y++)
    {
      int image_row = strip->first_row + y;
      const guint8 *source = strip->pixels + (gsize) image_row * strip->stride;
      guint8 *row = buffer + (gsize) y * row_size, *bytes = row + 1;

      if (strip->speed == DESCENT_PNG_COMPACT)
        {
          row[0] = 0;
          convert_row (source, strip->width, strip->alpha, bytes);
        }
      else if (image_row > 0
               && memcmp (source, source - strip->stride, (gsize) strip->width * 4) == 0)
        {
          row[0] = 2;
          memset (bytes, 0, row_size - 1);
        }
      else if (!strip->alpha)
        {
          const guint32 *pixels = (const guint32 *) source;
          guint32 previous = 0;

          /* Convert and subtract the pixel to the left in one pass. */
          row[0] = 1;
          for (int x = 0; x < strip->width; x++)
            {
              guint32 p = pixels[x];
              bytes[3 * x] = (guint8) ((p >> 16) - (previous >> 16));
              bytes[3 * x + 1] = (guint8) ((p >> 8) - (previous >> 8));
              bytes[3 * x + 2] = (guint8) (p - previous);
              previous = p;
            }
        }
      else
        {
          row[0] = 1;
          convert_row (source, strip->width, strip->alpha, bytes);
          for (gsize i = row_size - 2; i >= (gsize) channels; i--)
            bytes[i] -= bytes[i - channels];
        }
    }
  return buffer;
}

/* zlib, fastest level: small files, about 230 MB/s. */
static void
deflate_zlib (Strip        *strip,
              const guint8 *data,
              gsize         size)
{
  guint8 buffer[1 << 16];
  z_stream z = { 0 };

  strip->status = deflateInit2 (&z, 1, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
  if (strip->status != Z_OK)
    return;
  z.next_in = (Bytef *) data;
  z.avail_in = size;
  do
    {
      z.next_out = buffer;
      z.avail_out = sizeof buffer;
      strip->status = deflate (&z, strip->last ? Z_FINISH : Z_SYNC_FLUSH);
      if (strip->status == Z_STREAM_ERROR)
        break;
      g_byte_array_append (strip->out, buffer, sizeof buffer - z.avail_out);
    }
  while (z.avail_out == 0);
  strip->status = strip->status == Z_STREAM_ERROR ? Z_STREAM_ERROR : Z_OK;
  deflateEnd (&z);
}

/* The run-length coder: deflate's fixed Huffman codes, a literal for each byte and a
 * match at distance 1 for each repeat. Filtered plots are mostly runs of zeros, which it
 * packs 258 bytes to 16 bits, several times faster than zlib. */
typedef struct {
  guint32 code[288];    /* bit-reversed, ready to write */
  guint8  bits[288];
  guint32 length_code[259];  /* a match of that length at distance 1, symbol and extra bits */
  guint8  length_bits[259];
} FixedCodes;

static guint32
reverse_bits (guint32 code,
              int     count)
{
  guint32 reversed = 0;

  for (int i = 0; i < count; i++)
    reversed |= ((code >> i) & 1) << (count - 1 - i);
  return reversed;
}

static const FixedCodes *
fixed_codes (void)
{
  static const guint16 base[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35,
                                    43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
  static const guint8 extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                    4, 4, 4, 4, 5, 5, 5, 5, 0 };
  static FixedCodes codes;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      for (int s = 0; s < 288; s++)
        {
          guint32 code;
          int bits;

          if (s <= 143)
            code = 0x30 + s, bits = 8;
          else if (s <= 255)
            code = 0x190 + s - 144, bits = 9;
          else if (s <= 279)
            code = s - 256, bits = 7;
          else
            code = 0xc0 + s - 280, bits = 8;
          codes.code[s] = reverse_bits (code, bits);
          codes.bits[s] = bits;
        }
      for (int length = 3; length <= 258; length++)
        {
          int k = 28;

          while (base[k] > length)
            k--;
          /* Symbol, its extra bits, then distance code 0 (five zero bits): distance 1. */
          codes.length_code[length] = codes.code[257 + k]
                                      | (guint32) (length - base[k]) << codes.bits[257 + k];
          codes.length_bits[length] = codes.bits[257 + k] + extra[k] + 5;
        }
      g_once_init_leave (&done, 1);
    }
  return &codes;
}

typedef struct {
  guint8  *out;
  gsize    length;
  guint64  bits;
  int      count;
} BitWriter;

static inline void
put_bits (BitWriter *writer,
          guint32    value,
          int        count)
{
  writer->bits |= (guint64) value << writer->count;
  writer->count += count;
  if (writer->count >= 32)
    {
      guint32 word = (guint32) writer->bits;
      writer->out[writer->length++] = word;
      writer->out[writer->length++] = word >> 8;
      writer->out[writer->length++] = word >> 16;
      writer->out[writer->length++] = word >> 24;
      writer->bits >>= 32;
      writer->count -= 32;
    }
}

static void
align_to_byte (BitWriter *writer)
{
  while (writer->count > 0)
    {
      writer->out[writer->length++] = writer->bits;
      writer->bits >>= 8;
      writer->count = MAX (writer->count - 8, 0);
    }
  writer->bits = 0;
}

#define ADLER_BASE 65521

/* The run-length coder also sums the data for the stream's Adler-32, which costs nothing
 * extra for runs: n bytes of value v add n·v to a and n·a + v·n(n+1)/2 to b. */
static void
deflate_runs (Strip        *strip,
              const guint8 *data,
              gsize         size)
{
  const FixedCodes *codes = fixed_codes ();
  BitWriter writer = { 0 };
  guint64 a = 1, b = 0;
  guint pending = 0;
  gsize i = 0;

  /* At most nine bits a byte, and the block's framing. */
  g_byte_array_set_size (strip->out, size + size / 8 + 64);
  writer.out = strip->out->data;

  put_bits (&writer, strip->last ? 1 : 0, 1);  /* BFINAL */
  put_bits (&writer, 1, 2);                     /* fixed Huffman codes */
  while (i < size)
    {
      guint8 byte = data[i];
      gsize run = 1, left;

      /* Runs are long in plots: compare eight bytes at a time. */
      if (i + 1 < size && data[i + 1] == byte)
        {
          guint64 pattern = byte * G_GUINT64_CONSTANT (0x0101010101010101);

          while (i + run + 8 <= size)
            {
              guint64 word;
              memcpy (&word, data + i + run, 8);
              if (word != pattern)
                break;
              run += 8;
            }
          while (i + run < size && data[i + run] == byte)
            run++;
        }

      if (run == 1)
        {
          a += byte;
          b += a;
          /* Fewer than 5552 bytes between reductions keep b within 32 bits' worth. */
          if (++pending == 4096)
            {
              a %= ADLER_BASE;
              b %= ADLER_BASE;
              pending = 0;
            }
        }
      else
        {
          guint64 n = run;

          a %= ADLER_BASE;
          b = (b + (n % ADLER_BASE) * a + byte * ((n * (n + 1) / 2) % ADLER_BASE)) % ADLER_BASE;
          a = (a + n * byte) % ADLER_BASE;
          pending = 0;
        }

      put_bits (&writer, codes->code[byte], codes->bits[byte]);
      for (left = run - 1; left >= 3;)
        {
          gsize length = MIN (left, 258);

          /* Never leave one or two behind: they would need literals. */
          if (left - length > 0 && left - length < 3)
            length = left - 3;
          put_bits (&writer, codes->length_code[length], codes->length_bits[length]);
          left -= length;
        }
      for (; left > 0; left--)
        put_bits (&writer, codes->code[byte], codes->bits[byte]);
      i += run;
    }
  put_bits (&writer, codes->code[256], codes->bits[256]);  /* end of block */

  if (!strip->last)
    {
      /* An empty stored block ends the strip on a byte, as Z_SYNC_FLUSH does. */
      put_bits (&writer, 0, 3);
      align_to_byte (&writer);
      put_bits (&writer, 0x0000, 16);
      put_bits (&writer, 0xffff, 16);
    }
  align_to_byte (&writer);
  g_byte_array_set_size (strip->out, writer.length);
  strip->adler = (uLong) ((b % ADLER_BASE) << 16 | (a % ADLER_BASE));
  strip->status = Z_OK;
}

static void
compress_strip (gpointer data,
                gpointer user_data)
{
  Strip *strip = data;
  gsize row_size = (gsize) strip->width * (strip->alpha ? 4 : 3) + 1;
  gsize size = row_size * strip->n_rows;
  g_autofree guint8 *filtered = filter_strip (strip, row_size);

  strip->raw_size = size;
  if (strip->speed == DESCENT_PNG_FAST)
    deflate_runs (strip, filtered, size);
  else
    {
      strip->adler = adler32_z (adler32 (0, NULL, 0), filtered, size);
      deflate_zlib (strip, filtered, size);
    }
}

GBytes *
descent_png_encode (cairo_surface_t      *image,
                    DescentPngSpeed       speed,
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
      strips[s].speed = speed;
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
