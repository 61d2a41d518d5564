"""Where the projector view's data comes from: the room's published state, or the dashboard's.

Both sources hand the renderer the same three things: the aggregates (counts only, as
``aggregates.json`` carries them), the facilitator's control state and the join line. The
projector reads no participant's record, so it cannot show anything the room did not publish.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from workshop.rooms import Room
from workshop.rooms.control import Control
from workshop.rooms.projector import PublishedState
from workshop.scenario.model import Track, Workshop
from workshop.tui.dashboard.model import JoinInfo, RoomView


class ProjectorSource(Protocol):
    """What the projector view draws from."""

    workshop: Workshop
    track: Track

    @property
    def room_path(self) -> Path:
        """The room's folder (where its events FIFOs are)."""

    @property
    def aggregates(self) -> dict[str, Any] | None:
        """The published counts (None before the first publication)."""

    @property
    def control(self) -> Control:
        """The facilitator's state."""

    def join_line(self) -> str:
        """The command participants type."""

    def web_link(self) -> str:
        """The browser link beside it when the server serves browsers too ("" for none)."""

    def poll(self) -> bool:
        """Look again; True when something shown changed."""


@dataclass
class PublishedRoom:
    """The room's published files, for ``workshop project`` (a second window or machine)."""

    room: Room
    workshop: Workshop
    track: Track
    join: JoinInfo

    def __post_init__(self) -> None:
        self._state = PublishedState(self.room)

    @property
    def room_path(self) -> Path:
        """The room's folder."""
        return self.room.path

    @property
    def aggregates(self) -> dict[str, Any] | None:
        """The aggregates as last read."""
        return self._state.aggregates

    @property
    def control(self) -> Control:
        """The control state as last read."""
        return self._state.control

    def join_line(self) -> str:
        """The join command."""
        return self.join.line()

    def web_link(self) -> str:
        """The browser link the server published ("" for none)."""
        return self.join.web or ""

    def poll(self) -> bool:
        """Two ``stat`` calls; a file is read only when it changed."""
        return self._state.poll()


class DashboardRoom:
    """The dashboard's own view of the room, when the projector opens from its ``p`` key."""

    def __init__(self, view: RoomView) -> None:
        self.view = view
        self.workshop = view.workshop
        self.track = view.track

    @property
    def room_path(self) -> Path:
        """The room's folder."""
        return self.view.room.path

    @property
    def aggregates(self) -> dict[str, Any] | None:
        """The dashboard's aggregates (published, or its own count)."""
        return self.view.aggregates

    @property
    def control(self) -> Control:
        """The control state as the dashboard knows it."""
        return self.view.control

    def join_line(self) -> str:
        """The join command."""
        return self.view.join.line()

    def web_link(self) -> str:
        """The browser link the dashboard's banner shows too ("" for none)."""
        return self.view.join.web or ""

    def poll(self) -> bool:
        """True when the dashboard's data changed since the last look (the dashboard itself
        keeps refreshing the view meanwhile)."""
        self.view.refresh()
        seen = (id(self.view.aggregates), self.view.control.revision, self.view.control)
        changed = seen != getattr(self, "_seen", None)
        self._seen = seen
        return changed
