"""A workshop's outline: what the home screen shows before the whole content is needed.

The outline is a few plain tuples (title, promise, tracks, scenario titles). The app's cache
keeps it in front of the full :class:`~workshop.scenario.model.Workshop`, so the first frame
is drawn without importing the content model or unpickling every scene: those wait until the
player goes somewhere (or until just after that frame, when the home screen looks for an
unfinished session).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from workshop.scenario.model import Workshop


class TrackLine(NamedTuple):
    """A track as the home screen lists it."""

    id: str
    title: str
    scenarios: int
    """How many scenarios the track plays."""
    minutes: int


class ScenarioLine(NamedTuple):
    """A scenario as a picker lists it."""

    id: str
    title: str
    summary: str


class Outline(NamedTuple):
    """A workshop's title, promise, tracks and scenarios, and nothing else."""

    id: str
    title: str
    promise: str
    tracks: tuple[TrackLine, ...]
    """The manifest's tracks; without any, one track of every scenario."""
    scenarios: tuple[ScenarioLine, ...]
    """In the manifest's order."""


def outline(workshop: Workshop) -> Outline:
    """The outline of a loaded workshop."""
    tracks = workshop.tracks or (workshop.track(None),)
    return Outline(
        id=workshop.id,
        title=workshop.title,
        promise=workshop.promise,
        tracks=tuple(TrackLine(t.id, t.title, len(t.scenarios), t.minutes) for t in tracks),
        scenarios=tuple(ScenarioLine(s.id, s.title, s.summary)
                        for s in workshop.scenarios.values()),
    )
