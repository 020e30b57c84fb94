/* descent-application.h: the application: windows, actions, shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DESCENT_TYPE_APPLICATION (descent_application_get_type ())
G_DECLARE_FINAL_TYPE (DescentApplication, descent_application, DESCENT, APPLICATION,
                      GtkApplication)

DescentApplication *descent_application_new (void);

G_END_DECLS
