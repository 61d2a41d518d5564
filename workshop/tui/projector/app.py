"""``workshop project CODE``: the projector view as its own app, for a second window."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path

from textual.app import App

from workshop.errors import WorkshopError
from workshop.rooms import open_room
from workshop.rooms.events import FALLBACK_SECONDS
from workshop.rooms.joinline import read_join, read_web
from workshop.tui.dashboard.model import JoinInfo
from workshop.tui.projector.screen import ProjectorScreen
from workshop.tui.projector.source import ProjectorSource, PublishedRoom


@dataclass
class ProjectorOptions:
    """What ``workshop project`` passes."""

    room: str | Path
    """The room code, or its folder."""
    data_dir: Path | None = None
    host: str | None = None
    """The host name participants type (None: the line the server published, else this
    machine's name)."""
    port: int = 2222
    fallback: float = FALLBACK_SECONDS
    """Seconds between looks at the room when no change was announced (changes announced
    through the room's events show at once)."""


class ProjectorApp(App[None]):
    """One projector screen; escape or q leaves."""

    TITLE = "Staff Path Workshop"

    def __init__(self, source: ProjectorSource, *, fallback: float = FALLBACK_SECONDS) -> None:
        super().__init__()
        self.source = source
        self.fallback = fallback
        try:
            from workshop.tui.themes import setup_themes

            setup_themes(self, None)
        except WorkshopError:
            pass  # a broken theme file must not stop the view: the default theme serves

    def get_default_screen(self) -> ProjectorScreen:
        """The view is the app's only screen, so escape on it quits."""
        return ProjectorScreen(self.source, fallback=self.fallback)

    def key_q(self) -> None:
        """q quits, as in the dashboard."""
        self.exit()


def make_projector(options: ProjectorOptions) -> ProjectorApp:
    """Build the projector app: open the room and load its content first.

    Raises:
        WorkshopError: no such room, or its content does not load.
    """
    room = open_room(options.room, options.data_dir)
    workshop = room.workshop()
    host = options.host or socket.gethostname() or "HOST"
    # Without --host, the lines the running server published (the browser link too when it
    # serves browsers), as the dashboard's banner shows them.
    published = read_join(room.path) if options.host is None else None
    web = read_web(room.path) if options.host is None else None
    source = PublishedRoom(room, workshop, workshop.track(room.settings.track),
                           JoinInfo(host, options.port, published, web))
    return ProjectorApp(source, fallback=options.fallback)
