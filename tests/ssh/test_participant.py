"""What a participant's process gets: a clean environment, a checked TERM, no crash dumps."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from workshop.ssh import participant
from workshop.ssh.terminal import DEFAULT_TERM, clamp_size, truecolor, validate_term


@pytest.mark.parametrize("term, expected", [
    ("xterm-256color", "xterm-256color"), ("screen.xterm-256color", "screen.xterm-256color"),
    ("", DEFAULT_TERM), (None, DEFAULT_TERM), ("xterm\x1b]0;x\x07", DEFAULT_TERM),
    ("../../bin/sh", DEFAULT_TERM), ("x" * 80, DEFAULT_TERM), ("a b", DEFAULT_TERM),
])
def test_term_is_validated(term: str | None, expected: str) -> None:
    assert validate_term(term) == expected


def test_colours_follow_the_terminal() -> None:
    assert truecolor("xterm-kitty") and truecolor("xterm-direct")
    assert not truecolor("xterm-256color")
    assert truecolor("xterm-256color", "truecolor")
    assert not truecolor("xterm-256color", "yes please")


def test_window_sizes_are_clamped() -> None:
    assert clamp_size(0, 0) == (80, 24)
    assert clamp_size(5, 2) == (20, 5)
    assert clamp_size(100_000, 100_000) == (1000, 500)


def test_the_environment_is_built_not_inherited(tmp_path: Path) -> None:
    env = participant.participant_environment("xterm-256color", truecolor=True,
                                              config_dir=tmp_path, data_dir=tmp_path)
    assert env["TERM"] == "xterm-256color" and env["COLORTERM"] == "truecolor"
    assert "COLUMNS" not in env and "LINES" not in env
    assert set(env) <= {"TERM", "COLORTERM", "LANG", "LC_ALL", "PATH", "HOME",
                        "WORKSHOP_CONFIG", "XDG_CONFIG_HOME", "WORKSHOP_HOME"}
    plain = participant.participant_environment("vt100", truecolor=False,
                                                config_dir=tmp_path, data_dir=None)
    assert "COLORTERM" not in plain


def test_a_crash_goes_to_the_log_not_to_the_participant(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(room_dir: Path, handle: str, data_dir: Path | None, web: bool = False) -> None:
        secret = "another participant's private answer"
        raise RuntimeError(f"boom near {secret}")

    screen = io.StringIO()
    monkeypatch.setattr(participant, "build_app", explode)
    monkeypatch.setattr(sys, "__stdout__", screen)
    log = tmp_path / "server.log"
    status = participant.run_participant(tmp_path, "alice", log_path=log)
    assert status == 1
    assert "Something went wrong on the workshop server" in screen.getvalue()
    assert "Traceback" not in screen.getvalue() and "private answer" not in screen.getvalue()
    assert "Traceback" in log.read_text() and "[alice pid" in log.read_text()
