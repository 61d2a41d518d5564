"""Focus a widget now, not after the next refresh.

Textual's ``Widget.focus()`` defers the change to a callback that runs after the screen has
been drawn: the first frame shows nothing focused, then the focus arrives, the footer's keys
change, and everything styled by ``:focus`` or ``:focus-within`` is styled and drawn again. On
a participant's first screen that second round cost about as much CPU as the first frame.
"""

from __future__ import annotations

from textual.dom import NoScreen
from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    """Give ``widget`` the keyboard at once (deferred, as Textual does, when not mounted)."""
    if widget.is_attached and widget.is_mounted:
        try:
            widget.screen.set_focus(widget, scroll_visible=False)
            return
        except NoScreen:  # not on a screen yet: Textual's deferred focus
            pass
    widget.focus(scroll_visible=False)
