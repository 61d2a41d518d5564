"""The private notes pane: free text saved into the session record."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, TextArea


class NotesPane(Vertical):
    """A text area for the player's own notes; changes are saved after a short pause."""

    DEFAULT_CSS = """
    NotesPane {
        border: round $secondary;
        border-title-color: $text-secondary;
        padding: 0 1;
    }
    NotesPane TextArea, NotesPane TextArea:focus {
        height: 1fr;
        border: none;
        padding: 0;
    }
    NotesPane #notes-hint {
        color: $text-muted;
        height: 1;
    }
    """

    SAVE_DELAY = 0.8
    """Seconds of quiet typing before the notes are saved."""

    @dataclass
    class Changed(Message):
        """The notes should be saved."""

        text: str

    def __init__(self, text: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Notes (private)"
        self._initial = text
        self._saved = text

    def compose(self) -> ComposeResult:
        yield TextArea(self._initial, id="notes-text", soft_wrap=True)
        yield Label("saved with your session · esc hides", id="notes-hint")

    @property
    def text(self) -> str:
        """The notes as typed."""
        return self.query_one("#notes-text", TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.set_timer(self.SAVE_DELAY, self.flush, name="save-notes")

    def flush(self) -> None:
        """Save now if anything changed since the last save."""
        text = self.text
        if text != self._saved:
            self._saved = text
            self.post_message(self.Changed(text))

    def focus_text(self) -> None:
        """Put the keyboard in the notes."""
        self.query_one("#notes-text", TextArea).focus()
