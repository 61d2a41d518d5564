"""Playing a scenario: the scene's text, its prompt, its choices, then the consequence.

The screen asks the session for everything (text, choices, what a choice did) and only decides
what to show. It moves through three views of the current scene: the scene itself (prompt
first, then the numbered choices), the consequence of the choice just taken, and an ending.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Markdown, Static

from workshop.engine import ChoiceError
from workshop.errors import WorkshopError
from workshop.tui.messages import TrackFinished
from workshop.tui.session import PlaySession
from workshop.tui.widgets.choices import ChoiceList
from workshop.tui.widgets.header import ProgressHeader
from workshop.tui.widgets.notes import NotesPane
from workshop.tui.widgets.prompt import AskPanel

if TYPE_CHECKING:
    from workshop.engine import Run


class SceneScreen(Screen[None]):
    """One scenario of the track, scene by scene."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        *[Binding(str(n), f"digit({n})", show=False) for n in range(1, 10)],
        Binding("n", "toggle_notes", "Notes"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("escape", "hide_notes", "Hide notes", show=False),
    ]
    """Digits pick a choice (or a rating); n shows the notes; ctrl+z takes back a choice."""

    def __init__(self, session: PlaySession, *, undo: bool = True) -> None:
        super().__init__()
        self.session = session
        self.allow_undo = undo
        self.view = "scene"
        """What the body shows: "scene", "consequence" or "ending"."""

    def compose(self) -> ComposeResult:
        yield ProgressHeader(id="header")
        yield Static("", id="reload-errors")
        with Horizontal(id="main"):
            with VerticalScroll(id="body"):
                yield Label("", id="scene-title")
                yield Markdown("", id="scene-text")
                yield Vertical(id="interaction")
            yield NotesPane(self.session.notes, id="notes")
        yield Footer()

    async def on_mount(self) -> None:
        self.query_one("#notes").display = False
        await self.show_scene()

    # -- what is shown ------------------------------------------------------------------

    @property
    def run(self) -> Run:
        run = self.session.journey.run
        assert run is not None, "a finished track is shown on the reflection screen"
        return run

    def _update_header(self) -> None:
        journey = self.session.journey
        scenario = journey.scenario
        index, total = journey.progress
        self.query_one(ProgressHeader).show(
            scenario.title if scenario else "", index, total, journey.track.title
        )

    async def show_scene(self) -> None:
        """Show the current scene: its text, then its prompt or its choices (or its ending)."""
        if self.session.journey.finished:
            self.post_message(TrackFinished(self.session))
            return
        self._update_header()
        run = self.run
        scene = run.scene
        self.query_one("#scene-title", Label).update(scene.title)
        self.query_one("#scene-title").display = bool(scene.title)
        await self.query_one("#scene-text", Markdown).update(run.text())
        interaction = self.query_one("#interaction", Vertical)
        await interaction.remove_children()
        if run.finished:
            self.view = "ending"
            await interaction.mount_all(self._ending_widgets(run))
            self.query_one("#continue", Button).focus()
        else:
            self.view = "scene"
            ask = run.ask
            if ask is not None and ask.id not in run.answers and ask.id not in run.skipped:
                panel = AskPanel(ask, id="ask")
                await interaction.mount(panel)
                panel.focus_input()
            else:
                await self._mount_choices(interaction)
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def _answer_line(self) -> Static | None:
        run = self.run
        ask = run.ask
        if ask is None:
            return None
        if ask.id in run.skipped:
            return Static(f"[dim]{ask.question} — skipped[/]", id="answered", markup=True)
        value = run.answers.get(ask.id)
        shown = f"{value} of 5" if ask.kind == "rating" else str(value)
        line = Static(id="answered", markup=False)
        line.update(f"✓ {ask.question}  {shown}")
        return line

    async def _mount_choices(self, interaction: Vertical) -> None:
        answered = self._answer_line()
        if answered is not None:
            await interaction.mount(answered)
        choices = ChoiceList(self.run.choices(), id="choices")
        await interaction.mount(choices)
        choices.focus()
        choices.highlighted = next(
            (i for i, view in enumerate(choices.views) if view.enabled), None
        )

    def _ending_widgets(self, run: Run) -> list[Static | Button]:
        last = self.session.journey.index + 1 >= len(self.session.journey.track.scenarios)
        note = "This is an ending." if run.ended else "Nothing more to choose in this scenario."
        label = "See your reflection ⏎" if last else "Next scenario ⏎"
        return [
            Static(f"[b]{note}[/b] [dim]End of “{run.scenario.title}”.[/]", id="ending-note"),
            Button(label, id="continue", variant="primary", compact=True),
        ]

    async def show_consequence(self, label: str, consequence: str) -> None:
        """Show what the choice just taken led to, with a Continue button."""
        self.view = "consequence"
        self.query_one("#scene-title", Label).update(f"You chose: {label}")
        self.query_one("#scene-title").display = True
        await self.query_one("#scene-text", Markdown).update(consequence)
        interaction = self.query_one("#interaction", Vertical)
        await interaction.remove_children()
        button = Button("Continue ⏎", id="continue", variant="primary", compact=True)
        await interaction.mount(button)
        button.focus()
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def show_reload_errors(self, lines: list[str]) -> None:
        """Show why the last reload of the content failed (empty: hide the panel)."""
        panel = self.query_one("#reload-errors", Static)
        panel.update("\n".join(["Reload failed; still playing the last good version:", *lines]))
        panel.display = bool(lines)

    # -- what the player does ----------------------------------------------------------

    async def on_choice_list_picked(self, event: ChoiceList.Picked) -> None:
        event.stop()
        if self.view != "scene":
            return
        label = next((v.label for v in self.run.choices() if v.id == event.choice_id), "")
        try:
            step = self.session.choose(event.choice_id)
        except (ChoiceError, WorkshopError) as error:
            self.notify(str(error), severity="error")
            return
        if step.consequence.strip():
            await self.show_consequence(label, step.consequence)
        else:
            await self.show_scene()

    def on_choice_list_refused(self, event: ChoiceList.Refused) -> None:
        event.stop()
        self.notify(f"Not available: {event.reason}", severity="warning")

    async def on_ask_panel_answered(self, event: AskPanel.Answered) -> None:
        event.stop()
        try:
            self.session.answer(event.ask_id, event.value)
        except (ChoiceError, WorkshopError) as error:
            self.notify(str(error), severity="error")
            return
        await self._after_prompt()

    async def on_ask_panel_skipped(self, event: AskPanel.Skipped) -> None:
        event.stop()
        try:
            self.session.skip(event.ask_id)
        except (ChoiceError, WorkshopError) as error:
            self.notify(str(error), severity="error")
            return
        await self._after_prompt()

    async def _after_prompt(self) -> None:
        interaction = self.query_one("#interaction", Vertical)
        await interaction.remove_children()
        await self._mount_choices(interaction)
        self.refresh_bindings()

    @on(Button.Pressed, "#continue")
    async def continue_on(self, event: Button.Pressed) -> None:
        event.stop()
        if self.view == "ending":
            try:
                self.session.advance()
            except WorkshopError as error:
                self.notify(str(error), severity="error")
                return
        await self.show_scene()

    async def action_digit(self, number: int) -> None:
        if self.view != "scene":
            return
        panels = self.query(AskPanel)
        if panels:
            panels.first().rate(number)
            return
        choices = self.query(ChoiceList)
        if choices:
            choices.first().pick(number)

    def action_toggle_notes(self) -> None:
        pane = self.query_one(NotesPane)
        if pane.display:
            self.save_notes()
            pane.display = False
            self.focus_default()
        else:
            pane.display = True
            pane.focus_text()

    def action_hide_notes(self) -> None:
        if self.query_one(NotesPane).display:
            self.action_toggle_notes()

    def focus_default(self) -> None:
        """Give the keyboard back to the prompt, the choices or the Continue button."""
        for selector in ("#ask", "#choices", "#continue"):
            found = self.query(selector)
            if found:
                target = found.first()
                if isinstance(target, AskPanel):
                    target.focus_input()
                else:
                    target.focus()
                return

    def on_notes_pane_changed(self, event: NotesPane.Changed) -> None:
        event.stop()
        self._store_notes(event.text)

    def save_notes(self) -> None:
        """Save the notes now (on hide, on quit)."""
        pane = self.query_one(NotesPane)
        if pane.text != self.session.notes:
            self._store_notes(pane.text)

    def _store_notes(self, text: str) -> None:
        try:
            self.session.set_notes(text)
        except WorkshopError as error:
            self.notify(str(error), severity="error")

    async def action_undo(self) -> None:
        try:
            undone = self.session.undo()
        except (ChoiceError, WorkshopError) as error:
            self.notify(str(error), severity="warning")
            return
        if not undone:
            self.notify("Nothing to take back yet.")
            return
        await self.show_scene()
        self.notify("Took back the last choice.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Undo is for self-paced sessions; a room moves together.
        return not (action == "undo" and not self.allow_undo)

    async def reload(self, session: PlaySession) -> None:
        """Play on with a session rebuilt from reloaded content (``--watch``)."""
        self.session = session
        self.show_reload_errors([])
        await self.show_scene()
