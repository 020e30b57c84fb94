/* descent-ticks.c: where an axis puts its ticks, and how their labels read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ticks fall on 1, 2 and 5 times a power of ten (powers of ten on a log axis). Labels are
 * for people, so they use the locale's decimal mark and a real minus sign; numbers written
 * into files never come through here.
 */

#define G_LOG_DOMAIN "descent-render"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "descent-ticks.h"

double
descent_ticks_nice_step (double range,
                         guint  max_ticks)
{
  double raw, magnitude, fraction;

  g_return_val_if_fail (max_ticks >= 2, 1);

  if (!(range > 0) || !isfinite (range))
    return 1;

  raw = range / (max_ticks - 1);
  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

/* The nice step below @step: 5 → 2 → 1 → 0.5 … */
static double
smaller_step (double step)
{
  double magnitude = pow (10, floor (log10 (step) + 1e-9));
  double fraction = step / magnitude;

  if (fraction > 4.5)
    return 2 * magnitude;
  if (fraction > 1.5)
    return magnitude;
  return 0.5 * magnitude;
}

void
descent_ticks_linear (DescentTicks *ticks,
                      double        lo,
                      double        hi,
                      guint         max_ticks)
{
  double step;

  g_return_if_fail (ticks != NULL);

  memset (ticks, 0, sizeof *ticks);
  max_ticks = CLAMP (max_ticks, 2, DESCENT_TICKS_MAX);
  if (!isfinite (lo) || !isfinite (hi) || !(hi > lo))
    return;

  step = descent_ticks_nice_step (hi - lo, max_ticks);
  /* Ranges far from zero can be narrower than one step of the doubles themselves. */
  if (!(step > 0) || lo + step == lo || hi - step == hi)
    return;

  /* A coarse step can miss a narrow range altogether: refine it down the 1-2-5 ladder
   * until at least two ticks fall inside. */
  for (int attempt = 0; attempt < 4; attempt++)
    {
      double first = ceil (lo / step - 1e-9);

      ticks->n = 0;
      ticks->step = step;
      for (double k = first; ticks->n < DESCENT_TICKS_MAX; k++)
        {
          double value = k * step;

          if (value > hi + step * 1e-9)
            break;
          /* −0 would print as a minus zero. */
          ticks->values[ticks->n++] = value == 0 ? 0 : value;
        }
      if (ticks->n >= 2)
        break;
      step = smaller_step (step);
    }
}

/* The ticks of a log axis: powers of ten, every few decades when there are many; over
 * fewer than three decades 1, 2 and 5 times them, or every digit, so that even a range
 * within one decade has ticks to read. */
void
descent_ticks_log (DescentTicks *ticks,
                   double        lo,
                   double        hi,
                   guint         max_ticks)
{
  static const double ladders[][9] = {
    { 1, 2, 5 },
    { 1, 2, 3, 4, 5, 6, 7, 8, 9 },
  };
  static const guint rungs[] = { 3, 9 };
  double lowest, first, last, stride;

  g_return_if_fail (ticks != NULL);

  memset (ticks, 0, sizeof *ticks);
  ticks->log = TRUE;
  max_ticks = CLAMP (max_ticks, 2, DESCENT_TICKS_MAX);
  if (!(lo > 0) || !(hi >= lo) || !isfinite (hi))
    return;

  lowest = ceil (log10 (lo) - 1e-9);
  last = floor (log10 (hi) + 1e-9);
  stride = MAX (1, ceil ((last - lowest + 1) / max_ticks));
  first = ceil (lowest / stride) * stride;
  ticks->step = stride;
  for (double e = first; e <= last && ticks->n < DESCENT_TICKS_MAX; e += stride)
    ticks->values[ticks->n++] = pow (10, e);
  /* A stride that leaves one decade of several: the first and the last instead, rather
   * than even steps that crowd at the top of a log axis. */
  if (ticks->n < 2 && last > lowest)
    {
      ticks->n = 2;
      ticks->values[0] = pow (10, lowest);
      ticks->values[1] = pow (10, last);
      ticks->step = last - lowest;
    }
  if (ticks->n >= 3)
    return;

  for (guint l = 0; l < G_N_ELEMENTS (ladders); l++)
    {
      DescentTicks dense = { 0 };

      dense.log = TRUE;
      dense.step = 0;
      for (double e = floor (log10 (lo)); e <= ceil (log10 (hi)); e++)
        for (guint k = 0; k < rungs[l]; k++)
          {
            double value = ladders[l][k] * pow (10, e);

            if (value >= lo * (1 - 1e-12) && value <= hi * (1 + 1e-12)
                && dense.n < DESCENT_TICKS_MAX)
              dense.values[dense.n++] = value;
          }
      if (dense.n > max_ticks)
        break;
      *ticks = dense;
      if (ticks->n >= 3)
        return;
    }

  /* Narrower than a factor of two: evenly spaced, and labelled as such. */
  if (ticks->n < 2)
    descent_ticks_linear (ticks, lo, hi, max_ticks);
}

/* @value rounded to @decimals places. */
static double
round_to (double value,
          int    decimals)
{
  double scale = pow (10, decimals);
  return round (value * scale) / scale;
}

/* Rewrites an ASCII number for people: the locale's decimal mark and a true minus. */
static char *
humanize (const char *ascii)
{
  const char *point = localeconv ()->decimal_point;
  GString *out = g_string_sized_new (strlen (ascii) + 8);

  if (point == NULL || *point == '\0')
    point = ".";

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (*p == '-')
        g_string_append (out, "−");
      else if (*p == '.')
        g_string_append (out, point);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static const char *const superscripts[] = {
  "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹",
};

/* 10 to the power @exponent, as "10⁻⁵". */
static void
append_power_of_ten (GString *out,
                     int      exponent)
{
  char digits[16];

  g_string_append (out, "10");
  if (exponent < 0)
    g_string_append (out, "⁻");
  g_snprintf (digits, sizeof digits, "%d", ABS (exponent));
  for (const char *p = digits; *p != '\0'; p++)
    g_string_append (out, superscripts[*p - '0']);
}

/* g_ascii_formatd with "%.<digits><conversion>", never the locale. */
static char *
format_ascii (char   buffer[G_ASCII_DTOSTR_BUF_SIZE],
              int    digits,
              char   conversion,
              double value)
{
  char format[16];

  g_snprintf (format, sizeof format, "%%.%d%c", CLAMP (digits, 0, 17), conversion);
  return g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, format, value);
}

/* Mantissa × 10ⁿ, for numbers too large or too small for plain decimals. */
static char *
format_scientific (double value,
                   int    significant)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *mantissa = NULL;
  GString *out;
  int exponent;
  double m;

  exponent = (int) floor (log10 (fabs (value)));
  m = value / pow (10, exponent);
  /* Rounding may carry the mantissa up to 10. */
  if (fabs (round_to (m, significant - 1)) >= 10)
    {
      exponent++;
      m /= 10;
    }
  mantissa = humanize (format_ascii (buffer, significant - 1, 'f', m));
  out = g_string_new (NULL);
  if (strcmp (mantissa, "1") != 0)
    g_string_append_printf (out, "%s×", mantissa);
  append_power_of_ten (out, exponent);
  return g_string_free (out, FALSE);
}

static gboolean
needs_scientific (double magnitude)
{
  return magnitude != 0 && (magnitude >= 1e6 || magnitude < 1e-4);
}

/* A tick label: as many decimals as the step needs, and no more. */
char *
descent_ticks_format (const DescentTicks *ticks,
                      double              value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double largest;
  int decimals;

  g_return_val_if_fail (ticks != NULL, NULL);

  if (ticks->log)
    {
      double exponent = floor (log10 (value) + 1e-9);
      double mantissa = round (value / pow (10, exponent));
      GString *out;

      /* Ticks between the decades read as plain numbers where those are short, and as
       * “2×10⁻⁵” where not; decades alone as powers of ten. */
      if (ticks->step == 0 && ticks->values[0] >= 1e-4
          && ticks->values[MAX (ticks->n, 1) - 1] < 1e6)
        return humanize (format_ascii (buffer, exponent < 0 ? (int) -exponent : 0, 'f', value));
      out = g_string_new (NULL);
      if (mantissa != 1)
        g_string_append_printf (out, "%d×", (int) mantissa);
      append_power_of_ten (out, (int) exponent);
      return g_string_free (out, FALSE);
    }

  if (value == 0)
    return g_strdup ("0");

  largest = MAX (fabs (ticks->values[0]), fabs (ticks->values[MAX (ticks->n, 1) - 1]));
  if (needs_scientific (largest) || (ticks->step < 1e-4 && largest < 1e-2))
    {
      /* Enough digits to tell neighbouring ticks apart. */
      int significant = (int) ceil (log10 (fabs (value) / ticks->step) + 1e-9) + 1;
      return format_scientific (value, CLAMP (significant, 1, 15));
    }

  decimals = ticks->step >= 1 ? 0 : (int) ceil (-log10 (ticks->step) - 1e-9);
  return humanize (format_ascii (buffer, CLAMP (decimals, 0, 15), 'f', value));
}

/* A value for a caption: @significant digits, without trailing zeros. */
char *
descent_format_value (double value,
                      int    significant)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double magnitude = fabs (value);

  if (isnan (value))
    return g_strdup ("NaN");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");
  if (magnitude == 0)
    return g_strdup ("0");
  if (needs_scientific (magnitude))
    {
      g_autofree char *text = NULL;
      char *e;

      text = format_scientific (value, significant);
      /* Trim the mantissa's trailing zeros: "1.50×10⁶" → "1.5×10⁶". */
      e = strstr (text, "×");
      if (e != NULL)
        {
          GString *out = g_string_new_len (text, e - text);
          const char *point = localeconv ()->decimal_point;

          if (point != NULL && strstr (out->str, point) != NULL)
            {
              while (out->len > 0 && out->str[out->len - 1] == '0')
                g_string_truncate (out, out->len - 1);
              if (g_str_has_suffix (out->str, point))
                g_string_truncate (out, out->len - strlen (point));
            }
          g_string_append (out, e);
          return g_string_free (out, FALSE);
        }
      return g_steal_pointer (&text);
    }

  /* %g would switch to an exponent for 123456 at three digits; whole numbers stay whole. */
  if (magnitude >= pow (10, significant))
    return humanize (format_ascii (buffer, 0, 'f', value));
  return humanize (format_ascii (buffer, significant, 'g', value));
}

/* "1,000,000 points": the count grouped as the user's locale groups digits. */
char *
descent_format_points (gsize n)
{
  g_autofree char *count = g_strdup_printf ("%'" G_GSIZE_FORMAT, n);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s point", "%s points", n), count);
}
