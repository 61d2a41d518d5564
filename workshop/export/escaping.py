"""Making people's text inert in the medium an export writes it to: Markdown (and the HTML made
from it) and CSV.

Who is trusted with what:

- **Participants' text** (free-text answers, reasons, notes, answers shared with a room, and
  anything a record file holds, such as ids) is data. In Markdown it is escaped so it renders
  back as the same words and nothing else: ``<``, ``>`` and ``&`` become HTML entities (inert in
  every Markdown flavour, not only CommonMark), Markdown's own punctuation gets a backslash, and
  what would start a block at the beginning of a line (a list, a heading, a setext underline, a
  thematic break) is escaped too. Invisible characters that make text read differently from
  what it is (controls, zero-width characters, bidirectional overrides) are dropped.
- **Content** (the workshop's TOML: scene titles, questions, notes, reflection texts) belongs
  to its author and is written as Markdown, so it may use emphasis or a list. It is still never
  live HTML where it matters: the HTML export renders with raw HTML, links and images switched
  off (see :mod:`workshop.export.html_page`).
- **CSV cells** that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return, as OWASP lists them, or their full-width forms) get a
  leading single quote, after every other change to the cell, so the quote is what the
  spreadsheet sees first. Numbers the export writes itself stay numbers.
"""

from __future__ import annotations

import re

FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
"""First characters that make a spreadsheet evaluate a cell (OWASP's list and the full-width
forms some spreadsheets also accept)."""

# C0 controls but tab and newline, DEL, C1 controls; zero-width characters; bidirectional
# marks, embeddings, overrides and isolates (they can make a line read backwards).
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u2064\u2066-\u2069\ufeff]")
MARKDOWN_SPECIAL = "\\`*_[]|~!#$"
"""Markdown punctuation that can start emphasis, a link, an image, code, a table cell,
strikethrough, math or a heading anywhere in a line; each gets a backslash (CommonMark lets any
ASCII punctuation be escaped)."""
# HTML's three, last: the entities they become hold no Markdown punctuation to escape again.
_HTML_SPECIAL = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
# What starts a list item, a setext underline or a thematic break at the start of a line.
_LINE_START = re.compile(r"^([-+=]|\d+[.)])")
_CODE_SAFE = re.compile(r"[\w.:@+-]+")


def visible(text: str) -> str:
    """Text without the characters that hide or reorder what it shows (newlines kept)."""
    return _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def markdown_line(line: str) -> str:
    """One line of a person's text as Markdown that renders back to the same words.

    Leading and trailing blanks go (four spaces would make a code block).
    """
    return _escape_line(visible(line).replace("\n", " "))


def _escape_line(line: str) -> str:
    line = line.strip()
    # One replace per character: far quicker than a regular expression's callback per match
    # on punctuation-heavy text. The backslash goes first so no escape is escaped twice.
    for char in MARKDOWN_SPECIAL:
        if char in line:
            line = line.replace(char, "\\" + char)
    for char, entity in _HTML_SPECIAL:
        line = line.replace(char, entity)
    match = _LINE_START.match(line)
    if match:
        at = match.end() - 1
        line = line[:at] + "\\" + line[at:]
    return line


def markdown_text(text: str) -> str:
    """A person's text as Markdown lines (see :func:`markdown_line`), line breaks kept."""
    return "\n".join(_escape_line(line) for line in visible(text).split("\n"))


def markdown_code(text: str) -> str:
    """An id from a file in a code span when it is a plain word, else as escaped text (a
    backtick in it would end the span)."""
    return f"`{text}`" if _CODE_SAFE.fullmatch(text) else markdown_line(text)


def csv_cell(value: object) -> object:
    """A cell as a spreadsheet will not evaluate it: text that could start a formula, even after
    blanks, gets a leading ``'``; numbers and other values pass unchanged.

    Call it last, on the cell exactly as it will be written.
    """
    if not isinstance(value, str):
        return value
    # A spreadsheet may skip leading blanks before it looks for a formula.
    if value[:1] in FORMULA_START or value.lstrip(" \n\x0b\x0c")[:1] in FORMULA_START:
        return "'" + value
    return value
