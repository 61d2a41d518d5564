"""The private notes pane: free text saved into the session record."""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, TextArea

from workshop.record.limits import NOTES_MAX_CHARS
from workshop.tui.widgets.bounded import BoundedTextArea


class NotesPane(Vertical):
    """A text area for the player's own notes; changes are saved after a short pause.

    The pane starts hidden and empty: its text area is built the first time it is opened
    (:meth:`open`), so a screen that never shows the notes never pays for it.
    """

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

    async def open(self) -> None:
        """Show the pane (building its text area the first time) and put the keyboard in it."""
        if not self.query("#notes-text"):
            await self.mount_all([
                BoundedTextArea(self._initial, id="notes-text", soft_wrap=True,
                                max_length=NOTES_MAX_CHARS, what="Notes"),
                Label("saved with your session · esc hides", id="notes-hint"),
            ])
        self.display = True
        self.query_one("#notes-text", TextArea).focus()

    @property
    def text(self) -> str:
        """The notes as typed (as given, while the pane was never opened)."""
        found = self.query("#notes-text")
        return found.first(TextArea).text if found else self._initial

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.set_timer(self.SAVE_DELAY, self.flush, name="save-notes")

    def flush(self) -> None:
        """Save now if anything changed since the last save."""
        text = self.text
        if text != self._saved:
            self._saved = text
            self.post_message(self.Changed(text))

