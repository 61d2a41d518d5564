"""A track played scenario by scenario: the state a session record saves and restores."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workshop.engine.run import Answer, Run, RunStateError
from workshop.scenario.expressions import Value
from workshop.scenario.model import Scenario, Track, Workshop


@dataclass
class Journey:
    """The player's way through one track of a workshop."""

    workshop: Workshop
    track: Track
    index: int = 0
    """Position in the track's scenario list; equal to its length once the track is done."""
    runs: dict[str, Run] = field(default_factory=dict)
    """Every scenario started so far, by scenario id."""

    @classmethod
    def start(cls, workshop: Workshop, track_id: str | None = None) -> Journey:
        """Begin a track (the workshop's first track when None) at its first scenario.

        Raises:
            KeyError: the workshop has no such track.
        """
        journey = cls(workshop, workshop.track(track_id))
        journey._start_current()
        return journey

    @classmethod
    def single(cls, workshop: Workshop, scenario_id: str) -> Journey:
        """A journey through one scenario only (playing a single scenario from home)."""
        scenario = workshop.scenarios[scenario_id]
        track = Track(f"scenario:{scenario_id}", scenario.title, (scenario_id,))
        journey = cls(workshop, track)
        journey._start_current()
        return journey

    def _start_current(self) -> None:
        scenario = self.scenario
        if scenario is None:
            return
        carried = self.carried_at(self.index)
        run = self.runs.get(scenario.id)
        if run is None:
            self.runs[scenario.id] = Run.start(scenario, carried)
        elif not run.path and run.carried != carried:
            # Nothing chosen here yet, but an undo in an earlier scenario changed what it
            # hands on: start again from the new values, keeping any answer given.
            fresh = Run.start(scenario, carried)
            fresh.answers, fresh.skipped = run.answers, run.skipped
            self.runs[scenario.id] = fresh

    def carried_at(self, index: int) -> dict[str, Value]:
        """The workshop-level variables' values a track's scenario starts from.

        They are the values the nearest earlier scenario of the track (that has a run) ended
        with; the declared values for the first scenario, or when none was played.
        """
        for earlier in reversed(self.track.scenarios[:index]):
            run = self.runs.get(earlier)
            if run is not None:
                return run.shared
        return dict(self.workshop.variables)

    @property
    def variables(self) -> dict[str, Value]:
        """The workshop-level variables' values now (after the last scenario once done)."""
        run = self.run
        if run is not None:
            return run.shared
        return self.carried_at(min(self.index, len(self.track.scenarios)))

    @property
    def finished(self) -> bool:
        """True once every scenario of the track has been played."""
        return self.index >= len(self.track.scenarios)

    @property
    def scenario(self) -> Scenario | None:
        """The scenario being played (None when the track is done)."""
        if self.finished:
            return None
        return self.workshop.scenarios[self.track.scenarios[self.index]]

    @property
    def run(self) -> Run | None:
        """The run of the scenario being played."""
        scenario = self.scenario
        return self.runs.get(scenario.id) if scenario else None

    @property
    def progress(self) -> tuple[int, int]:
        """(scenarios completed, scenarios in the track)."""
        return self.index, len(self.track.scenarios)

    def advance(self) -> Scenario | None:
        """Move to the next scenario once the current one is finished; returns it."""
        if self.finished:
            return None
        self.index += 1
        self._start_current()
        return self.scenario

    def undo(self) -> bool:
        """Take back the last choice, stepping back into the previous scenario when the
        current one has none yet. Returns False when there is nothing to take back.

        Raises:
            ChoiceError: the content changed so the earlier path cannot be replayed.
        """
        run = self.run
        if run is None or not run.path:
            if self.index == 0:
                return False
            self.index -= 1
            run = self.run
            if run is None:
                return False
            if not run.path:
                return True
        self.runs[run.scenario.id] = run.undo()
        return True

    def answers(self) -> dict[str, Answer]:
        """Every answer given so far, across scenarios."""
        merged: dict[str, Answer] = {}
        for run in self.runs.values():
            merged.update(run.answers)
        return merged

    def to_data(self) -> dict[str, Any]:
        """Plain data for the record."""
        data: dict[str, Any] = {
            "track": self.track.id,
            "index": self.index,
            "scenarios": list(self.track.scenarios),
            "runs": {scenario_id: run.to_data() for scenario_id, run in self.runs.items()},
        }
        if self.workshop.variables:
            # For readers of the record; restoring derives them from the runs again.
            data["variables"] = self.variables
        return data

    @classmethod
    def from_data(cls, workshop: Workshop, data: dict[str, Any]) -> Journey:
        """Restore a journey saved by :meth:`to_data`.

        Raises:
            RunStateError: the track or a scenario is no longer in the workshop.
        """
        track_id = str(data.get("track", ""))
        if track_id.startswith("scenario:"):
            scenario_id = track_id.split(":", 1)[1]
            if scenario_id not in workshop.scenarios:
                raise RunStateError(f"scenario '{scenario_id}' is no longer in the workshop")
            scenario = workshop.scenarios[scenario_id]
            track = Track(track_id, scenario.title, (scenario_id,))
        else:
            try:
                track = workshop.track(track_id)
            except KeyError:
                raise RunStateError(f"track '{track_id}' is no longer in the workshop") from None
        runs: dict[str, Run] = {}
        for scenario_id, run_data in dict(data.get("runs", {})).items():
            if scenario_id not in workshop.scenarios:
                raise RunStateError(f"scenario '{scenario_id}' is no longer in the workshop")
            runs[scenario_id] = Run.from_data(workshop.scenarios[scenario_id], run_data)
        index = int(data.get("index", 0))
        if not 0 <= index <= len(track.scenarios):
            raise RunStateError(f"position {index} is outside track '{track.id}'")
        journey = cls(workshop, track, index, runs)
        journey._start_current()
        return journey
