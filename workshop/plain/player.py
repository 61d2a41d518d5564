"""The plain-mode flow: pick a track (or continue), play scene by scene, reflect, say where
the notes are.

It holds no rules of its own: the engine decides what is offered, the record saves after every
action (``workshop.record.Session``), the reflection module says what it means. This module only
asks and prints, in the same order as the Textual app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workshop.engine import CONTINUE, ChoiceError, ChoiceView
from workshop.plain.prompts import Option, Prompter
from workshop.plain.render import Renderer
from workshop.record import Session
from workshop.record.limits import ANSWER_MAX_CHARS, NOTES_MAX_CHARS, too_long
from workshop.scenario.model import Ask, Workshop

QUIT = "\x00quit"
NOTE = "\x00note"
UNDO = "\x00undo"
SKIP = "\x00skip"
NEXT = "\x00next"
ANSWER = "\x00answer"
AGAIN = "\x00again"


class StopPlaying(Exception):
    """The player asked to stop (saved already); the session can be resumed."""


@dataclass
class PlainPlayer:
    """Plays one session to its end (or until the player stops)."""

    workshop: Workshop
    session: Session
    """Every action goes through it and is saved at once."""
    prompter: Prompter
    out: Renderer
    shown: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    """The paragraphs already printed, per (scenario, scene), in this sitting: a scene
    returned to (after a detour or an undo) prints only what is new."""

    # -- the loop ---------------------------------------------------------------------------

    def play(self) -> bool:
        """Play until the track is finished (True) or the player stops (False).

        ``KeyboardInterrupt`` propagates: the caller prints the resume command.
        """
        journey = self.session.journey
        announced: str | None = None
        try:
            while not journey.finished:
                scenario = journey.scenario
                run = journey.run
                assert scenario is not None and run is not None
                if announced != scenario.id:
                    self._announce(journey)
                    announced = scenario.id
                self._scene(run)
                self._ask(run)
                if run.finished:
                    if not self._end_of_scenario(journey):
                        return False
                    continue
                self._choose(run)
        except StopPlaying:
            return False
        return True

    # -- pieces -----------------------------------------------------------------------------

    def _announce(self, journey: Any) -> None:
        done, total = journey.progress
        scenario = journey.scenario
        self.out.blank()
        self.out.heading(f"Scenario {done + 1} of {total}: {scenario.title}")
        if scenario.summary:
            self.out.aside(scenario.summary)

    def _scene(self, run: Any, *, again: bool = False) -> None:
        """Print the scene; on a return, only a line saying so and any text not read yet
        (a screen reader would otherwise read the whole scene a second time)."""
        scene = run.scene
        paragraphs = [p.strip() for p in run.text().split("\n\n") if p.strip()]
        seen = self.shown.setdefault((run.scenario.id, scene.id), set())
        self.out.blank()
        if seen and not again:
            self.out.heading(f"Back to: {scene.title}" if scene.title else
                             "Back to the earlier scene.")
            paragraphs = [p for p in paragraphs if p not in seen]
        elif scene.title:
            self.out.heading(scene.title)
        if paragraphs:
            self.out.markdown("\n\n".join(paragraphs))
        seen.update(paragraphs)

    def _ask(self, run: Any) -> None:
        """Ask the scene's questions still unanswered, one after another, in order."""
        asked: set[str] = set()  # each at most once here, whatever the session did with it
        while (ask := run.ask) is not None and ask.id not in asked:
            asked.add(ask.id)
            self.out.blank()
            if ask.kind == "rating":
                self._rating(ask)
            else:
                self._text(ask)

    def _rating(self, ask: Ask) -> None:
        low = f"1 = {ask.low}" if ask.low else "1 = low"
        high = f"5 = {ask.high}" if ask.high else "5 = high"
        labels = {1: ask.low, 5: ask.high}
        options = [
            Option(f"{n}" + (f" — {labels[n]}" if labels.get(n) else ""), str(n), key=str(n))
            for n in range(1, 6)
        ]
        options.append(Option("Skip this question", SKIP, key="s"))
        answer = self.prompter.select(f"{ask.question} ({low}, {high})", options)
        if answer == SKIP:
            self.session.skip(ask.id)
        else:
            self.session.answer(ask.id, int(answer))

    def _text(self, ask: Ask) -> None:
        # The placeholder is an example shape for the answer: a hint line before the
        # prompt, never text sitting in front of what the player types.
        hint = f"Hint: {ask.placeholder}" if ask.placeholder else ""
        while True:
            answer = self.prompter.text(ask.question, hint).strip()
            problem = too_long("Your answer", answer, ANSWER_MAX_CHARS)
            if problem:
                self.out.error(problem)
                continue
            if answer:
                self.session.answer(ask.id, answer)
                return
            # An empty line (or a stray Escape) never skips by itself: No is the default.
            if self.prompter.confirm("Skip this question?", default=False):
                self.session.skip(ask.id)
                self.out.note("Skipped. To answer it after all, type a before you move on.")
                return

    def _choose(self, run: Any) -> None:
        while True:
            views: list[ChoiceView] = run.choices()
            options = [
                Option(view.label, view.id, view.reason if not view.enabled else "",
                       key=_number(run, view))
                for view in views
            ]
            ask: Ask | None = run.skipped_here
            if ask is not None:
                options.append(Option("Answer the question you skipped", ANSWER, key="a"))
            options.append(Option("Read this scene again", AGAIN, key="r"))
            options.append(Option("Write a private note", NOTE, key="n"))
            if run.path:
                options.append(Option("Take back the last choice", UNDO, key="u"))
            options.append(Option("Save and stop for now", QUIT, key="q"))
            question = "What do you do?" if views[:1] and views[0].id != CONTINUE else "Next"
            self.out.blank()  # the question starts a block of its own, after the text
            picked = self.prompter.select(question, options)
            if picked == QUIT:
                raise StopPlaying
            if picked == NOTE:
                self._note()
                continue
            if picked == AGAIN:
                self._scene(run, again=True)
                continue
            if picked == ANSWER and ask is not None:
                self.out.blank()
                if ask.kind == "rating":
                    self._rating(ask)
                else:
                    self._text(ask)
                continue
            if picked == UNDO:
                try:
                    self.session.undo()
                except ChoiceError as error:
                    # The content changed since the choice was made; nothing was undone.
                    self.out.error(f"Cannot take it back: {error}")
                    continue
                self.out.note("Taken back.")
                return
            step = self.session.choose(picked)
            if step.consequence:
                self.out.blank()
                self.out.consequence(step.consequence)
            return

    def _note(self) -> None:
        text = self.prompter.text("Your note (private, kept in your record):").strip()
        if not text:
            return
        notes = self.session.notes.rstrip()
        joined = f"{notes}\n\n{text}" if notes else text
        problem = too_long("Your notes", joined, NOTES_MAX_CHARS)
        if problem:  # said, not saved: the notes so far stay
            self.out.error(problem)
            return
        self.session.set_notes(joined)
        self.out.note("Note saved.")

    def _end_of_scenario(self, journey: Any) -> bool:
        """Say the scenario is over and move on; False when the player stops here."""
        done, total = journey.progress
        self.out.blank()
        self.out.note(f"End of scenario {done + 1} of {total}.")
        if done + 1 < total:
            upcoming = self.workshop.scenarios[journey.track.scenarios[done + 1]]
            picked = self.prompter.select("Go on?", [
                Option(f"Next scenario: {upcoming.title}", NEXT, key="1"),
                Option("Save and stop for now", QUIT, key="q"),
            ])
            if picked == QUIT:
                return False
        self.session.advance()
        return True


def _number(run: Any, view: ChoiceView) -> str:
    """A choice's number: its place among the scene's choices, so a choice keeps its number
    for the whole scene (one hidden or used up leaves its number unused)."""
    choices = list(run.scene.choices)
    if view.choice is None or view.choice not in choices:
        return "1"  # the Continue of a scene that just goes on
    return str(choices.index(view.choice) + 1)
