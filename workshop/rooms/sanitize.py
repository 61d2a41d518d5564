"""Cleaning what a participant types before anyone else's terminal shows it.

A terminal obeys escape sequences wherever they appear: a handle or a broadcast line holding
``ESC ] 52`` writes the reader's clipboard, ``ESC [ 2 J`` clears their screen, an OSC 0 sets
their window title. Textual passes such sequences straight through, and its markup turns
``[@click=...]`` into actions. :func:`sanitize` removes every escape sequence and control
character; :func:`escape_markup` then makes the text inert for Rich/Textual markup.
"""

from __future__ import annotations

import re

from rich.markup import escape

# ESC-introduced sequences. String-type ones (OSC, DCS, SOS, PM, APC) run to BEL or ST
# (ESC \\ or the C1 byte 0x9C); an unterminated one swallows the rest of the text, as a
# terminal would. CSI takes parameters, intermediates and one final byte. Anything else is
# ESC plus one character.
_ESCAPES = re.compile(
    r"""
      (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) .*? (?:\x07|\x1b\\|\x9c|$)   # OSC DCS SOS PM APC
    | (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?               # CSI
    | \x1b [\x20-\x2f]* [\x30-\x7e]?                                        # other ESC sequences
    """,
    re.VERBOSE | re.DOTALL,
)

# C0 controls, DEL and C1 controls; bidirectional overrides and isolates, which can make
# text read differently from what it is; zero-width characters that hide content.
_CONTROLS = re.compile(
    "[\x00-\x1f\x7f\x80-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_KEEP_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u200b-\u200f\u202a-\u202e"
                             "\u2060-\u2064\u2066-\u2069\ufeff]")


def sanitize(text: str, *, multiline: bool = False, limit: int | None = None) -> str:
    """Text with every escape sequence and control character removed.

    Args:
        text: What the participant typed.
        multiline: Keep newlines and tabs (for notes); otherwise they become spaces.
        limit: Cut to at most this many characters.
    """
    cleaned = _ESCAPES.sub("", text)
    if multiline:
        cleaned = cleaned.replace("\r\n", "\n")
        cleaned = _KEEP_MULTILINE.sub("", cleaned)
    else:
        cleaned = re.sub(r"[\t\n\r]+", " ", cleaned)
        cleaned = _CONTROLS.sub("", cleaned)
    if limit is not None:
        cleaned = cleaned[:limit]
    return cleaned


def escape_markup(text: str) -> str:
    """Text that Rich/Textual markup shows literally (``[@click=...]`` stays text)."""
    return escape(text)


def display_safe(text: str, *, limit: int | None = None) -> str:
    """One line of participant text, cleaned and escaped, ready for another's screen."""
    return escape_markup(sanitize(text, limit=limit))
