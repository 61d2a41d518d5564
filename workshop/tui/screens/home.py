"""The home screen: what the workshop is, and where to go from here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from workshop.play.session import PlaySession
from workshop.tui.messages import ExportNotes, OpenSession, ShowHistory, StartTrack
from workshop.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from workshop.scenario.outline import Outline


def where_stopped(session: PlaySession) -> str:
    """A line saying where an unfinished session stopped."""
    journey = session.journey
    index, total = journey.progress
    scenario = journey.scenario
    if scenario is None:
        return f"{journey.track.title}: finished"
    run = journey.run
    scene = f"\n   at “{run.scene.title}”" if run is not None and run.scene.title else ""
    return f"{journey.track.title}, scenario {index + 1} of {total}: {scenario.title}{scene}"


class HomeScreen(Screen[None]):
    """Title, promise, and a menu: continue, start a track or a scenario, history, export."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *[Binding(str(n), f"pick('{n}')", show=False) for n in range(1, 10)],
        *[Binding(key, f"pick('{key}')", show=False) for key in "cseh"],
    ]
    """Each entry has its key, shown in front of it: c continues, digits start the tracks (a
    track keeps its number whether or not there is a session to continue), s one scenario,
    h history, e export (q quits, from anywhere)."""

    def __init__(
        self, outline: Outline, find_unfinished: Callable[[], PlaySession | None]
    ) -> None:
        super().__init__()
        # The outline, not the whole workshop: the first frame draws before the content
        # model is even imported (see workshop.play.content_cache).
        self.outline = outline
        self.find_unfinished = find_unfinished
        self.unfinished: PlaySession | None = None
        self._keys: list[str] = []
        """The key of each menu entry, in order."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="home"), Vertical(id="card"):
            yield Label(self.outline.title, id="home-title")
            yield Static(self.outline.promise, id="promise")
            yield OptionList(*self._entries(), id="menu")
            yield Static("Your choices are saved as you go. Nothing is graded. "
                         "Press ? for the keys.", id="home-hint")
        yield Footer()

    def _entries(self) -> list[Option]:
        entries: list[Option] = []
        self._keys = []

        def add(entry: str, key: str, title: str, detail: str = "", *,
                inline: bool = False) -> None:
            # Textual's own Content draws faster than a Rich table: the home screen is the
            # first frame. Details are kept short enough to fit one line at 80 columns; the
            # smaller entries keep theirs on the title's line, so the menu fits 80x24 with a
            # session to continue.
            parts: list[str | tuple[str, str]] = [(f"{key}  ", "bold"), (title, "bold")]
            if detail:
                parts.append((f"  {detail}" if inline else f"\n   {detail}", "dim"))
            entries.append(Option(Content.assemble(*parts), id=entry))
            self._keys.append(key)

        if self.unfinished is not None:
            add("continue", "c", "Continue where you stopped", where_stopped(self.unfinished))
        for number, track in enumerate(self.outline.tracks, 1):
            count = track.scenarios
            minutes = f", about {track.minutes} minutes" if track.minutes else ""
            add(f"track:{track.id}", str(number), f"Start the {track.title.lower()}",
                f"{count} scenario{'s' if count != 1 else ''}{minutes}")
        add("scenario", "s", "Play one scenario…", "any scenario on its own", inline=True)
        add("history", "h", "History", "past sessions and their reflections", inline=True)
        add("export", "e", "Export notes…", "a session's notes as Markdown", inline=True)
        add("quit", "q", "Quit", "q or ctrl+q, from anywhere", inline=True)
        return entries

    def on_mount(self) -> None:
        self.query_one("#menu", OptionList).focus()

    def on_screen_resume(self) -> None:
        # Reading the records waits until the screen is up (start-up time), and runs again
        # when the player comes back from a session: what can be continued may have changed.
        self.call_after_refresh(self.refresh_menu)

    def refresh_menu(self) -> None:
        """Offer to continue the latest unfinished session, if there is one."""
        unfinished = self.find_unfinished()
        if unfinished is not None or self.unfinished is not None:
            self.unfinished = unfinished
            menu = self.query_one("#menu", OptionList)
            menu.clear_options()
            menu.add_options(self._entries())
            menu.highlighted = 0

    def action_pick(self, key: str) -> None:
        """Take the menu entry shown with this key."""
        if key in self._keys:
            menu = self.query_one("#menu", OptionList)
            menu.highlighted = self._keys.index(key)
            menu.action_select()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        if key == "continue" and self.unfinished is not None:
            self.post_message(OpenSession(self.unfinished.id))
        elif key.startswith("track:"):
            self.post_message(StartTrack(track_id=key.split(":", 1)[1]))
        elif key == "scenario":
            self._pick_scenario()
        elif key == "history":
            self.post_message(ShowHistory())
        elif key == "export":
            self.post_message(ExportNotes())
        elif key == "quit":
            await self.app.run_action("app.quit")

    def _pick_scenario(self) -> None:
        from workshop.tui.screens.dialogs import PickDialog

        items = [(s.id, s.title, s.summary) for s in self.outline.scenarios]

        def chosen(scenario_id: str | None) -> None:
            if scenario_id:
                self.post_message(StartTrack(scenario_id=scenario_id))

        self.app.push_screen(PickDialog("Play one scenario", items), chosen)
