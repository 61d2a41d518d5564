"""The facilitator's control file: what the writer changes is what every reader sees."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.rooms.roomkit import make_room
from workshop.errors import UsageError
from workshop.rooms import RoomError
from workshop.rooms.control import (
    CONTROL_FILE,
    ControlReader,
    ControlWriter,
    admission_problem,
    read_control,
)

T0 = datetime(2026, 11, 27, 10, 0, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def test_every_control_reaches_a_reader(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    writer = ControlWriter(room, steps=3, clock=Clock())
    reader = ControlReader(room)
    assert reader.poll() is None and not reader.control.held  # no file yet: the default

    writer.hold(1)
    state = reader.poll()
    assert state is not None and state.held and state.step == 1
    writer.reveal("opening", "news")
    writer.say("Back in five minutes")
    writer.lock()
    writer.remove("Troll")
    state = reader.poll()
    assert state is not None
    assert state.is_revealed("opening", "news") and not state.is_revealed("the-week", "plan")
    assert state.broadcast == "Back in five minutes"
    assert state.locked and state.is_removed("troll")
    assert state.revision == 5
    writer.release()
    writer.reveal("opening", "news", shown=False)
    state = reader.poll()
    assert state is not None and not state.held and not state.revealed


def test_the_step_stays_inside_the_track(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    writer = ControlWriter(room, steps=3)
    assert writer.go_to(7).step == 2
    assert writer.go_to(-1).step == 0


def test_the_timer_is_a_deadline_nobody_has_to_tick(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    clock = Clock()
    writer = ControlWriter(room, steps=3, clock=clock)
    writer.start_timer(300)
    text = (room.path / CONTROL_FILE).read_text()
    assert "deadline = 2026-11-27 10:05:00+00:00" in text
    state = read_control(room)
    assert state.remaining(T0) == 300
    assert state.remaining(T0 + timedelta(seconds=299.5)) == 1
    assert state.remaining(T0 + timedelta(minutes=9)) == 0
    clock.now = T0 + timedelta(seconds=100)
    assert writer.add_minute().remaining(clock.now) == 260
    clock.now = T0 + timedelta(hours=1)  # ran out long ago: +1 minute starts a fresh minute
    assert writer.add_minute().remaining(clock.now) == 60
    assert writer.stop_timer().remaining(clock.now) is None


@pytest.mark.parametrize("seconds", [0, -5, 5 * 60 * 60])
def test_a_timer_out_of_range_is_refused(tmp_path: Path, seconds: int) -> None:
    writer = ControlWriter(make_room(tmp_path), steps=3)
    with pytest.raises(UsageError, match="a timer runs from 1 second"):
        writer.start_timer(seconds)


def test_a_broadcast_is_cleaned_of_escape_sequences(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    writer = ControlWriter(room, steps=3)
    writer.say("Hello \x1b]52;c;ZXZpbA==\x07room\x1b[2J\n" + "x" * 500)
    state = read_control(room)
    assert "\x1b" not in state.broadcast and "\n" not in state.broadcast
    assert state.broadcast.startswith("Hello room")
    assert len(state.broadcast) <= 200
    writer.say("   ")
    assert read_control(room).broadcast == ""


def test_a_hand_edited_control_with_escapes_is_cleaned_on_read(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    (room.path / CONTROL_FILE).write_text('[broadcast]\ntext = "hi \\u001b[2J there"\n')
    assert read_control(room).broadcast == "hi  there"


def test_two_writers_do_not_lose_each_others_changes(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    host, over_ssh = ControlWriter(room, steps=3), ControlWriter(room, steps=3)
    host.lock()
    over_ssh.say("hello")
    host.hold(2)
    state = read_control(room)
    assert state.locked and state.broadcast == "hello" and state.held and state.step == 2


def test_a_broken_control_file_is_named_and_never_stops_a_reader(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    writer = ControlWriter(room, steps=3)
    reader = ControlReader(room)
    writer.hold(1)
    assert reader.poll() is not None
    path = room.path / CONTROL_FILE
    path.write_text("held = [not toml")
    with pytest.raises(RoomError, match=r"control\.toml: is not valid TOML"):
        read_control(room)
    assert reader.poll() is None and reader.control.held  # keeps the last good state
    assert reader.problem is not None and "control.toml" in reader.problem
    path.write_text('held = "yes"\n')
    with pytest.raises(RoomError, match="'held' has the wrong type"):
        read_control(room)
    assert admission_problem(room, "ana", known=False) is None  # nobody locked out by it
    writer.release()  # the facilitator's next change writes a good file again
    assert read_control(room).held is False


def test_a_newer_control_file_is_refused_clearly(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    (room.path / CONTROL_FILE).write_text("schema_version = 99\n")
    with pytest.raises(RoomError, match="newer version"):
        read_control(room)


def test_lock_keeps_those_in_and_removal_keeps_them_out(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    writer = ControlWriter(room, steps=3)
    assert admission_problem(room, "ana", known=False) is None
    writer.lock()
    assert admission_problem(room, "ana", known=True) is None
    assert "locked" in (admission_problem(room, "bo", known=False) or "")
    writer.lock(False)
    writer.remove("ana")
    assert "removed" in (admission_problem(room, "ana", known=True) or "")
    writer.readmit("ana")
    assert admission_problem(room, "ana", known=True) is None


def test_removing_a_bad_handle_is_a_usage_error(tmp_path: Path) -> None:
    writer = ControlWriter(make_room(tmp_path), steps=3)
    with pytest.raises(UsageError, match="not a valid handle"):
        writer.remove("../etc")
