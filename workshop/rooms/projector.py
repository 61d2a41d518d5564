"""What the projector view may show, as plain data (no Textual, no HTML here).

The terminal projector (:mod:`workshop.tui.projector`) and the projector page in a browser
(:mod:`workshop.web.projector`) both draw a :class:`Projection`, so the rules of what is safe
to put on a wall live in one place, :func:`projection`:

- the join line, the current step's title and position, the timer and the broadcast line;
- each decision of the step by its title, with its counts only once the facilitator revealed
  it (an unrevealed decision carries no bar and no total);
- each rating's question, never its counts (ratings have no reveal);
- the shared answers the facilitator chose to show, and no other (never an unshared one:
  the aggregates carry only shared answers, and those without their authors).

It never reads a handle: ``done_by`` in a named room's aggregates is not looked at.
Participant text (answers, the broadcast line) comes out cleaned of escape sequences; the
renderer still escapes it for its own medium.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workshop.rooms.aggregates import read_aggregates
from workshop.rooms.control import Control, ControlReader
from workshop.rooms.room import Room
from workshop.rooms.sanitize import sanitize
from workshop.rooms.shared import shared_answers
from workshop.rooms.summary import Bar, step
from workshop.scenario.model import Track, Workshop


def clock(seconds: int) -> str:
    """``mm:ss`` (or ``h:mm:ss``) for a number of seconds: the timer as every view shows it."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


@dataclass(frozen=True)
class ProjectedDecision:
    """One decision of the current step, as the wall may see it."""

    title: str
    revealed: bool
    """False: the facilitator has not revealed it, and :attr:`bars` is empty."""
    bars: tuple[Bar, ...] = ()
    """Each option's label and count (only when revealed)."""

    @property
    def total(self) -> int:
        """How many answered (0 while unrevealed: the count is not shown)."""
        return sum(bar.count for bar in self.bars)


@dataclass(frozen=True)
class ProjectedAnswer:
    """A shared answer the facilitator put on the projector (no author)."""

    question: str
    text: str
    """Cleaned of escape and control sequences, newlines kept."""


@dataclass(frozen=True)
class Projection:
    """Everything the projector view shows, and nothing else."""

    join_line: str
    step: int
    """The current step's index (0-based)."""
    steps: int
    """Steps in the track."""
    title: str
    """The current step's (scenario's) title."""
    decisions: tuple[ProjectedDecision, ...]
    ratings: tuple[str, ...]
    """The questions of the step's ratings (their counts are never shown)."""
    answers: tuple[ProjectedAnswer, ...]
    remaining: int | None
    """Seconds left on the timer (0: time is up; None: no timer)."""
    broadcast: str
    """The facilitator's line, cleaned ("" for none)."""
    web_link: str = ""
    """The browser link beside the join line when the server serves browsers too ("" for
    none)."""


def projection(aggregates: dict[str, Any] | None, control: Control, workshop: Workshop,
               track: Track, join_line: str, *, web_link: str = "",
               now: datetime | None = None) -> Projection:
    """What the projector shows of the room now.

    Args:
        aggregates: The room's published aggregates (None before the first publication).
        control: The facilitator's state.
        workshop: The room's content.
        track: The room's track.
        join_line: The command (or link) participants use to join ("" for none).
        web_link: The browser link the server published beside it ("" for none).
        now: The time to measure the timer against (default: the clock).
    """
    index = min(control.step, len(track.scenarios) - 1)
    item = step(aggregates, workshop, track.scenarios, index)
    decisions = tuple(
        ProjectedDecision(dec.title, True, dec.bars)
        if control.is_revealed(dec.scenario_id, dec.scene_id)
        else ProjectedDecision(dec.title, False)
        for dec in item.decisions)
    answers = tuple(ProjectedAnswer(a.question, sanitize(a.text, multiline=True))
                    for a in shared_answers(aggregates, workshop) if a.key in control.shown)
    return Projection(join_line, index, len(track.scenarios), item.title, decisions,
                      tuple(rate.question for rate in item.ratings), answers,
                      control.remaining(now), sanitize(control.broadcast),
                      web_link if web_link != join_line else "")


class PublishedState:
    """The room's published files as the projector reads them: the aggregates and the
    control file, each read again only when it changed (a look that finds nothing new costs
    two ``stat`` calls)."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self._control = ControlReader(room)
        self._control.poll()
        self._stamp: tuple[int, int, int] | None = None
        self._aggregates: dict[str, Any] | None = None

    @property
    def aggregates(self) -> dict[str, Any] | None:
        """The aggregates as last read (None before the first publication)."""
        return self._aggregates

    @property
    def control(self) -> Control:
        """The control state as last read."""
        return self._control.control

    def poll(self) -> bool:
        """Look again; True when something changed."""
        changed = self._control.poll() is not None
        try:
            stat = self.room.aggregates_path.stat()
            stamp: tuple[int, int, int] | None = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if stamp != self._stamp:
            data = read_aggregates(self.room) if stamp is not None else None
            # A file caught mid-replace reads as None: keep the last good counts and look
            # again next time rather than blanking the wall.
            if data is not None or stamp is None:
                self._stamp = stamp
                self._aggregates = data
                changed = True
        return changed
