"""A participant's session follows the room through room events, not a half-second poll."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dashboard.test_room_mode import journey, participant, screen_of
from tests.rooms.roomkit import join, make_room, play_opening, publish
from workshop.rooms.control import ControlWriter
from workshop.rooms.events import listeners, notify
from workshop.tui.room import RoomSceneScreen
from workshop.tui.room.widgets import RevealPanel, RoomBanner


async def test_a_hold_and_a_reveal_reach_the_participant_by_a_wake_up_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the slow look set to an hour, the facilitator's hold should still show
    "WAITING" on the participant's banner at once, and a reveal should show the room's
    counts under the scene, both without anyone looking at the room on a clock; when the
    session ends its FIFO should be gone from the room's events folder."""
    monkeypatch.setattr(RoomSceneScreen, "room_fallback", 3600.0)
    room = make_room(tmp_path)
    ana = join(room, "ana")
    play_opening(ana, choice="cross-team")  # at the end of step 1
    play_opening(join(room, "bo"), choice="go-deeper")
    publish(room)
    writer = ControlWriter(room, steps=3)
    app = participant(room, ana, tmp_path)
    async with app.run_test(size=(100, 32)) as player:
        await player.pause()
        screen = screen_of(app)
        # Nothing revealed yet: the session takes the facilitator's changes only.
        assert [p.name.split("-")[0] for p in listeners(room.path)] == ["participant"]
        assert "Free pace" in screen.query_one(RoomBanner).text.plain
        writer.hold()
        await player.pause(0.2)
        assert "WAITING" in screen.query_one(RoomBanner).text.plain
        assert not screen.query(RevealPanel)
        writer.reveal("opening", "news")
        await player.pause(0.6)  # a look at most every LOOK_GAP, so a burst folds
        panels = screen.query(RevealPanel)
        assert panels and "2 chose" in panels.first().text.plain
        # Something is revealed: now the published counts wake it too.
        assert [p.name.split("-")[0] for p in listeners(room.path)] == ["reveal"]
        play_opening(join(room, "cy"), choice="go-deeper")
        publish(room)
        await player.pause(0.7)
        assert "3 chose" in screen.query(RevealPanel).first().text.plain
        assert journey(app).index == 0
    assert listeners(room.path) == []


def test_a_participants_save_does_not_wake_the_other_participants(tmp_path: Path) -> None:
    """A choice should wake the server and the dashboard, not 200 participants' sessions:
    they show only what the facilitator changes, and the published counts only once
    something is revealed."""
    from workshop.rooms.events import open_watch

    room = make_room(tmp_path)
    with open_watch(room.path, "participant") as session, \
            open_watch(room.path, "dashboard") as dashboard:
        assert notify(room.path, "record") == 1
        assert notify(room.path, "aggregates") == 1
        assert session.drain() == set()
        assert dashboard.drain() == {"record", "aggregates"}
        assert notify(room.path, "control") == 2
        assert session.drain() == {"control"}
        session.retitle("reveal")
        assert notify(room.path, "aggregates") == 2
        assert session.drain() == {"aggregates"}
    assert listeners(room.path) == []


async def test_a_burst_in_the_gap_folds_without_waking_the_session(tmp_path: Path) -> None:
    """In a rush the counts are published many times a second: a participant's session
    should not be woken by each one while it waits out its gap, and should still see them
    all in its next look."""
    import asyncio
    import select

    from workshop.rooms.events import Waker, open_watch

    room = make_room(tmp_path)
    watch = open_watch(room.path, "reveal")  # a session that shows a reveal
    assert watch is not None
    waker = Waker(watch, {"aggregates", "control"}, fallback=3600.0, min_gap=0.3,
                  deaf_in_gap=True)
    try:
        notify(room.path, "control")
        assert await waker.wait() == {"control"}
        looking = asyncio.create_task(waker.wait())
        await asyncio.sleep(0.05)
        for _ in range(5):
            notify(room.path, "aggregates")
        await asyncio.sleep(0.05)
        assert not looking.done()
        # Nobody read the FIFO meanwhile: the words wait in it, not in a woken loop.
        assert select.select([watch.fileno()], [], [], 0)[0]
        assert await looking == {"aggregates"}
    finally:
        waker.close()
    assert listeners(room.path) == []
