"""``--watch``: notice when scenario files change, reload them, replay the choices made so far.

Polling modification times twice a second is enough for an author saving a file, and needs no
extra dependency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workshop.play.context import PlayContext
from workshop.play.scratch import ScratchSession, replay
from workshop.scenario import check_path, resolve


class ContentWatcher:
    """Remembers the content files' modification times and says when they change."""

    def __init__(self, content: Path | None) -> None:
        self.root = resolve(content)
        self.stamps = self._stamps()

    def _stamps(self) -> dict[Path, float]:
        files = [self.root] if self.root.is_file() else sorted(self.root.rglob("*.toml"))
        stamps: dict[Path, float] = {}
        for path in files:
            try:
                stamps[path] = path.stat().st_mtime
            except OSError:
                continue  # Deleted between listing and stat: the next poll sees it gone.
        return stamps

    def changed(self) -> bool:
        """True (once) when a file was added, removed or saved since the last call."""
        stamps = self._stamps()
        if stamps == self.stamps:
            return False
        self.stamps = stamps
        return True


@dataclass
class Reload:
    """What a reload did."""

    errors: list[str] = field(default_factory=list)
    """Validation errors: nothing was replaced."""
    problems: list[str] = field(default_factory=list)
    """Steps of the old path that the new content no longer allows."""


def reload_session(context: PlayContext) -> Reload:
    """Load the content again; when it validates, replay the current session on it."""
    result = check_path(context.options.content)
    if result.errors or result.workshop is None:
        return Reload(errors=[e.format() for e in result.errors] or ["no workshop found"])
    workshop = result.workshop
    context.workshop = workshop
    old = context.session
    if old is None:
        return Reload()
    journey, problems = replay(workshop, old.journey)
    context.session = ScratchSession(workshop, journey, old.notes)
    return Reload(problems=problems)
