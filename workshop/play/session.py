"""What the screens need from a session, whichever kind drives it.

``workshop.record.Session`` (saved after every action) and
:class:`~workshop.play.scratch.ScratchSession` (``--watch``, in memory) both fit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from workshop.engine import Journey, Step
    from workshop.scenario.model import Workshop


class PlaySession(Protocol):
    """A session the screens can play."""

    id: str
    workshop: Workshop
    journey: Journey
    notes: str

    @property
    def path(self) -> Path | None: ...

    @property
    def finished(self) -> bool: ...

    def choose(self, choice_id: str) -> Step: ...

    def answer(self, ask_id: str, value: str | int) -> None: ...

    def skip(self, ask_id: str, draft: str = "") -> None: ...

    def answer_later(self, scenario_id: str, ask_id: str, value: str | int) -> None: ...

    def draft(self, ask_id: str, scenario_id: str | None = None) -> str: ...

    def set_draft(self, ask_id: str, text: str, scenario_id: str | None = None) -> None: ...

    def advance(self) -> object: ...

    def undo(self) -> bool: ...

    def set_notes(self, text: str) -> None: ...
