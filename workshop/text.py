"""Text from files made safe for a terminal: one helper for every place that prints it.

A terminal obeys escape sequences wherever they appear: a theme name holding ``ESC ] 0 ;``
sets the window title, ``ESC [ 2 J`` clears the screen, OSC 52 writes the clipboard. Rich and
Textual pass such bytes straight through, and both read ``[...]`` as markup. Anything a file
provides (scenario and workshop titles, theme names, record fields, error messages that quote
a file) goes through :func:`terminal_safe` where it is printed or notified; :func:`markup_safe`
also makes it inert as markup; :class:`SafeRenderable` cleans a whole Rich renderable (a table,
a tree) on its way out.

Core code: no Textual here (Rich is a plain rendering library).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.segment import Segment

ESCAPES = re.compile(
    r"""
      (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) .*? (?:\x07|\x1b\\|\x9c|$)   # OSC DCS SOS PM APC
    | (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?               # CSI
    | \x1b [\x20-\x2f]* [\x30-\x7e]?                                        # other ESC sequences
    """,
    re.VERBOSE | re.DOTALL,
)
"""ESC-introduced sequences. String-type ones (OSC, DCS, SOS, PM, APC) run to BEL or ST
(``ESC \\`` or the C1 byte 0x9C); an unterminated one swallows the rest of the text, as a
terminal would. CSI takes parameters, intermediates and one final byte; anything else is ESC
plus one character."""

_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
# C0 controls, DEL and C1 controls; bidirectional overrides and isolates, which can make text
# read differently from what it is; zero-width characters that hide content.
CONTROLS = re.compile(f"[\x00-\x1f\x7f\x80-\x9f{_INVISIBLE}]")
"""Every control or invisible formatting character (line breaks and tabs included)."""
CONTROLS_BUT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f{_INVISIBLE}]")
"""The same, but keeping newlines and tabs (for text that spans lines)."""


def terminal_safe(text: str, *, multiline: bool = False) -> str:
    """``text`` with every escape sequence and control character taken out.

    Args:
        text: A string a file provided (a title, a name, an error quoting the file).
        multiline: Keep newlines and tabs; otherwise line breaks and tabs become spaces, so
            one line stays one line.
    """
    if text.isprintable():
        return text  # The common case: nothing to take out, no regex work.
    cleaned = ESCAPES.sub("", text)
    if multiline:
        return CONTROLS_BUT_LINES.sub("", cleaned.replace("\r\n", "\n"))
    return CONTROLS.sub("", re.sub(r"[\t\n\r]+", " ", cleaned))


def markup_safe(text: str) -> str:
    """:func:`terminal_safe` text that Rich/Textual markup shows literally (``[b]`` stays)."""
    from rich.markup import escape  # Rich only when markup is in play: the CLI starts fast.

    return escape(terminal_safe(text))


class SafeRenderable:
    """A Rich renderable that prints no control character of the text it holds.

    The last line of defence where a command prints a table or tree built from files: Rich's
    own styling (and control segments it makes itself) pass through; every control and
    invisible formatting character in the text of a segment is dropped (an ESC, so what
    followed it shows as harmless text). Clean strings with :func:`terminal_safe` before they
    go into the renderable to drop whole sequences. Use ``console.print(SafeRenderable(x))``.
    """

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        for segment in console.render(self.renderable, options):
            if segment.control or segment.text.isprintable():
                yield segment
            else:
                # Character by character, not sequence by sequence: Rich has laid the line out
                # already (and drops BEL itself, which would leave an OSC unterminated), and
                # every character taken out here is one Rich counted as zero cells wide.
                text = CONTROLS_BUT_LINES.sub("", segment.text.replace("\r\n", "\n"))
                yield Segment(text, segment.style)


__all__ = ["SafeRenderable", "markup_safe", "terminal_safe"]
