"""Looking back: the participant's own way so far, read-only (a held room may do this)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from workshop.engine import Journey
from workshop.engine.run import CONTINUE, interpolate
from workshop.rooms.pacing import Reveal
from workshop.rooms.sanitize import sanitize
from workshop.rooms.summary import chart_lines
from workshop.tui.dialog import Dialog


def path_so_far(journey: Journey) -> Text:
    """Every scenario reached so far, with the choices taken and the answers given."""
    text = Text()
    for index, scenario_id in enumerate(journey.track.scenarios[: journey.index + 1]):
        run = journey.runs.get(scenario_id)
        scenario = journey.workshop.scenarios[scenario_id]
        text.append(f"{index + 1}. {scenario.title}\n", style="bold")
        if run is None or not (run.path or run.answers):
            text.append("   nothing chosen yet\n", style="dim")
            continue
        for scene_id, choice_id in run.path:
            if choice_id == CONTINUE:
                continue
            scene = scenario.scenes.get(scene_id)
            choice = next((c for c in scene.choices if c.id == choice_id), None) \
                if scene else None
            label = interpolate(choice.label, run.variables) if choice else choice_id
            where = scene.title if scene and scene.title else scene_id
            text.append(f"   {where}: ", style="dim")
            text.append(f"{label}\n")
        for ask in scenario.asks:
            if ask.id in run.answers:
                value = run.answers[ask.id]
                shown = f"{value} of 5" if ask.kind == "rating" else sanitize(str(value))
                text.append(f"   {ask.question} ", style="dim")
                text.append(f"{shown}\n")
    return text


def revealed_so_far(reveal: Reveal) -> Text:
    """The room's answers the facilitator revealed, at decisions this participant made: a
    reveal made after they moved on waits here, titled with its question (issue 17)."""
    text = Text()
    for decision, mine in reveal.decisions:
        text.append(f"{decision.question}\n", style="bold")
        base = f" of {decision.base}" if decision.base else ""
        text.append(f"   {decision.total}{base} chose\n", style="dim")
        for item, line in zip(decision.bars, chart_lines(decision.bars, width=12,
                                                         label_width=28), strict=True):
            text.append(("→ " if item.key == mine else "  ") + line + "\n",
                        style="bold" if item.key == mine else "")
    return text


class LookBackScreen(Dialog[None]):
    """The participant's path so far; escape or b closes it.

    Styled by lookback.tcss beside this module (the app reads every sheet at start).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,b,enter", "dismiss(None)", "Close"),
    ]
    """escape, b or enter closes."""

    def __init__(self, journey: Journey, reveal: Reveal | None = None) -> None:
        super().__init__()
        self.journey = journey
        self.text = path_so_far(journey)
        if reveal:
            self.text.append("\nHow the room chose (revealed)\n", style="bold underline")
            self.text.append_text(revealed_so_far(reveal))

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label("Your way so far (read only)", id="lookback-title")
            with VerticalScroll():
                yield Static(self.text, id="lookback")
            yield Static("[dim]esc or b closes[/]")
