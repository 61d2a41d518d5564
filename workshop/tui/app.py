"""The Textual app: options, the one factory, key bindings, command palette, screen routing.

The command line, the tests and the SSH server all build the app with :func:`make_app`.
Screens hold no business logic and do not switch to each other: they post the messages in
:mod:`workshop.tui.messages` and the app decides where the player goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.screen import Screen

from workshop.errors import WorkshopError
from workshop.play import PlayContext, PlayOptions, PlaySession, build
from workshop.text import markup_safe, terminal_safe
from workshop.tui.messages import (
    ExportNotes,
    GoHome,
    OpenSession,
    ShowHistory,
    StartTrack,
    TrackFinished,
)
from workshop.tui.textual_internals import QuietCrashes

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.geometry import Size
    from textual.notifications import SeverityLevel

    from workshop.play.watch import ContentWatcher


def _workshop_commands() -> type[Provider]:
    # Imported when the palette first opens, as Textual does with its own provider: the
    # palette's module is not needed for the first frame.
    from workshop.tui.commands import WorkshopCommands

    return WorkshopCommands


class WorkshopApp(QuietCrashes, App[str | None]):
    """The workshop player. Its return value is the line to print on exit."""

    # Every sheet is read once at start: a screen's own CSS_PATH would make Textual re-parse
    # all styles whenever that screen first appears. Each screen's rules start with its type.
    CSS_PATH = [  # noqa: RUF012
        "global.tcss", "screens/home.tcss", "screens/scene.tcss", "screens/reflection.tcss",
        "room/screen.tcss", "room/lookback.tcss",
    ]
    TITLE = "Staff Path Workshop"
    COMMANDS = {_workshop_commands}  # noqa: RUF012
    """One provider: the workshop's commands in its own order (workshop.tui.commands)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Keys"),
    ]
    """q or ctrl+q quits (everything is already saved); ? shows the keys."""

    def __init__(self, context: PlayContext) -> None:
        super().__init__()
        self.context = context
        self.watcher: ContentWatcher | None = None
        self._css_cache: Path | None = None
        if context.options.room is None:
            # Stylesheets parsed by the last run (the SSH server shares its own in memory).
            from workshop.tui.css_cache import load_parsed_css

            self._css_cache = context.folders.cache / "css.pickle"
            load_parsed_css(self._css_cache)
        from workshop.tui.themes import setup_themes

        # Themes are set before the first frame: a later switch would restyle everything.
        try:
            self._theme_problems = setup_themes(self, context.options.theme, context.themes)
        except WorkshopError as error:
            self._theme_problems = [str(error)]

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Show a notification; its text is shown as it is, never obeyed.

        Notifications carry errors that quote files (a theme's name, a record's problem) and
        participants' words, so every one is cleaned of escape sequences and made inert as
        markup here, in the one place they all pass (screens and widgets call the app's).
        """
        text = markup_safe(message) if markup else terminal_safe(message)
        super().notify(text, title=markup_safe(title), severity=severity, timeout=timeout,
                       markup=markup)

    _seen_size: Size | None = None
    """The terminal size Textual was last told of (see :meth:`on_resize`)."""

    def on_resize(self, event: events.Resize) -> None:
        # The terminal driver reports the size once more just after start; Textual would
        # then lay out and draw the whole screen again at the same size. A size already
        # known changes nothing: drop it before Textual's own handler (a real change takes
        # Textual's usual path). Measured: about 10 ms of CPU per SSH join.
        if event.size == self._seen_size:
            event.prevent_default()
            event.stop()
        self._seen_size = event.size

    in_browser = False
    """Set for a browser participant (``workshop serve --web``, Textual's web driver)."""
    _blurred_at_start = True
    """The web driver's own blur at start, not yet seen (see :meth:`on_app_blur`)."""

    def on_app_blur(self, event: events.AppBlur) -> None:
        # Textual's web driver says "blurred" as it starts, before the page has said a thing;
        # the page (static/play.js) puts the keyboard in the terminal at once and says
        # "focus" a moment later. Each of the two would restyle every widget, lay out and
        # draw the screen again: a fifth of a browser session's CPU to its first frame.
        # The page's own blur, later, takes Textual's usual path.
        if self.in_browser and self._blurred_at_start:
            self._blurred_at_start = False
            event.prevent_default()

    @on(Driver.SignalResume)
    def _draw_again_after_resume(self) -> None:
        # Back in the foreground after a stop (ctrl+z in the shell, then fg): the terminal's
        # screen was given back to the shell and is blank now; Textual only restores the
        # terminal's modes. Draw everything again.
        self.refresh(repaint=True, layout=True)

    # -- start-up and shutdown -----------------------------------------------------------

    def on_unmount(self) -> None:
        if self._css_cache is not None:
            from workshop.tui.css_cache import save_parsed_css
            from workshop.tui.textual_internals import stylesheet_variables

            save_parsed_css(self._css_cache, stylesheet_variables(self.stylesheet))

    def on_mount(self) -> None:
        for line in [*self._theme_problems, *self.context.start_problems]:
            self.notify(line, severity="warning", timeout=8)
        options = self.context.options
        if self.context.session is not None and self._room_session():
            # After Textual's start-up batch, so the scene screen is laid out and drawn once,
            # into the first frame. Pushed from here it would be mounted inside the batch:
            # laid out and drawn with the drawing thrown away, then laid out and drawn again
            # (a fifth of a room join's CPU to its first frame). The stand-in screen below it
            # is not drawn in between.
            self.call_later(self._play, self.context.session)
        elif self.context.session is not None:
            self._play(self.context.session)
        elif options.play or options.track or options.scenario:
            self._start(options.track, options.scenario)
        if options.watch:
            from workshop.play.watch import ContentWatcher

            self.watcher = ContentWatcher(options.content)
            self.set_interval(0.5, self._check_files, name="watch")

    def get_default_screen(self) -> Screen[None]:
        # The home screen is the bottom of the stack: the first frame draws it directly.
        if self._room_session():
            # Room mode opens on the participant's scene and seldom goes home: an empty
            # screen stands in until then (building home would cost every joiner ~40 ms).
            return Screen()
        return self._home()

    def _room_session(self) -> bool:
        # Room mode never builds home (it would offer tracks and other sessions), session
        # or not.
        return self.context.in_room

    def _home(self) -> Screen[None]:
        from workshop.tui.screens.home import HomeScreen

        return HomeScreen(self.context.outline, self.context.to_continue)

    # -- routing ----------------------------------------------------------------------

    def _start(self, track_id: str | None, scenario_id: str | None) -> None:
        try:
            session = self.context.new_session(track_id, scenario_id)
        except WorkshopError as error:
            self.notify(str(error), severity="error")
            return
        self._play(session)

    def _play(self, session: PlaySession) -> None:
        """Show a session: its current scene, or its reflection when it is finished."""
        from workshop.tui.screens.scene import SceneScreen

        self.context.session = session
        self._back_home()
        if session.finished:
            self._reflect(session)
        elif self.context.options.room is not None and self.context.options.handle:
            # Room mode (issue 7): the same scene screen with pacing, reveal, timer and
            # broadcast around it (workshop/tui/room/).
            from workshop.tui.room import RoomSceneScreen

            self.push_screen(RoomSceneScreen(session, Path(self.context.options.room),
                                             self.context.options.handle))
        else:
            self.push_screen(SceneScreen(session, undo=self.context.options.room is None))

    def _reflect(self, session: PlaySession) -> None:
        from workshop.tui.screens.reflection import ReflectionScreen

        self.push_screen(ReflectionScreen(session, self.context.summaries(),
                                          in_room=self.context.in_room))

    def _back_home(self) -> None:
        """Close everything above the home screen (which then refreshes its menu)."""
        from workshop.tui.screens.home import HomeScreen

        # In room mode home, once built, sits above the stand-in screen (see
        # get_default_screen); otherwise it is the bottom of the stack.
        while len(self.screen_stack) > 1 and not isinstance(self.screen_stack[-1],
                                                            HomeScreen):
            self.pop_screen()

    def _go_home(self) -> None:
        """Show the home screen, building it first in room mode."""
        from workshop.tui.screens.home import HomeScreen

        self._back_home()
        if not isinstance(self.screen_stack[-1], HomeScreen):
            self.push_screen(self._home())

    def _refused_in_room(self) -> bool:
        """In room mode, say that only the participant's own session is here; True then.

        The room's palette and screens never offer what is refused here: this is the second
        line of defence, should a message be posted anyway.
        """
        if not self.context.in_room:
            return False
        self.notify("In a room you have your own session only.", severity="warning")
        return True

    def _own_session(self) -> None:
        """Room mode's "home": the participant's own session, where it stands."""
        if self.context.session is not None:
            self._play(self.context.session)

    def on_start_track(self, message: StartTrack) -> None:
        if self._refused_in_room():
            return
        track_id, scenario_id = message.track_id, message.scenario_id
        try:
            unfinished = self.context.unfinished()
        except WorkshopError as error:  # a record that cannot be read: say so, start anyway
            self.notify(str(error), severity="warning")
            unfinished = None
        if unfinished is None:
            self._start(track_id, scenario_id)
            return
        from workshop.tui.screens.confirm import ConfirmDialog, unfinished_question

        def answered(start: bool | None) -> None:
            if start:
                self._start(track_id, scenario_id)

        # A new session never silently takes the place of one the player left midway.
        self.push_screen(ConfirmDialog(unfinished_question(unfinished),
                                       yes="Start a new one", no="Cancel"), answered)

    def on_open_session(self, message: OpenSession) -> None:
        if self.context.in_room:
            own = self.context.session
            if own is not None and message.session_id == own.id:
                self._own_session()
            else:
                self._refused_in_room()
            return
        try:
            session = self.context.open_session(message.session_id)
        except WorkshopError as error:
            self.notify(str(error), severity="error")
            return
        self._play(session)

    def on_track_finished(self, message: TrackFinished) -> None:
        from workshop.tui.screens.reflection import ReflectionScreen

        self.switch_screen(ReflectionScreen(message.session, self.context.summaries(),
                                          in_room=self.context.in_room))

    def on_go_home(self, _message: GoHome) -> None:
        if self.context.in_room:
            self._own_session()
            return
        self._go_home()

    def on_show_history(self, _message: ShowHistory) -> None:
        if self._refused_in_room():
            return
        from workshop.tui.screens.dialogs import PickDialog

        self.push_screen(PickDialog("History", self._history_items(),
                                    empty="No sessions yet: start a track from home."),
                         self._history_picked)

    def _history_items(self) -> list[tuple[str, str, str]]:
        from workshop.play.history import history_items

        return history_items(self.context.summaries())

    def _history_picked(self, session_id: str | None) -> None:
        if session_id:
            self.post_message(OpenSession(session_id))

    def on_export_notes(self, message: ExportNotes) -> None:
        from workshop.tui.screens.dialogs import PickDialog

        if self.context.in_room:
            self._take_home()
            return
        if message.session_id is not None:
            self._export(message.session_id)
            return
        self.push_screen(PickDialog("Export which session's notes?", self._history_items(),
                                    empty="No sessions yet: start a track from home."),
                         self._export)

    def _export(self, session_id: str | None) -> None:
        from workshop.play.history import export_notes
        from workshop.tui.screens.dialogs import ExportDialog

        if not session_id:
            return
        try:
            path, text = export_notes(self.context, session_id)
        except WorkshopError as error:
            self.notify(str(error), severity="error")
            return
        self.push_screen(ExportDialog(path, text))

    def _take_home(self) -> None:
        """Room mode: show how to take one's own notes home (nothing is written here)."""
        from workshop.export import render
        from workshop.rooms.joinline import export_line
        from workshop.tui.screens.dialogs import ExportDialog

        # In room mode the session is always the store's record session (never a scratch one).
        session: Any = self.context.session
        if session is None or self.context.options.room is None:
            return
        if self.is_web:  # a browser: the page's own link, not an ssh command it cannot run
            heading = "Take your notes home: use \"Download my notes\" at the top of this page."
        else:
            line = export_line(Path(self.context.options.room), session.id)
            heading = f"Take your notes home: on your own machine, run\n  {line}"
        self.push_screen(ExportDialog(None, render(session, "md"), heading=heading))

    # -- actions ----------------------------------------------------------------------

    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            from workshop.tui.screens.help import KEYS, ROOM_KEYS

            self.push_screen(HelpScreen(ROOM_KEYS if self.context.in_room else KEYS))

    async def action_quit(self) -> None:
        """Save what is pending and leave, saying how to come back."""
        from workshop.tui.screens.scene import SceneScreen

        for screen in self.screen_stack:
            if isinstance(screen, SceneScreen):
                screen.save_notes()
        command = self.context.resume_command()
        # The command on a line of its own, so a narrow terminal never breaks it in two.
        self.exit(f"Saved. To continue where you stopped:\n  {command}" if command else None)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from workshop.tui.screens.scene import SceneScreen

        if self.context.in_room:
            yield from self._room_commands(screen)
            return
        session = self.context.session
        if session is not None and self.context.saving:
            yield SystemCommand("Export notes", "Write this session's notes to a Markdown file",
                                partial(self.post_message, ExportNotes(session.id)))
        elif self.context.saving:
            yield SystemCommand("Export notes", "Pick a session and write its notes to a file",
                                partial(self.post_message, ExportNotes()))
        yield SystemCommand("History", "Your past sessions",
                            partial(self.post_message, ShowHistory()))
        if isinstance(screen, SceneScreen):
            yield SystemCommand("Notes", "Show or hide your private notes",
                                screen.action_toggle_notes)
        yield SystemCommand("Home", "Back to the home screen (everything is saved)",
                            self._go_home)
        yield SystemCommand("Keys", "Every key of the workshop", self.action_help)
        # Of Textual's own commands only the theme picker means something here (its
        # "Keys" panel, maximize, screenshot and "quit as soon as possible" do not).
        yield SystemCommand("Theme", "Change the workshop's colours", self.action_change_theme)
        yield SystemCommand("Quit", "Leave the workshop (everything is saved)",
                            self.action_quit)
        # Hidden until typed for, and ranked after every command (workshop.tui.commands).
        for scenario in self.context.outline.scenarios:
            yield SystemCommand(f"Jump to scenario: {scenario.title}",
                                f"Play it on its own ({scenario.summary})",
                                partial(self.post_message, StartTrack(scenario_id=scenario.id)),
                                discover=False)

    def _room_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette of a room session, built for it: the participant's own session only.

        No history, home, tracks or scenarios to jump to, and nothing that writes a file on
        the server or names a path there (Textual's screenshot does both).
        """
        from workshop.tui.room import RoomSceneScreen
        from workshop.tui.screens.scene import SceneScreen

        if self.context.session is not None:
            yield SystemCommand("Export notes", "How to take your notes home",
                                self._take_home)
        if isinstance(screen, SceneScreen):
            yield SystemCommand("Notes", "Show or hide your private notes",
                                screen.action_toggle_notes)
        if isinstance(screen, RoomSceneScreen):
            yield SystemCommand("Look back", "Your way so far", screen.action_look_back)
        yield SystemCommand("Keys", "Every key of the workshop", self.action_help)
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Screenshot"):
                yield command

    # -- watching files (authors) ------------------------------------------------------

    async def _check_files(self) -> None:
        from workshop.play.watch import reload_session
        from workshop.tui.screens.scene import SceneScreen

        if self.watcher is None or not self.watcher.changed():
            return
        scene_screen = next(
            (s for s in self.screen_stack if isinstance(s, SceneScreen)), None
        )
        outcome = reload_session(self.context)
        if outcome.errors:
            if scene_screen is not None:
                scene_screen.show_reload_errors(outcome.errors)
            self.notify("Reload failed: the last good version keeps running.",
                        severity="error")
            return
        for line in outcome.problems:
            self.notify(line, severity="warning")
        if scene_screen is not None and self.context.session is not None:
            await scene_screen.reload(self.context.session)
        self.notify("Reloaded.", timeout=2)


def make_app(options: PlayOptions | PlayContext) -> WorkshopApp:
    """Build the app over a play context (built here from options when given those).

    The command line builds the context itself (:func:`workshop.play.build`) and hands it
    over; tests and benchmarks may pass the options.

    Raises:
        WorkshopError: bad content, an unknown track or scenario, a session that cannot be
            opened — before anything is drawn, so the command line prints one line.
    """
    context = options if isinstance(options, PlayContext) else build(options)
    return WorkshopApp(context)
