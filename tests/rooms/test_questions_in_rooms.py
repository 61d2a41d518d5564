"""Issue 15 (C1) in a room: a scene's several ratings are each counted, and a question on an
ending is asked in a participant's session and saved in their record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.format11 import CONTENT
from workshop.rooms import Aggregator, Room, create_room, participant_session
from workshop.scenario import load_workshop
from workshop.ssh.participant import build_app
from workshop.tui.room import RoomSceneScreen
from workshop.tui.widgets.prompt import AskPanel


def _room(data_dir: Path) -> Room:
    return create_room("R", workshop=load_workshop(CONTENT), track="full", data_dir=data_dir,
                       content=CONTENT)


def _published(room: Room) -> dict[str, Any]:
    aggregator = Aggregator(room, list(room.workshop().track("full").scenarios))
    aggregator.refresh()
    aggregator.publish()
    return aggregator.to_data()


def test_both_ratings_of_one_scene_are_counted(tmp_path: Path) -> None:
    room = _room(tmp_path)
    for handle, (want, energy) in {"ann": (4, 2), "bo": (4, 5)}.items():
        session = participant_session(room, handle)
        session.answer("want-start", want)
        session.answer("energy-start", energy)
    check_in = next(s for s in _published(room)["scenarios"] if s["id"] == "check-in")
    assert check_in["ratings"] == {"want-start": {"4": 2},
                                   "energy-start": {"2": 1, "5": 1}}


async def test_an_ending_question_is_asked_in_a_room_session(tmp_path: Path) -> None:
    """You should see, as a participant: both ratings, then on the ending its question; the
    answer is in your own record."""
    room = _room(tmp_path)
    app = build_app(room.path, "alice", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoomSceneScreen)
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("2")  # "Skip ahead to the end"
        await pilot.pause()
        assert screen.run.scene_id == "done"
        assert screen.query_one(AskPanel).ask.id == "closing-word"
        await pilot.press(*"steady", "ctrl+s")
        await pilot.pause()
        assert not screen.query(AskPanel) and screen.view == "ending"
    answers = participant_session(room, "alice").journey.runs["check-in"].answers
    assert answers == {"want-start": 4, "energy-start": 3, "closing-word": "steady"}
