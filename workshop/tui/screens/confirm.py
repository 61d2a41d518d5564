"""A yes-or-no question before something the player may not have meant."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from workshop.play.session import PlaySession
from workshop.tui.dialog import Dialog


def unfinished_question(session: PlaySession) -> str:
    """What to ask before a new session while ``session`` is unfinished."""
    journey = session.journey
    index, total = journey.progress
    where = f"{journey.track.title}, scenario {min(index + 1, total)} of {total}"
    return (f"You have an unfinished session ({where}). Start a new one anyway? "
            "It stays in History and can be continued.")


class ConfirmDialog(Dialog[bool]):
    """A question with two buttons; returns True for yes, False for no (or escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(False)", "Keep playing"),
        Binding("y", "dismiss(True)", "Yes", show=False),
        Binding("n", "dismiss(False)", "No", show=False),
    ]
    """escape or n says no; y says yes (tab and enter work the buttons)."""

    DEFAULT_CSS = """
    ConfirmDialog #dialog {
        max-width: 70;
        border: thick $warning;
    }
    ConfirmDialog #question {
        width: 1fr;
        padding: 1 0;
    }
    ConfirmDialog #answers {
        height: auto;
        align-horizontal: right;
    }
    ConfirmDialog Button {
        margin-left: 2;
    }
    """

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(self.question, id="question", markup=False)
            with Horizontal(id="answers"):
                yield Button(f"{self.no} (n)", id="no", compact=True)
                yield Button(f"{self.yes} (y)", id="yes", variant="warning", compact=True)

    def on_mount(self) -> None:
        # The safe answer has the keyboard: an Enter meant for something else keeps
        # the player where they are.
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
