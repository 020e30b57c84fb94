/* descent-plot-grid.c: the three plots, side by side or stacked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Side by side when the space is wide, stacked when it is tall, and the contour view
 * large with the other two beside it in between: every plot stays readable from a
 * laptop's 1280 × 720 to a portrait monitor.
 */

#define G_LOG_DOMAIN "descent-plot-grid"

#include "config.h"

#include "descent-plot-grid.h"
#include "descent-plot-view.h"

#define SPACING 6

struct _DescentPlotGrid {
  GtkWidget       parent_instance;

  DescentSession *session;
  GtkWidget      *views[3];
};

G_DEFINE_FINAL_TYPE (DescentPlotGrid, descent_plot_grid, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
allocate (GtkWidget *child,
          int        x,
          int        y,
          int        width,
          int        height)
{
  GtkAllocation allocation = { x, y, MAX (width, 1), MAX (height, 1) };

  gtk_widget_size_allocate (child, &allocation, -1);
}

static void
descent_plot_grid_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  DescentPlotGrid *self = DESCENT_PLOT_GRID (widget);
  GtkWidget **v = self->views;
  double aspect = (double) width / MAX (height, 1);

  if (aspect >= 2.0)
    {
      int w = (width - 2 * SPACING) / 3;
      allocate (v[0], 0, 0, w, height);
      allocate (v[1], w + SPACING, 0, w, height);
      allocate (v[2], 2 * (w + SPACING), 0, width - 2 * (w + SPACING), height);
    }
  else if (aspect <= 0.8)
    {
      int h = (height - 2 * SPACING) / 3;
      allocate (v[0], 0, 0, width, h);
      allocate (v[1], 0, h + SPACING, width, h);
      allocate (v[2], 0, 2 * (h + SPACING), width, height - 2 * (h + SPACING));
    }
  else
    {
      /* The contour view large on the left, data and history stacked on the right. */
      int big = (width - SPACING) * 11 / 20, h = (height - SPACING) / 2;
      allocate (v[1], 0, 0, big, height);
      allocate (v[0], big + SPACING, 0, width - big - SPACING, h);
      allocate (v[2], big + SPACING, h + SPACING, width - big - SPACING, height - h - SPACING);
    }
}

static void
descent_plot_grid_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 300;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 1240 : 480;
}

static void
descent_plot_grid_dispose (GObject *object)
{
  DescentPlotGrid *self = DESCENT_PLOT_GRID (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->views); i++)
    g_clear_pointer (&self->views[i], gtk_widget_unparent);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (descent_plot_grid_parent_class)->dispose (object);
}

static void
descent_plot_grid_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DescentPlotGrid *self = DESCENT_PLOT_GRID (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
descent_plot_grid_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DescentPlotGrid *self = DESCENT_PLOT_GRID (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      descent_plot_grid_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
descent_plot_grid_class_init (DescentPlotGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = descent_plot_grid_dispose;
  object_class->get_property = descent_plot_grid_get_property;
  object_class->set_property = descent_plot_grid_set_property;
  widget_class->size_allocate = descent_plot_grid_size_allocate;
  widget_class->measure = descent_plot_grid_measure;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, DESCENT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "plotgrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
descent_plot_grid_init (DescentPlotGrid *self)
{
  static const DescentView views[] = { DESCENT_VIEW_DATA, DESCENT_VIEW_CONTOUR,
                                       DESCENT_VIEW_HISTORY };
  GtkGesture *click;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      self->views[i] = descent_plot_view_new (views[i]);
      gtk_widget_set_parent (self->views[i], GTK_WIDGET (self));
    }
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  /* The plots hold the keyboard focus unless a control asked for it, so Space, the
   * arrows, Home and End play and step instead of moving a slider. A click on them
   * takes the focus back. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (gtk_widget_grab_focus), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

DescentSession *
descent_plot_grid_get_session (DescentPlotGrid *self)
{
  g_return_val_if_fail (DESCENT_IS_PLOT_GRID (self), NULL);
  return self->session;
}

void
descent_plot_grid_set_session (DescentPlotGrid *self,
                               DescentSession  *session)
{
  g_return_if_fail (DESCENT_IS_PLOT_GRID (self));

  if (!g_set_object (&self->session, session))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->views); i++)
    descent_plot_view_set_session (DESCENT_PLOT_VIEW (self->views[i]), session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
