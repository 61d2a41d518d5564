"""Text one participant typed is inert on everyone else's screen."""

from __future__ import annotations

import pytest
from rich.text import Text

from workshop.rooms import display_safe, sanitize


@pytest.mark.parametrize("raw, clean", [
    ("hi\x1b]52;c;cm0gLXJmIH4=\x07there", "hithere"),           # OSC 52 clipboard write (BEL)
    ("hi\x1b]52;c;cm0gLXJmIH4=\x1b\\there", "hithere"),         # ... terminated by ST
    ("t\x1b]0;new title\x07x", "tx"),                             # OSC 0 window title
    ("a\x1b[2Jb\x1b[1;1H", "ab"),                                 # CSI clear screen, move
    ("x\x1b[38;2;255;0;0mred\x1b[0m", "xred"),                    # CSI colours
    ("x\x9b2Jy", "xy"),                                           # C1 CSI
    ("x\x9d0;title\x9cy", "xy"),                                  # C1 OSC ... C1 ST
    ("ok\x1bPq#0;2;0;0;0\x1b\\!", "ok!"),                         # DCS (sixel)
    ("e\x1b7f\x1b8", "ef"),                                       # save/restore cursor
    ("bell\x07\x08\x7f!", "bell!"),                               # BEL, BS, DEL
    ("a\u202eevil\u202c", "aevil"),                               # bidi override
    ("zero\u200bwidth", "zerowidth"),
    ("two\nlines\r\n", "two lines "),
    ("unterminated \x1b]52;c;AAAA", "unterminated "),
])
def test_sanitize_removes_escape_and_control_sequences(raw: str, clean: str) -> None:
    assert sanitize(raw) == clean


def test_multiline_keeps_newlines_and_tabs_only() -> None:
    assert sanitize("a\tb\r\nc\x1b[31m\x00", multiline=True) == "a\tb\nc"


def test_limit_cuts_after_cleaning() -> None:
    assert sanitize("\x1b[31m" + "x" * 50, limit=10) == "x" * 10


def test_display_safe_neutralises_markup_actions() -> None:
    raw = "[@click=app.quit]free cake[/] [b]bold[/b]\x1b[2J"
    safe = display_safe(raw)
    rendered = Text.from_markup(safe)
    assert rendered.plain == "[@click=app.quit]free cake[/] [b]bold[/b]"
    assert not rendered.spans  # no style, no link, no action survived
