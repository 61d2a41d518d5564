"""A text area that stops at a length: typing and pasting past it are cut, with a message."""

from __future__ import annotations

from typing import Any

from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult


class BoundedTextArea(TextArea):
    """A :class:`TextArea` that holds at most ``max_length`` characters.

    Every change (a key, a paste, an edit from code) goes through :meth:`edit`, so the cap
    holds whatever the participant sends; what does not fit is not inserted and the player is
    told, once per cut edit. A text given at construction is kept as it is (an older record
    may hold more; the record layer refuses to save it longer than allowed).

    Args:
        text: The initial text.
        max_length: The most characters the area takes.
        what: What the text is, for the message ("Answers", "Notes").
        **kwargs: Passed to :class:`TextArea`.
    """

    def __init__(self, text: str = "", *, max_length: int, what: str, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.max_length = max_length
        """The most characters the area takes."""
        self.what = what

    def edit(self, edit: Edit) -> EditResult:
        """Perform an edit, cutting its inserted text to what fits under the cap."""
        replaced = len(self.get_text_range(edit.top, edit.bottom))
        room = self.max_length - (len(self.text) - replaced)
        if len(edit.text) > room:
            kept = edit.text[:max(room, 0)]
            self.notify(f"{self.what} are limited to {self.max_length:,} characters: "
                        f"{len(edit.text) - len(kept):,} did not fit and were left out.",
                        severity="warning", timeout=6)
            edit = Edit(kept, edit.from_location, edit.to_location,
                        edit.maintain_selection_offset)
        return super().edit(edit)
