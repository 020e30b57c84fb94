/* descent-test-locale.h: switching the tests to a locale on purpose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <locale.h>

G_BEGIN_DECLS

/* Switches the whole process to `locale`. Where it is missing the test is skipped, unless
 * DESCENT_REQUIRE_LOCALES is set (build-aux/test generates them and sets it). */
static inline gboolean
descent_test_use_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) != NULL)
    return TRUE;
  if (g_getenv ("DESCENT_REQUIRE_LOCALES") != NULL)
    g_error ("locale %s is required but missing", locale);
  g_test_skip ("locale missing");
  return FALSE;
}

G_END_DECLS
