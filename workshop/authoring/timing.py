"""How long a scenario and a track take to play, computed from the content, not guessed.

A scenario's estimate is the mean, over the paths ``workshop explore`` can play (every
distinct path, or past explore's cap its seeded random playthroughs: see
:func:`workshop.authoring.explore.playthroughs`), of the time one path takes::

    words read / WORDS_PER_MINUTE
    + SECONDS_PER_CHOICE for each choice made (a "Continue" is not a choice)
    + SECONDS_PER_RATING for each 1-5 rating asked
    + SECONDS_PER_ANSWER for each free-text question asked

Words read are those the player is shown on the way: each scene's text (with the parts whose
conditions hold), the labels of the choices offered, the consequences of the choices taken,
and the questions asked. A track's estimate is the sum of its scenarios'. ``workshop
validate`` prints the estimates and warns (W010) where a ``minutes`` figure is more than
:data:`TOLERANCE` away from them. The constants are documented in ``docs/authoring.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.authoring.explore import playthroughs
from workshop.engine import Run
from workshop.scenario.diagnostics import Diagnostic
from workshop.scenario.model import Ask, Scenario, Scene, Workshop

WORDS_PER_MINUTE = 200
"""Reading speed: an unhurried reader of prose on a screen."""
SECONDS_PER_CHOICE = 20
"""Time to weigh the choices offered and take one."""
SECONDS_PER_RATING = 20
"""Time to answer a 1-5 rating."""
SECONDS_PER_ANSWER = 90
"""Time to write a free-text answer."""
TOLERANCE = 0.15
"""How far a declared ``minutes`` may be from the estimate before W010 warns."""


@dataclass(frozen=True, slots=True)
class PathCost:
    """What one path through a scenario asks of the player."""

    words: int
    choices: int
    ratings: int
    answers: int

    @property
    def minutes(self) -> float:
        """The path's time by the constants above."""
        seconds = (self.choices * SECONDS_PER_CHOICE + self.ratings * SECONDS_PER_RATING
                   + self.answers * SECONDS_PER_ANSWER)
        return self.words / WORDS_PER_MINUTE + seconds / 60


@dataclass(frozen=True, slots=True)
class Estimate:
    """One scenario's or track's computed time, beside the figure its file declares."""

    id: str
    minutes: float
    """Computed, unrounded."""
    declared: int
    """The ``minutes`` the file gives (0: none given)."""

    @property
    def rounded(self) -> int:
        """The estimate in whole minutes, at least 1 (``minutes`` figures are whole)."""
        return max(1, round(self.minutes))

    @property
    def off(self) -> bool:
        """The declared figure is more than :data:`TOLERANCE` away from the estimate (a
        figure equal to the rounded estimate is never off: it cannot be written closer)."""
        if not self.declared or self.declared == self.rounded:
            return False
        return abs(self.declared - self.minutes) > TOLERANCE * self.minutes


def _words(text: str) -> int:
    return len(text.split())


def _questions(scene: Scene) -> tuple[Ask, ...]:
    """The questions a scene asks, in order (its ``ask`` or its ``[[questions]]``)."""
    return tuple(scene.asks)


def path_cost(scenario: Scenario, choices: tuple[str, ...]) -> PathCost:
    """Replay one path and count what the player reads, chooses and answers on it."""
    run = Run.start(scenario)
    words = choices_made = ratings = answers = 0
    asked: set[str] = set()

    def enter() -> tuple[int, int, int]:
        scene = run.scene
        read, rate, write = _words(run.text()), 0, 0
        if not scene.ending and not scene.next:
            read += sum(_words(view.label) for view in run.choices())
        for ask in _questions(scene):
            if ask.id in asked:
                continue  # answered on an earlier visit: not asked again
            asked.add(ask.id)
            read += _words(ask.question)
            if ask.kind == "rating":
                rate += 1
            else:
                write += 1
        return read, rate, write

    read, ratings, answers = enter()
    words += read
    for choice_id in choices:
        if not run.scene.next:
            choices_made += 1
        step = run.choose(choice_id)
        read, rate, write = enter()
        words += read + _words(step.consequence)
        ratings += rate
        answers += write
    return PathCost(words, choices_made, ratings, answers)


RANDOM_PATHS = 50
"""Seeded random playthroughs averaged when a scenario has too many paths to list (explore
plays 200 for coverage; a mean in whole minutes settles with far fewer, and each path is
replayed to be counted: a 500-scene scenario took 9 s with 200, about 3 s with 50)."""


def scenario_minutes(scenario: Scenario) -> float:
    """The mean time of the paths ``explore`` plays through a scenario."""
    paths = playthroughs(scenario, runs=RANDOM_PATHS)
    if not paths:
        return 0.0
    costs = [path_cost(scenario, path.choices).minutes for path in paths]
    return sum(costs) / len(costs)


@dataclass(frozen=True, slots=True)
class Timing:
    """Every scenario's and track's estimate for one workshop."""

    scenarios: dict[str, Estimate]
    tracks: dict[str, Estimate]
    """By track id; a workshop without tracks has one, ``all``."""


def estimate(workshop: Workshop) -> Timing:
    """Estimate every scenario and track of a valid workshop."""
    scenarios = {
        scenario.id: Estimate(scenario.id, scenario_minutes(scenario), scenario.minutes)
        for scenario in workshop.scenarios.values()
    }
    tracks = workshop.tracks or (workshop.track(),)
    return Timing(scenarios, {
        track.id: Estimate(
            track.id,
            sum(scenarios[s].minutes for s in track.scenarios if s in scenarios),
            track.minutes,
        )
        for track in tracks
    })


_HOW = "see 'Track minutes' in docs/authoring.md"


def _says(minutes: int) -> str:
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def diagnostics(workshop: Workshop, timing: Timing) -> list[Diagnostic]:
    """W010 for each ``minutes`` figure more than :data:`TOLERANCE` off its estimate."""
    found: list[Diagnostic] = []
    for scenario in workshop.scenarios.values():
        est = timing.scenarios[scenario.id]
        if est.off:
            found.append(Diagnostic(
                "W010", f"scenario '{scenario.id}' says {_says(est.declared)}, but its "
                f"computed estimate is {_says(est.rounded)}", scenario.source, ("minutes",),
                hint=f"set minutes = {est.rounded}, or trim the scenario: {_HOW}",
            ))
    for index, track in enumerate(workshop.tracks):
        est = timing.tracks[track.id]
        if est.off:
            found.append(Diagnostic(
                "W010", f"track '{track.id}' says {_says(est.declared)}, but its computed "
                f"estimate is {_says(est.rounded)}", workshop.source,
                ("tracks", index, "minutes"),
                hint=f"set minutes = {est.rounded}, or change the track: {_HOW}",
            ))
    return found
