/* replay.c: runs a fuzz target over files, without a fuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every argument is a file or a folder of files (the corpus and the saved crashers); each
 * goes through LLVMFuzzerTestOneInput once. Built with any compiler, so every meson test
 * replays the corpus.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "descent-fuzz.h"

/* Only some targets have one. */
#pragma weak LLVMFuzzerInitialize

static guint
replay (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          n += replay (child);
        }
      if (dir != NULL)
        g_dir_close (dir);
      return n;
    }

  if (!g_file_get_contents (path, &contents, &length, NULL))
    g_error ("cannot read %s", path);
  LLVMFuzzerTestOneInput ((const guint8 *) contents, length);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;
  FILE *tap;

  /* A target may send its own output to /dev/null; the results keep the real stdout. */
  tap = fdopen (dup (STDOUT_FILENO), "w");
  setlocale (LC_ALL, "C.UTF-8");
  if (LLVMFuzzerInitialize != NULL)
    LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    n += replay (argv[i]);
  fprintf (tap, "1..1\n%s 1 - replayed %u inputs\n", n > 0 ? "ok" : "not ok", n);
  fclose (tap);
  return n > 0 ? 0 : 1;
}
