"""Rooms for tests: a fixed-code room on the mini workshop, participants who play, a server
stand-in that publishes the aggregates."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.record import Session
from workshop.rooms import Aggregator, Room, create_room, participant_session
from workshop.scenario import load_workshop

MINI = Path(__file__).resolve().parent / "facilitation_mini"


def make_room(data_dir: Path, *, anonymous: bool = True, code: str | None = None,
              monkeypatch: pytest.MonkeyPatch | None = None, title: str = "Test room",
              track: str = "full") -> Room:
    """A room on the mini workshop (with a fixed code when asked, for snapshots)."""
    if code is not None:
        assert monkeypatch is not None
        monkeypatch.setattr("workshop.rooms.room.new_room_code", lambda: code)
    return create_room(title, workshop=load_workshop(MINI), track=track, anonymous=anonymous,
                       data_dir=data_dir, content=MINI)


def join(room: Room, handle: str) -> Session:
    """A participant's session, as room mode opens it."""
    return participant_session(room, handle)


def play_opening(session: Session, *, rating: int = 4, text: str = "my private words",
                 choice: str = "cross-team") -> None:
    """Play the first scenario to its end."""
    session.answer("want-start", rating)
    session.choose("continue")
    session.answer("tactical-example", text)
    session.choose(choice)


def publish(room: Room) -> dict[str, object]:
    """Do what the server does: fold in the records and publish the aggregates."""
    aggregator = Aggregator(room, list(room.workshop().track(room.settings.track).scenarios))
    aggregator.refresh()
    aggregator.publish()
    return aggregator.to_data()
