"""Answering a question skipped earlier, from the reflection: pick one, then answer it.

The answer is recorded as if it had been given in place (``answer_later`` on the session), so
the reflection, the exports and the room see it where it belongs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from workshop.tui.dialog import Dialog
from workshop.tui.widgets.prompt import AskPanel

if TYPE_CHECKING:
    from workshop.play.session import PlaySession
    from workshop.scenario.model import Ask


def skipped_questions(session: PlaySession) -> list[tuple[str, Ask]]:
    """(scenario id, question) of every question skipped so far, in the track's order."""
    journey = session.journey
    found: list[tuple[str, Ask]] = []
    for scenario_id in journey.track.scenarios:
        run = journey.runs.get(scenario_id)
        if run is not None:
            found += [(scenario_id, ask) for ask in run.skipped_asks()]
    return found


Answered = tuple[str | int | None, str]
"""What :class:`AnswerDialog` returns: the answer (None: still skipped) and the draft left."""


class AnswerDialog(Dialog[Answered]):
    """One skipped question with its answer box (or scale)."""

    DEFAULT_CSS = """
    AnswerDialog #dialog {
        max-width: 90;
    }
    AnswerDialog #answer-where {
        color: $text-muted;
        width: 1fr;
    }
    """

    def __init__(self, ask: Ask, where: str, draft: str = "") -> None:
        super().__init__()
        self.ask = ask
        self.where = where
        """The scenario the question belongs to, as the player knows it."""
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label(f"Skipped in “{self.where}”", id="answer-where", markup=False)
            yield AskPanel(self.ask, draft=self.draft, id="ask")

    def on_mount(self) -> None:
        self.query_one(AskPanel).focus_input()

    def on_ask_panel_answered(self, event: AskPanel.Answered) -> None:
        event.stop()
        self.dismiss((event.value, ""))

    def on_ask_panel_skipped(self, event: AskPanel.Skipped) -> None:
        event.stop()
        self.dismiss((None, event.draft))
