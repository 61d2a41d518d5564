"""What the facilitator's control means for one participant: may they move on, what may
they see, where does a late joiner start.

Pure functions over the engine's :class:`~workshop.engine.Journey` and a
:class:`~workshop.rooms.control.Control`, so the participant's app (and its tests) ask the
same questions without a terminal. Two rules shape them:

* Nobody is ever cut off or pulled back. A hold only stops a participant *leaving* the held
  step; whatever they are typing or choosing inside it stays theirs.
* No herding. A decision's room distribution is shown only to a participant who has already
  chosen there, and only once the facilitator revealed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workshop.engine import Journey, Run
from workshop.rooms.control import Control
from workshop.rooms.summary import Decision, Rating, decision, rating


@dataclass(frozen=True)
class Position:
    """Where a participant is: the step (scenario index) and whether its run is over."""

    index: int
    at_end: bool
    """The scenario is over (the participant would press "Next scenario")."""

    @classmethod
    def of(cls, journey: Journey) -> Position:
        """The position of a journey."""
        run = journey.run
        return cls(journey.index, run is None or run.finished)


def may_advance(control: Control, position: Position | Journey) -> bool:
    """True when the participant may leave their current step for the next one.

    A hold at one decision (:attr:`Control.hold_at`) holds that scene only (see
    :func:`held_at_decision`), not the end of the step.
    """
    if isinstance(position, Journey):
        position = Position.of(position)
    return not control.held or control.hold_at is not None or position.index < control.step


def held_at_decision(control: Control, journey: Journey) -> bool:
    """True when the room is held at the very decision this participant stands at: they can
    read it (and answer its question) but not choose until the facilitator releases."""
    run = journey.run
    if run is None or run.finished or control.hold_at is None:
        return False
    return control.holds_decision(run.scenario.id, run.scene.id)


def waiting(control: Control, position: Position | Journey) -> bool:
    """True when the participant is done with their step and the hold keeps them there."""
    if isinstance(position, Journey):
        position = Position.of(position)
    return position.at_end and not may_advance(control, position)


def is_fresh(journey: Journey) -> bool:
    """True when nothing has been played yet (no choice, answer or skip anywhere)."""
    if journey.index != 0:
        return False
    return all(not run.path and not run.answers and not run.skipped
               for run in journey.runs.values())


def land_late_joiner(journey: Journey, control: Control) -> bool:
    """Move a participant who has not played anything yet to the room's current step.

    Returns True when the journey moved (the caller saves it). Someone who already played
    stays exactly where they were.
    """
    target = min(control.step, len(journey.track.scenarios) - 1)
    if target <= 0 or not is_fresh(journey):
        return False
    journey.runs.clear()
    journey.index = target
    scenario = journey.scenario
    if scenario is not None:
        journey.runs[scenario.id] = Run.start(scenario)
    return True


def chosen_at(journey: Journey, scenario_id: str) -> list[str]:
    """The scenes of a scenario where the participant took a choice, in the order taken."""
    run = journey.runs.get(scenario_id)
    if run is None:
        return []
    scenes: list[str] = []
    for scene_id, _choice in run.path:
        if scene_id not in scenes:
            scenes.append(scene_id)
    return scenes


def revealable(control: Control, journey: Journey, scenario_id: str, scene_id: str) -> bool:
    """True when this participant may see how the room chose at a decision: the facilitator
    revealed it and the participant has already chosen there."""
    return control.is_revealed(scenario_id, scene_id) \
        and scene_id in chosen_at(journey, scenario_id)


def my_choice(journey: Journey, scenario_id: str, scene_id: str) -> str | None:
    """The choice the participant took at a scene (the latest, when they came back)."""
    run = journey.runs.get(scenario_id)
    if run is None:
        return None
    taken = [choice for scene, choice in run.path if scene == scene_id]
    return taken[-1] if taken else None


@dataclass(frozen=True)
class Reveal:
    """What a participant's reveal panel shows: decisions (and ratings) they may see."""

    decisions: tuple[tuple[Decision, str | None], ...] = ()
    """Each revealed decision with the participant's own choice id."""
    ratings: tuple[tuple[Rating, int | None], ...] = ()
    """Each revealed rating with the participant's own rating."""

    def __bool__(self) -> bool:
        return bool(self.decisions or self.ratings)


def reveal_for(control: Control, journey: Journey, aggregates: dict[str, Any] | None) -> Reveal:
    """The revealed distributions this participant may see, wherever they are now.

    A reveal reaches everyone who made that decision (issue 17), also those who have moved
    on to a later step: the current step's decisions come first, then earlier ones, each
    labelled with its question (:attr:`Decision.question`). A decision is shown only if
    :func:`revealable`; a rating prompt only when its scene is revealed and the participant
    gave a rating there (a skipped or text prompt shows nothing).
    """
    current = journey.scenario
    if not control.revealed or (current is None and not journey.runs):
        return Reveal()
    order = [current.id] if current is not None else []
    order += [s for s in reversed(journey.track.scenarios[: journey.index]) if s not in order]
    order += [s for s in journey.runs if s not in order]
    decisions = []
    ratings = []
    for scenario_id in order:
        scenario = journey.workshop.scenarios.get(scenario_id)
        run = journey.runs.get(scenario_id)
        if scenario is None or run is None:
            continue
        for scene_id in chosen_at(journey, scenario.id):
            scene = scenario.scenes.get(scene_id)
            if scene is None or len(scene.choices) < 2:
                continue
            if revealable(control, journey, scenario.id, scene_id):
                decisions.append((decision(aggregates, scenario, scene_id),
                                  my_choice(journey, scenario.id, scene_id)))
        for scene in scenario.scenes.values():
            for ask in scene.asks:
                if ask.kind != "rating":
                    continue
                mine = run.answers.get(ask.id)
                if isinstance(mine, int) and control.is_revealed(scenario.id, scene.id):
                    ratings.append((rating(aggregates, scenario, ask.id), mine))
    return Reveal(tuple(decisions), tuple(ratings))
