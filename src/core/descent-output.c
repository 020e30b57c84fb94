/* descent-output.c: files that appear whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything Descent writes goes to a hidden temporary file in the target's folder, which
 * is renamed over the target only once every byte is on disk. A failure at any point
 * removes the temporary file, so an existing file survives and no half-written one
 * appears. (g_file_replace() writes a new file in place when none existed before.)
 */

#define G_LOG_DOMAIN "descent-output"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>

#include "descent-output.h"

struct _DescentOutput {
  char *path;
  char *temporary;
  int   fd;
};

static gsize fail_after = G_MAXSIZE;

void
descent_output_set_fail_after (gsize bytes)
{
  fail_after = bytes;
}

static gboolean
set_errno_error (GError    **error,
                 int         saved_errno,
                 const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  /* Translators: the first %s is a file name, the second the reason, such as
   * “No space left on device”. */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

DescentOutput *
descent_output_open (const char  *path,
                     GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *display = NULL;
  DescentOutput *self;
  GStatBuf info;
  mode_t mask;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (*path == '\0' || g_str_has_suffix (path, G_DIR_SEPARATOR_S))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("Could not write “%s”: give a file name, not a folder"), display);
      return NULL;
    }
  if (g_stat (path, &info) == 0 && S_ISDIR (info.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("Could not write “%s”: it is a folder"), display);
      return NULL;
    }

  folder = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *folder_display = g_filename_display_name (folder);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Could not write “%s”: the folder “%s” does not exist"), display,
                   folder_display);
      return NULL;
    }

  self = g_new0 (DescentOutput, 1);
  self->fd = -1;
  self->path = g_strdup (path);
  self->temporary = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.XXXXXX", folder, base);
  fd = g_mkstemp_full (self->temporary, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_free (self->temporary);
      self->temporary = NULL;
      descent_output_abort (self);
      set_errno_error (error, saved_errno, path);
      return NULL;
    }
  self->fd = fd;

  /* Like any new file: readable by whoever the umask allows, not just us. */
  mask = umask (0);
  umask (mask);
  if (fchmod (fd, 0666 & ~mask) != 0)
    g_debug ("Could not set the mode of %s: %s", self->temporary, g_strerror (errno));

  return self;
}

gboolean
descent_output_write (DescentOutput  *self,
                      const void     *data,
                      gsize           size,
                      GError        **error)
{
  const char *bytes = data;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);

  while (size > 0)
    {
      gsize chunk = MIN (size, (gsize) 1 << 24);
      gssize written;

      if (fail_after != G_MAXSIZE && chunk > fail_after)
        {
          if (fail_after == 0)
            {
              errno = ENOSPC;
              return set_errno_error (error, errno, self->path);
            }
          chunk = fail_after;
        }

      written = write (self->fd, bytes, chunk);
      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return set_errno_error (error, errno, self->path);
        }
      if (fail_after != G_MAXSIZE)
        fail_after -= written;
      bytes += written;
      size -= written;
    }
  return TRUE;
}

/* Renames the finished file over the target and frees @self, whatever happens. */
gboolean
descent_output_commit (DescentOutput  *self,
                       GError        **error)
{
  gboolean ok = TRUE;
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);

  fd = self->fd;
  self->fd = -1;
  if (fsync (fd) != 0 && errno != EINVAL && errno != EROFS)
    ok = set_errno_error (error, errno, self->path);
  if (close (fd) != 0 && ok)
    ok = set_errno_error (error, errno, self->path);
  if (ok && g_rename (self->temporary, self->path) != 0)
    ok = set_errno_error (error, errno, self->path);

  if (ok)
    g_clear_pointer (&self->temporary, g_free);
  descent_output_abort (self);
  return ok;
}

/* Drops the temporary file and frees @self. */
void
descent_output_abort (DescentOutput *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    close (self->fd);
  if (self->temporary != NULL)
    g_unlink (self->temporary);
  g_free (self->temporary);
  g_free (self->path);
  g_free (self);
}

const char *
descent_output_get_temporary_path (const DescentOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->temporary;
}
