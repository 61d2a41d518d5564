"""The one helper that makes file-provided text safe for a terminal."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from workshop.text import SafeRenderable, markup_safe, terminal_safe

HOSTILE = "a\x1b]0;pwned\x07b\x1b[2Jc\x9b31md\x1bP+q\x1b\\e\u202eevil\u2066f\x00\x7f\u200bg"


def test_escape_sequences_controls_and_bidi_are_taken_out() -> None:
    """You should see the visible letters only: no OSC title, no clear screen, no C1 CSI, no
    DCS, no bidi override or isolate, no NUL, DEL or zero-width space."""
    assert terminal_safe(HOSTILE) == "abcdeevilfg"


def test_one_line_stays_one_line_unless_asked() -> None:
    """A title with a line break prints on one line; multi-line output keeps its lines."""
    assert terminal_safe("one\r\ntwo\tthree") == "one two three"
    assert terminal_safe("one\r\ntwo\tthree\x1b[2J", multiline=True) == "one\ntwo\tthree"


def test_plain_text_is_untouched() -> None:
    """Ordinary text, accents and emoji included, comes back as it was."""
    text = "Café — the staff bar ✓ [not markup here]"
    assert terminal_safe(text) == text


def test_markup_is_shown_literally() -> None:
    """A name like ``[bold red]x`` reads as those characters, not as red bold x."""
    rendered = Text.from_markup(markup_safe("[bold red]x[/] [@click=app.quit]y\x1b[2J"))
    assert rendered.plain == "[bold red]x[/] [@click=app.quit]y"
    assert not rendered.spans


def _printed(text: str) -> str:
    table = Table("title")
    table.add_row(Text(text))
    console = Console(record=True, width=60, color_system=None, force_terminal=False)
    console.print(SafeRenderable(table))
    return console.export_text()


def _controls(out: str) -> list[str]:
    return [c for c in out if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F
            or not (c.isprintable() or c == "\n")]


def test_a_wrapped_table_prints_no_control_bytes() -> None:
    """A table holding raw file text prints without a single control byte, its borders still
    lined up; cleaned first, the text shows only its visible letters."""
    raw = _printed(HOSTILE)
    assert _controls(raw) == []
    assert len({cell_len(line) for line in raw.splitlines()}) == 1
    assert "abcdeevilfg" in _printed(terminal_safe(HOSTILE))
