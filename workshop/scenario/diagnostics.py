"""Diagnostics: what the loader and validator report, with stable codes.

Every diagnostic prints as ``PATH:LINE: error E006: message (hint)`` (``PATH:LINE:COL:`` for
expressions) so editors and CI annotators can jump to it. The codes are stable:
``docs/authoring.md`` lists each with an example and its fix, and a test keeps the list and
the docs in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from workshop.scenario.expressions import ExpressionError
from workshop.scenario.source import KeyPath, SourceFile

Severity = Literal["error", "warning"]

CODES: dict[str, str] = {
    "E001": "the file is not valid TOML",
    "E002": "unknown key",
    "E003": "missing required key",
    "E004": "wrong type for a key",
    "E005": "duplicate id",
    "E006": "a choice or scene points to a scene that does not exist",
    "E007": "the file cannot be read",
    "E008": "dead end: a scene that is not an ending offers no choice",
    "E009": "loop with no way out: these scenes can never reach an ending",
    "E010": "undefined variable",
    "E011": "type mismatch",
    "E012": "malformed expression",
    "E013": "signal names an axis the workshop does not declare",
    "E014": "a scenario listed in the manifest has no file",
    "E015": "invalid id",
    "E016": "unsupported format version",
    "E017": "a choice must have exactly one way out (goto, detour or return)",
    "E018": "a value is out of its allowed range",
    "E019": "a track names a scenario the workshop does not list",
    "E020": "the workshop's reflection.toml does not fit its format",
    "E021": "nested too deep",
    "E022": "a format 1.1 feature in a format 1 file",
    "E023": "a scenario variable shadows a workshop-level variable",
    "W001": "unreachable scene",
    "W002": "a choice that can never be enabled or shown",
    "W003": "a scene that can run out of choices when revisited",
    "W004": "an ending with choices (they are never offered)",
    "W005": "a variable that is declared but never used",
    "W006": "a declared axis that no choice or rating speaks to",
    "W007": "a 'return' choice in a scene no detour reaches",
    "W008": "a fallback that can never be offered",
    "W009": "a detour that never comes back",
    "W010": "a 'minutes' figure more than 15% away from the computed estimate",
}
"""Every diagnostic code and what it means (the docs list the same codes)."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a content file."""

    code: str
    """Stable code, e.g. ``E006``."""
    message: str
    source: SourceFile | None
    """The file it is in (None for problems with no file, such as a missing folder)."""
    keypath: KeyPath = ()
    """Where in the parsed data; turned into a line on demand."""
    line: int | None = None
    """An explicit line (TOML syntax errors know theirs)."""
    column: int | None = None
    hint: str = ""

    @property
    def severity(self) -> Severity:
        """``"error"`` for E codes, ``"warning"`` for W codes."""
        return "warning" if self.code.startswith("W") else "error"

    @property
    def path(self) -> Path | None:
        """The file's path."""
        return self.source.path if self.source else None

    @property
    def lineno(self) -> int:
        """The 1-based line the problem is on."""
        if self.line is not None:
            return self.line
        if self.source is None:
            return 1
        return self.source.line_of(self.keypath)

    def format(self) -> str:
        """``PATH:LINE[:COL]: severity CODE: message (hint)``."""
        where = str(self.path) if self.path else "<workshop>"
        place = f"{where}:{self.lineno}"
        if self.column is not None:
            place += f":{self.column}"
        hint = f" ({self.hint})" if self.hint else ""
        return f"{place}: {self.severity} {self.code}: {self.message}{hint}"

    def to_json(self) -> dict[str, object]:
        """Plain data for ``--format json``."""
        return {
            "code": self.code,
            "severity": self.severity,
            "path": str(self.path) if self.path else None,
            "line": self.lineno,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }


class Sink:
    """Collects diagnostics while a file is loaded and validated."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(
        self,
        code: str,
        message: str,
        source: SourceFile | None,
        keypath: KeyPath = (),
        *,
        hint: str = "",
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        """Record one diagnostic."""
        assert code in CODES, code
        self.items.append(Diagnostic(code, message, source, keypath, line, column, hint))

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that fail validation."""
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that only warn."""
        return [d for d in self.items if d.severity == "warning"]


_SHOWN_EXPRESSION = 100
"""The longest expression a diagnostic quotes whole; longer ones are cut with '...'."""


def report_expression(
    sink: Sink,
    source: SourceFile,
    path: KeyPath,
    text: str,
    error: ExpressionError,
    code: str,
    *,
    hint: str = "",
) -> None:
    """Report an expression problem with the line and column of the offending token.

    The position follows the string as written in the file (escapes, inline tables,
    multi-line strings); the message shows the expression on one line.
    """
    where = source.string_position(path, error.column - 1)
    line, column = where if where is not None else (source.line_of(path), None)
    shown = " ".join(text.split())
    if len(shown) > _SHOWN_EXPRESSION:
        # A hostile or runaway condition (thousands of 'not') would flood the line.
        shown = shown[: _SHOWN_EXPRESSION - 3] + "..."
    sink.add(code, f"{error.message} in '{shown}'", source, path, line=line, column=column,
             hint=hint)
