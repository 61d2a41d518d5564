"""Scenario content: TOML files -> validated plain-data model.

:func:`load_workshop` is what the rest of the program calls: it loads and validates a workshop
and either returns it or raises one :class:`~workshop.errors.ContentError` naming the first
problem's file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.errors import ContentError, UsageError
from workshop.paths import bundled_workshop_dir

if TYPE_CHECKING:
    from workshop.scenario.loader import LoadResult
    from workshop.scenario.model import Workshop

# The model, loader and validator are imported when first used, not with this package: the
# app's first frame needs only the content's outline (workshop.scenario.outline), and importing
# the model's classes alone costs more than a tenth of Textual's own start-up.


def __getattr__(name: str) -> Any:
    if name == "LoadResult":
        from workshop.scenario.loader import LoadResult

        return LoadResult
    if name == "Workshop":
        from workshop.scenario.model import Workshop

        return Workshop
    raise AttributeError(name)


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts shown in ``workshop validate``'s summary."""

    scenarios: int
    scenes: int
    choices: int
    endings: int


def stats(workshop: Workshop) -> Stats:
    """Count a workshop's scenarios, scenes, choices and endings."""
    scenes = [s for sc in workshop.scenarios.values() for s in sc.scenes.values()]
    return Stats(
        scenarios=len(workshop.scenarios),
        scenes=len(scenes),
        choices=sum(len(s.choices) + (1 if s.next else 0) for s in scenes),
        endings=sum(1 for s in scenes if s.ending),
    )


def resolve(path: Path | str | None) -> Path:
    """The content path to load: the given one, or the bundled workshop.

    Raises:
        UsageError: the path does not exist.
    """
    if path is None:
        return bundled_workshop_dir()
    resolved = Path(path).expanduser()
    if not resolved.exists():
        raise UsageError("no such file or folder", path=resolved,
                         hint="give a workshop folder, a workshop.toml or a scenario file")
    # An empty folder would otherwise "validate" as a workshop with nothing in it.
    if resolved.is_dir() and not any(resolved.glob("*.toml")):
        raise UsageError("holds no scenario", path=resolved,
                         hint="give a workshop folder, a workshop.toml or a scenario file")
    return resolved


def check_path(path: Path | str | None = None) -> LoadResult:
    """Load and validate content, returning every diagnostic (for ``workshop validate``)."""
    from workshop.scenario.loader import load_path

    return load_path(resolve(path))


def load_workshop(path: Path | str | None = None) -> Workshop:
    """Load and validate a workshop, ready to play.

    Raises:
        UsageError: the path does not exist.
        ContentError: the content has errors (the message is the first, with a count).
    """
    result = check_path(path)
    if result.errors or result.workshop is None:
        first = result.errors[0].format() if result.errors else "no workshop found"
        more = len(result.errors) - 1
        suffix = f" (and {more} more; run 'workshop validate')" if more > 0 else ""
        raise ContentError(first + suffix)
    return result.workshop


__all__ = ["LoadResult", "Stats", "Workshop", "check_path", "load_workshop", "resolve", "stats"]
