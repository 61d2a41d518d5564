"""What a participant's terminal can do, judged from what the SSH client tells us.

Clients send ``TERM`` with the PTY request but almost never ``COLORTERM``; a ``TERM`` is
checked before it reaches the session's environment (it is a string from the network).
"""

from __future__ import annotations

import re

DEFAULT_TERM = "xterm-256color"
_TERM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
_TRUECOLOR_TERMS = {"xterm-kitty", "xterm-ghostty", "alacritty", "wezterm", "foot", "contour",
                    "xterm-direct", "iterm2"}
MIN_COLS, MIN_ROWS = 20, 5
MAX_COLS, MAX_ROWS = 1000, 500


def validate_term(term: str | None) -> str:
    """A safe ``TERM`` value: the client's when well-formed, else :data:`DEFAULT_TERM`."""
    if term and _TERM.fullmatch(term):
        return term
    return DEFAULT_TERM


def truecolor(term: str, colorterm: str | None = None) -> bool:
    """Whether to offer 24-bit colour: a known truecolor terminal, or COLORTERM says so."""
    if colorterm in ("truecolor", "24bit"):
        return True
    return term in _TRUECOLOR_TERMS or term.endswith(("-direct", "-truecolor", "-24bit"))


def clamp_size(cols: int, rows: int) -> tuple[int, int]:
    """A window size the PTY accepts (0 from a client that does not say: 80×24)."""
    cols = cols or 80
    rows = rows or 24
    return max(MIN_COLS, min(MAX_COLS, cols)), max(MIN_ROWS, min(MAX_ROWS, rows))
