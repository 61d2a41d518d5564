"""The dashboard's own dialogs: a line of text (a broadcast, timer minutes), and a yes/no
question before anything that cannot be taken back lightly (removing someone)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from workshop.tui.confirm import ConfirmDialog
from workshop.tui.dialog import Dialog

__all__ = ["ConfirmDialog", "LineDialog"]


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

