"""The dashboard's own dialogs: a line of text (a broadcast, timer minutes), and a yes/no
question before anything that cannot be taken back lightly (removing someone)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from workshop.tui.dialog import Dialog


class LineDialog(Dialog[str | None]):
    """A titled one-line input; returns the text on enter, None on escape.

    Styled by dialogs.tcss beside this module (the dashboard reads it at start).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]
    """escape cancels."""

    def __init__(self, title: str, *, value: str = "", placeholder: str = "",
                 hint: str = "", max_length: int = 0) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.hint = hint
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label(self.title_text, id="dialog-title", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="line",
                        max_length=self.max_length)
            yield Static(self.hint or "enter to confirm · esc to cancel", id="hint",
                         markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)


class ConfirmDialog(Dialog[bool]):
    """Ask before acting; returns True only for an explicit yes.

    The cancel button has the focus, so an Enter pressed out of habit (the key that picked a
    name a moment ago) cancels instead of acting (issue 17). Styled by dialogs.tcss.
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
