/* fuzz-cli.c: the command line's option parsing and its JSON summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is arguments, one per line, then an empty line and a CSV file that is
 * passed as the last argument. Every run is headless (--summary --json first); options
 * that write files are dropped. Whatever the arguments, the command exits 0, 1 or 2 and
 * never crashes.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "descent-cli.h"
#include "descent-fuzz.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  const char *path = descent_fuzz_path ();
  char *file = strstr (text, "\n\n");
  g_auto(GStrv) lines = NULL;
  int status;

  if (file != NULL)
    {
      *file = '\0';
      file += 2;
      descent_fuzz_write (path, (const guint8 *) file, strlen (file));
    }

  g_ptr_array_add (args, g_strdup ("descent"));
  g_ptr_array_add (args, g_strdup ("--summary"));
  g_ptr_array_add (args, g_strdup ("--json"));
  lines = g_strsplit (text, "\n", 16);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *arg = lines[i];

      /* Nothing that writes files, opens windows or prints help and exits. */
      if (arg[0] == '\0' || strstr (arg, "-o") == arg || strstr (arg, "--exp") == arg
          || strstr (arg, "--fr") == arg || strstr (arg, "--tr") == arg
          || strstr (arg, "--he") == arg || strstr (arg, "-h") == arg
          || strstr (arg, "-?") == arg)
        continue;
      g_ptr_array_add (args, g_strdup (arg));
    }
  if (file != NULL)
    g_ptr_array_add (args, g_strdup (path));
  g_ptr_array_add (args, NULL);

  /* Option parsing moves and drops pointers in argv: hand it a copy of the array. */
  {
    g_autofree char **argv = g_memdup2 (args->pdata, args->len * sizeof (char *));
    status = descent_cli_main ((int) args->len - 1, argv, DESCENT_CLI_HEADLESS);
  }
  g_assert (status == 0 || status == 1 || status == 2);
  fflush (stdout);
  return 0;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* The JSON goes nowhere; the fuzzer's own messages use stderr. */
  if (freopen ("/dev/null", "w", stdout) == NULL)
    return 1;
  descent_fuzz_keep_threads ();
  return 0;
}
