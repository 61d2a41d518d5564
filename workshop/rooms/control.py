"""The facilitator's control of a room: pacing, reveal, timer, broadcast, lock, removals.

It lives in ``ROOM/control.toml``, beside the room's settings. The facilitator's process is
its one writer (:class:`ControlWriter`); every participant's session only reads it
(:class:`ControlReader`), looking at the file's modification time first, so a poll that finds
nothing new costs one ``stat``. Writes are atomic (temp file + rename): a reader sees the old
state or the new one, never half of one. Should two dashboards run on one room (on the host and
over SSH), each change is a read-modify-write under a lock file, so neither loses the other's.

The timer is stored as a deadline (a UTC timestamp), not as a countdown anybody has to tick:
every reader works out what is left from its own clock, and nothing ever waits on it.
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import tomli_w

from workshop import tomlread
from workshop.record.atomic import write_atomic
from workshop.rooms.bindings import Bindings
from workshop.rooms.events import notify
from workshop.rooms.names import normalize_handle
from workshop.rooms.room import Room, RoomError
from workshop.rooms.sanitize import sanitize

CONTROL_FILE = "control.toml"
LOCK_FILE = ".control.lock"
CONTROL_SCHEMA = 1
BROADCAST_LIMIT = 200
"""Characters of a broadcast line (it has to fit one line of a participant's screen)."""
TIMER_LIMIT = 4 * 60 * 60
"""The longest timer, in seconds (a typo of 600 minutes should not stick for a day)."""

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def decision_key(scenario_id: str, scene_id: str) -> str:
    """How a decision (a scene of a scenario) is named in the control file."""
    return f"{scenario_id}/{scene_id}"


@dataclass(frozen=True)
class Control:
    """The facilitator's state of a room, as every reader sees it."""

    step: int = 0
    """The step of the track (a scenario, by its index) the facilitator is on; late joiners
    start here."""
    held: bool = False
    """While held, nobody moves past :attr:`step` (anyone already past it stays where they
    are: nobody is ever pulled back or cut off)."""
    revealed: frozenset[str] = frozenset()
    """Decisions (``scenario/scene``) whose room distribution participants who chose there
    may see."""
    deadline: datetime | None = None
    """When the timer runs out (None: no timer)."""
    timer_seconds: int = 0
    """What the timer was last set to, for showing progress."""
    broadcast: str = ""
    """A line shown to everyone (already cleaned of escape sequences)."""
    broadcast_at: datetime | None = None
    locked: bool = False
    """No new handles may join; those already in can come back."""
    removed: frozenset[str] = frozenset()
    """Handles the facilitator removed: their session ends and they cannot rejoin."""
    shown: frozenset[str] = frozenset()
    """Shared answers (by :func:`workshop.rooms.shared.answer_key`, never by author) the
    facilitator puts on the projector view."""
    removed_keys: frozenset[str] = frozenset()
    """Key fingerprints (``SHA256:...``) of removed handles: removal binds to the key, so the
    same person cannot come back under another handle (issue 17)."""
    hold_at: str | None = None
    """A decision (``scenario/scene``) the hold is at, when it is not the whole step: nobody
    leaves that scene until the facilitator releases the hold (issue 17)."""
    revision: int = 0
    """Goes up by one with every write."""
    updated: datetime | None = None

    # -- questions readers ask ---------------------------------------------------------

    def remaining(self, now: datetime | None = None) -> int | None:
        """Whole seconds left on the timer (0 once it ran out; None: no timer)."""
        if self.deadline is None:
            return None
        left = (self.deadline - (now or _now())).total_seconds()
        return max(0, int(left + 0.999))

    def is_revealed(self, scenario_id: str, scene_id: str) -> bool:
        """True when the facilitator revealed this decision."""
        return decision_key(scenario_id, scene_id) in self.revealed

    def is_removed(self, handle: str) -> bool:
        """True when the facilitator removed this handle from the room."""
        return handle in self.removed

    def is_removed_key(self, fingerprint: str | None) -> bool:
        """True when this key belonged to a handle the facilitator removed."""
        return fingerprint is not None and fingerprint in self.removed_keys

    def holds_decision(self, scenario_id: str, scene_id: str) -> bool:
        """True when the room is held at exactly this decision."""
        return self.held and self.hold_at == decision_key(scenario_id, scene_id)

    # -- to and from the file ----------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """Plain TOML data."""
        data: dict[str, Any] = {
            "schema_version": CONTROL_SCHEMA,
            "revision": self.revision,
            "step": self.step,
            "held": self.held,
            "locked": self.locked,
            "revealed": sorted(self.revealed),
            "removed": sorted(self.removed),
        }
        if self.shown:
            data["shown"] = sorted(self.shown)
        # Written only when used, so an older reader of the file sees nothing new.
        if self.removed_keys:
            data["removed_keys"] = sorted(self.removed_keys)
        if self.hold_at is not None:
            data["hold_at"] = self.hold_at
        if self.updated is not None:
            data["updated"] = self.updated
        timer: dict[str, Any] = {"seconds": self.timer_seconds}
        if self.deadline is not None:
            timer["deadline"] = self.deadline
        data["timer"] = timer
        broadcast: dict[str, Any] = {"text": self.broadcast}
        if self.broadcast_at is not None:
            broadcast["at"] = self.broadcast_at
        data["broadcast"] = broadcast
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any], path: Path) -> Control:
        """Check and build the state.

        Raises:
            RoomError: a key has the wrong type, or the file is from a newer version.
        """
        def get(table: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any,
                prefix: str = "") -> Any:
            value = table.get(key, default)
            if value is default:
                return default
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                raise RoomError(f"'{prefix}{key}' has the wrong type", path=path,
                                hint="the facilitator's dashboard rewrites it on its next "
                                "change; or delete the file to start over")
            return value

        version = get(data, "schema_version", int, CONTROL_SCHEMA)
        if version > CONTROL_SCHEMA:
            raise RoomError(f"was written by a newer version (control schema {version})",
                            path=path, hint="upgrade staff-workshop")
        timer = get(data, "timer", dict, {})
        broadcast = get(data, "broadcast", dict, {})
        revealed = get(data, "revealed", list, [])
        removed = get(data, "removed", list, [])
        removed_keys = get(data, "removed_keys", list, [])
        shown = get(data, "shown", list, [])
        if not all(isinstance(item, str)
                   for item in [*revealed, *removed, *removed_keys, *shown]):
            raise RoomError("'revealed', 'removed', 'removed_keys' and 'shown' must be lists "
                            "of text",
                            path=path)
        step = get(data, "step", int, 0)
        return cls(
            step=max(0, step),
            held=get(data, "held", bool, False),
            revealed=frozenset(revealed),
            deadline=_utc(get(timer, "deadline", datetime, None, "timer.")),
            timer_seconds=get(timer, "seconds", int, 0, "timer."),
            broadcast=sanitize(get(broadcast, "text", str, "", "broadcast."),
                               limit=BROADCAST_LIMIT),
            broadcast_at=_utc(get(broadcast, "at", datetime, None, "broadcast.")),
            locked=get(data, "locked", bool, False),
            removed=frozenset(removed),
            shown=frozenset(shown),
            removed_keys=frozenset(removed_keys),
            hold_at=get(data, "hold_at", str, None),
            revision=get(data, "revision", int, 0),
            updated=_utc(get(data, "updated", datetime, None)),
        )


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def control_path(room: Room) -> Path:
    """Where a room's control file is."""
    return room.path / CONTROL_FILE


def read_control(room: Room | Path) -> Control:
    """The room's control state (the default state before the facilitator changed anything).

    Raises:
        RoomError: the file exists but cannot be read.
    """
    path = (room if isinstance(room, Path) else room.path) / CONTROL_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Control()
    except OSError as error:
        raise RoomError(f"cannot be read: {error.strerror or error}", path=path) from None
    try:
        data = tomlread.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RoomError(f"is not valid TOML: {error}", path=path) from None
    return Control.from_data(data, path)


REMOVED_REFUSAL = "The facilitator removed you from this room."


def admission_problem(room: Room, handle: str, *, known: bool,
                      key: str | None = None) -> str | None:
    """Why the facilitator's control refuses a handle at join (None: it may join).

    Args:
        room: The room.
        handle: The (validated) handle asking to join.
        known: True when the handle already joined before (it may come back into a locked
            room).
        key: The fingerprint of the key the connection offers, if any (a removed person's
            key is refused under any handle).
    """
    try:
        control = read_control(room)
    except RoomError:
        return None  # a broken control file must not lock everyone out
    if control.is_removed(handle) or control.is_removed_key(key):
        return REMOVED_REFUSAL
    if control.locked and not known:
        return "The room is locked: the facilitator is not letting anyone new in right now."
    return None


class ControlReader:
    """Cheap polling of the control file for a participant's session (or a test)."""

    def __init__(self, room: Room | Path) -> None:
        self.path = (room if isinstance(room, Path) else room.path) / CONTROL_FILE
        self._stamp: tuple[int, int, int] | None = None
        self.control = Control()
        self.problem: str | None = None
        """Why the last read failed (the previous state is kept meanwhile)."""

    def poll(self) -> Control | None:
        """The new state when the file changed since the last poll, else None."""
        try:
            stat = self.path.stat()
            # Every write is a new file (atomic rename): the inode tells apart two writes
            # of the same size within one tick of the file system's clock.
            stamp: tuple[int, int, int] | None = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if stamp == self._stamp:
            return None
        self._stamp = stamp
        if stamp is None:
            self.control = Control()
            return self.control
        try:
            self.control = read_control(self.path.parent)
        except RoomError as error:
            # Keep playing under the last good state; the writer fixes the file next change.
            self.problem = str(error)
            return None
        self.problem = None
        return self.control


class ControlWriter:
    """The facilitator's side: every change is read, applied, and written atomically.

    Args:
        room: The room.
        steps: How many steps (scenarios) the room's track has, to keep :attr:`Control.step`
            in range.
        clock: The time source (tests pass a fixed one).
    """

    def __init__(self, room: Room, steps: int, *, clock: Clock | None = None) -> None:
        self.room = room
        self.steps = max(1, steps)
        self.clock: Clock = clock or _now
        self.path = control_path(room)

    @property
    def control(self) -> Control:
        """The state on disk now."""
        return read_control(self.room)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: one dashboard at a time
            yield
            return
        fd = os.open(self.room.path / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def update(self, change: Callable[[Control], Control]) -> Control:
        """Apply a change to the latest state on disk and write it; returns the new state.

        Raises:
            RoomError: the file cannot be read or written.
        """
        with self._locked():
            try:
                current = read_control(self.room)
            except RoomError:
                current = Control()  # unreadable: the facilitator's change starts it afresh
            new = change(current)
            new = replace(new, revision=current.revision + 1,
                          updated=self.clock().replace(microsecond=0),
                          step=min(max(0, new.step), self.steps - 1))
            text = tomli_w.dumps(new.to_data())
            try:
                write_atomic(self.path, text.encode("utf-8"))
            except OSError as error:
                raise RoomError(f"cannot be written: {error.strerror or error}",
                                path=self.path) from None
        # Another process's projector view and the server (removals) look at once.
        notify(self.room.path, "control")
        return new

    # -- the facilitator's controls ----------------------------------------------------

    def hold(self, step: int | None = None) -> Control:
        """Hold the room at a step (the current one when None), at the step's end."""
        return self.update(lambda c: replace(c, held=True, hold_at=None,
                                             step=c.step if step is None else step))

    def hold_decision(self, step: int, scenario_id: str, scene_id: str) -> Control:
        """Hold the room at one decision of a step: nobody leaves that scene until released.

        Args:
            step: The step (track index) of the scenario.
            scenario_id: The scenario.
            scene_id: The scene of the decision.
        """
        key = decision_key(scenario_id, scene_id)
        return self.update(lambda c: replace(c, held=True, hold_at=key, step=step))

    def release(self) -> Control:
        """Let everyone go at their own pace again."""
        return self.update(lambda c: replace(c, held=False, hold_at=None))

    def go_to(self, step: int) -> Control:
        """Move the facilitator's current step (a hold, if on, moves with it).

        A timer that already ran out is cleared: "Time is up" belonged to the step just left
        and must not greet everyone on the next one. A running timer carries on.
        """
        now = self.clock()

        def change(c: Control) -> Control:
            moved = replace(c, step=step)
            if step != c.step and c.deadline is not None and c.deadline <= now:
                moved = replace(moved, deadline=None, timer_seconds=0)
            return moved
        return self.update(change)

    def reveal(self, scenario_id: str, scene_id: str, shown: bool = True) -> Control:
        """Reveal a decision's room distribution (or hide it again)."""
        key = decision_key(scenario_id, scene_id)
        return self.update(lambda c: replace(
            c, revealed=c.revealed | {key} if shown else c.revealed - {key}))

    def start_timer(self, seconds: int) -> Control:
        """Start (or restart) the timer.

        Raises:
            UsageError: not between 1 second and 4 hours.
        """
        from workshop.errors import UsageError

        if not 0 < seconds <= TIMER_LIMIT:
            raise UsageError(f"a timer runs from 1 second to {TIMER_LIMIT // 3600} hours, "
                             f"not {seconds} seconds")
        deadline = self.clock().replace(microsecond=0) + timedelta(seconds=seconds)
        return self.update(lambda c: replace(c, deadline=deadline, timer_seconds=seconds))

    def add_minute(self) -> Control:
        """One more minute on the timer (a run-out or absent timer starts at one minute)."""
        now = self.clock().replace(microsecond=0)

        def change(c: Control) -> Control:
            if c.deadline is None or c.deadline <= now:
                return replace(c, deadline=now + timedelta(seconds=60), timer_seconds=60)
            return replace(c, deadline=c.deadline + timedelta(seconds=60),
                           timer_seconds=min(TIMER_LIMIT, c.timer_seconds + 60))
        return self.update(change)

    def stop_timer(self) -> Control:
        """Take the timer away."""
        return self.update(lambda c: replace(c, deadline=None, timer_seconds=0))

    def say(self, text: str) -> Control:
        """Broadcast a line to everyone (empty text clears it); it is cleaned first."""
        line = sanitize(text, limit=BROADCAST_LIMIT).strip()
        at = self.clock().replace(microsecond=0) if line else None
        return self.update(lambda c: replace(c, broadcast=line, broadcast_at=at))

    def lock(self, locked: bool = True) -> Control:
        """Stop (or allow again) new handles joining; nobody already in is affected."""
        return self.update(lambda c: replace(c, locked=locked))

    def _key_of(self, handle: str) -> str | None:
        """The key fingerprint a handle is bound to (None: bound to a code, or not at all)."""
        try:
            binding = Bindings.load(self.room.bindings_path).get(handle)
        except RoomError:
            return None
        return binding.key if binding is not None else None

    def remove(self, handle: str) -> Control:
        """Remove a participant: their session ends and they cannot join again, under this
        handle or, when it is bound to a key, under any other handle with that key.

        Their record stays in the room folder (their notes are theirs).

        Raises:
            UsageError: not a valid handle.
        """
        name = normalize_handle(handle)
        key = self._key_of(name)
        keys = {key} if key is not None else set()
        return self.update(lambda c: replace(c, removed=c.removed | {name},
                                             removed_keys=c.removed_keys | keys))

    def show_answer(self, key: str, shown: bool = True) -> Control:
        """Put a shared answer on the projector view (or take it off again)."""
        return self.update(lambda c: replace(
            c, shown=c.shown | {key} if shown else c.shown - {key}))

    def readmit(self, handle: str) -> Control:
        """Let a removed participant join again (with their key, under any handle)."""
        name = normalize_handle(handle)
        key = self._key_of(name)
        return self.update(lambda c: replace(c, removed=c.removed - {name},
                                             removed_keys=c.removed_keys - {key}))


__all__ = [
    "CONTROL_FILE",
    "REMOVED_REFUSAL",
    "Control",
    "ControlReader",
    "ControlWriter",
    "admission_problem",
    "control_path",
    "decision_key",
    "read_control",
]
