"""Source files and the lines of their keys.

``tomllib`` gives plain data without positions, so errors would have nowhere to point. A
:class:`SourceFile` keeps a file's text and, only when a diagnostic asks for it, scans the text
once to map key paths (``("scenes", "intro", "choices", 0, "goto")``) to 1-based line numbers.
Valid files never pay for the scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

KeyPath = tuple[str | int, ...]
"""A path into the parsed TOML: table keys and array indices."""

_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_PART = re.compile(r"""[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'""")


def _split_key(text: str) -> list[str]:
    parts = []
    for match in _PART.finditer(text):
        part = match.group()
        if part[0] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return parts


def _bracket_balance(value: str) -> int:
    """Open minus close brackets in a value, ignoring brackets inside simple strings."""
    stripped = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', "", value)
    stripped = stripped.split("#", 1)[0]
    return stripped.count("[") + stripped.count("{") - stripped.count("]") - stripped.count("}")


def index_lines(text: str) -> dict[KeyPath, int]:
    """Map every table and key path in a TOML text to the line it starts on."""
    lines: dict[KeyPath, int] = {}
    aot: dict[KeyPath, int] = {}
    table: KeyPath = ()
    raw = text.splitlines()
    i = 0
    while i < len(raw):
        line = raw[i]
        number = i + 1
        i += 1
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        header = _HEADER.match(line) if stripped.startswith("[") else None
        if header:
            parts = _split_key(header.group(2))
            resolved: list[str | int] = []
            for part in parts[:-1] if header.group(1) == "[[" else parts:
                resolved.append(part)
                if tuple(resolved) in aot:
                    resolved.append(aot[tuple(resolved)])
            if header.group(1) == "[[":
                resolved.append(parts[-1] if parts else "")
                full = tuple(resolved)
                aot[full] = aot.get(full, -1) + 1
                lines.setdefault(full, number)
                resolved.append(aot[full])
            table = tuple(resolved)
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if not key:
            continue
        path = table + tuple(_split_key(key.group(1)))
        lines.setdefault(path, number)
        value = line[key.end() :]
        # Skip the body of a multi-line string or a multi-line array/inline table.
        for quote in ('"""', "'''"):
            if value.count(quote) % 2 == 1:
                while i < len(raw) and quote not in raw[i]:
                    i += 1
                i += 1
                break
        else:
            depth = _bracket_balance(value)
            while depth > 0 and i < len(raw):
                depth += _bracket_balance(raw[i])
                i += 1
    return lines


@dataclass(eq=False)
class SourceFile:
    """A content file's path and text, with a lazily built map of key lines."""

    path: Path
    text: str
    _lines: dict[KeyPath, int] | None = field(default=None, repr=False)

    def line_of(self, keypath: KeyPath) -> int:
        """The line where ``keypath`` (or its nearest enclosing table or key) is written."""
        if self._lines is None:
            self._lines = index_lines(self.text)
        path = tuple(keypath)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return 1

    def column_of(self, line: int, fragment: str) -> int | None:
        """The 1-based column where ``fragment`` starts on ``line``, if it is there."""
        lines = self.text.splitlines()
        if 1 <= line <= len(lines):
            at = lines[line - 1].find(fragment)
            if at >= 0:
                return at + 1
        return None
