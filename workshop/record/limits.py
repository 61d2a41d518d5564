"""How long the free text a record keeps may be (documented in ``docs/playing.md``).

A record holds what a person typed: written answers, reasons for choices and private notes. In
a room those come from anyone with an SSH client, so each has a cap. The interfaces stop typing
and pasting at the cap with a message; the record layer checks again, so a longer value from any
other path is refused with a message instead of being saved, cut without a word, or lost.
"""

from __future__ import annotations

from workshop.errors import RecordError

ANSWER_MAX_CHARS = 4_000
"""A written answer (or a reason for a choice): several long paragraphs."""

NOTES_MAX_CHARS = 20_000
"""The private notes of a session: a few pages."""


def too_long(what: str, text: str, limit: int) -> str:
    """The message for a text over its cap ('' when it fits).

    Args:
        what: What the text is, for the message ("Your answer").
        text: The text.
        limit: The most characters allowed.
    """
    if len(text) <= limit:
        return ""
    return (f"{what}: {len(text):,} characters, over the limit of {limit:,}. "
            "Shorten it and try again.")


def check_length(what: str, text: str, limit: int) -> None:
    """Refuse a text over its cap.

    Raises:
        RecordError: the text is longer than ``limit`` characters (the message names the
            length and the limit; it carries no path, as it is shown to the player).
    """
    problem = too_long(what, text, limit)
    if problem:
        raise RecordError(problem)
