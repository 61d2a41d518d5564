"""A yes/no question asked before an action that is not lightly taken back."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from workshop.tui.dialog import Dialog


class ConfirmDialog(Dialog[bool]):
    """Ask before acting; returns True only for an explicit yes.

    The cancel button has the focus, so an Enter pressed out of habit (the key that picked a
    name a moment ago) cancels instead of acting (issue 17). A small dialog both the
    dashboard and the participant's app use, so its few rules live here.
    """

    DEFAULT_CSS = """
    ConfirmDialog #dialog {
        max-width: 70;
    }
    ConfirmDialog #dialog-title {
        text-style: bold;
        padding-bottom: 1;
    }
    ConfirmDialog #detail {
        color: $text-muted;
        padding-bottom: 1;
    }
    ConfirmDialog #buttons {
        height: auto;
        align-horizontal: right;
    }
    ConfirmDialog Button {
        margin-left: 2;
        min-width: 10;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]
    """y confirms; n or escape cancels (so does enter on the focused Cancel button)."""

    def __init__(self, question: str, *, yes: str = "Yes", detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label(self.question, id="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, id="detail", markup=False)
            with Horizontal(id="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button("Cancel (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
