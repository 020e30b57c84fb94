/* descent-output.h: files that appear whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DescentOutput DescentOutput;

DescentOutput *descent_output_open   (const char     *path,
                                      GError        **error);
gboolean       descent_output_write  (DescentOutput  *self,
                                      const void     *data,
                                      gsize           size,
                                      GError        **error);
gboolean       descent_output_commit (DescentOutput  *self,
                                      GError        **error);
void           descent_output_abort  (DescentOutput  *self);
const char    *descent_output_get_temporary_path (const DescentOutput *self);

/* For tests: make every write fail after @bytes more bytes, as a full disk would
 * (G_MAXSIZE turns it off). */
void           descent_output_set_fail_after (gsize bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DescentOutput, descent_output_abort)

G_END_DECLS
