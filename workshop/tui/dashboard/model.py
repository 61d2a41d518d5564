"""What the dashboard shows, read from the room folder (no Textual here).

Every refresh reads at most three small things: the room's published aggregates (only when the
file changed), the control file (only when it changed) and the participants folder's listing.
When no server publishes aggregates (a room served by the system's OpenSSH, or before
``workshop serve`` starts) the dashboard keeps its own incremental
:class:`~workshop.rooms.aggregates.Aggregator` in memory instead: it re-reads only the records
that changed, so a refresh never costs one read per participant.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workshop.rooms import Aggregator, Room, read_aggregates
from workshop.rooms.aggregates import Contribution
from workshop.rooms.control import Control, ControlReader, ControlWriter
from workshop.rooms.presence import (
    Headcount,
    Person,
    Presence,
    headcount,
    people,
    presence_path,
    read_presence,
)
from workshop.rooms.shared import SharedAnswer, shared_answers
from workshop.rooms.summary import Step, participants, step, steps
from workshop.scenario.model import Track, Workshop

STALE_NS = 10 * 1_000_000_000
"""A published aggregates file this much older than the newest record is not being kept
up to date (the server publishes each change as it happens)."""


@dataclass(frozen=True)
class JoinInfo:
    """How participants reach the room."""

    host: str
    port: int
    published: str | None = None
    """The line the running server published (``NAME`` for the handle), preferred."""
    web: str | None = None
    """The browser link the running server published beside the ssh line (None: it serves
    no browsers, or browsers only, when :attr:`published` is that link)."""

    def line(self, handle: str = "NAME") -> str:
        """The command participants type."""
        if self.published:
            return self.published.replace("NAME@", f"{handle}@", 1)
        port = "" if self.port == 22 else f"-p {self.port} "
        return f"ssh {port}{handle}@{self.host}"


class RoomView:
    """The room as the dashboard sees it, refreshed on demand."""

    def __init__(self, room: Room, workshop: Workshop, join: JoinInfo) -> None:
        self.room = room
        self.workshop = workshop
        self.join = join
        self.track: Track = workshop.track(room.settings.track)
        self.writer = ControlWriter(room, len(self.track.scenarios))
        self._control = ControlReader(room)
        self._control.poll()
        self._agg_stamp: tuple[int, int] | None = None
        self._private: Aggregator | None = None
        self.aggregates: dict[str, Any] | None = None
        self.handles: list[str] = []
        self.source = "none"
        """Where the counts come from: "server" (published) or "dashboard" (own)."""
        self.presence: Presence | None = None
        """The server's presence file as last read (None: no server ever published one)."""
        self._presence_stamp: tuple[int, int] | None = None
        self._people: tuple[tuple[object, ...], list[Person]] | None = None
        self._generation = 0
        """Goes up with every refresh that changed something (the people cache's key)."""

    @property
    def control(self) -> Control:
        """The control state as last read (or just written)."""
        return self._control.control

    def set_control(self, control: Control) -> None:
        """Take a state the dashboard just wrote (the next poll may see it again; harmless)."""
        self._control.control = control

    def _scan(self) -> tuple[list[str], int]:
        """The handles with a record, and the newest record's modification time (ns)."""
        handles, newest = [], 0
        try:
            entries = list(os.scandir(self.room.participants_dir))
        except OSError:
            entries = []
        for entry in entries:
            name = entry.name
            if name.startswith(".") or not name.endswith(".toml"):
                continue
            handles.append(name[:-5])
            with contextlib.suppress(OSError):
                newest = max(newest, entry.stat().st_mtime_ns)
        return sorted(handles), newest

    def _read_presence(self) -> bool:
        """Re-read presence.json when it changed; True when it did."""
        try:
            stat = presence_path(self.room).stat()
            stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if stamp == self._presence_stamp:
            return False
        self._presence_stamp = stamp
        self.presence = read_presence(self.room) if stamp is not None else None
        return True

    def refresh(self) -> bool:
        """Look at the room folder; True when something the dashboard shows changed."""
        changed = self._control.poll() is not None
        changed = self._read_presence() or changed
        handles, newest = self._scan()
        if handles != self.handles:
            self.handles = handles
            changed = True
        path: Path = self.room.aggregates_path
        try:
            stat = path.stat()
            stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        # A published file far behind the newest record has no server behind it any more
        # (it stopped, or the room runs under the system's OpenSSH): count for ourselves.
        if stamp is not None and newest - stamp[0] > STALE_NS:
            stamp = None
        if stamp is not None:
            self._private = None
            if stamp != self._agg_stamp:
                data = read_aggregates(self.room)
                if data is not None:
                    self._agg_stamp = stamp
                    self.aggregates = data
                    self.source = "server"
                    changed = True
        else:
            if self._private is None:
                self._private = Aggregator(self.room, list(self.track.scenarios))
                self._agg_stamp = None
            if self._private.refresh() or self.source != "dashboard":
                self.aggregates = self._private.to_data()
                self.source = "dashboard"
                changed = True
        if changed:
            self._generation += 1
        return changed

    @property
    def counts(self) -> tuple[int, int]:
        """(participants with a record, finished the track)."""
        return participants(self.aggregates)

    def steps(self) -> list[Step]:
        """Every step of the track with the room's counts."""
        return steps(self.aggregates, self.workshop, self.track.scenarios)

    def shared(self) -> list[SharedAnswer]:
        """Every answer shared with the room (anonymous, as published)."""
        return shared_answers(self.aggregates, self.workshop)

    def current(self) -> Step:
        """The facilitator's current step."""
        index = min(self.control.step, len(self.track.scenarios) - 1)
        return step(self.aggregates, self.workshop, self.track.scenarios, index)

    @property
    def server_stopped(self) -> bool:
        """A server published presence, but its heartbeat stopped: nobody is online."""
        return self.presence is not None and self.presence.stale()

    def people(self) -> list[Person]:
        """Everyone in the room: online or offline, and what they are doing.

        Worked out once per change (a redraw asks several times; 200 people cost ~10 ms).
        """
        key = (self._generation, self.control.revision, self.server_stopped)
        if self._people is not None and self._people[0] == key:
            return self._people[1]
        found = self._work_out_people()
        self._people = (key, found)
        return found

    def _work_out_people(self) -> list[Person]:
        parts: dict[str, Contribution] = {}
        if self._private is not None:
            parts = dict(self._private.parts)
        elif self.presence is not None:
            parts = dict(self.presence.positions)
        return people(parts, self.presence, self.control, self.workshop,
                      self.track.scenarios, handles=self.handles)

    def headcount(self) -> Headcount:
        """How many people are online, waiting, done, removed (the base of every count)."""
        live = self.presence is not None and not self.presence.stale()
        return headcount(self.people(), live=live)
