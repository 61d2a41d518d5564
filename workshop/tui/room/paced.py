"""A session that keeps the facilitator's hold: moving past the held step, or choosing at a
held decision, is refused."""

from __future__ import annotations

from typing import Any

from workshop.engine.run import Step
from workshop.errors import WorkshopError
from workshop.rooms.pacing import held_at_decision, may_advance
from workshop.tui.room.link import RoomLink


class HeldError(WorkshopError):
    """The facilitator holds the room at this step."""


HELD_MESSAGE = ("The facilitator is holding the room here: you can look back (b) while you "
                "wait; you move on when they do.")
HELD_DECISION_MESSAGE = ("The facilitator is holding the room at this decision: read it and "
                         "think it over; you choose when they release the hold.")


class PacedSession:
    """Wraps the participant's session; everything passes through except a held advance."""

    def __init__(self, session: Any, link: RoomLink) -> None:
        self._session = session
        self._link = link

    @property
    def inner(self) -> Any:
        """The wrapped session."""
        return self._session

    def advance(self) -> object:
        """Move to the next step, unless the room is held at this one.

        Raises:
            HeldError: the room is held here (nothing is saved or changed).
        """
        self._link.poll()
        if not may_advance(self._link.control, self._session.journey):
            raise HeldError(HELD_MESSAGE)
        return self._session.advance()

    def choose(self, choice_id: str) -> Step:
        """Take a choice, unless the room is held at this very decision (issue 17).

        Raises:
            HeldError: the room is held at this decision (nothing is saved or changed).
        """
        self._link.poll()
        if held_at_decision(self._link.control, self._session.journey):
            raise HeldError(HELD_DECISION_MESSAGE)
        step: Step = self._session.choose(choice_id)
        return step

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)
