"""The reflection at the end of a track: where the player stands, why, and what next.

Everything shown comes from ``workshop.reflection.reflect``; this screen only lays it out: where
the player landed (or that there is too little to go on), the mirror's words (tensions first,
the want ratings side by side, telling choices, own words, next steps: see
:mod:`workshop.export.mirror`), then the doing × wanting plot and a bar per axis, and how it
moved since earlier sessions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Markdown, Static

from workshop.engine import ChoiceError
from workshop.errors import WorkshopError
from workshop.export.mirror import MORE_PLAY, mirror_sections
from workshop.play.session import PlaySession
from workshop.tui.messages import ExportNotes, GoHome
from workshop.tui.widgets.footer import Footer
from workshop.tui.widgets.plot import AxisBars, TwoAxisPlot

if TYPE_CHECKING:
    from workshop.reflection import Reflection
    from workshop.scenario.model import Ask


def reflection_markdown(reflection: Reflection) -> str:
    """The mirror's words as Markdown (below the headline): the tensions with their evidence,
    the want ratings side by side and what moved them, the telling choices, the player's own
    words beside the claims they bear on, and next steps (see :mod:`workshop.export.mirror`).
    """
    return "\n\n".join(text for key, text in mirror_sections(reflection) if key not in
                        ("place", "thin"))


def comparison_markdown(reflection: Reflection) -> str:
    """How this session compares with the player's earlier ones ('' when there are none)."""
    comparison = reflection.comparison
    if comparison is None:
        return ""
    parts = ["### Since last time",
             f"Last time ({comparison.previous_date[:10]}) you landed in "
             f"*{comparison.previous_situation.title}*."]
    for move in comparison.groups:
        if move.delta is not None:
            parts.append(f"- {move.label}: {move.before:+.1f} → {move.now:+.1f}")
    for move in comparison.moved:
        parts.append(f"- moved most: {move.label} ({move.before:+.1f} → {move.now:+.1f})")
    return "\n\n".join(parts)


class ReflectionScreen(Screen[None]):
    """Where the player stands on doing and wanting, with evidence and next steps."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (118, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export notes"),
        Binding("h", "home", "Home"),
        Binding("a", "answer_skipped", "Answer skipped"),
    ]
    """e writes the notes to a Markdown file; h goes back home; a answers a question skipped
    on the way (shown only when there is one)."""

    def __init__(self, session: PlaySession, history: list[Any], *,
                 in_room: bool = False) -> None:
        super().__init__()
        self.session = session
        self.history = history
        self.in_room = in_room
        """Room mode: there is no home to go to, and notes go home over ssh."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer_skipped":
            from workshop.tui.screens.answer_later import skipped_questions

            return bool(skipped_questions(self.session))
        # A room session has no home screen (issue 12): h is neither shown nor bound.
        return not (self.in_room and action == "home")

    def _reflect(self) -> Reflection | None:
        from workshop.reflection import reflect

        records = [s.record for s in self.history if getattr(s, "record", None) is not None]
        try:
            return reflect(self.session, self.session.workshop, records)  # type: ignore[arg-type]
        except WorkshopError as error:
            self.problem = str(error)
            return None

    def compose(self) -> ComposeResult:
        self.problem = ""
        reflection = self._reflect()
        journey = self.session.journey
        yield Label(f"Your reflection · {journey.track.title}", id="reflection-header")
        with VerticalScroll(id="reflection-body"):
            if reflection is None:
                yield Static(f"The reflection cannot be shown: {self.problem}",
                             id="reflection-problem", markup=False)
            else:
                profile = reflection.profile
                label = reflection.content.label
                earlier = self._earlier(reflection)
                if reflection.enough:
                    situation = reflection.situation
                    yield Label(situation.title, id="situation-title", markup=False)
                    yield Label(situation.summary, id="situation-summary", markup=False)
                else:
                    # No placement on thin evidence: say so, and what more play would show.
                    yield Label("Too little to go on yet", id="situation-title")
                    yield Label(reflection.more_play or MORE_PLAY, id="situation-summary",
                                markup=False)
                yield Markdown(reflection_markdown(reflection), id="reflection-text")
                yield Label("The picture", id="pictures-title")
                with Horizontal(id="pictures"):
                    with Vertical(id="plot-box"):
                        yield Static(TwoAxisPlot(profile.doing if reflection.enough else None,
                                                 profile.wanting, earlier), id="plot")
                    with Vertical(id="bars-box"):
                        yield Label(label("doing", "Doing"), classes="bars-title",
                                    markup=False)
                        yield Static(AxisBars([(r.axis.label, r.score)
                                               for r in profile.group("doing")]),
                                     classes="bars")
                        yield Label(label("wanting", "Wanting"), classes="bars-title",
                                    markup=False)
                        yield Static(AxisBars([(r.axis.label, r.score)
                                               for r in profile.group("wanting")]),
                                     classes="bars")
                since = comparison_markdown(reflection)
                if since:
                    yield Markdown(since, id="reflection-since")
            if self.in_room:
                hint = "[b]e[/b] shows how to take your notes home · [b]q[/b] quits"
            else:
                hint = ("[b]e[/b] exports your notes to a Markdown file · "
                        "[b]h[/b] goes home · [b]q[/b] quits")
            yield Static(hint, id="reflection-hint")
        yield Footer()

    def _earlier(self, reflection: Reflection) -> list[tuple[float | None, float | None]]:
        """The previous session's point (the comparison's doing and wanting moves)."""
        if reflection.comparison is None:
            return []
        moves = {move.key: move for move in reflection.comparison.groups}
        return [(moves["doing"].before, moves["wanting"].before)]

    def action_export(self) -> None:
        self.post_message(ExportNotes(self.session.id))

    def action_home(self) -> None:
        self.post_message(GoHome())

    def action_answer_skipped(self) -> None:
        """Pick a skipped question (straight to it when there is one), then answer it."""
        from workshop.tui.screens.answer_later import skipped_questions

        skipped = skipped_questions(self.session)
        if len(skipped) == 1:
            self._answer(*skipped[0])
            return
        from workshop.tui.screens.dialogs import PickDialog

        titles = self.session.workshop.scenarios
        items = [(f"{scenario_id}/{ask.id}", ask.question, titles[scenario_id].title)
                 for scenario_id, ask in skipped]

        def chosen(key: str | None) -> None:
            found = next(((s, a) for s, a in skipped if f"{s}/{a.id}" == key), None)
            if found is not None:
                self._answer(*found)

        self.app.push_screen(PickDialog("Answer a question you skipped", items), chosen)

    def _answer(self, scenario_id: str, ask: Ask) -> None:
        from workshop.tui.screens.answer_later import AnswerDialog, Answered

        def answered(result: Answered | None) -> None:
            value, draft = result if result is not None else (None, "")
            try:
                if value is None:
                    self.session.set_draft(ask.id, draft, scenario_id)
                    return
                self.session.answer_later(scenario_id, ask.id, value)
            except (ChoiceError, WorkshopError) as error:
                self.notify(str(error), severity="error")
                return
            self.notify("Answered. Your reflection now includes it.")
            self.refresh(recompose=True)
            self.refresh_bindings()

        where = self.session.workshop.scenarios[scenario_id].title
        draft = self.session.draft(ask.id, scenario_id)
        self.app.push_screen(AnswerDialog(ask, where, draft), answered)
