"""Rebuild a journey from a record against the content as it is now.

When the content is unchanged this is exactly the engine's :meth:`Journey.from_data`. When a
scene, choice, scenario or track has gone since the record was written, the journey is rebuilt
as far as it can be and every loss is described in plain words, so resume can say what can and
cannot be continued. The record itself is never changed by this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workshop.engine import CONTINUE, Journey, Run, RunStateError
from workshop.record.view import JourneyView, ScenarioView
from workshop.scenario.model import Track, Workshop


@dataclass
class Restored:
    """A journey and what could not be restored into it."""

    journey: Journey
    problems: list[str] = field(default_factory=list)
    """What cannot be continued, one sentence each."""
    orphans: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Stored run data that could not be restored, by scenario id; kept for the record."""
    restarted: str | None = None
    """The scenario the player was in, when it has to start again from its beginning."""


def _path_problems(played: ScenarioView) -> list[str]:
    problems: list[str] = []
    if played.scenario is None:
        return problems
    for step in played.steps:
        taken = step.choice
        if taken is None:
            continue
        if step.scene is None:
            problems.append(f"scene '{step.scene_id}' of '{played.id}' was removed; your "
                            f"choice there is kept in the record but undo cannot go back past "
                            f"it")
        elif taken.id != CONTINUE and taken.model is None:
            problems.append(f"choice '{taken.id}' in scene '{step.scene_id}' of "
                            f"'{played.id}' was removed; it is kept in the record but undo "
                            f"cannot go back past it")
    return problems


def restore(workshop: Workshop, data: dict[str, Any]) -> Restored:
    """Restore the journey stored in a record, tolerating content that changed since."""
    view = JourneyView.from_journey_data(data, workshop)
    problems = [problem for played in view for problem in _path_problems(played)]
    try:
        journey = Journey.from_data(workshop, data)
    except RunStateError:
        pass
    else:
        return Restored(journey, problems)
    return _tolerant(workshop, view, data, problems)


def _tolerant(workshop: Workshop, view: JourneyView, data: dict[str, Any],
              problems: list[str]) -> Restored:
    stored = list(view.track_scenarios)
    index = view.index
    current = stored[index] if index < len(stored) else None
    track_id = view.track
    try:
        track = workshop.track(track_id)
        if list(track.scenarios) != stored:
            problems.append(f"track '{track_id}' has a different list of scenarios now")
    except KeyError:
        kept = tuple(s for s in stored if s in workshop.scenarios)
        track = Track(track_id, track_id, kept)
        if not track_id.startswith("scenario:"):
            problems.append(f"track '{track_id}' is no longer in the workshop; resume follows "
                            f"the scenarios it had that are still there")
    runs: dict[str, Run] = {}
    orphans: dict[str, dict[str, Any]] = {}
    # The engine restores a run from its stored data, and a run that cannot be restored is
    # kept as it was stored: both need the run's own table, not the view of it.
    stored_runs: dict[str, Any] = dict(data.get("runs", {}))
    for played in view:
        scenario_id, run_data = played.id, stored_runs[played.id]
        scenario = played.scenario
        if scenario is None:
            problems.append(f"scenario '{scenario_id}' was removed from the workshop; what you "
                            f"did there is kept in the record and its export, but cannot be "
                            f"continued")
            orphans[scenario_id] = dict(run_data)
            continue
        try:
            runs[scenario_id] = Run.from_data(scenario, run_data)
        except RunStateError as error:
            problems.append(f"'{scenario_id}' cannot be continued where you left it: {error}")
            orphans[scenario_id] = dict(run_data)
    # Where to stand: the stored current scenario if it is still in the track, else the first
    # scenario of the track not yet finished.
    if current is not None and current in track.scenarios:
        new_index = track.scenarios.index(current)
    else:
        new_index = next(
            (i for i, s in enumerate(track.scenarios) if s not in runs or not runs[s].finished),
            len(track.scenarios),
        )
    restarted = None
    if new_index < len(track.scenarios):
        scenario_id = track.scenarios[new_index]
        if scenario_id not in runs:
            if scenario_id in orphans:
                restarted = scenario_id
                problems.append(f"'{scenario_id}' will start again from its beginning; your "
                                f"earlier run of it stays in the record")
            # Workshop-level variables as the earlier scenarios of the track left them.
            carried = Journey(workshop, track, new_index, runs).carried_at(new_index)
            runs[scenario_id] = Run.start(workshop.scenarios[scenario_id], carried)
    journey = Journey(workshop, track, new_index, runs)
    return Restored(journey, problems, orphans, restarted)
