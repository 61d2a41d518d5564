"""A widget's width, read cheaply while it is being drawn.

Textual's ``Widget.size`` and ``content_size`` ask the screen's compositor where the widget
is; called from ``render()`` while the screen is being laid out, that can arrange the whole
screen again (about 10 ms on a participant's first screen). The size the last layout gave
the widget is already on it.
"""

from __future__ import annotations

from textual.widget import Widget


def content_width(widget: Widget) -> int:
    """Columns inside the widget's padding and border (0 before its first layout)."""
    return max(0, widget.outer_size.width - widget.styles.gutter.width)
