"""One error hierarchy for everything a user can get wrong.

Every user error carries the file it is about, the place in it (a line, a scene, a key) and a
hint that says how to fix it. The command line prints ``str(error)`` as one line and never a
traceback; tests assert on the same text.
"""

from __future__ import annotations

from pathlib import Path


class WorkshopError(Exception):
    """A problem the user can fix: bad input, a missing file, a wrong argument.

    Attributes:
        message: What is wrong, in one sentence.
        path: The file the problem is in, when there is one.
        place: Where in the file: ``"12"`` (a line), ``"scene 'intro'"``, ...
        hint: How to fix it.
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        place: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.place = place
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.place}: " if self.place else f"{self.path}: "
        elif self.place:
            where = f"{self.place}: "
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


class UsageError(WorkshopError):
    """A wrong command-line argument or a path that does not exist (exit code 2)."""

    exit_code = 2


class ContentError(WorkshopError):
    """Scenario or workshop content that does not load or does not validate."""


class ThemeError(WorkshopError):
    """A theme file that cannot be used."""


class RecordError(WorkshopError):
    """A session record that cannot be read or written."""
