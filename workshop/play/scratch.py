"""A session kept in memory only: what ``workshop play PATH --watch`` plays.

An author's files change under a watched session, so its state is rebuilt on every reload
(:func:`replay`) and never written to the records folder, where it would pile up as sessions
against content versions that no longer exist. It offers the same methods as
``workshop.record.Session`` so the screens do not care which one they drive.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path

from workshop.engine import ChoiceError, Journey, Run, Step
from workshop.engine.run import Answer
from workshop.record import FINISHED, IN_PROGRESS, Record
from workshop.scenario.model import Workshop


class ScratchSession:
    """An unsaved session over a :class:`~workshop.engine.Journey`."""

    path: Path | None = None
    """Never written: there is no file."""

    def __init__(self, workshop: Workshop, journey: Journey, notes: str = "") -> None:
        self.id = "scratch"
        self.workshop = workshop
        self.journey = journey
        self.notes = notes
        self.resume_problems: list[str] = []
        self.drafts: dict[str, str] = {}
        """Half-written answers by ask id (kept only while the app runs)."""

    @classmethod
    def start(
        cls, workshop: Workshop, track_id: str | None = None, scenario_id: str | None = None
    ) -> ScratchSession:
        """A fresh session at the start of a track (or of one scenario)."""
        if scenario_id is not None:
            return cls(workshop, Journey.single(workshop, scenario_id))
        return cls(workshop, Journey.start(workshop, track_id))

    @property
    def finished(self) -> bool:
        """True once the whole track has been played."""
        return self.journey.finished

    @property
    def record(self) -> Record:
        """The record this session would write (it never does): what the reflection reads."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        journey = self.journey.to_data()
        # The live journey's runs, not its serialised dict: the same ids, read typed.
        versions = {scenario_id: self.workshop.scenarios[scenario_id].version
                    for scenario_id in self.journey.runs
                    if scenario_id in self.workshop.scenarios}
        return Record(
            id=self.id, workshop_id=self.workshop.id, workshop_version=self.workshop.version,
            created=now, updated=now, track=self.journey.track.id, journey=journey,
            scenario_versions=versions, status=FINISHED if self.finished else IN_PROGRESS,
            notes=self.notes, workshop_title=self.workshop.title,
        )

    def _run(self) -> Run:
        run = self.journey.run
        if run is None:
            raise ChoiceError("the track is finished")
        return run

    def choose(self, choice_id: str) -> Step:
        """Take a choice in the current scene."""
        return self._run().choose(choice_id)

    def answer(self, ask_id: str, value: Answer) -> None:
        """Answer the current scene's prompt."""
        self._run().answer(ask_id, value)
        self.drafts.pop(ask_id, None)

    def skip(self, ask_id: str, draft: str = "") -> None:
        """Skip the current scene's prompt, keeping what was typed as a draft."""
        self._run().answer(ask_id, None)
        self.set_draft(ask_id, draft)

    def answer_later(self, scenario_id: str, ask_id: str, value: Answer) -> None:
        """Answer a question skipped earlier in a scenario played so far."""
        run = self.journey.runs.get(scenario_id)
        if run is None:
            raise ChoiceError(f"scenario '{scenario_id}' has not been played")
        run.answer_later(ask_id, value)
        self.drafts.pop(ask_id, None)

    def draft(self, ask_id: str, scenario_id: str | None = None) -> str:
        """The draft kept for a question ('' when there is none)."""
        return self.drafts.get(ask_id, "")

    def set_draft(self, ask_id: str, text: str, scenario_id: str | None = None) -> None:
        """Keep what was typed for a question (in memory)."""
        if text.strip():
            self.drafts[ask_id] = text
        else:
            self.drafts.pop(ask_id, None)

    def advance(self) -> None:
        """Move on to the next scenario of the track."""
        self.journey.advance()

    def undo(self) -> bool:
        """Take back the last choice of the current scenario (False: there is none)."""
        return self.journey.undo()

    def set_notes(self, text: str) -> None:
        """Keep the player's notes (in memory)."""
        self.notes = text


def replay(workshop: Workshop, old: Journey) -> tuple[Journey, list[str]]:
    """Rebuild a journey on reloaded content by replaying the choices taken so far.

    Every scenario played so far is started again and its choices taken in order; the answers
    are given again where their prompt is still reached. A choice that no longer fits stops
    that scenario's replay where it is.

    Returns:
        The new journey, and one line per step that could not be replayed.
    """
    problems: list[str] = []
    track = old.track
    if not track.id.startswith("scenario:"):
        try:
            track = workshop.track(track.id)
        except KeyError:
            problems.append(f"track '{track.id}' is gone; playing the first track")
            track = workshop.track(None)
    journey = Journey(workshop, track, 0, {})
    for position, scenario_id in enumerate(track.scenarios):
        if position > old.index:
            break
        scenario = workshop.scenarios.get(scenario_id)
        old_run = old.runs.get(scenario_id)
        if scenario is None:
            problems.append(f"scenario '{scenario_id}' is gone")
            break
        # Workshop-level variables go on from the scenarios replayed before this one.
        run = Run.start(scenario, journey.carried_at(position))
        if old_run is not None:
            for step, (_scene, choice_id) in enumerate(old_run.path, start=1):
                _give_answers(run, old_run)
                try:
                    run.choose(choice_id)
                except ChoiceError as error:
                    problems.append(f"{scenario_id}, step {step}: {error}")
                    break
            _give_answers(run, old_run)
        journey.runs[scenario_id] = run
        journey.index = position
        if position < old.index and not run.finished:
            problems.append(f"{scenario_id}: no longer reaches an ending the same way")
            break
    else:
        journey.index = min(old.index, len(track.scenarios))
    return journey, problems


def _give_answers(run: Run, old_run: Run) -> None:
    """Give the current scene's prompt the answer (or skip) it had before the reload."""
    ask = run.ask
    if ask is None:
        return
    if ask.id in old_run.answers:
        # A prompt that changed kind (text to rating) is simply asked again.
        with contextlib.suppress(ChoiceError):
            run.answer(ask.id, old_run.answers[ask.id])
    elif ask.id in old_run.skipped:
        run.answer(ask.id, None)
