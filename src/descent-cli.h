/* descent-cli.h: the descent command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DESCENT_CLI_DEFAULT  = 0,
  DESCENT_CLI_HEADLESS = 1 << 0,  /* never open the window, never exit the process */
} DescentCliFlags;

int descent_cli_main (int             argc,
                      char          **argv,
                      DescentCliFlags flags);

G_END_DECLS
