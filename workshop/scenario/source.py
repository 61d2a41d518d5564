"""Source files and the lines of their keys.

``tomllib`` gives plain data without positions, so errors would have nowhere to point. A
:class:`SourceFile` keeps a file's text and, only when a diagnostic asks for it, scans the text
once to map key paths (``("scenes", "intro", "choices", 0, "goto")``) to 1-based line numbers
and to where each value starts. The scan knows tables, arrays of tables (nested too), dotted
and quoted keys, inline tables, arrays and multi-line strings; :meth:`SourceFile.string_position`
then turns a character of a string value (an expression's error column) into the file's line
and column, following escapes. Valid files never pay for the scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

KeyPath = tuple[str | int, ...]
"""A path into the parsed TOML: table keys and array indices."""

_BARE = r"[A-Za-z0-9_\-]+"
_BASIC = r'"(?:[^"\\\n]|\\.)*"'
_LITERAL = r"'[^'\n]*'"
_PART_RE = rf"(?:{_BARE}|{_BASIC}|{_LITERAL})"
_DOTTED = rf"{_PART_RE}(?:[ \t]*\.[ \t]*{_PART_RE})*"
_HEADER = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_DOTTED})[ \t]*\]")
_KEY = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=[ \t]*")
_PART = re.compile(_PART_RE)
_BASIC_STRING = re.compile(_BASIC)
_SCALAR = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}[0-9:.]*(?:[Zz]|[+-]\d{2}:\d{2})?|[^,\]\}\s#]+"
)
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _unescape(body: str) -> str:
    """Decode the escapes of a basic string's body (for quoted keys)."""
    out = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            code = body[i + 1]
            if code in "uU":
                width = 4 if code == "u" else 8
                try:
                    out.append(chr(int(body[i + 2 : i + 2 + width], 16)))
                except ValueError:
                    out.append(code)
                i += 2 + width
                continue
            out.append(_ESCAPES.get(code, code))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _split_key(text: str) -> list[str]:
    if '"' not in text and "'" not in text:
        # The common case, bare keys: no need for the regular expression.
        return [part.strip() for part in text.split(".")]
    parts = []
    for match in _PART.finditer(text):
        part = match.group()
        if part[0] == '"':
            part = _unescape(part[1:-1])
        elif part[0] == "'":
            part = part[1:-1]
        parts.append(part)
    return parts


class _Indexer:
    """One pass over a TOML text, recording where each table, key and array item starts.

    Lines of plain ``key = value`` pairs are handled a line at a time; only values that can
    hold more structure (arrays, inline tables, multi-line strings) are walked character by
    character, so indexing stays fast on large files.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: dict[KeyPath, int] = {}
        self.values: dict[KeyPath, int] = {}
        """Offset in the text where each key's (or array item's) value starts."""
        self.lineno = 1

    def note(self, path: KeyPath, at: int | None = None) -> None:
        self.lines.setdefault(path, self.lineno)
        if at is not None:
            self.values.setdefault(path, at)

    def note_key(self, base: KeyPath, parts: list[str], at: int) -> KeyPath:
        # A dotted key (a.b.c = 1) also defines the tables a and a.b on this line.
        path = base
        for part in parts:
            path = (*path, part)
            self.note(path)
        self.values.setdefault(path, at)
        return path

    def skip_line(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        if end < 0:
            return len(self.text)
        self.lineno += 1
        return end + 1

    def run(self) -> dict[KeyPath, int]:
        text = self.text
        aot: dict[KeyPath, int] = {}
        table: KeyPath = ()
        pos = 0
        while pos < len(text):
            header = _HEADER.match(text, pos)
            if header:
                parts = _split_key(header.group(2))
                is_aot = header.group(1) == "[["
                resolved: list[str | int] = []
                for part in parts[:-1] if is_aot else parts:
                    resolved.append(part)
                    self.note(tuple(resolved))
                    if tuple(resolved) in aot:
                        resolved.append(aot[tuple(resolved)])
                if is_aot:
                    resolved.append(parts[-1] if parts else "")
                    full = tuple(resolved)
                    aot[full] = aot.get(full, -1) + 1
                    self.note(full)
                    resolved.append(aot[full])
                table = tuple(resolved)
                self.note(table)
                pos = self.skip_line(header.end())
                continue
            key = _KEY.match(text, pos)
            if key:
                path = self.note_key(table, _split_key(key.group(1)), key.end())
                pos = self.skip_line(self.value(key.end(), path))
                continue
            pos = self.skip_line(pos)
        return self.lines

    def blank(self, pos: int) -> int:
        """Skip spaces, newlines and comments inside an array or inline table."""
        text = self.text
        while pos < len(text):
            char = text[pos]
            if char in " \t\r":
                pos += 1
            elif char == "\n":
                self.lineno += 1
                pos += 1
            elif char == "#":
                end = text.find("\n", pos)
                pos = len(text) if end < 0 else end
            else:
                break
        return pos

    def value(self, pos: int, path: KeyPath) -> int:
        """Index one value starting at ``pos``; return the offset just after it."""
        text = self.text
        if pos >= len(text):
            return pos
        if text.startswith(('"""', "'''"), pos):
            return self.multiline(pos)
        char = text[pos]
        if char == '"':
            match = _BASIC_STRING.match(text, pos)
            return match.end() if match else pos + 1
        if char == "'":
            end = text.find("'", pos + 1)
            return len(text) if end < 0 else end + 1
        if char == "[":
            return self.array(pos + 1, path)
        if char == "{":
            return self.inline_table(pos + 1, path)
        match = _SCALAR.match(text, pos)
        return match.end() if match else pos + 1

    def multiline(self, pos: int) -> int:
        text = self.text
        quote = text[pos : pos + 3]
        at = pos + 3
        while True:
            end = text.find(quote, at)
            if end < 0:
                end = len(text)
                break
            backslashes = 0
            while quote == '"""' and text[end - 1 - backslashes] == "\\":
                backslashes += 1
            if backslashes % 2 == 0:
                # Up to two quotes may sit just before the closing delimiter.
                extra = 0
                while extra < 2 and text.startswith(quote[0], end + 3):
                    end += 1
                    extra += 1
                break
            at = end + 1
        self.lineno += text.count("\n", pos, end)
        return min(end + 3, len(text))

    def array(self, pos: int, path: KeyPath) -> int:
        text = self.text
        index = 0
        while True:
            pos = self.blank(pos)
            if pos >= len(text):
                return pos
            char = text[pos]
            if char == "]":
                return pos + 1
            if char == ",":
                pos += 1
                continue
            item = (*path, index)
            self.note(item, pos)
            after = self.value(pos, item)
            pos = after if after > pos else pos + 1
            index += 1

    def inline_table(self, pos: int, path: KeyPath) -> int:
        text = self.text
        while True:
            pos = self.blank(pos)
            if pos >= len(text):
                return pos
            char = text[pos]
            if char == "}":
                return pos + 1
            if char == ",":
                pos += 1
                continue
            key = _KEY.match(text, pos)
            if not key:
                return pos + 1
            sub = self.note_key(path, _split_key(key.group(1)), key.end())
            after = self.value(key.end(), sub)
            pos = after if after > pos else pos + 1


def index_lines(text: str) -> dict[KeyPath, int]:
    """Map every table, key and array item path in a TOML text to the line it starts on."""
    return _Indexer(text).run()


@dataclass(eq=False)
class SourceFile:
    """A content file's path and text, with a lazily built map of key lines."""

    path: Path
    text: str
    _index: _Indexer | None = field(default=None, repr=False)

    def _indexed(self) -> _Indexer:
        if self._index is None:
            self._index = _Indexer(self.text)
            self._index.run()
        return self._index

    def line_of(self, keypath: KeyPath) -> int:
        """The line where ``keypath`` (or its nearest enclosing table or key) is written."""
        lines = self._indexed().lines
        path = tuple(keypath)
        while path:
            if path in lines:
                return lines[path]
            path = path[:-1]
        return 1

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a character offset in the text."""
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, column

    def string_position(self, keypath: KeyPath, index: int) -> tuple[int, int] | None:
        """Where the ``index``-th character (0-based) of a string value is written.

        Follows the file's own spelling of the string: escapes (``\\"``, ``\\u00e9``),
        literal and multi-line strings (whose first newline and line-ending backslashes
        TOML drops). ``index`` may be the string's length: the closing quote. None when the
        key's value is not a string in this file.
        """
        at = self._indexed().values.get(tuple(keypath))
        text = self.text
        if at is None or at >= len(text) or text[at] not in "\"'":
            return None
        quote = text[at : at + 3] if text.startswith(('"""', "'''"), at) else text[at]
        basic = quote[0] == '"'
        multiline = len(quote) == 3
        i = at + len(quote)
        if multiline and text.startswith("\n", i):
            i += 1
        elif multiline and text.startswith("\r\n", i):
            i += 2
        count = 0
        while i < len(text):
            if basic and multiline and text[i] == "\\" and _line_ending_backslash(text, i):
                # A backslash at the end of a line swallows the newline and what follows.
                i += 1
                while i < len(text) and text[i] in " \t\r\n":
                    i += 1
                continue
            if count == index:
                return self.position(i)
            if text.startswith(quote, i) and not (basic and _escaped(text, i)):
                return None
            if basic and text[i] == "\\":
                code = text[i + 1 : i + 2]
                i += 6 if code == "u" else 10 if code == "U" else 2
            else:
                i += 1
            count += 1
        return None

    def column_of(self, line: int, fragment: str) -> int | None:
        """The 1-based column where ``fragment`` starts on ``line``, if it is there."""
        lines = self.text.splitlines()
        if 1 <= line <= len(lines):
            at = lines[line - 1].find(fragment)
            if at >= 0:
                return at + 1
        return None


def _escaped(text: str, i: int) -> bool:
    """Whether the character at ``i`` follows an odd number of backslashes."""
    count = 0
    while i - 1 - count >= 0 and text[i - 1 - count] == "\\":
        count += 1
    return count % 2 == 1


def _line_ending_backslash(text: str, i: int) -> bool:
    """A backslash followed only by spaces up to the end of the line (not itself escaped)."""
    j = i + 1
    while j < len(text) and text[j] in " \t\r":
        j += 1
    return (j >= len(text) or text[j] == "\n") and not _escaped(text, i)
