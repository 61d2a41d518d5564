"""End to end in a real terminal: `workshop` in a detached tmux session, driven with digit keys,
read back with capture-pane, then quit; the record on disk says where the player stopped."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import EXAMPLE

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


@pytest.fixture
def tmux_session() -> Iterator[str]:
    name = f"workshop-test-{uuid.uuid4().hex[:8]}"
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, check=False)


def screen(name: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True,
                          text=True, check=True).stdout


def wait_for(name: str, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(name)
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen shows:\n{shown}")


def keys(name: str, *pressed: str) -> None:
    subprocess.run(["tmux", "send-keys", "-t", name, *pressed], check=True)


def test_play_with_digits_quit_and_find_the_record(tmp_path: Path, tmux_session: str) -> None:
    data = tmp_path / "data"
    # The `workshop` script installed beside this Python (a venv's bin/), else the module.
    script = Path(sys.executable).with_name("workshop")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "workshop"]
    line = " ".join(shlex.quote(part) for part in [
        "env", f"WORKSHOP_CONFIG={tmp_path / 'config'}", *command,
        "--data-dir", str(data), "--content", str(EXAMPLE)])
    subprocess.run(["tmux", "new", "-d", "-s", tmux_session, "-x", "100", "-y", "30",
                    f"{line}; echo EXITED $?; sleep 30"], check=True)
    wait_for(tmux_session, "Start the quick track")
    keys(tmux_session, "2")  # the quick track
    wait_for(tmux_session, "Join Dana's incident channel")
    keys(tmux_session, "3")
    wait_for(tmux_session, "Your notes become the start of the timeline")
    keys(tmux_session, "Enter")
    shown = wait_for(tmux_session, "Offer to write the postmortem")
    assert "Morning. The team reviews the night." in shown
    keys(tmux_session, "q")
    shown = wait_for(tmux_session, "EXITED 0")
    assert "workshop --data-dir" in shown and " resume " in shown

    [record_file] = sorted((data / "sessions").glob("*.toml"))
    record = tomllib.loads(record_file.read_text(encoding="utf-8"))
    assert record["status"] == "in-progress"
    run = record["journey"]["runs"]["the-outage"]
    assert run["scene"] == "morning"
    assert run["path"] == [["page", "join-their-channel"]]
    assert record_file.stem in shown.replace("\n", "")


def test_the_screen_comes_back_after_stopping_in_the_shell(tmp_path: Path,
                                                           tmux_session: str) -> None:
    """Stopped from the shell (ctrl+z elsewhere, or kill -TSTP) and brought back with fg, the
    workshop draws its whole screen again instead of leaving the terminal blank."""
    script = Path(sys.executable).with_name("workshop")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "workshop"]
    line = " ".join(shlex.quote(part) for part in [
        "env", f"WORKSHOP_CONFIG={tmp_path / 'config'}", *command,
        "--data-dir", str(tmp_path / "data"), "--content", str(EXAMPLE)])
    subprocess.run(["tmux", "new", "-d", "-s", tmux_session, "-x", "100", "-y", "30",
                    "bash --norc --noprofile -i"], check=True)
    keys(tmux_session, line, "Enter")
    wait_for(tmux_session, "Start the quick track")
    shell = subprocess.run(["tmux", "list-panes", "-t", tmux_session, "-F", "#{pane_pid}"],
                           capture_output=True, text=True, check=True).stdout.split()[0]
    children = [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()
                and _parent_of(entry) == int(shell)]
    assert children, "the workshop should be running under the shell"
    for pid in children:
        os.kill(pid, signal.SIGTSTP)
    wait_for(tmux_session, "Stopped")
    keys(tmux_session, "clear; fg", "Enter")
    wait_for(tmux_session, "Start the quick track")
    keys(tmux_session, "q")


def _parent_of(proc: Path) -> int | None:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None
