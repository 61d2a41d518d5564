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
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize, ScreenResume
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from workshop.engine import ChoiceError
from workshop.errors import WorkshopError
from workshop.play.session import PlaySession
from workshop.tui.messages import TrackFinished
from workshop.tui.widgets.below import choices_below
from workshop.tui.widgets.choices import ChoiceList
from workshop.tui.widgets.focus import focus_now
from workshop.tui.widgets.footer import Footer
from workshop.tui.widgets.header import WATCH_NOTICE, ProgressHeader
from workshop.tui.widgets.notes import NotesPane
from workshop.tui.widgets.prompt import AskPanel
from workshop.tui.widgets.scenetext import SceneText

if TYPE_CHECKING:
    from workshop.engine import Run
    from workshop.scenario.model import Ask


def width_class(width: int, breakpoints: list[tuple[int, str]]) -> str | None:
    """The class Textual's ``HORIZONTAL_BREAKPOINTS`` give a screen this wide (the last
    breakpoint not above the width), or None when the width is below them all."""
    for least, name in sorted(breakpoints, reverse=True):
        if width >= least:
            return name
    return None


class SceneScreen(Screen[None]):
    """One scenario of the track, scene by scene."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    AUTO_FOCUS = ""
    """show_scene focuses what the view needs; Textual's auto focus would first focus (and
    then blur) the body, restyling everything in it twice before the first frame."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # One footer entry stands for all nine digits.
        Binding("1", "digit(1)", "Choose", key_display="1-9"),
        *[Binding(str(n), f"digit({n})", show=False) for n in range(2, 10)],
        Binding("enter", "continue", "Continue"),
        Binding("a", "answer_skipped", "Answer skipped"),
        Binding("n", "toggle_notes", "Notes"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("escape", "hide_notes", "Hide notes"),
        # Priority: the focused choice list would take these keys to move its highlight,
        # and the page would not move (issue 16). Text fields keep home/end (check_action).
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("home", "edge(-1)", "Top", show=False, priority=True),
        Binding("end", "edge(1)", "Bottom", show=False, priority=True),
    ]
    """Digits pick a choice by its number (or give a rating); Enter continues (and takes a
    choice only once it is highlighted); a answers the scene's skipped question; n shows the
    notes; ctrl+z takes back a choice; pgup/pgdn/home/end scroll the scene whatever has the
    keyboard (home/end stay with a text field, and all four with the notes)."""

    _PARTS = ("answered", "ending-note", "choices", "continue")
    """What the body shows under the scene's text (and the prompt), in this order."""

    def __init__(self, session: PlaySession, *, undo: bool = True) -> None:
        super().__init__()
        self.session = session
        self.allow_undo = undo
        self.view = "scene"
        """What the body shows: "scene", "consequence" or "ending"."""
        self._resumed = False

    def compose(self) -> ComposeResult:
        # The width class the first resize would add, added now: added then, it would
        # restyle every widget just composed.
        breakpoints = self.HORIZONTAL_BREAKPOINTS
        wide = width_class(self.app.size.width, breakpoints)
        self.update_classes({name: name == wide for _, name in breakpoints}, update=False)
        # A session with no file is a --watch session: the header says so, so an author
        # never mistakes it for a saved one.
        yield ProgressHeader(id="header",
                             notice=WATCH_NOTICE if self.session.path is None else "")
        with Horizontal(id="main"):
            with VerticalScroll(id="body"):
                yield SceneText(id="scene-text")
                # These stay mounted and are shown or hidden: mounting and removing widgets
                # on every step would cost a player a visible pause. The ending's note and
                # the Continue button are made the first time they are needed (see _part):
                # a first screen, often a question, has no use for them.
                yield Static("", id="answered", markup=False)
                yield ChoiceList([], id="choices")
            yield NotesPane(self.session.notes, id="notes")
        # Says in words that the choices are under the fold (a scrollbar alone goes unseen).
        yield Static("", id="below", markup=False)
        yield Footer()

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Textual runs a subclass's handler before its base classes' (documented in its
        # events guide), so this runs before Screen's own. The first time, every widget was
        # styled as it was mounted a moment ago: restyling them all again would only cost CPU.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self, event: Resize) -> None:
        # Having laid itself out, a screen is sent a resize to the size it was just laid out
        # at (Textual sends one to every widget whose size changed, itself included) and
        # would lay out and draw everything again: a second full frame right after the
        # first. The same size changes nothing. A new terminal size comes with a size the
        # screen was not laid out at (its region; ``size`` is the app's, already the new one)
        # and takes Textual's own path. Under a dialog, the dialog lays this screen out at the
        # new size first: the width class (Textual sets it here) is still kept right.
        if event.size == self.region.size:
            event.prevent_default()
            breakpoints = self.HORIZONTAL_BREAKPOINTS
            wide = width_class(event.size.width, breakpoints)
            if any(self.has_class(name) != (name == wide) for _, name in breakpoints):
                self.update_classes({name: name == wide for _, name in breakpoints})

    async def on_mount(self) -> None:
        self.query_one("#notes").display = False
        body = self.query_one("#body", VerticalScroll)
        # Whatever moves the page or changes its length may bring the choices into view.
        self.watch(body, "scroll_y", self._update_below, init=False)
        self.watch(body, "virtual_size", self._update_below, init=False)
        self.watch(body, "size", self._update_below, init=False)
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

    def _show_only(self, *shown: str) -> None:
        for name in self._PARTS:
            if name in shown:
                self._part(name).display = True
            else:
                for widget in self.query(f"#{name}"):
                    widget.display = False

    def _part(self, name: str) -> Widget:
        """One of the body's parts, made and put in its place the first time it is needed."""
        found = self.query(f"#{name}")
        if found:
            return found.first()
        widget: Widget
        if name == "ending-note":
            widget = Static("", id="ending-note")
        elif name == "continue":
            # Enter is the screen's key (so the footer can show it); the button is for the
            # mouse and never takes the keyboard.
            widget = Button("Continue ⏎", id="continue", variant="primary", compact=True)
            widget.can_focus = False
        else:
            raise ValueError(f"no part '{name}'")  # composed with the screen
        body = self.query_one("#body", VerticalScroll)
        earlier = [part for part in self._PARTS[:self._PARTS.index(name)]
                   if self.query(f"#{part}")]
        body.mount(widget, after=self.query_one(f"#{earlier[-1]}"))
        return widget

    async def _clear_ask(self) -> None:
        panels = self.query(AskPanel)
        if panels:
            # Hidden first: a text area drawn while it is being removed fails in Textual.
            for panel in panels:
                panel.display = False
            await panels.remove()

    async def show_scene(self) -> None:
        """Show the current scene: its text, then its prompt or its choices (or its ending)."""
        if self.session.journey.finished:
            self.post_message(TrackFinished(self.session))
            return
        self._update_header()
        run = self.run
        scene = run.scene
        self.query_one("#scene-text", SceneText).update(run.text(), title=scene.title)
        await self._clear_ask()
        # The scene's questions come first, an ending's too (issue 15: an ending's question
        # was never asked here), then its choices or its ending.
        if not await self._ask_next():
            self._show_after_prompts()
        # A new scene opens at its top, its title in view (issue 16).
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()
        self.call_after_refresh(self._update_below)

    async def _ask_next(self, ask: Ask | None = None) -> bool:
        """Put up a prompt: ``ask``, or the scene's next one still unanswered (a scene with
        several asks them one at a time, each answer then listed above the next). False
        when there is none to ask."""
        run = self.run
        ask = ask or run.ask
        if ask is None:
            return False
        # A prompt is answered before anything else happens, on an ending too: the view
        # stays "scene" (digits rate, Enter stays in the prompt) until it is.
        self.view = "scene"
        panel = AskPanel(ask, draft=self.session.draft(ask.id), id="ask")
        # Where the prompt goes: under the scene's text and the answers given here already.
        await self.query_one("#body", VerticalScroll).mount(
            panel, after=self.query_one("#answered"))
        answered = self._answer_text()
        self.query_one("#answered", Static).update(answered)
        self._show_only(*(["answered"] if answered else []))
        panel.focus_input()
        return True

    def _show_after_prompts(self) -> None:
        """Once the scene's prompts are dealt with: its choices, or its ending."""
        run = self.run
        if run.finished:
            self.view = "ending"
            self._show_ending(run)
        else:
            self.view = "scene"
            self._show_choices()

    def _answer_text(self) -> str:
        """One line per prompt of this scene answered or skipped so far, in order."""
        run = self.run
        lines = []
        for ask in run.asks:
            if ask.id in run.skipped:
                lines.append(f"{ask.question} — skipped")
            elif ask.id in run.answers:
                value = run.answers[ask.id]
                shown = f"{value} of 5" if ask.kind == "rating" else str(value)
                lines.append(f"✓ {ask.question}  {shown}")
        return "\n".join(lines)

    def _show_choices(self) -> None:
        answered = self._answer_text()
        self.query_one("#answered", Static).update(answered)
        choices = self.query_one(ChoiceList)
        choices.set_views(self.run.choices())
        self._show_only("choices", *(["answered"] if answered else []))
        focus_now(choices)

    def _show_ending(self, run: Run) -> None:
        last = self.session.journey.index + 1 >= len(self.session.journey.track.scenarios)
        note = "This is an ending." if run.ended else "Nothing more to choose in this scenario."
        ending = self._part("ending-note")
        assert isinstance(ending, Static)
        ending.update(f"[b]{note}[/b] [dim]End of “{run.scenario.title}”.[/]")
        button = self._part("continue")
        assert isinstance(button, Button)
        button.label = "See your reflection ⏎" if last else "Next scenario ⏎"
        answered = self._answer_text()
        self.query_one("#answered", Static).update(answered)
        self._show_only(*(["answered"] if answered else []), "ending-note", "continue")
        focus_now(self.query_one("#body"))

    async def show_consequence(self, label: str, consequence: str) -> None:
        """Show what the choice just taken led to, with a Continue button."""
        self.view = "consequence"
        self.query_one("#scene-text", SceneText).update(consequence,
                                                        title=f"You chose: {label}")
        button = self._part("continue")
        assert isinstance(button, Button)
        button.label = "Continue ⏎"
        self._show_only("continue")
        focus_now(self.query_one("#body"))
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()
        self.call_after_refresh(self._update_below)

    def _update_below(self) -> None:
        """Say how many choices are under the fold, or hide the line when none is."""
        found = self.query("#below")
        if not found:  # the screen is being torn down
            return
        line = found.first(Static)
        count = 0
        choices = self.query_one(ChoiceList)
        if self.view == "scene" and choices.display:
            count = choices_below(self.query_one("#body", VerticalScroll), choices)
        if count:
            noun = "choice" if count == 1 else "choices"
            line.update(f"↓ {count} {noun} below — PgDn or ↓")
        line.display = bool(count)

    def show_reload_errors(self, lines: list[str]) -> None:
        """Show why the last reload of the content failed (empty: hide the panel).

        The panel is made the first time a reload fails (only ``--watch`` reloads)."""
        found = self.query("#reload-errors")
        if not found:
            if not lines:
                return
            panel = Static("", id="reload-errors", markup=False)
            self.mount(panel, after=self.query_one(ProgressHeader))
        else:
            panel = found.first(Static)
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
        self.refuse(f"Not available: {event.reason}")

    def refuse(self, message: str, *, title: str = "", timeout: float | None = None) -> None:
        """Say why an action cannot be taken, in place of what was on show: pressing a
        refused key again must not stack pop-ups over a small screen (issue 17)."""
        self.app.clear_notifications()
        self.notify(message, title=title, severity="warning", timeout=timeout)

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
            self.session.skip(event.ask_id, event.draft)
        except (ChoiceError, WorkshopError) as error:
            self.notify(str(error), severity="error")
            return
        await self._after_prompt()

    def on_ask_panel_draft_left(self, event: AskPanel.DraftLeft) -> None:
        event.stop()
        self._store_draft(event.ask_id, event.draft)

    def _store_draft(self, ask_id: str, text: str) -> None:
        if text == self.session.draft(ask_id):
            return
        try:
            self.session.set_draft(ask_id, text)
        except WorkshopError as error:
            self.notify(str(error), severity="error")

    async def action_answer_skipped(self) -> None:
        """Bring back the current scene's skipped question, with its draft, to answer it now."""
        ask = self.run.skipped_here
        if self.view not in ("scene", "ending") or ask is None or self.query(AskPanel):
            return
        await self._ask_next(ask)
        self.query_one(AskPanel).scroll_visible(animate=False)
        self.refresh_bindings()

    def on_choice_list_nothing_highlighted(self, event: ChoiceList.NothingHighlighted) -> None:
        event.stop()
        self.notify("Enter takes a choice only once it is highlighted: press its number, "
                    "or move to it with ↑ ↓ first.")

    async def _after_prompt(self) -> None:
        run = self.run
        if run.ask is not None:  # the scene's next question
            await self._clear_ask()
            await self._ask_next()
            self.query_one(AskPanel).scroll_visible(animate=False)
            self.refresh_bindings()
            return
        self._show_after_prompts()
        await self._clear_ask()
        # The player has read the scene: bring the answer and the choices up.
        self.query_one("#answered").scroll_visible(top=True, animate=False)
        self.refresh_bindings()
        self.call_after_refresh(self._update_below)

    @on(Button.Pressed, "#continue")
    async def continue_on(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_continue()

    async def action_continue(self) -> None:
        """Go on after a consequence, or to the next scenario after an ending."""
        if self.view == "scene":
            return
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
        self.query_one(ChoiceList).pick(number)

    async def action_toggle_notes(self) -> None:
        pane = self.query_one(NotesPane)
        if pane.display:
            self.save_notes()
            pane.display = False
            self.focus_default()
        else:
            await pane.open()
        self.refresh_bindings()

    def action_page(self, direction: int) -> None:
        """Scroll the scene a page down (1) or up (-1)."""
        body = self.query_one("#body", VerticalScroll)
        if direction > 0:
            body.scroll_page_down(animate=False)
        else:
            body.scroll_page_up(animate=False)

    def action_edge(self, direction: int) -> None:
        """Scroll the scene to its bottom (1) or its top (-1)."""
        body = self.query_one("#body", VerticalScroll)
        if direction > 0:
            body.scroll_end(animate=False)
        else:
            body.scroll_home(animate=False)

    async def action_hide_notes(self) -> None:
        if self.query_one(NotesPane).display:
            await self.action_toggle_notes()

    def focus_default(self) -> None:
        """Give the keyboard back to the prompt, the choices, or the scene (where Enter goes on)."""
        for selector in ("#ask", "#choices", "#body"):
            found = self.query(selector)
            if found and found.first().display:
                target = found.first()
                if isinstance(target, AskPanel):
                    target.focus_input()
                else:
                    focus_now(target)
                return

    def on_notes_pane_changed(self, event: NotesPane.Changed) -> None:
        event.stop()
        self._store_notes(event.text)

    def save_notes(self) -> None:
        """Save the notes now (on hide, on quit), and the answer being typed as a draft."""
        pane = self.query_one(NotesPane)
        if pane.text != self.session.notes:
            self._store_notes(pane.text)
        for panel in self.query(AskPanel):
            if panel.ask.kind == "text":
                self._store_draft(panel.ask.id, panel.text)

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
        if action == "continue":
            # Shown in the footer only when Enter moves on (the choices take Enter otherwise).
            return self.view != "scene"
        if action == "hide_notes":
            return self.query_one(NotesPane).display
        if action in ("page", "edge"):
            # False lets the key through to the focused widget: the notes keep all four,
            # a text field keeps home and end (its line's start and end).
            focused = self.focused
            if focused is None:
                return True
            if any(isinstance(node, NotesPane) for node in focused.ancestors_with_self):
                return False
            return not (action == "edge" and isinstance(focused, TextArea | Input))
        if action == "digit":
            return self.view == "scene"
        if action == "answer_skipped":
            run = self.session.journey.run
            return (self.view in ("scene", "ending") and run is not None
                    and run.skipped_here is not None and not self.query(AskPanel))
        # Undo is for self-paced sessions; a room moves together.
        return not (action == "undo" and not self.allow_undo)

    async def reload(self, session: PlaySession) -> None:
        """Play on with a session rebuilt from reloaded content (``--watch``)."""
        self.session = session
        self.show_reload_errors([])
        await self.show_scene()
