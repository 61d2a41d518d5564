"""The facilitator's dashboard driven by pilot: live counts, every control, export, snapshot."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.rooms.roomkit import join, make_room, play_opening, publish
from workshop.rooms import Room
from workshop.rooms.control import read_control
from workshop.tui.dashboard import DashboardApp, DashboardOptions, make_dashboard
from workshop.tui.dashboard.widgets import LobbyPanel, ProgressPanel, StatusLine, StepPanel


def dashboard(room: Room) -> DashboardApp:
    # A long refresh: the tests call refresh_room() themselves instead of waiting.
    return make_dashboard(DashboardOptions(room.path, host="workshop.example", port=2222,
                                           refresh=3600))


def text_of(app: DashboardApp, panel: Any) -> str:
    return str(app.query_one(panel).text.plain)


async def test_counts_change_as_records_change(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    app = dashboard(room)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Nobody yet. Read out: ssh -p 2222 NAME@workshop.example" in text_of(
            app, LobbyPanel)
        ana = join(room, "ana")
        play_opening(ana, choice="go-deeper", rating=2)
        app.refresh_room()  # no server: the dashboard counts for itself, incrementally
        await pilot.pause()
        step = text_of(app, StepPanel)
        assert "1 of 1 have chosen" in step and "mean 2.0" in step
        assert "ana" in text_of(app, LobbyPanel)
        assert "no server publishing" in text_of(app, StatusLine)
        publish(room)
        bo = join(room, "bo")
        play_opening(bo, choice="cross-team", rating=4)
        app.refresh_room()  # the published file has not changed yet: old counts
        assert "1 of 2 have chosen" in text_of(app, StepPanel)
        publish(room)
        app.refresh_room()
        await pilot.pause()
        step = text_of(app, StepPanel)
        assert "2 of 2 have chosen" in step and "mean 3.0" in step and "2 rated" in step
        assert "no server publishing" not in text_of(app, StatusLine)
        bo.advance()
        publish(room)
        app.refresh_room()
        assert "  1 done" in text_of(app, ProgressPanel)


async def test_every_control_writes_the_control_file(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    play_opening(join(room, "ana"))
    app = dashboard(room)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        assert read_control(room).held and read_control(room).step == 0
        assert "HELD" in text_of(app, StatusLine)
        await pilot.press("right")
        assert read_control(room).step == 1
        await pilot.press("left")
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert read_control(room).is_revealed("opening", "news")
        assert "[revealed]" in text_of(app, StepPanel)
        await pilot.press("t", "2", "enter")
        await pilot.pause()
        left = read_control(room).remaining(datetime.now(UTC))
        assert left is not None and 110 <= left <= 120
        assert "left" in text_of(app, StatusLine)
        await pilot.press("plus")
        left = read_control(room).remaining(datetime.now(UTC))
        assert left is not None and 170 <= left <= 180
        await pilot.press("s")
        assert read_control(room).deadline is None
        await pilot.press("b")
        await pilot.pause()
        await pilot.press(*"Back at ten", "enter")
        await pilot.pause()
        assert read_control(room).broadcast == "Back at ten"
        assert "Back at ten" in text_of(app, StatusLine)
        await pilot.press("l")
        assert read_control(room).locked
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")  # removal asks first (issue 17)
        await pilot.pause()
        assert read_control(room).is_removed("ana")
        assert "ana ✗" in text_of(app, LobbyPanel)
        await pilot.press("h")
        assert not read_control(room).held


async def test_export_at_any_time(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    play_opening(join(room, "ana"), text="a private thought")
    app = dashboard(room)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.exports) == 1
        text = app.exports[0].read_text()
        assert text.startswith("# Test room") and "ana" not in text
        assert "private thought" not in text


async def test_a_timer_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    app = dashboard(room)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", *"ten", "enter")
        await pilot.pause()
        assert read_control(room).deadline is None
        assert any("not a number" in n.message for n in app._notifications)


def test_facilitate_bad_room_is_one_line(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from workshop.cli import main

    assert main(["facilitate", "zzzzzz", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no room 'zzzzzz'" in err
    assert main(["facilitate", "not a code", "--data-dir", str(tmp_path)]) == 2
    assert "is not a room code" in capsys.readouterr().err
    room = make_room(tmp_path)
    assert main(["facilitate", room.code, "--data-dir", str(tmp_path), "--port", "0"]) == 2
    assert "not a port number" in capsys.readouterr().err
    # Not a terminal (as under pytest): one line pointing at the export instead.
    assert main(["facilitate", room.code, "--data-dir", str(tmp_path)]) == 2
    assert "needs a terminal" in capsys.readouterr().err


def test_dashboard_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            snap_compare: Any) -> None:
    room = make_room(tmp_path, code="k7m2qx", monkeypatch=monkeypatch, title="Staff path, May")
    for handle, choice, rating in [("ana", "cross-team", 4), ("bo", "go-deeper", 2),
                                   ("cy", "cross-team", 5)]:
        play_opening(join(room, handle), choice=choice, rating=rating)
    join(room, "dee")
    publish(room)
    from workshop.rooms.control import ControlWriter

    writer = ControlWriter(room, steps=3)
    writer.hold(0)
    writer.reveal("opening", "news")
    writer.say("Pick before you look at anyone else's screen")
    assert snap_compare(dashboard(room), terminal_size=(120, 40))


async def test_a_stale_published_file_does_not_freeze_the_counts(tmp_path: Path) -> None:
    import os
    import time

    room = make_room(tmp_path)
    play_opening(join(room, "ana"), choice="go-deeper")
    publish(room)
    # The server stopped a minute ago; people kept playing (e.g. under the system's sshd).
    old = time.time() - 60
    os.utime(room.aggregates_path, (old, old))
    play_opening(join(room, "bo"), choice="cross-team")
    app = dashboard(room)
    async with app.run_test(size=(120, 40)):
        assert "2 of 2 have chosen" in text_of(app, StepPanel)
        assert "no server publishing" in text_of(app, StatusLine)


async def test_at_80_by_24_the_panels_stack_and_follow_a_resize(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    play_opening(join(room, "ana"))
    app = dashboard(room)
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.query_one("#main")
        assert main.has_class("-narrow")
        assert "ssh -p 2222 NAME@workshop.example" in app.query_one("#join").render().plain
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not main.has_class("-narrow")
