"""A participant-triggered error: one short log line with an id, the traceback once per id.

Issue 12, item 2: each crash of a room session wrote a Rich traceback with local variables
(record contents, ~2.8 MB, ~14 s of CPU) to the room's log, repeatable at will.
"""

from __future__ import annotations

import io
import sys
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests.rooms.roomkit import join, make_room
from workshop.rooms.crashlog import error_id, log_error
from workshop.ssh import participant
from workshop.tui.app import WorkshopApp

SECRET = "PRIVATE-ANSWER-93K"


def _fail(notes: str) -> None:
    record_text = f"{notes} {SECRET} " * 2000  # a local a Rich traceback would print
    raise RuntimeError(f"boom after {len(record_text)} characters")


def _raised() -> RuntimeError:
    try:
        _fail("x")
    except RuntimeError as error:
        return error
    raise AssertionError("no error")


def test_the_same_error_logs_its_traceback_once_then_one_line(tmp_path: Path) -> None:
    """The first time an error happens in a room the log gets a line with its id and the
    traceback (no local variables); the next times, that one line only."""
    log = tmp_path / "server.log"
    first = log_error(tmp_path, log, "alice pid 1", _raised())
    size_once = log.stat().st_size
    second = log_error(tmp_path, log, "bob pid 2", _raised())
    assert first == second == error_id(_raised())
    lines = log.read_text().splitlines()
    assert lines[0].endswith("(traceback follows, written once)")
    assert f"error {first}: RuntimeError at test_crash_log.py:" in lines[0]
    assert "Traceback (most recent call last)" in log.read_text()
    assert log.read_text().count("Traceback") == 1
    assert lines[-1].startswith(lines[-1][:25]) and "[bob pid 2] error " + first in lines[-1]
    assert log.stat().st_size - size_once < 200  # the repeat is one short line
    assert SECRET not in log.read_text()


def test_a_different_error_gets_its_own_id_and_traceback(tmp_path: Path) -> None:
    """Two distinct errors: two ids, each traceback written once."""
    log = tmp_path / "server.log"
    try:
        {}["missing"]
    except KeyError as error:
        other = log_error(tmp_path, log, "alice pid 1", error)
    first = log_error(tmp_path, log, "alice pid 1", _raised())
    assert other != first
    assert log.read_text().count("Traceback") == 2


async def test_a_crash_in_a_room_session_writes_one_short_line_no_locals(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A room app that hits an unexpected error closes with status 1; the room's log gets
    the error's id and traceback once (no local variables, no record text), and the same
    crash again adds one line."""
    room = make_room(tmp_path / "data")
    session = join(room, "alice")
    session.set_notes(f"my notes {SECRET}")
    log = room.log_path

    def crashing_help(self: WorkshopApp) -> None:
        notes = self.context.session.notes if self.context.session else ""
        _fail(notes)

    monkeypatch.setattr(WorkshopApp, "action_help", crashing_help)
    sizes = []
    for _ in range(2):
        app = participant.build_app(room.path, "alice", tmp_path / "data")
        app.crash_report = partial(log_error, room.path, log, "alice pid 1")
        with pytest.raises(RuntimeError):  # run_test re-raises what closed the app
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                await pilot.press("question_mark")
        assert app.return_code == 1
        sizes.append(log.stat().st_size)
    text = log.read_text()
    assert text.count("Traceback (most recent call last)") == 1
    assert SECRET not in text and "my notes" not in text
    assert sizes[0] < 20_000 and sizes[1] - sizes[0] < 200


def test_the_participant_is_told_the_error_id(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """After a crash the participant's terminal shows the polite line with the error id
    that the room's log has; no traceback, nothing of the record."""

    class CrashingApp:
        crash_report: Any = None
        return_code = 0

        def run(self) -> None:
            self.crash_report(_raised())
            self.return_code = 1

    screen = io.StringIO()
    monkeypatch.setattr(participant, "build_app", lambda *args, **kwargs: CrashingApp())
    monkeypatch.setattr(sys, "__stdout__", screen)
    log = tmp_path / "server.log"
    assert participant.run_participant(tmp_path, "alice", log_path=log) == 1
    ident = error_id(_raised())
    assert f"(error {ident})" in screen.getvalue()
    assert "Something went wrong on the workshop server" in screen.getvalue()
    assert "Traceback" not in screen.getvalue()
    assert "[alice pid " in log.read_text() and f"error {ident}" in log.read_text()
    assert "ended with status" not in log.read_text()
