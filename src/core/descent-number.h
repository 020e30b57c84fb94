/* descent-number.h: numbers in files, read and written without the locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DESCENT_NUMBER_OK,
  DESCENT_NUMBER_EMPTY,
  DESCENT_NUMBER_MISSING,
  DESCENT_NUMBER_INVALID,
} DescentNumberStatus;

/* Enough for the shortest round-trip form of any double, with its sign and exponent. */
#define DESCENT_NUMBER_BUF_SIZE 32

DescentNumberStatus descent_number_parse   (const char *text,
                                            gsize       length,
                                            char        decimal,
                                            double     *value);
gboolean            descent_number_is_missing (const char *text,
                                               gsize       length);
const char         *descent_number_format  (char        buffer[DESCENT_NUMBER_BUF_SIZE],
                                            double      value);

G_END_DECLS
