"""The room's wake-ups: a writer's change reaches every listening process at once."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from tests.rooms.roomkit import join, make_room, play_opening
from workshop.rooms import Aggregator
from workshop.rooms.control import ControlWriter
from workshop.rooms.events import Waker, events_dir, listeners, notify, open_watch


def test_a_notice_reaches_every_listener_once(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    with open_watch(room.path, "a") as first, open_watch(room.path, "b") as second:
        assert notify(room.path, "record") == 2
        notify(room.path, "record")
        notify(room.path, "control")
        assert first.drain() == {"record", "control"}
        assert second.drain() == {"record", "control"}
        assert first.drain() == set()  # drained: nothing left to wake the loop
    assert listeners(room.path) == []  # closing removes the FIFO


def test_saving_a_choice_wakes_the_room(tmp_path: Path) -> None:
    """A participant's save, the server's publication and the facilitator's change each
    announce themselves: that is what lets a choice show on the dashboard at once."""
    room = make_room(tmp_path)
    with open_watch(room.path) as watch:
        play_opening(join(room, "ana"))
        assert watch.drain() == {"record"}
        aggregator = Aggregator(room)
        aggregator.refresh()
        aggregator.publish()
        assert watch.drain() == {"aggregates"}
        ControlWriter(room, 2).say("back at ten past")
        assert watch.drain() == {"control"}


def test_a_dead_listeners_fifo_is_cleared_and_saving_still_works(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    events_dir(room.path).mkdir()
    dead = events_dir(room.path) / "dashboard-1-dead.fifo"
    os.mkfifo(dead)  # its process died without removing it: nobody reads it
    play_opening(join(room, "ana"))  # the save must not fail or block
    assert not dead.exists()
    assert room.participant_path("ana").exists()


def test_a_full_fifo_never_blocks_a_save(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    with open_watch(room.path) as watch:  # a listener that never drains
        for _ in range(20000):
            notify(room.path, "record")
        play_opening(join(room, "ana"))
        assert watch.drain() == {"record"}


def test_no_fifo_where_none_can_be_made(tmp_path: Path) -> None:
    assert open_watch(tmp_path / "no" / "such" / "room") is None
    assert notify(tmp_path / "no" / "such" / "room", "record") == 0


async def test_a_waker_returns_on_a_notice_and_folds_a_burst(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    waker = Waker(open_watch(room.path), {"aggregates"}, fallback=3600)
    try:
        waiting = asyncio.ensure_future(waker.wait())
        await asyncio.sleep(0)  # the waker attaches to the loop
        notify(room.path, "record")  # not what it waits for
        notify(room.path, "aggregates")
        notify(room.path, "aggregates")
        assert await asyncio.wait_for(waiting, 10) == {"aggregates"}
        assert waker.watch is not None and waker.watch.drain() == set()  # woke it once
    finally:
        waker.close()


async def test_without_a_fifo_the_waker_falls_back_to_its_slow_look() -> None:
    waker = Waker(None, fallback=0.01)
    assert not waker.live
    assert await asyncio.wait_for(waker.wait(), 10) == set()
