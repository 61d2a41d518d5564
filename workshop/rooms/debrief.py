"""The debrief's one-page summary as data, and its sentences, shared by the Markdown and the
HTML exports (:mod:`workshop.rooms.export`, :mod:`workshop.rooms.debrief_html`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from workshop.rooms.summary import Step


@dataclass(frozen=True)
class Answered:
    """How many people answered one decision of the track."""

    step: int
    """The step's index (0-based)."""
    step_title: str
    title: str
    """The decision's scene title."""
    answered: int


@dataclass(frozen=True)
class Debrief:
    """The one-page summary a facilitator hands out after the session."""

    joined: int
    finished: int
    want_start: tuple[int, ...]
    """How many rated 1..5 on the opening "how much do I want the staff job?"."""
    want_end: tuple[int, ...]
    """The same, at the end."""
    up: int
    """People who rated both times and whose rating went up."""
    same: int
    down: int
    want_question: str
    answered: tuple[Answered, ...]
    shown: tuple[tuple[str, str], ...]
    """(question, answer) of the shared answers the facilitator showed on the projector."""
    shared_count: int
    """How many answers were shared with the room in all."""
    first: str
    """When the first participant's record was made ("" when nobody joined)."""
    last: str
    """When a record last changed."""
    questions: tuple[tuple[str, str, str], ...]
    """(step title, scene title, discussion question) from the content, in track order."""


class Summary(Protocol):
    """What the HTML page reads of a room's summary (:class:`~workshop.rooms.export.RoomSummary`
    has it all)."""

    @property
    def code(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def workshop_title(self) -> str: ...
    @property
    def track_title(self) -> str: ...
    @property
    def exported(self) -> str: ...
    @property
    def steps(self) -> tuple[Step, ...]: ...
    @property
    def debrief(self) -> Debrief | None: ...
    @property
    def participants(self) -> int: ...
    def base_words(self) -> str:
        """What every count is out of, in words."""
        ...


def shift_words(d: Debrief) -> str:
    """The start-to-end shift in one sentence."""
    both = d.up + d.same + d.down
    if not both:
        return "Nobody has given both the opening and the closing rating yet."
    return (f"Of the {both} who rated at the start and at the end, {d.up} went up, "
            f"{d.same} stayed the same and {d.down} went down.")


def timing_words(d: Debrief) -> str:
    """What the records say about time (they keep no time per step)."""
    if not d.first:
        return "Nobody has joined yet."
    return (f"The first person joined at {d.first}; the last change was at {d.last}. "
            "Records keep no time per step, so time per step is not known.")
