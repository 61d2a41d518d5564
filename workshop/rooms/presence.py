"""Who is in the room and what they are doing: one model of presence and participation.

Presence comes from the SSH server, the one process that knows its connections: it writes
``presence.json`` atomically (beside ``aggregates.json``) whenever someone joins or leaves,
whenever the aggregates change, and at least every :data:`HEARTBEAT_SECONDS` as a heartbeat.
A file whose heartbeat is older than :data:`STALE_SECONDS` has no server behind it any more:
the dashboard says "server stopped" instead of showing yesterday's people as online.

The file names handles, so it is for the facilitator only (like ``bindings.toml``): nothing a
participant's screen shows and no export reads it.

Each person is, at once, **online** or **offline** (with since when) and in one activity:

* ``removed`` — the facilitator removed them: they leave every total;
* ``done`` — they finished the track;
* ``waiting`` — the room is held and they are at the hold (at the held decision, or at the
  end of the held step): they wait for the facilitator, not for themselves;
* ``idle`` — online, but no key pressed for :data:`IDLE_SECONDS`;
* ``working`` — anything else.

Every count is over people (:class:`Headcount`), and a count is always shown with its base:
:func:`chosen_line` reads "5 of 6 online have chosen".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from workshop.record.atomic import write_atomic, write_atomic_async
from workshop.rooms.aggregates import Contribution
from workshop.rooms.control import Control, decision_key
from workshop.rooms.room import Room
from workshop.scenario.model import Workshop

PRESENCE_FILE = "presence.json"
PRESENCE_SCHEMA = 1
HEARTBEAT_SECONDS = 5.0
"""The server rewrites the file at least this often."""
STALE_SECONDS = 3 * HEARTBEAT_SECONDS + 5
"""A heartbeat older than this: the server stopped (or hangs)."""
IDLE_SECONDS = 120
"""Online without a key press this long: idle."""


class Activity(StrEnum):
    """What a person is doing, as the facilitator reads it."""

    WORKING = "working"
    WAITING = "waiting"
    IDLE = "idle"
    DONE = "done"
    REMOVED = "removed"


@dataclass(frozen=True)
class Seen:
    """What the server knows of one person's connection."""

    online: bool
    since: datetime | None = None
    """When they connected (online) or were last connected (offline); None: never seen by
    this server."""
    idle: float | None = None
    """Seconds since their last key press (online only)."""


@dataclass(frozen=True)
class Presence:
    """The server's published presence: its heartbeat and each person it knows."""

    heartbeat: datetime | None
    seen: Mapping[str, Seen] = field(default_factory=dict)
    positions: Mapping[str, Contribution] = field(default_factory=dict)
    """Each person's place in the room (from the server's aggregator)."""

    def stale(self, now: datetime | None = None) -> bool:
        """True when no server is keeping this file up to date."""
        if self.heartbeat is None:
            return True
        age = ((now or datetime.now(UTC)) - self.heartbeat).total_seconds()
        return age > STALE_SECONDS


def presence_path(room: Room) -> Path:
    """Where a room's presence file is."""
    return room.path / PRESENCE_FILE


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _parse(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def presence_data(seen: Mapping[str, Seen], parts: Mapping[str, Contribution],
                  now: datetime) -> dict[str, Any]:
    """The presence file's content: everyone with a record or a connection."""
    people: dict[str, Any] = {}
    for handle in sorted(set(seen) | set(parts)):
        entry: dict[str, Any] = {}
        known = seen.get(handle)
        entry["online"] = bool(known and known.online)
        if known is not None and known.since is not None:
            entry["since"] = _iso(known.since)
        if known is not None and known.online and known.idle is not None:
            entry["idle"] = round(known.idle)
        part = parts.get(handle)
        if part is not None:
            entry["finished"] = part.finished
            if part.at is not None:
                entry["at"] = list(part.at)
        people[handle] = entry
    return {"schema_version": PRESENCE_SCHEMA, "heartbeat": _iso(now),
            "interval": HEARTBEAT_SECONDS, "people": people}


def write_presence(room: Room, seen: Mapping[str, Seen], parts: Mapping[str, Contribution],
                   now: datetime | None = None) -> None:
    """Write the presence file atomically (the server's job).

    Raises:
        OSError: the file cannot be written.
    """
    write_atomic(presence_path(room), presence_text(seen, parts, now), durable=False)


async def write_presence_async(room: Room, seen: Mapping[str, Seen],
                               parts: Mapping[str, Contribution],
                               now: datetime | None = None) -> None:
    """:func:`write_presence` for the server's event loop: the file is written in a worker
    thread (:func:`~workshop.record.atomic.write_atomic_async`), so a disk busy with a burst
    of joins never stalls everyone's screens.

    Raises:
        OSError: the file cannot be written.
    """
    text = presence_text(seen, parts, now)
    await write_atomic_async(presence_path(room), text, durable=False)


def presence_text(seen: Mapping[str, Seen], parts: Mapping[str, Contribution],
                  now: datetime | None = None) -> bytes:
    """The presence file's bytes.

    Presence is rewritten whenever someone comes or goes and on every heartbeat, and a
    restarted server writes it anew: it is not forced to disk (each write stays atomic for
    readers). In a burst of 50 joins, forcing it cost the server 0.7 s of waiting.
    """
    data = presence_data(seen, parts, now or datetime.now(UTC))
    return json.dumps(data, indent=1).encode("utf-8")


def read_presence(room: Room) -> Presence | None:
    """The published presence (None when no server ever wrote one, or it is unreadable)."""
    try:
        data = json.loads(presence_path(room).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("people"), dict):
        return None
    seen: dict[str, Seen] = {}
    positions: dict[str, Contribution] = {}
    for handle, entry in data["people"].items():
        if not isinstance(handle, str) or not isinstance(entry, dict):
            continue
        idle = entry.get("idle")
        seen[handle] = Seen(entry.get("online") is True, _parse(entry.get("since")),
                            float(idle) if isinstance(idle, int | float) else None)
        at = entry.get("at")
        where = (at[0], at[1]) if isinstance(at, list) and len(at) == 2 \
            and all(isinstance(x, str) for x in at) else None
        positions[handle] = Contribution(handle, entry.get("finished") is True, where)
    return Presence(_parse(data.get("heartbeat")), seen, positions)


@dataclass(frozen=True)
class Person:
    """One participant as the facilitator sees them."""

    handle: str
    online: bool
    since: datetime | None
    """Online since, or offline since (None: not known)."""
    activity: Activity
    at: tuple[str, str] | None = None
    """(scenario, scene) where they are (None once finished, or not known)."""


def at_hold(control: Control, workshop: Workshop, track: tuple[str, ...],
            at: tuple[str, str] | None) -> bool:
    """True when someone standing at ``at`` is waiting at the facilitator's hold."""
    if not control.held or at is None:
        return False
    scenario_id, scene_id = at
    if control.hold_at is not None:
        return control.hold_at == decision_key(scenario_id, scene_id)
    step = min(control.step, len(track) - 1) if track else -1
    if step < 0 or track[step] != scenario_id:
        return False
    scenario = workshop.scenarios.get(scenario_id)
    scene = scenario.scenes.get(scene_id) if scenario is not None else None
    return scene is not None and not scene.choices  # at the step's end: held there


def people(parts: Mapping[str, Contribution], presence: Presence | None, control: Control,
           workshop: Workshop, track: tuple[str, ...], *, now: datetime | None = None,
           handles: Iterable[str] = ()) -> list[Person]:
    """Everyone in the room (with a record, a connection, or in ``handles``), by handle.

    Args:
        parts: Each person's contribution (positions); from the server's presence file when
            it is live, or the dashboard's own aggregator.
        presence: The server's presence (None or stale: everyone is shown offline).
        control: The facilitator's control (hold, removals).
        workshop: The room's content (to tell a step's end).
        track: The room's track.
        now: The time (tests pass a fixed one).
        handles: Further handles known to be in the room (e.g. from the folder listing).
    """
    now = now or datetime.now(UTC)
    live = presence is not None and not presence.stale(now)
    seen = presence.seen if presence is not None else {}
    result = []
    for handle in sorted(set(parts) | set(seen) | set(handles)):
        known = seen.get(handle)
        online = live and known is not None and known.online
        part = parts.get(handle)
        at = part.at if part is not None else None
        if control.is_removed(handle):
            activity = Activity.REMOVED
        elif part is not None and part.finished:
            activity = Activity.DONE
        elif at_hold(control, workshop, track, at):
            activity = Activity.WAITING
        elif online and known is not None and known.idle is not None \
                and known.idle >= IDLE_SECONDS:
            activity = Activity.IDLE
        else:
            activity = Activity.WORKING
        result.append(Person(handle, online, known.since if known is not None else None,
                             activity, at))
    return result


@dataclass(frozen=True)
class Headcount:
    """How many people are in each state; removed people are in no other count."""

    people: int = 0
    """Everyone not removed."""
    online: int = 0
    offline: int = 0
    working: int = 0
    waiting: int = 0
    idle: int = 0
    done: int = 0
    removed: int = 0
    live: bool = True
    """A server is publishing presence (False: online counts are unknown)."""


def headcount(persons: Iterable[Person], *, live: bool = True) -> Headcount:
    """Count people by state (removed people are counted only as removed)."""
    counts = {activity: 0 for activity in Activity}
    people = online = 0
    for person in persons:
        counts[person.activity] += 1
        if person.activity is Activity.REMOVED:
            continue
        people += 1
        online += person.online
    return Headcount(people, online, people - online, counts[Activity.WORKING],
                     counts[Activity.WAITING], counts[Activity.IDLE], counts[Activity.DONE],
                     counts[Activity.REMOVED], live)


def chosen_line(chosen: int, count: Headcount, verb: str = "chosen") -> str:
    """A count with its base stated: "5 of 6 online have chosen".

    The base is the people online when a server publishes presence, else everyone in the
    room; whoever chose but has since gone offline still counts in the numerator (their
    choice stands), so the line may read "6 of 5 online": then it says so plainly.
    """
    if count.live and count.online < count.people:
        if chosen > count.online:
            return f"{chosen} have {verb} ({count.online} of {count.people} online)"
        return f"{chosen} of {count.online} online have {verb}"
    return f"{chosen} of {count.people} have {verb}"


def since_text(moment: datetime | None, now: datetime | None = None) -> str:
    """How long ago, in words a facilitator reads at a glance ("3 min", "just now")."""
    if moment is None:
        return ""
    age = (now or datetime.now(UTC)) - moment
    if age < timedelta(seconds=60):
        return "just now"
    if age < timedelta(hours=1):
        return f"{int(age.total_seconds() // 60)} min"
    return f"{int(age.total_seconds() // 3600)} h"
