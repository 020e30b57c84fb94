/* descent-number.c: numbers in files, read and written without the locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parser accepts [spaces] [+-] digits [mark digits] [(e|E) [+-] digits] [spaces], with
 * the decimal mark chosen by the caller. Most numbers in real files have at most 15
 * significant digits and a small exponent; those are converted exactly with one rounded
 * multiplication or division (Clinger's fast path). The rest go to g_ascii_strtod() on a
 * checked, normalised copy, which is correctly rounded and ignores the locale.
 */

#define G_LOG_DOMAIN "descent-number"

#include "config.h"

#include <math.h>
#include <string.h>

#include "descent-number.h"

static const double exact_powers_of_ten[] = {
  1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

#define MAX_EXACT_MANTISSA (G_GUINT64_CONSTANT (1) << 53)
#define MAX_SIGNIFICANT    19

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static inline gboolean
is_digit (char c)
{
  return (unsigned char) (c - '0') < 10;
}

gboolean
descent_number_is_missing (const char *text,
                           gsize       length)
{
  static const char *const missing[] = { "NA", "N/A", "NaN", "#N/A", "null", "-" };

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  while (length > 0 && is_blank (text[0]))
    text++, length--;
  while (length > 0 && is_blank (text[length - 1]))
    length--;

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    if (strlen (missing[i]) == length && g_ascii_strncasecmp (text, missing[i], length) == 0)
      return TRUE;

  return FALSE;
}

static double
parse_slow (const char *start,
            gsize       length,
            char        decimal)
{
  char stack_buffer[128];
  g_autofree char *heap_buffer = NULL;
  char *copy = stack_buffer;

  if (length >= sizeof stack_buffer)
    copy = heap_buffer = g_malloc (length + 1);

  memcpy (copy, start, length);
  copy[length] = '\0';
  if (decimal != '.')
    {
      char *mark = memchr (copy, decimal, length);
      if (mark != NULL)
        *mark = '.';
    }

  return g_ascii_strtod (copy, NULL);
}

DescentNumberStatus
descent_number_parse (const char *text,
                      gsize       length,
                      char        decimal,
                      double     *value)
{
  const char *p, *end, *start, *digits;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  int significant = 0;
  int exponent = 0;
  gboolean truncated = FALSE;
  gboolean any_digit = FALSE;

  g_return_val_if_fail (text != NULL || length == 0, DESCENT_NUMBER_INVALID);
  g_return_val_if_fail (value != NULL, DESCENT_NUMBER_INVALID);

  p = text;
  end = text + length;
  while (p < end && is_blank (*p))
    p++;
  while (end > p && is_blank (end[-1]))
    end--;
  if (p == end)
    return DESCENT_NUMBER_EMPTY;

  start = p;
  if (*p == '+' || *p == '-')
    negative = (*p++ == '-');

  /* Each run of digits has a loop of its own, so the common path tests one thing per
   * digit: leading zeros, digits that fit the mantissa, digits past its 19. */
  digits = p;
  while (p < end && *p == '0')
    p++;
  for (; p < end && is_digit (*p) && significant < MAX_SIGNIFICANT; p++, significant++)
    mantissa = mantissa * 10 + (guint64) (*p - '0');
  for (; p < end && is_digit (*p); p++, exponent++)
    truncated |= (*p != '0');
  any_digit = p > digits;

  if (p < end && *p == decimal)
    {
      digits = ++p;
      if (mantissa == 0)
        for (; p < end && *p == '0'; p++)
          exponent--;
      for (; p < end && is_digit (*p) && significant < MAX_SIGNIFICANT; p++, significant++)
        {
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          exponent--;
        }
      for (; p < end && is_digit (*p); p++)
        truncated |= (*p != '0');
      any_digit |= p > digits;
    }

  if (!any_digit)
    goto not_a_number;

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean exponent_negative = FALSE;
      int written = 0;
      gboolean exponent_digit = FALSE;

      p++;
      if (p < end && (*p == '+' || *p == '-'))
        exponent_negative = (*p++ == '-');
      for (; p < end && is_digit (*p); p++)
        {
          exponent_digit = TRUE;
          if (written < 100000)
            written = written * 10 + (*p - '0');
        }
      if (!exponent_digit)
        goto not_a_number;
      exponent += exponent_negative ? -written : written;
    }

  if (p != end)
    goto not_a_number;

  if (mantissa == 0)
    {
      *value = negative ? -0.0 : 0.0;
      return DESCENT_NUMBER_OK;
    }

  if (!truncated && mantissa <= MAX_EXACT_MANTISSA)
    {
      double m = (double) mantissa;

      /* A mantissa short enough can absorb part of a large exponent exactly. */
      while (exponent > 22 && mantissa * 10 <= MAX_EXACT_MANTISSA)
        {
          mantissa *= 10;
          exponent--;
          m = (double) mantissa;
        }

      if (exponent >= 0 && exponent <= 22)
        {
          *value = negative ? -(m * exact_powers_of_ten[exponent])
                            : m * exact_powers_of_ten[exponent];
          return DESCENT_NUMBER_OK;
        }
      if (exponent < 0 && exponent >= -22)
        {
          *value = negative ? -(m / exact_powers_of_ten[-exponent])
                            : m / exact_powers_of_ten[-exponent];
          return DESCENT_NUMBER_OK;
        }
    }

  *value = parse_slow (start, (gsize) (end - start), decimal);
  return DESCENT_NUMBER_OK;

not_a_number:
  return descent_number_is_missing (text, length) ? DESCENT_NUMBER_MISSING
                                                  : DESCENT_NUMBER_INVALID;
}

const char *
descent_number_format (char   buffer[DESCENT_NUMBER_BUF_SIZE],
                       double value)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };

  g_return_val_if_fail (buffer != NULL, NULL);

  if (!isfinite (value))
    {
      g_strlcpy (buffer, isnan (value) ? "nan" : value > 0 ? "inf" : "-inf",
                 DESCENT_NUMBER_BUF_SIZE);
      return buffer;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, DESCENT_NUMBER_BUF_SIZE, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  return buffer;
}
