"""Large type for the join command: three rows of box-drawing characters per letter.

A facilitator reads the join line off a projector; at normal size the back row cannot. Each
glyph is three cells wide and three rows high, plus a one-cell gap. Characters without a
glyph fall back to a box with a question mark, so nothing is silently dropped.
"""

from __future__ import annotations

GLYPHS: dict[str, tuple[str, str, str]] = {
    " ": ("   ", "   ", "   "),
    "a": ("┏━┓", "┣━┫", "╹ ╹"),
    "b": ("┳━┓", "┣━┫", "┻━┛"),
    "c": ("┏━╸", "┃  ", "┗━╸"),
    "d": ("┳━┓", "┃ ┃", "┻━┛"),
    "e": ("┏━╸", "┣━ ", "┗━╸"),
    "f": ("┏━╸", "┣━ ", "╹  "),
    "g": ("┏━╸", "┃╺┓", "┗━┛"),
    "h": ("╻ ╻", "┣━┫", "╹ ╹"),
    "i": ("╺┳╸", " ┃ ", "╺┻╸"),
    "j": ("  ╻", "  ┃", "┗━┛"),
    "k": ("╻ ╻", "┣┳┛", "╹┗╸"),
    "l": ("╻  ", "┃  ", "┗━╸"),
    "m": ("┏┳┓", "┃┃┃", "╹╹╹"),
    "n": ("┏┓╻", "┃┃┃", "╹┗┛"),
    "o": ("┏━┓", "┃ ┃", "┗━┛"),
    "p": ("┏━┓", "┣━┛", "╹  "),
    "q": ("┏━┓", "┃ ┃", "┗━╋"),
    "r": ("┏━┓", "┣┳┛", "╹┗╸"),
    "s": ("┏━╸", "┗━┓", "╺━┛"),
    "t": ("╺┳╸", " ┃ ", " ╹ "),
    "u": ("╻ ╻", "┃ ┃", "┗━┛"),
    "v": ("╻ ╻", "┃ ┃", "┗┳┛"),
    "w": ("╻╻╻", "┃┃┃", "┗┻┛"),
    "x": ("╻ ╻", "┗┳┛", "╹ ╹"),
    "y": ("╻ ╻", "┗┳┛", " ╹ "),
    "z": ("╺━┓", "┏━┛", "┗━╸"),
    "0": ("┏━┓", "┃╱┃", "┗━┛"),
    "1": ("╺┓ ", " ┃ ", "╺┻╸"),
    "2": ("╺━┓", "┏━┛", "┗━╸"),
    "3": ("╺━┓", " ━┫", "╺━┛"),
    "4": ("╻ ╻", "┗━┫", "  ╹"),
    "5": ("┏━╸", "┗━┓", "╺━┛"),
    "6": ("┏━╸", "┣━┓", "┗━┛"),
    "7": ("╺━┓", "  ┃", "  ╹"),
    "8": ("┏━┓", "┣━┫", "┗━┛"),
    "9": ("┏━┓", "┗━┫", "╺━┛"),
    "-": ("   ", "╺━╸", "   "),
    "_": ("   ", "   ", "╺━╸"),
    ".": ("   ", "   ", " ╹ "),
    ":": (" ╻ ", "   ", " ╹ "),
    "@": ("┏━┓", "┃┏┫", "┗┻╸"),
    "/": ("  ╱", " ╱ ", "╱  "),
    "%": ("╹ ╱", " ╱ ", "╱ ╻"),
}
UNKNOWN = ("┏━┓", " ┏┛", " ╹ ")
GAP = " "


def width(text: str) -> int:
    """Cells the large rendering of ``text`` takes."""
    return max(0, len(text) * (3 + len(GAP)) - len(GAP))


def render(text: str) -> list[str]:
    """``text`` in large type: three lines of equal width."""
    rows = ["", "", ""]
    for index, char in enumerate(text.lower()):
        glyph = GLYPHS.get(char, UNKNOWN)
        for row in range(3):
            rows[row] += (GAP if index else "") + glyph[row]
    return rows
