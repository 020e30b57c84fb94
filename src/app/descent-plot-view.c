/* descent-plot-view.c: one of the three plots, as a widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paints the session's scene with the same painter the exports use. On the contour
 * view a click or a drag sets the start θ. The plot's accessible description says the
 * current step and θ, for screen readers.
 */

#define G_LOG_DOMAIN "descent-plot-view"

#include "config.h"

#include <glib/gi18n.h>

#include "descent-plot-view.h"
#include "render/descent-plots.h"

struct _DescentPlotView {
  GtkWidget       parent_instance;

  DescentSession *session;
  DescentView     view;
  DescentAxes     axes;       /* as last painted */
  gboolean        painted;
  cairo_surface_t *image;
};

G_DEFINE_FINAL_TYPE (DescentPlotView, descent_plot_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Dark text on the widget means a light theme. */
DescentTheme
descent_theme_for_widget (GtkWidget *widget)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return 0.299 * color.red + 0.587 * color.green + 0.114 * color.blue > 0.5
         ? DESCENT_THEME_DARK : DESCENT_THEME_LIGHT;
}

static double
text_size_for (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double size = font != NULL ? pango_font_description_get_size (font) / (double) PANGO_SCALE : 11;

  if (font != NULL && !pango_font_description_get_size_is_absolute (font))
    size *= 96.0 / 72.0;
  return CLAMP (size, 9, 40);
}

/* The plot is painted into an image of our own, which the painters' caches (the contour
 * field, the density of large data sets, the data plot's static layer) recognise as a
 * pixel target, and then handed to GTK as one cairo node. A texture node would do the
 * same, but the cairo renderer copies every texture into a new surface before drawing it,
 * which doubled the cost of a frame. */
static void
descent_plot_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  DescentPlotView *self = DESCENT_PLOT_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  DescentScene *scene;
  cairo_t *cr;

  if (self->session == NULL || width <= 1 || height <= 1)
    return;

  if (self->image == NULL || cairo_image_surface_get_width (self->image) != width * scale
      || cairo_image_surface_get_height (self->image) != height * scale)
    {
      g_clear_pointer (&self->image, cairo_surface_destroy);
      self->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale,
                                                height * scale);
      cairo_surface_set_device_scale (self->image, scale, scale);
    }

  scene = descent_session_get_scene (self->session);
  scene->theme = descent_theme_for_widget (widget);
  scene->text_size = text_size_for (widget);
  cr = cairo_create (self->image);
  descent_paint_view (cr, width, height, scene, self->view, &self->axes);
  cairo_destroy (cr);
  self->painted = TRUE;

  /* The node keeps what it was given: cairo copies the image before it is painted over. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_surface (cr, self->image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static void
update_description (DescentPlotView *self)
{
  g_autofree char *text = NULL;

  if (self->session == NULL)
    return;
  text = descent_session_describe (self->session);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
on_session_changed (DescentPlotView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_description (self);
}

/* The contour view: where the pointer is in θ, when it is on the plot. */
static gboolean
pointer_theta (DescentPlotView *self,
               double           x,
               double           y,
               double           theta[2])
{
  if (self->view != DESCENT_VIEW_CONTOUR || !self->painted || self->session == NULL)
    return FALSE;
  if (x < self->axes.x || x > self->axes.x + self->axes.width
      || y < self->axes.y || y > self->axes.y + self->axes.height)
    return FALSE;
  theta[0] = descent_axes_unmap_x (&self->axes, x);
  theta[1] = descent_axes_unmap_y (&self->axes, y);
  return TRUE;
}

static void
on_drag_begin (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               DescentPlotView *self)
{
  double theta[2];

  if (!pointer_theta (self, x, y, theta))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  descent_session_set_start (self->session, theta[0], theta[1]);
}

static void
on_drag_update (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                DescentPlotView *self)
{
  double x, y, theta[2];

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (pointer_theta (self, x + dx, y + dy, theta))
    descent_session_set_start (self->session, theta[0], theta[1]);
}

static void
descent_plot_view_dispose (GObject *object)
{
  DescentPlotView *self = DESCENT_PLOT_VIEW (object);

  descent_plot_view_set_session (self, NULL);
  g_clear_pointer (&self->image, cairo_surface_destroy);
  G_OBJECT_CLASS (descent_plot_view_parent_class)->dispose (object);
}

static void
descent_plot_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DescentPlotView *self = DESCENT_PLOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_VIEW:
      g_value_set_int (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
descent_plot_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DescentPlotView *self = DESCENT_PLOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      descent_plot_view_set_session (self, g_value_get_object (value));
      break;
    case PROP_VIEW:
      descent_plot_view_set_view (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
descent_plot_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 420 : 400;
}

static void
descent_plot_view_class_init (DescentPlotViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = descent_plot_view_dispose;
  object_class->get_property = descent_plot_view_get_property;
  object_class->set_property = descent_plot_view_set_property;
  widget_class->snapshot = descent_plot_view_snapshot;
  widget_class->measure = descent_plot_view_measure;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, DESCENT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] =
    g_param_spec_int ("view", NULL, NULL, DESCENT_VIEW_DATA, DESCENT_VIEW_HISTORY,
                      DESCENT_VIEW_DATA,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
descent_plot_view_init (DescentPlotView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->view = DESCENT_VIEW_DATA;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Data and fitted line"), -1);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
descent_plot_view_new (DescentView view)
{
  return g_object_new (DESCENT_TYPE_PLOT_VIEW, "view", view, NULL);
}

DescentSession *
descent_plot_view_get_session (DescentPlotView *self)
{
  g_return_val_if_fail (DESCENT_IS_PLOT_VIEW (self), NULL);
  return self->session;
}

void
descent_plot_view_set_session (DescentPlotView *self,
                               DescentSession  *session)
{
  g_return_if_fail (DESCENT_IS_PLOT_VIEW (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_changed, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed), self,
                             G_CONNECT_SWAPPED);
  self->painted = FALSE;
  on_session_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

DescentView
descent_plot_view_get_view (DescentPlotView *self)
{
  g_return_val_if_fail (DESCENT_IS_PLOT_VIEW (self), DESCENT_VIEW_DATA);
  return self->view;
}

void
descent_plot_view_set_view (DescentPlotView *self,
                            DescentView      view)
{
  static const char *const labels[] = {
    NULL, N_("Data and fitted line"), N_("Loss contours and descent path"), N_("Loss history"),
  };

  g_return_if_fail (DESCENT_IS_PLOT_VIEW (self));
  g_return_if_fail (view != DESCENT_VIEW_ALL);

  if (self->view == view)
    return;
  self->view = view;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(labels[view]), -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}
