"""The reflection screen shows a player's answers as text: nothing they typed becomes a link
(which Textual would open on the machine running the app, the server in a room), an image or
HTML."""

from __future__ import annotations

from pathlib import Path

from tests.export.hostile import shape, words
from tests.record.helpers import STAFF_PATH, fixed_clock, mini, play
from workshop.record import SessionStore
from workshop.reflection import reflect
from workshop.tui.screens.reflection import reflection_markdown

ANSWER = "[click](http://evil.example) ![x](http://evil/x.png) <img src=x onerror=alert(1)>"


def test_an_answer_with_a_link_is_text_on_the_reflection_screen(tmp_path: Path) -> None:
    """The reflection's Markdown quotes the answer word for word, with no link, image or raw
    HTML in it, and the same shape as for an answer of plain words."""

    def markdown(text: str, root: Path) -> str:
        script = [(a, text if isinstance(v, str) and a.startswith("answer:") else v)
                  for a, v in STAFF_PATH]
        session = play(SessionStore(root, clock=fixed_clock()).create(mini()), script)
        return reflection_markdown(reflect(session.record, session.workshop, []))

    hostile = markdown(ANSWER, tmp_path / "hostile")
    found = shape(hostile)
    assert not found["link_open"] and not found["image"] and not found["html_inline"]
    assert found == shape(markdown("plain words", tmp_path / "plain"))
    assert ANSWER in words(hostile)
