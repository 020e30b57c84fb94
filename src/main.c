/* main.c: the descent program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "descent"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "descent-cli.h"

int
main (int   argc,
      char *argv[])
{
  const char *localedir;

  setlocale (LC_ALL, "");
  /* build-aux/run points this at the build's own translations. */
  localedir = g_getenv ("DESCENT_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return descent_cli_main (argc, argv, DESCENT_CLI_DEFAULT);
}
