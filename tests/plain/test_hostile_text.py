"""Plain mode prints scenario text without the escape sequences a file may hold (#12 item 7)."""

from __future__ import annotations

import io

import pytest

from workshop.plain.render import Renderer

HOSTILE = "The \x1b]0;pwned\x07news\x1b[2J\n\nA second \u202eparagraph\x9b31m."


@pytest.mark.parametrize("width", [None, 80])
def test_every_kind_of_line_is_printed_clean(width: int | None) -> None:
    """Regression for #12 item 7: you should see the words of a heading, scene text, a
    consequence, a note, an aside and an error, and no control byte from the file (the title
    of the terminal stays yours)."""
    stream = io.StringIO()
    out = Renderer(stream, width=width)
    out.heading(HOSTILE)
    out.markdown(HOSTILE)
    out.consequence(HOSTILE)
    out.note(HOSTILE)
    out.aside(HOSTILE)
    out.error(HOSTILE)
    printed = stream.getvalue()
    assert [c for c in printed if c != "\n" and not c.isprintable()] == []
    assert "pwned" not in printed
    assert "The news" in printed and "paragraph" in printed
