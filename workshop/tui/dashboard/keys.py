"""The dashboard's own ``?`` screen: every key of THIS dashboard, at any width.

Textual's generic key panel lists scrolling keys under names that mean nothing here (←/→ as
"Scroll", when they move the room's step) and squeezes the charts beside it. This dialog lists
the dashboard's bindings in its own words, the step keys included, and scrolls when the
terminal is short.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from workshop.tui.dialog import Dialog

NAVIGATION: tuple[tuple[str, str], ...] = (
    ("↑ ↓ PgUp PgDn", "scroll the dashboard"),
    ("Home End", "to the top, to the bottom"),
    ("Tab", "from panel to panel, each scrolled into view"),
)
"""Keys the dashboard does not bind itself but relies on (scrolling)."""


def key_lines(bindings: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(keys, what they do) for every binding, then the scrolling keys."""
    return [*bindings, *NAVIGATION]


class KeysDialog(Dialog[None]):
    """Lists the dashboard's keys; any of escape, ? or q closes it.

    Styled by dialogs.tcss beside this module (the dashboard reads it at start).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss(None)", "Close"),
    ]
    """escape, ? or q closes the list."""

    def __init__(self, lines: list[tuple[str, str]]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        # A table: the keys keep their column and the words wrap beside them at any width.
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for keys, what in self.lines:
            table.add_row(keys, what)
        with VerticalScroll(id="keys", classes="dialog"):
            yield Label("The dashboard's keys", id="keys-title")
            yield Static(table, id="keys-list")
            yield Static("escape or ? closes this list", id="keys-hint")
