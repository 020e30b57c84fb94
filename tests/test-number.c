/* test-number.c: numbers read and written without the locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "descent-number.h"
#include "descent-test-locale.h"

static double
parse_ok (const char *text,
          char        decimal)
{
  double value = -12345;

  g_assert_cmpint (descent_number_parse (text, strlen (text), decimal, &value), ==,
                   DESCENT_NUMBER_OK);
  return value;
}

static void
test_syntax (void)
{
  static const char *const invalid[] = {
    "abc", "1.2.3", "1e", "e5", "+", ".", "1,5", "0x10", "inf", "infinity", "1 2", "--1",
    "1e+", "١", "1_000", "1.5e3x",
  };
  double value;

  g_assert_cmpfloat (parse_ok ("1.5", '.'), ==, 1.5);
  g_assert_cmpfloat (parse_ok ("  -2.25\t", '.'), ==, -2.25);
  g_assert_cmpfloat (parse_ok ("+4", '.'), ==, 4);
  g_assert_cmpfloat (parse_ok (".5", '.'), ==, 0.5);
  g_assert_cmpfloat (parse_ok ("5.", '.'), ==, 5);
  g_assert_cmpfloat (parse_ok ("1e3", '.'), ==, 1000);
  g_assert_cmpfloat (parse_ok ("-2.5E-2", '.'), ==, -0.025);
  g_assert_cmpfloat (parse_ok ("1,5", ','), ==, 1.5);
  g_assert_true (signbit (parse_ok ("-0", '.')));
  g_assert_cmpfloat (parse_ok ("1e400", '.'), ==, INFINITY);
  g_assert_cmpfloat (parse_ok ("1e-400", '.'), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_cmpint (descent_number_parse (invalid[i], strlen (invalid[i]), '.', &value), ==,
                     DESCENT_NUMBER_INVALID);

  g_assert_cmpint (descent_number_parse ("", 0, '.', &value), ==, DESCENT_NUMBER_EMPTY);
  g_assert_cmpint (descent_number_parse ("  ", 2, '.', &value), ==, DESCENT_NUMBER_EMPTY);
  for (guint i = 0; i < 6; i++)
    {
      static const char *const missing[] = { "NA", "n/a", "NaN", "#N/A", "NULL", " - " };
      g_assert_cmpint (descent_number_parse (missing[i], strlen (missing[i]), '.', &value), ==,
                       DESCENT_NUMBER_MISSING);
    }
}

/* The parser must agree bit for bit with strtod in the C locale, on every kind of input.
 * The C locale is named explicitly, so the reference cannot drift with the environment. */
static void
test_correctly_rounded (void)
{
  static const char *const hard[] = {
    "0.1000000000000000055511151231257827", "2.2250738585072011e-308",
    "2.2250738585072012e-308", "4.9406564584124654e-324", "1.7976931348623157e308",
    "9007199254740993", "9007199254740992.5", "123456789012345678901234567890",
    "0.30000000000000004", "1e23", "8.41e21", "5e-324", "1.00000000000000011102230246251565404",
    "3.0000000000000000000000000000000000001", "179769313486231570000000000000000000000e270",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  locale_t c_locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  char text[64];

  g_assert_nonnull (c_locale);
  for (guint i = 0; i < G_N_ELEMENTS (hard); i++)
    g_assert_cmpfloat (parse_ok (hard[i], '.'), ==, strtod_l (hard[i], NULL, c_locale));

  for (guint i = 0; i < 200000; i++)
    {
      int digits = g_rand_int_range (rand, 1, 25);
      int point = g_rand_int_range (rand, 0, digits + 1);
      int exponent = g_rand_int_range (rand, -330, 310);
      int n = 0;
      double expected, got;

      if (g_rand_boolean (rand))
        text[n++] = '-';
      for (int d = 0; d < digits; d++)
        {
          if (d == point)
            text[n++] = '.';
          text[n++] = (char) ('0' + g_rand_int_range (rand, 0, 10));
        }
      if (g_rand_int_range (rand, 0, 3) > 0)
        n += g_snprintf (text + n, sizeof text - (gsize) n, "e%d",
                         g_rand_boolean (rand) ? exponent : exponent / 20);
      text[n] = '\0';

      expected = strtod_l (text, NULL, c_locale);
      g_assert_cmpint (descent_number_parse (text, (gsize) n, '.', &got), ==, DESCENT_NUMBER_OK);
      if (memcmp (&expected, &got, sizeof got) != 0)
        g_error ("%s: expected %.17g, got %.17g", text, expected, got);
    }
  freelocale (c_locale);
}

static void
test_format_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  char buffer[DESCENT_NUMBER_BUF_SIZE];

  g_assert_cmpstr (descent_number_format (buffer, 0.01), ==, "0.01");
  g_assert_cmpstr (descent_number_format (buffer, 1), ==, "1");
  g_assert_cmpstr (descent_number_format (buffer, 0.1 + 0.2), ==, "0.30000000000000004");
  g_assert_cmpstr (descent_number_format (buffer, -1.5e-300), ==, "-1.5e-300");

  for (guint i = 0; i < 100000; i++)
    {
      union { guint64 bits; double value; } u;
      double back;

      u.bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      if (!isfinite (u.value))
        continue;
      descent_number_format (buffer, u.value);
      g_assert_cmpint (descent_number_parse (buffer, strlen (buffer), '.', &back), ==,
                       DESCENT_NUMBER_OK);
      g_assert_true (back == u.value);
    }
}

/* Under a locale whose decimal mark is a comma, files still read and write with dots. */
static void
test_locales (void)
{
  static const char *const locales[] = { "de_DE.UTF-8", "zh_CN.UTF-8" };
  char buffer[DESCENT_NUMBER_BUF_SIZE];

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      if (!descent_test_use_locale (locales[i]))
        continue;
      g_assert_cmpfloat (parse_ok ("1.5", '.'), ==, 1.5);
      g_assert_cmpfloat (parse_ok ("0.1000000000000000055511151231257827", '.'), ==, 0.1);
      g_assert_cmpstr (descent_number_format (buffer, 2.5), ==, "2.5");
    }
  setlocale (LC_ALL, "C");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/descent/number/syntax", test_syntax);
  g_test_add_func ("/descent/number/correctly-rounded", test_correctly_rounded);
  g_test_add_func ("/descent/number/format-round-trip", test_format_round_trip);
  g_test_add_func ("/descent/number/locales", test_locales);

  return g_test_run ();
}
