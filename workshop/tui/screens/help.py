"""The keys, shown with `?`."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from workshop.tui.dialog import Dialog

KEYS: tuple[tuple[str, str], ...] = (
    ("1–9", "take the choice with that number (or a rating, while one is asked)"),
    ("↑ ↓ enter", "highlight a choice, then take it; the mouse works too"),
    ("enter", "continue (never takes a choice you have not highlighted)"),
    ("ctrl+s", "submit a written answer"),
    ("escape", "ask to skip a prompt; again: skip it (what you typed is kept); hide the "
               "notes; close a dialog"),
    ("a", "answer this scene's question that you skipped"),
    ("n", "show or hide your private notes (saved with the session)"),
    ("ctrl+z", "take back your last choice"),
    ("pgup pgdn home end", "scroll a long scene, whatever has the keyboard"),
    ("e", "on the reflection: export your notes to a Markdown file"),
    ("h", "on the reflection: back to the home screen"),
    ("ctrl+p", "command palette: export, history, home, notes, jump to a scenario, theme"),
    ("?", "this help"),
    ("q ctrl+q", "quit; everything is saved and the resume command is printed"),
)
"""Every key, and what it does (docs/playing.md has the same table)."""

ROOM_KEYS: tuple[tuple[str, str], ...] = (
    *[(key, what) for key, what in KEYS[:7]],
    ("pgup pgdn home end", "scroll a long scene, whatever has the keyboard"),
    ("b", "look back at your way so far (read only)"),
    ("s", "share your written answer with the room, anonymously (or stop sharing)"),
    ("e", "on the reflection: how to take your notes home with ssh"),
    ("ctrl+p", "command palette: export notes, notes, look back, keys, theme"),
    ("?", "this help"),
    ("q ctrl+q", "quit; everything is saved: connect again to continue"),
)
"""The keys of a room session: its own session only (no undo, history, home or jumps)."""


def keys_table(keys: tuple[tuple[str, str], ...] = KEYS) -> Table:
    """The keys as a two-column table."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for key, what in keys:
        table.add_row(key, what)
    return table


class HelpScreen(Dialog[None]):
    """A table of every key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss(None)", "Close"),
    ]
    """escape, ? or q closes the help."""

    def __init__(self, keys: tuple[tuple[str, str], ...] = KEYS) -> None:
        super().__init__()
        self.keys = keys

    DEFAULT_CSS = """
    HelpScreen #help {
        max-width: 84;
        max-height: 100%;
    }
    HelpScreen #help VerticalScroll {
        height: auto;
    }
    HelpScreen #help-title {
        text-style: bold;
        color: $text-primary;
        padding-bottom: 1;
    }
    HelpScreen #help-hint {
        color: $text-muted;
        padding-top: 1;
    }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="dialog"), VerticalScroll():
            yield Label("Keys", id="help-title")
            yield Static(keys_table(self.keys))
            yield Label("Every choice and answer is saved as soon as you make it. "
                        "esc closes this.", id="help-hint")
