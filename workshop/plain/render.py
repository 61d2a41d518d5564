"""Writing the story out, line by line, as clean text.

Plain mode is read top to bottom — often aloud by a screen reader, which speaks every symbol —
so what it prints is words and nothing else, in every terminal: no escape sequences (colour,
cursor movement), no Markdown markers (``**bold**``, ``_emphasis_``, ``> quote``), no
decoration (quote bars, rules of box characters). Markdown is parsed (markdown-it, the parser
the HTML export uses) and written back as text: emphasis dropped, lists as ``- item`` or
``1. item``, quotes indented, links as ``text (address)``.

Prose is wrapped between words to the terminal's width when the output is a terminal whose
width is known, and not at all otherwise (a file, a pipe, a braille display that wraps itself).
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from dataclasses import dataclass
from typing import TextIO

from markdown_it import MarkdownIt
from markdown_it.token import Token

from workshop.text import terminal_safe


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-like piece of text, ready to wrap."""

    text: str
    first: str = ""
    """What precedes its first line (a list marker with its indent)."""
    rest: str = ""
    """What precedes its other lines (the indent that lines up under the text)."""
    tight: bool = False
    """True for an item of a tight list after the first: no blank line before it."""
    verbatim: bool = False
    """Code: printed line by line as written, never wrapped."""


def _inline(token: Token) -> str:
    """An inline token's children as plain words (emphasis dropped, links with address)."""
    parts: list[str] = []
    href = ""
    start = 0
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content or str(child.attrs.get("alt", "") or ""))
        elif child.type == "link_open":
            href = str(child.attrs.get("href", "") or "")
            start = len(parts)
        elif child.type == "link_close":
            label = "".join(parts[start:]).strip()
            # An autolink reads its address once, not "x (x)".
            if href and href not in (label, f"mailto:{label}"):
                parts.append(f" ({href})")
            href = ""
        # em/strong/s open and close, html_inline: nothing to say aloud.
    return "".join(parts)


def blocks(markdown: str) -> list[Block]:
    """The Markdown as plain blocks, in order."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    out: list[Block] = []
    lists: list[list[int]] = []  # per open list: [next number, or -1 for bullets]
    markers: list[str] = []      # the marker waiting for an item's first block
    indent = ""
    quote = 0
    items_seen: list[int] = []
    for at, token in enumerate(tokens):
        kind = token.type
        if kind == "bullet_list_open":
            lists.append([-1])
            items_seen.append(0)
        elif kind == "ordered_list_open":
            lists.append([int(token.attrs.get("start", 1) or 1)])
            items_seen.append(0)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            items_seen.pop()
        elif kind == "list_item_open":
            number = lists[-1][0]
            marker = "- " if number < 0 else f"{number}. "
            if number >= 0:
                lists[-1][0] += 1
            markers.append(marker)
            items_seen[-1] += 1
        elif kind == "list_item_close":
            if markers:
                markers.pop()
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "inline":
            indent = "  " * (quote + max(0, len(lists) - 1))
            text = _inline(token).strip()
            if not text:
                continue
            # markdown-it hides the paragraphs of a tight list: its items follow each other.
            hidden = at > 0 and tokens[at - 1].type == "paragraph_open" and tokens[at - 1].hidden
            if lists and markers and markers[-1]:
                marker = markers[-1]
                markers[-1] = ""  # later blocks of the same item line up under it
                out.append(Block(text, indent + marker, indent + " " * len(marker),
                                 tight=hidden and items_seen[-1] > 1))
            elif lists:
                pad = indent + "  "
                out.append(Block(text, pad, pad, tight=hidden))
            else:
                out.append(Block(text, indent, indent))
        elif kind in ("fence", "code_block"):
            pad = "  " * quote + "    "
            out.append(Block(token.content.rstrip("\n"), pad, pad, verbatim=True))
        elif kind == "html_block":
            text = token.content.strip()
            if text and not text.startswith("<"):
                out.append(Block(text))
        # hr, headings' open/close, paragraph open/close: the text alone carries them.
    return out


def plain_text(markdown: str, width: int | None = None) -> str:
    """Markdown as clean text: wrapped between words at ``width`` (None: not wrapped)."""
    lines: list[str] = []
    for n, block in enumerate(blocks(markdown.strip())):
        if n and not block.tight:
            lines.append("")
        if block.verbatim:
            lines += [f"{block.first}{line}".rstrip() for line in block.text.split("\n")]
            continue
        for k, piece in enumerate(block.text.split("\n")):
            first = block.first if k == 0 else block.rest
            lines += _wrapped(piece.strip(), width, first, block.rest)
    return "\n".join(lines)


def _wrapped(text: str, width: int | None, first: str, rest: str) -> list[str]:
    if width is None:
        return [f"{first}{text}"]
    # A file name or command stays whole: lines break at spaces only.
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False, break_long_words=False) or [first]


def terminal_width(file: TextIO | None = None) -> int | None:
    """The width to wrap at: the terminal's when ``file`` is one and its width is known,
    else None (not wrapped: a pipe, a file, or a terminal that reports no width)."""
    stream = file or sys.stdout
    isatty = getattr(stream, "isatty", None)
    if isatty is None or not isatty():
        return None
    columns = shutil.get_terminal_size((0, 0)).columns
    return columns if columns >= 20 else None


class Renderer:
    """Prints headings, Markdown and notices to one stream, as plain lines.

    Everything it prints comes from content files or records, so every method cleans its text
    with :func:`~workshop.text.terminal_safe` first: no escape sequence in a scenario reaches
    the player's terminal.
    """

    def __init__(self, file: TextIO | None = None, *, width: int | None = 0) -> None:
        """Args:
        file: Where to print (default: standard output).
        width: Wrap at this many columns; None never wraps; 0 (the default) asks the
            terminal (:func:`terminal_width`).
        """
        self.file = file
        self.width = terminal_width(file) if width == 0 else width

    def _print(self, text: str = "") -> None:
        stream = self.file or sys.stdout
        stream.write(f"{terminal_safe(text, multiline=True)}\n")
        stream.flush()

    def _prose(self, text: str, prefix: str = "") -> None:
        # Cleaned before wrapping, so an escape sequence never counts towards a line's width.
        text = terminal_safe(text, multiline=True)
        if self.width is None:
            self._print(f"{prefix}{text}")
            return
        for line in _wrapped(f"{prefix}{text}", self.width, "", ""):
            self._print(line)

    def blank(self) -> None:
        """An empty line between blocks."""
        self._print()

    def heading(self, text: str) -> None:
        """A short line that introduces a block."""
        self._prose(text)

    def markdown(self, text: str) -> None:
        """Scene text, consequences, reflections: Markdown, printed as clean text."""
        text = terminal_safe(text, multiline=True)
        if text.strip():
            self._print(plain_text(text, self.width))

    def note(self, text: str) -> None:
        """A quiet line: progress, where things were saved, how to resume.

        Never wrapped by us, so a command in it stays one line to copy.
        """
        self._print(text)

    def aside(self, text: str) -> None:
        """A sentence of prose (a scenario's summary, the workshop's promise), wrapped
        between words so no word breaks at the terminal's edge."""
        self._prose(text)

    def consequence(self, text: str) -> None:
        """What a choice led to, set apart from the scene text by a word."""
        text = terminal_safe(text, multiline=True)
        if text.strip():
            self._print(plain_text(f"Consequence: {text.strip()}", self.width))

    def error(self, text: str) -> None:
        """A problem the player should see."""
        self._prose(text)
