"""The facilitator's dashboard (``workshop facilitate``): a Textual shell over the room."""

from workshop.tui.dashboard.app import DashboardApp, DashboardOptions, make_dashboard

__all__ = ["DashboardApp", "DashboardOptions", "make_dashboard"]
