"""Read TOML with a nesting limit: every TOML file the workshop reads goes through here.

``tomllib`` parses nested arrays and inline tables by recursion, so a file with a few
thousand ``[`` in a row ends in ``RecursionError`` instead of an error that names the file;
dotted keys and table headers (``[a.b.c...]``) nest without any recursion but leave data that
our own code (and ``tomli_w``, ``==``, ``copy``) would then walk recursively. :func:`loads`
guards both: a cheap scan of the text for bracket depth outside strings and comments before
parsing, then an iterative walk of the parsed data. Either way, anything nested deeper than
:data:`MAX_DEPTH` raises :class:`TooDeepError`, a ``tomllib.TOMLDecodeError`` whose message
ends in tomllib's own ``(at line N, column M)`` when the line is known, so every reader's
existing handling of bad TOML turns it into its one-line error.

Numbers tomllib turns into a bare ``ValueError`` (an integer of more than 4,300 digits) are
reported the same way, as :class:`tomllib.TOMLDecodeError`.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

MAX_DEPTH = 32
"""The deepest nesting of tables and arrays any workshop file may have.

The deepest legitimate file (a scenario: scenes > scene > choices > choice > signals) is about
six levels deep; 32 is far above anything real and far below where recursion gets near
Python's limit. ``docs/records.md`` and ``docs/authoring.md`` state it.
"""

_SPECIAL = re.compile(r"[\"'#\[\]{}]")
"""The characters that can open a string, a comment or a level of nesting."""

_SKIP = re.compile(
    r'"""(?:\\.|[^\\])*?(?:"""|\Z)'  # multi-line basic string (escapes may hide a quote)
    r"|'''.*?(?:'''|\Z)"  # multi-line literal string
    r'|"(?:\\.|[^"\\\n])*(?:"|$)'  # basic string, up to the end of its line
    r"|'[^'\n]*(?:'|$)"  # literal string
    r"|\#[^\n]*",  # comment
    re.DOTALL | re.MULTILINE,
)
"""What to skip whole: inside strings and comments, brackets do not nest anything.

An unterminated string is skipped to the end of its line (or of the file for a multi-line
one); tomllib reports it properly afterwards.
"""

_SHOWN_KEYS = 4
"""How many parts of a too-deep key path the message shows before '...'."""


class TooDeepError(tomllib.TOMLDecodeError):
    """A TOML document nested deeper than :data:`MAX_DEPTH`.

    Attributes:
        line: The 1-based line where the limit is passed, when known.
        column: The 1-based column there, when known.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        where = f" (at line {line}, column {column})" if line is not None else ""
        # ValueError's constructor, not TOMLDecodeError's: its signature changes in 3.14.
        ValueError.__init__(self, message + where)
        self.line = line
        self.column = column


def _too_deep(what: str) -> str:
    return f"{what} nested more than {MAX_DEPTH} levels deep"


def scan_depth(text: str, limit: int = MAX_DEPTH) -> tuple[int, int] | None:
    """Where brackets outside strings and comments first nest deeper than ``limit``.

    Table headers count too (``[[a]]`` is two levels for a moment), which only matters
    for a limit far below anything used here.

    Returns:
        The 1-based ``(line, column)`` of the bracket that passes the limit, or None.
    """
    # Few brackets cannot nest deep: most files never need the scan.
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    pos = 0
    while True:
        found = _SPECIAL.search(text, pos)
        if found is None:
            return None
        at = found.start()
        char = text[at]
        if char in "[{":
            depth += 1
            if depth > limit:
                line_start = text.rfind("\n", 0, at) + 1
                return text.count("\n", 0, at) + 1, at - line_start + 1
            pos = at + 1
        elif char in "]}":
            depth = max(0, depth - 1)
            pos = at + 1
        else:
            skipped = _SKIP.match(text, at)
            pos = skipped.end() if skipped is not None and skipped.end() > at else at + 1


def check_depth(data: Any, limit: int = MAX_DEPTH) -> tuple[str | int, ...] | None:
    """The key path of the first value nested deeper than ``limit`` (None if there is none).

    Iterative, so it is safe on data of any depth.
    """
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            children: Any = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            continue
        if len(path) > limit:
            return path
        for key, child in children:
            if isinstance(child, dict | list):
                stack.append((child, (*path, key)))
    return None


def _show_path(path: tuple[str | int, ...]) -> str:
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[:_SHOWN_KEYS]]
    shown = "".join(parts).lstrip(".")
    return shown + ("..." if len(path) > _SHOWN_KEYS else "")


def loads(text: str) -> dict[str, Any]:
    """Parse TOML like :func:`tomllib.loads`, refusing anything nested deeper than the limit.

    Raises:
        TooDeepError: the document nests arrays, inline tables or tables too deep.
        tomllib.TOMLDecodeError: the text is not valid TOML (including numbers too long to
            convert, which tomllib reports as a bare ``ValueError``).
    """
    where = scan_depth(text)
    if where is not None:
        raise TooDeepError(_too_deep("arrays or inline tables"), *where)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except RecursionError:
        # The scan should have caught this; never let the interpreter's error out.
        raise TooDeepError(_too_deep("arrays or inline tables")) from None
    except ValueError as error:
        # Python refuses to convert integers of more than 4,300 digits (a guard against slow
        # conversions); tomllib lets that ValueError out unexplained.
        reason = "a number has too many digits" if "digits" in str(error) else str(error)
        raise tomllib.TOMLDecodeError(f"a value cannot be read: {reason}") from None
    path = check_depth(data)
    if path is not None:
        raise TooDeepError(_too_deep(f"tables (key '{_show_path(path)}')"))
    return data
