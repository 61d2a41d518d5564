"""A text area that stops at a length: typing and pasting past it are cut, with a message."""

from __future__ import annotations

import time
from typing import Any

from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult


class BoundedTextArea(TextArea):
    """A :class:`TextArea` that holds at most ``max_length`` characters.

    Every change (a key, a paste, an edit from code) goes through :meth:`edit`, so the cap
    holds whatever the participant sends; what does not fit is not inserted and the player is
    told (at most every few seconds: a flood of keys at the cap must not become a flood of
    messages, each of which the app would keep). A text given at construction is kept as it
    is (an older record may hold more; the record layer refuses to save it longer than
    allowed).

    Args:
        text: The initial text.
        max_length: The most characters the area takes.
        what: What the text is, for the message ("Answers", "Notes").
        **kwargs: Passed to :class:`TextArea`.
    """

    TELL_EVERY = 3.0
    """Seconds between two messages about the cap."""

    def __init__(self, text: str = "", *, max_length: int, what: str, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.max_length = max_length
        """The most characters the area takes."""
        self.what = what
        self._told = -1e9

    def edit(self, edit: Edit) -> EditResult:
        """Perform an edit, cutting its inserted text to what fits under the cap."""
        replaced = len(self.get_text_range(edit.top, edit.bottom))
        room = self.max_length - (len(self.text) - replaced)
        if len(edit.text) > room:
            kept = edit.text[:max(room, 0)]
            now = time.monotonic()
            if now - self._told > self.TELL_EVERY:
                self._told = now
                self.notify(f"{self.what} are limited to {self.max_length:,} characters: "
                            f"{len(edit.text) - len(kept):,} did not fit and were left out.",
                            severity="warning", timeout=6)
            if not kept and not replaced:
                # Nothing changes: no edit, no history entry, no Changed message (which
                # would put off the notes' save while keys keep coming).
                return EditResult(end_location=edit.from_location, replaced_text="")
            edit = Edit(kept, edit.from_location, edit.to_location,
                        edit.maintain_selection_offset)
        return super().edit(edit)
