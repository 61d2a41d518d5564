"""Plain mode as a screen reader hears it: a whole session in a real pseudo-terminal, in an
ordinary terminal and a dumb one, checked byte for byte.

The session has everything that used to leak noise: a rating, a written answer left empty
(and with Escape typed into it), a detour and its return, Markdown with emphasis, and the
reflection at the end.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.plain.conftest import EXAMPLE
from tests.plain.terminal import Terminal
from tests.plain.test_terminal import _env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")

# Whatever would move the cursor, redraw, colour or ring: ESC starts every CSI/OSC/SGR
# sequence; a carriage return not followed by a newline redraws a line; backspace and BEL.
CONTROL = re.compile(r"\x1b|\x9b|\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@pytest.fixture
def terminal() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for t in opened:
        t.close()


@pytest.mark.parametrize("term", ["xterm-256color", "dumb"])
def test_a_whole_session_is_words_only(
    term: str, tmp_path: Path, terminal: list[Terminal],
) -> None:
    """In both terminals you see (and a screen reader says) only lines of words: no escape
    sequence, no ``**`` or ``_`` around words, no ▌ or » marks; leaving a written answer empty
    asks "Skip this question? (y/N)" and No keeps it open; Enter alone at "Your choice:"
    picks nothing; after the detour the scene says
    "Back to: 03:12" and only its new sentence, and "Join Dana's incident channel" is still
    number 3."""
    data = tmp_path / "data"
    t = Terminal([sys.executable, "-m", "workshop", "play", str(EXAMPLE), "--plain",
                  "--data-dir", str(data)], _env(tmp_path, TERM=term), cwd=tmp_path)
    terminal.append(t)
    t.expect("Where do you want to start?")
    t.send("1\r")                                   # the full track
    t.expect("How much do you want the staff job")
    t.send("4\r")
    t.expect("Your choice:")
    t.send("1\r")                                   # go on
    t.expect("What made you open this workshop?")
    t.expect("Your answer: ")
    t.send("\r")                                    # Enter on an empty line...
    t.expect("Skip this question? (y/N)")           # ...asks first
    t.send("\r")                                    # the default is No: asked again
    t.expect("What made you open this workshop?")
    t.send("\x1b\r")                                # Escape alone is no answer either
    t.expect("Skip this question? (y/N)")
    t.send("y\r")
    t.expect("a) Answer the question you skipped")
    t.send("a\r")                                   # ...and it can still be answered
    t.expect("What made you open this workshop?")
    t.send("Curiosity\r")
    t.expect("Your choice:")
    t.send("\r")                                    # Enter alone picks nothing...
    t.expect("Type one of: 1, r, n, u, q")
    t.send("1\r")                                   # ...Continue is typed as 1
    t.expect("Go on?")
    t.send("1\r")
    t.expect("Your pager goes off")
    t.expect("Your choice:")
    t.send("1\r")                                   # ask a colleague: a detour
    t.expect("Sam says pricing shipped")
    t.expect("Your choice:")
    t.send("1\r")                                   # thank Sam: back to the page
    t.expect("Back to: 03:12")
    after_detour = t.expect("Your choice:")
    t.send("3\r")                                   # the same number as before the detour
    t.expect("Consequence: Dana thanks you.")
    t.expect("Your choice:")
    t.send("1\r")                                   # write the postmortem
    t.expect("Reflection")
    t.expect("Keep your notes?")
    t.send("d\r")
    assert t.wait() == 0

    record = tomllib.loads(next((data / "sessions").glob("*.toml")).read_text("utf-8"))
    runs = record["journey"]["runs"]
    assert runs["check-in"]["answers"]["why-here"] == "Curiosity"
    assert runs["the-outage"]["path"][-2] == ["page", "join-their-channel"]

    raw = t.raw
    # The terminal echoes the typed Escape as "^[" (two printable characters); everything
    # else on the screen comes from plain mode.
    noise = CONTROL.findall(raw)
    assert noise == [], f"control bytes on screen: {sorted(set(noise))!r}"
    text = raw.replace("\r\n", "\n")
    for mark in ("**", "▌", "»", "─", "═", "_You", "._"):
        assert mark not in text, mark
    assert not re.search(r"^\s*[>#|*-]{2,}|^\s*>", text, re.M), "no quote or rule marks"
    assert "You are back where you started, with a little more context." in after_detour
    assert "Your pager goes off" not in after_detour, "the scene is not read twice"
    assert text.count("Your pager goes off") == 1
    assert "  3) Join Dana's incident channel and offer what you see" in after_detour
    assert "Ask a colleague" not in after_detour, "the used detour leaves its number unused"
    assert "Traceback" not in text
