/* descent-palette.c: the colours of the plots, light and dark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loss and density use viridis: perceptually uniform, readable in grey and by people with
 * any common colour-vision deficiency. The path is a warm red-orange that stands apart
 * from every viridis hue.
 */

#define G_LOG_DOMAIN "descent-render"

#include "config.h"

#include <math.h>

#include "descent-palette.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

static const DescentPalette light = {
  .background = RGB (0xffffff),
  .panel      = RGB (0xffffff),
  .foreground = RGB (0x1e1e24),
  .muted      = RGB (0x5e5c64),
  .grid       = RGB (0xe6e6ea),
  .points     = RGB (0x1c71d8),
  .line       = RGB (0xc01c28),
  .reference  = RGB (0x3d3846),
  .residual   = RGB (0xc01c28),
  .path       = RGB (0xe01b24),
  .arrow      = RGB (0x000000),
  .warning    = RGB (0xc01c28),
  .band_mix   = 0.45,
};

static const DescentPalette dark = {
  .background = RGB (0x1e1e1e),
  .panel      = RGB (0x242424),
  .foreground = RGB (0xf0f0f0),
  .muted      = RGB (0xb0b0b8),
  .grid       = RGB (0x3a3a40),
  .points     = RGB (0x78aeed),
  .line       = RGB (0xff7b63),
  .reference  = RGB (0xdeddda),
  .residual   = RGB (0xff7b63),
  .path       = RGB (0xff7b63),
  .arrow      = RGB (0xffffff),
  .warning    = RGB (0xff7b63),
  .band_mix   = 0.35,
};

/* Viridis at eleven evenly spaced points; linear interpolation between them stays
 * within a fraction of a percent of the full table. */
static const DescentColor viridis[] = {
  RGB (0x440154), RGB (0x482475), RGB (0x414487), RGB (0x355f8d), RGB (0x2a788e),
  RGB (0x21918c), RGB (0x22a884), RGB (0x44bf70), RGB (0x7ad151), RGB (0xbddf26),
  RGB (0xfde725),
};

const DescentPalette *
descent_palette_get (DescentTheme theme)
{
  switch (theme)
    {
    case DESCENT_THEME_DARK:
      return &dark;
    case DESCENT_THEME_LIGHT:
    default:
      return &light;
    }
}

gboolean
descent_theme_from_string (const char   *text,
                           DescentTheme *theme)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (theme != NULL, FALSE);

  if (g_ascii_strcasecmp (text, "light") == 0)
    *theme = DESCENT_THEME_LIGHT;
  else if (g_ascii_strcasecmp (text, "dark") == 0)
    *theme = DESCENT_THEME_DARK;
  else
    return FALSE;
  return TRUE;
}

void
descent_colormap (double        t,
                  DescentColor *color)
{
  double position;
  guint i;

  g_return_if_fail (color != NULL);

  if (!(t > 0))
    t = 0;
  if (t > 1)
    t = 1;
  position = t * (G_N_ELEMENTS (viridis) - 1);
  i = MIN ((guint) position, G_N_ELEMENTS (viridis) - 2);
  descent_color_mix (&viridis[i], &viridis[i + 1], position - i, color);
}

void
descent_color_mix (const DescentColor *a,
                   const DescentColor *b,
                   double              t,
                   DescentColor       *out)
{
  out->r = a->r + (b->r - a->r) * t;
  out->g = a->g + (b->g - a->g) * t;
  out->b = a->b + (b->b - a->b) * t;
}

void
descent_set_color (cairo_t            *cr,
                   const DescentColor *color,
                   double              alpha)
{
  if (alpha >= 1)
    cairo_set_source_rgb (cr, color->r, color->g, color->b);
  else
    cairo_set_source_rgba (cr, color->r, color->g, color->b, alpha);
}
