"""The projector view as a full screen: pushed by ``workshop project`` or the dashboard's ``p``."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from workshop.rooms.events import FALLBACK_SECONDS, Waker, open_watch
from workshop.tui.projector.render import projector_text
from workshop.tui.projector.source import ProjectorSource


class ProjectorScreen(Screen[None]):
    """Join line, current step, revealed charts, shown answers, timer: safe to share."""

    DEFAULT_CSS = """
    ProjectorScreen { background: $background; }
    ProjectorScreen #projector-scroll { padding: 1 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,p", "close", "Back", show=False),
        Binding("pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
    ]
    """escape or p leaves the view (the app quits when it is its only screen)."""

    def __init__(self, source: ProjectorSource, *, fallback: float = FALLBACK_SECONDS,
                 events: bool = True) -> None:
        super().__init__()
        self.source = source
        self.fallback = fallback
        """Seconds between looks at the room when nothing announced a change."""
        self.events = events
        """Listen to the room's events FIFO (False: look every ``fallback`` seconds)."""
        self.waker: Waker | None = None
        self.body = Static(id="projector")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="projector-scroll"):
            yield self.body

    def on_mount(self) -> None:
        self.source.poll()
        self.draw()
        # Woken when the server publishes counts or the facilitator changes the room; the
        # slow fallback look and the timer's second hand are all that run otherwise.
        watch = open_watch(self.source.room_path, "projector") if self.events else None
        self.waker = Waker(watch, {"record", "aggregates", "control"}, fallback=self.fallback,
                           min_gap=0.05)
        self.run_worker(self._follow_room(), group="projector", exclusive=True)
        self.set_interval(1.0, self._clock)

    def on_unmount(self) -> None:
        if self.waker is not None:
            self.waker.close()

    async def _follow_room(self) -> None:
        assert self.waker is not None
        while True:
            await self.waker.wait()
            self.tick()

    def _clock(self) -> None:
        if self.source.control.deadline is not None:
            self.draw()

    def on_resize(self, event: events.Resize) -> None:
        self.draw()

    def tick(self) -> None:
        """Look at the room; redraw when something shown changed."""
        if self.source.poll():
            self.draw()

    def draw(self) -> None:
        """Draw from the source at the screen's size."""
        width = max(20, (self.size.width or self.app.size.width) - 6)
        height = self.size.height or self.app.size.height
        self.text = projector_text(self.source.aggregates, self.source.control,
                                   self.source.workshop, self.source.track,
                                   self.source.join_line(), width=width, height=height,
                                   web_link=self.source.web_link())
        self.body.update(self.text)

    def action_scroll(self, how: str) -> None:
        """Page through a long view."""
        scroll = self.query_one(VerticalScroll)
        (scroll.scroll_page_down if how == "page_down" else scroll.scroll_page_up)()

    def action_close(self) -> None:
        """Back to the dashboard, or quit when the view is the app's only screen."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
