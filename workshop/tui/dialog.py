"""The one rule every dialog shares: a framed panel centred over the screen it covers.

Every modal dialog of the player, the room and the dashboard subclasses :class:`Dialog` and
gives its frame (the container it composes first) the class ``dialog``; its own CSS then sets
only what differs: its size, or a border of another colour. The rule lives in this base
class's ``DEFAULT_CSS`` rather than in ``global.tcss`` because two apps show dialogs and only
the player reads ``global.tcss`` (the dashboard does not, and reading it there would repaint
the dashboard's screens).
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")
"""What the dialog hands back through ``dismiss``."""


class Dialog(ModalScreen[ResultType]):
    """A modal screen whose frame (``classes="dialog"``) is centred, bordered and padded."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > .dialog {
        width: 1fr;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    """
