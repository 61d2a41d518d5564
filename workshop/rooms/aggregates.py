"""How the room chose, computed once and published for every reader.

One process (the SSH server) owns an :class:`Aggregator`. It notices which participant records
changed since the last look (by size and modification time), re-reads only those, subtracts
each one's old contribution and adds the new one, then writes ``aggregates.json`` atomically.
A refresh therefore costs one ``stat`` per participant plus the records that changed, and a
reader (the facilitator's dashboard, each participant's screen) reads one small file instead
of every record: the cost no longer grows with the square of the room.

Free-text answers never enter the aggregates; ratings are counted per value; handles appear
only when the room is not anonymous.

Every count is over *people* (issue 17): at each decision only a person's latest choice counts
(a detour that comes back to a decision does not count them twice), and people the facilitator
removed leave every total (``control.toml``'s ``removed``, read cheaply on each refresh).
"""

from __future__ import annotations

import json
import os
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workshop import tomlread
from workshop.record.atomic import TEMP_SUFFIX, write_atomic, write_atomic_async
from workshop.record.view import JourneyView
from workshop.rooms.control import ControlReader
from workshop.rooms.events import notify
from workshop.rooms.room import Room
from workshop.rooms.sanitize import sanitize

AGGREGATES_SCHEMA = 1


@dataclass(frozen=True)
class Contribution:
    """What one participant's record adds to the aggregates."""

    handle: str
    finished: bool = False
    at: tuple[str, str] | None = None
    """(scenario, scene) the participant is in now (None once finished)."""
    done: frozenset[str] = frozenset()
    """Scenarios the participant has finished."""
    choices: frozenset[tuple[str, str, str]] = frozenset()
    """(scenario, scene, choice): the participant's latest choice at each decision, so one
    person counts once per decision however often they came back to it."""
    ratings: tuple[tuple[str, str, int], ...] = ()
    """(scenario, ask, rating) given."""
    shared: tuple[tuple[str, str], ...] = ()
    """(ask, text) of the text answers the participant chose to share with the room."""


def contribution(handle: str, data: dict[str, Any],
                 journey: JourneyView | None = None) -> Contribution:
    """Read one record's data (as parsed TOML) into its contribution; tolerant of oddities.

    ``journey`` is the data's view when the caller made it already (an export reads each
    record once and shares one view between its parts).
    """
    journey = journey or JourneyView.from_data(data)
    if journey is None:
        return Contribution(handle)
    # A late joiner placed on the room's step (issue 7) has no run for the steps before it:
    # those are skipped, not done.
    done = {played.id for played in journey if played.completed}
    latest: dict[tuple[str, str], str] = {}
    for played in journey:
        for scene, choice in played.path:
            latest[played.id, scene] = choice  # a later visit replaces an earlier one
    choices = {(scenario, scene, choice) for (scenario, scene), choice in latest.items()}
    # Ratings are whole numbers; text answers are private and never counted.
    ratings = [(played.id, answer.ask_id, answer.value) for played in journey
               for answer in played.answers
               if answer.kind == "rating" and isinstance(answer.value, int)]
    return Contribution(handle, journey.finished, journey.current, frozenset(done),
                        frozenset(choices), tuple(sorted(ratings)), shared_texts(data, journey))


def shared_texts(data: dict[str, Any], journey: JourneyView) -> tuple[tuple[str, str], ...]:
    """(ask, text) of the answers a record shares with the room, cleaned for any screen."""
    shared = data.get("shared")
    if not isinstance(shared, list):
        return ()
    wanted = {ask for ask in shared if isinstance(ask, str)}
    found = {answer.ask_id: answer.value for played in journey for answer in played.answers
             if answer.kind == "text" and answer.ask_id in wanted}
    return tuple(sorted((ask, text) for ask, value in found.items()
                        if isinstance(value, str)
                        and (text := sanitize(value, multiline=True, limit=2000).strip())))


@dataclass
class _Totals:
    participants: int = 0
    finished: int = 0
    at: Counter[tuple[str, str]] = field(default_factory=Counter)
    done: Counter[str] = field(default_factory=Counter)
    done_by: dict[str, set[str]] = field(default_factory=dict)
    choices: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    ratings: Counter[tuple[str, str, int]] = field(default_factory=Counter)
    shared: Counter[tuple[str, str]] = field(default_factory=Counter)

    def apply(self, part: Contribution, sign: int) -> None:
        self.participants += sign
        self.finished += sign * part.finished
        if part.at is not None:
            self.at[part.at] += sign
        for scenario in part.done:
            self.done[scenario] += sign
            names = self.done_by.setdefault(scenario, set())
            if sign > 0:
                names.add(part.handle)
            else:
                names.discard(part.handle)
        for key in part.choices:
            self.choices[key] += sign
        for rating in part.ratings:
            self.ratings[rating] += sign
        for answer in part.shared:
            self.shared[answer] += sign


class Aggregator:
    """Keeps a room's aggregates up to date; the one writer of ``aggregates.json``."""

    def __init__(self, room: Room, track: list[str] | None = None, *,
                 include_removed: bool = False) -> None:
        self.room = room
        self.track = list(track or [])
        """Scenario order for the published file (scenarios not in it follow)."""
        self.include_removed = include_removed
        """Count people the facilitator removed too (an export asked for them)."""
        self._seen: dict[str, tuple[int, int]] = {}
        self._parts: dict[str, Contribution] = {}
        self._totals = _Totals()
        self._control = ControlReader(room)
        self.removed: frozenset[str] = frozenset()
        """Handles the facilitator removed (left out of every total unless included)."""

    @property
    def parts(self) -> dict[str, Contribution]:
        """Each participant's contribution by handle, removed people included (read only)."""
        return self._parts

    def _counted(self, handle: str) -> bool:
        return self.include_removed or handle not in self.removed

    def _follow_removals(self) -> bool:
        """Take the control file's removals into the totals; True when they changed."""
        if self._control.poll() is None:
            return False
        removed = self._control.control.removed
        if removed == self.removed:
            return False
        before = self.removed
        self.removed = removed
        changed = False
        for handle in before ^ removed:
            part = self._parts.get(handle)
            if part is None or self.include_removed:
                continue
            self._totals.apply(part, -1 if handle in removed else +1)
            changed = True
        return changed

    def refresh(self) -> bool:
        """Look at the participants folder; fold in what changed. Returns True on a change."""
        changed = self._follow_removals()
        folder = self.room.participants_dir
        current: dict[str, tuple[int, int]] = {}
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            entries = []
        for entry in entries:
            name = entry.name
            if not name.endswith(".toml") or name.startswith(".") or name.endswith(TEMP_SUFFIX):
                continue
            try:
                stat = entry.stat()
            except OSError:
                continue
            current[name[:-5]] = (stat.st_mtime_ns, stat.st_size)
        for handle in list(self._seen):
            if handle not in current:
                self._replace(handle, None)
                changed = True
        for handle, stamp in current.items():
            if self._seen.get(handle) == stamp:
                continue
            try:
                data = tomlread.loads((folder / f"{handle}.toml").read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue  # being replaced or broken: look again next time
            self._replace(handle, contribution(handle, data))
            self._seen[handle] = stamp
            changed = True
        return changed

    def fold(self, records: Mapping[str, tuple[dict[str, Any], JourneyView | None]]) -> None:
        """Take records someone already read (handle -> data and its view) instead of reading
        the folder: an export reads each record once for all its parts."""
        self._follow_removals()
        for handle, (data, journey) in records.items():
            self._replace(handle, contribution(handle, data, journey))

    def _replace(self, handle: str, part: Contribution | None) -> None:
        old = self._parts.pop(handle, None)
        counted = self._counted(handle)
        if old is not None and counted:
            self._totals.apply(old, -1)
        if part is None:
            self._seen.pop(handle, None)
        else:
            self._parts[handle] = part
            if counted:
                self._totals.apply(part, +1)

    def to_data(self) -> dict[str, Any]:
        """The published aggregates as plain JSON data."""
        totals = self._totals
        named = not self.room.settings.anonymous
        order = list(self.track)
        seen_ids = {key[0] for key in totals.choices} | {key[0] for key in totals.at} \
            | set(totals.done) | {key[0] for key in totals.ratings}
        order += sorted(seen_ids - set(order))
        scenarios: list[dict[str, Any]] = []
        for scenario_id in order:
            entry: dict[str, Any] = {
                "id": scenario_id,
                "done": totals.done.get(scenario_id, 0),
                "here": sum(n for (s, _), n in totals.at.items() if s == scenario_id),
                "at": {scene: n for (s, scene), n in sorted(totals.at.items())
                       if s == scenario_id and n > 0},
                "choices": {},
                "ratings": {},
            }
            if named:
                entry["done_by"] = sorted(totals.done_by.get(scenario_id, ()))
            for (s, scene, choice), n in sorted(totals.choices.items()):
                if s == scenario_id and n > 0:
                    entry["choices"].setdefault(scene, {})[choice] = n
            for (s, ask, value), n in sorted(totals.ratings.items()):
                if s == scenario_id and n > 0:
                    entry["ratings"].setdefault(ask, {})[str(value)] = n
            scenarios.append(entry)
        return {
            "schema_version": AGGREGATES_SCHEMA,
            "room": self.room.code,
            "updated": datetime.now(UTC).replace(microsecond=0).isoformat()
            .replace("+00:00", "Z"),
            "anonymous": not named,
            "participants": totals.participants,
            "removed": sum(1 for handle in self._parts if handle in self.removed),
            "finished": totals.finished,
            "scenarios": scenarios,
            # Shared answers by prompt, sorted: their order says nothing about who wrote them.
            "shared": {ask: sorted(text for (a, text), n in totals.shared.items()
                                   if a == ask and n > 0)
                       for ask in sorted({a for (a, _), n in totals.shared.items() if n > 0})},
        }

    def publish(self) -> None:
        """Write ``aggregates.json`` atomically."""
        write_atomic(self.room.aggregates_path, self._text(), durable=False)
        notify(self.room.path, "aggregates")  # the dashboard and projector look at once

    async def publish_async(self) -> None:
        """:meth:`publish` for the server's event loop: the counts are taken on the loop and
        written in a worker thread (a rename on a disk busy with a burst of joins took up to
        tens of milliseconds, and the loop relays everyone's screens)."""
        text = self._text()
        await write_atomic_async(self.room.aggregates_path, text, durable=False)
        notify(self.room.path, "aggregates")

    def _text(self) -> bytes:
        # Derived from the records and rewritten on every change: no fsync (a crash loses
        # nothing the next publication does not rebuild), which keeps a choice's way to the
        # dashboard short when the disk is busy.
        return json.dumps(self.to_data(), indent=1, sort_keys=False).encode("utf-8")


def read_aggregates(room: Room) -> dict[str, Any] | None:
    """The published aggregates (None before the server first published them)."""
    path: Path = room.aggregates_path
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data
