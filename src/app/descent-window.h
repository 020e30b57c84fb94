/* descent-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "descent-session.h"

G_BEGIN_DECLS

#define DESCENT_TYPE_WINDOW (descent_window_get_type ())
G_DECLARE_FINAL_TYPE (DescentWindow, descent_window, DESCENT, WINDOW, GtkApplicationWindow)

DescentWindow  *descent_window_new          (GtkApplication *application);
DescentSession *descent_window_get_session  (DescentWindow  *self);
void            descent_window_open         (DescentWindow  *self,
                                             GFile          *file);
gboolean        descent_window_is_loading   (DescentWindow  *self);
const char     *descent_window_get_error    (DescentWindow  *self);

G_END_DECLS
