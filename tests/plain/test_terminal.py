"""Plain mode in a real pseudo-terminal: numbered prompts, ctrl+c, resume, dumb terminals.

These run ``python -m workshop play --plain`` as a user would and type into it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.plain.conftest import EXAMPLE
from tests.plain.terminal import Terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "WORKSHOP_HOME")}
    env.update(
        TERM="xterm-256color",
        WORKSHOP_CONFIG=str(tmp_path / "config"),
        # prompt_toolkit would otherwise wait for the terminal to report the cursor position.
        PROMPT_TOOLKIT_NO_CPR="1",
        COLUMNS="100", LINES="40",
    )
    env.update(extra)
    return env


def _record(data: Path) -> dict[str, Any]:
    [path] = (data / "sessions").glob("*.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def _start(terminals: list[Terminal], tmp_path: Path, *args: str) -> Terminal:
    terminal = Terminal([sys.executable, "-m", "workshop", *args], _env(tmp_path),
                        cwd=tmp_path)
    terminals.append(terminal)
    return terminal


def test_play_the_example_to_the_end(tmp_path: Path, terminals: list[Terminal]) -> None:
    data = tmp_path / "data"
    t = _start(terminals, tmp_path, "play", str(EXAMPLE), "--plain", "--data-dir", str(data))
    t.expect("Where do you want to start?")
    t.send("1\r")                                   # full track
    t.expect("How much do you want the staff job")
    t.send("4\r")
    t.expect("What do you do?")
    t.send("1\r")                                   # Go on
    t.expect("What made you open this workshop?")
    t.send("Curiosity\r")
    t.expect("Next")
    t.send("1\r")                                   # Continue has a number too
    t.expect("Go on?")
    t.send("1\r")
    t.expect("Your pager goes off")
    t.expect("What do you do?")
    t.send("3\r")                                   # join their channel
    t.expect("Dana thanks you")
    t.expect("What do you do?")
    t.send("1\r")                                   # write the postmortem
    t.expect("Reflection")
    t.expect("Keep your notes?")
    t.send("1\r")                                   # Markdown notes into the current folder
    t.expect("Written:")
    t.expect("Keep your notes?")
    t.send("d\r")
    assert t.wait() == 0
    record = _record(data)
    notes = tmp_path / f"first-workshop-{record['id']}.md"
    assert "> Curiosity" in notes.read_text(encoding="utf-8"), "the player's answer is in it"
    assert record["status"] == "finished"
    assert record["journey"]["runs"]["check-in"]["answers"] == {
        "want-start": 4, "why-here": "Curiosity"}
    assert record["journey"]["runs"]["the-outage"]["path"] == [
        ["page", "join-their-channel"], ["morning", "write-postmortem"]]
    assert f"workshop export {record['id']}" in t.text
    assert "Traceback" not in t.text


def test_ctrl_c_saves_and_resume_continues_at_the_same_scene(
    tmp_path: Path, terminals: list[Terminal],
) -> None:
    data = tmp_path / "data"
    t = _start(terminals, tmp_path, "play", str(EXAMPLE), "--plain", "--track", "quick",
               "--data-dir", str(data))
    t.expect("What do you do?")
    t.send("1\r")                                   # ask a colleague: a detour
    t.expect("Sam says pricing shipped")
    t.expect("What do you do?")
    t.send("\x03")                                  # ctrl+c
    assert t.wait() == 130
    record = _record(data)
    assert record["journey"]["runs"]["the-outage"]["scene"] == "gossip"
    found = re.search(r"Continue with: (workshop .* resume \S+ --plain)", t.text)
    assert found, t.text
    assert record["id"] in found.group(1)
    assert "Traceback" not in t.text

    # Type the printed command (minus the program name) and land on the same scene.
    args = found.group(1).split()[1:]
    again = _start(terminals, tmp_path, *args)
    again.expect(f"Continuing session {record['id']}")
    again.expect("Sam says pricing shipped")
    again.expect("What do you do?")
    again.send("1\r")                               # thank Sam: back to the page
    again.expect("Your pager goes off")
    again.expect("What do you do?")
    again.send("q\r")                               # save and stop from the menu
    assert again.wait() == 0
    record = _record(data)
    assert record["journey"]["runs"]["the-outage"]["path"] == [
        ["page", "ask-around"], ["gossip", "thanks"]]


def test_dumb_terminal_gets_numbered_lines_and_plain_text(tmp_path: Path) -> None:
    """With TERM=dumb (or input from a pipe) there is no cursor drawing, only lines."""
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-m", "workshop", "play", str(EXAMPLE), "--plain", "--track",
         "quick", "--data-dir", str(data)],
        input="2\n2\n", capture_output=True, text=True, timeout=60,
        env=_env(tmp_path, TERM="dumb"),
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out, "no escape sequences for a dumb terminal"
    assert "**" not in out and "pricing" in out, "Markdown is printed as clean text"
    assert "  -  Offer to write the postmortem with Dana (not available: needs trust ≥ 2 " \
        "with Dana's team)" in out
    assert "  2) Move on to your sprint work" in out
    assert _record(data)["status"] == "finished"


def test_end_of_input_saves_like_ctrl_c(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-m", "workshop", "play", str(EXAMPLE), "--plain", "--track",
         "quick", "--data-dir", str(data)],
        input="2\n", capture_output=True, text=True, timeout=60, env=_env(tmp_path),
    )
    assert result.returncode == 130
    record = _record(data)
    assert record["status"] == "in-progress"
    assert f"resume {record['id']} --plain" in result.stdout
