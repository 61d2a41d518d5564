"""Escape sequences in scenario text never reach a player's terminal (issue 12, item 7)."""

from __future__ import annotations

from pathlib import Path

from tests.scenario.helpers import HEADER, write
from workshop.scenario.loader import load_path

HOSTILE = r"\u001b]0;pwned\u0007\u001b[2J"


def test_display_text_loses_escapes_and_keeps_lines(tmp_path: Path) -> None:
    """A scenario whose title, text, choice label and question carry OSC/CSI sequences loads
    with those sequences gone (the full-screen app would pass them to the terminal), while
    line breaks in the text stay where the author put them."""
    header = HEADER.replace('title = "A test"', f'title = "Title {HOSTILE}"')
    path = write(tmp_path, f'''
[scenes.a]
text = "First line {HOSTILE}\\nsecond line"

[scenes.a.ask]
id = "q"
type = "text"
question = "Why {HOSTILE}?"

[[scenes.a.choices]]
id = "go"
label = "Go {HOSTILE}"
goto = "b"

[scenes.b]
text = "The end."
ending = true
''', header=header)
    result = load_path(path)
    assert not result.errors, [d.format() for d in result.errors]
    assert result.workshop is not None
    scenario = result.workshop.scenarios["s"]
    scene = scenario.scenes["a"]
    shown = [scenario.title, scene.text, scene.choices[0].label,
             scene.ask.question if scene.ask else ""]
    for text in shown:
        assert "\x1b" not in text and "\x07" not in text, repr(text)
    assert scene.text == "First line \nsecond line"
    assert scene.choices[0].label == "Go "
