"""Limits that slow guessing and bound waiting connections without closing the room to others.

Two tools, both free of asyncssh so they can be tested alone:

- :class:`Backoff` spaces out wrong answers (passcodes, resume codes): each key (a handle, or
  the whole room) may be tried once per interval, and the interval grows with its recent
  failures. Attempts reserve their turn, counted as failures until found right, before they
  are checked, so parallel guessing from many connections is queued, not answered at once.
  Nothing is locked per address: a room usually sits behind one NAT, and a key already
  bound to a handle never meets this.
- :class:`Pool` holds connections in one waiting state (before authentication, or
  authenticated without a session), capped per group (an address, a key) and in all. When a
  cap is reached the *oldest* waiting connection makes way for the newcomer, taken from the
  group holding the most, so whoever holds many idle connections loses their own first and a
  participant reconnecting is never the one refused.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


@dataclass
class _Track:
    """One key's recent failures and the time its next attempt may be checked."""

    failures: deque[float] = field(default_factory=deque)
    next_turn: float = 0.0


class Backoff:
    """Spaces out wrong answers per key, with intervals that double as failures pile up.

    Args:
        free: Failures within the window that cost nothing (typos).
        first: The interval after the free failures, in seconds; it doubles with each
            further failure.
        cap: The longest interval.
        window: Seconds a failure is remembered.
        clock: Time source (tests inject one).
    """

    def __init__(self, free: int, first: float, cap: float, window: float = 600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.free = free
        self.first = first
        self.cap = cap
        self.window = window
        self.clock = clock
        self._tracks: dict[str, _Track] = {}

    def _track(self, key: str) -> _Track:
        track = self._tracks.get(key)
        if track is None:
            if len(self._tracks) > 10_000:  # a flood over many handles: forget the oldest
                for old in list(self._tracks)[:5_000]:
                    del self._tracks[old]
            track = self._tracks[key] = _Track()
        cutoff = self.clock() - self.window
        while track.failures and track.failures[0] < cutoff:
            track.failures.popleft()
        return track

    def recent(self, key: str) -> int:
        """Failures (and attempts not yet answered) of this key within the window."""
        return len(self._track(key).failures)

    def interval(self, key: str) -> float:
        """Seconds between two attempts of this key now (0 while failures are few)."""
        extra = self.recent(key) - self.free
        if extra < 0:
            return 0.0
        return min(self.cap, self.first * 2.0 ** min(extra, 40))

    def wait(self, key: str) -> float:
        """Seconds until this key's next attempt may be checked (0 when it may be now)."""
        return max(0.0, self._track(key).next_turn - self.clock())

    def reserve(self, key: str) -> float:
        """Take this key's next turn; returns how long to wait for it.

        The attempt counts as a failure at once (until :meth:`forgive`), so attempts
        arriving together, before any was answered, are spaced out too: the turn after
        this one is one (grown) interval later.
        """
        track = self._track(key)
        now = self.clock()
        turn = max(now, track.next_turn)
        track.next_turn = turn + self.interval(key)
        track.failures.append(now)
        return turn - now

    def forgive(self, key: str) -> None:
        """The attempt was right: it no longer counts as a failure."""
        track = self._track(key)
        if track.failures:
            track.failures.pop()


class Pool(Generic[T]):
    """Members (connections) waiting in one state, capped per group and in all.

    Args:
        per_group: Members one group (an address, a key) may hold.
        total: Members the pool may hold.
        progress: How far a member has come (e.g. 0: sent nothing, 1: sent its SSH
            version, 2: sent its user name). Those that have come least make way first, so
            sockets reopened as fast as they are closed push out each other, not a
            participant halfway through logging in.
    """

    def __init__(self, per_group: int, total: int,
                 progress: Callable[[T], int] | None = None) -> None:
        self.per_group = per_group
        self.total = total
        self.progress = progress
        self._members: dict[T, str] = {}
        """Member to group, oldest first (dicts keep insertion order)."""

    def __len__(self) -> int:
        return len(self._members)

    def __contains__(self, member: object) -> bool:
        return member in self._members

    def count(self, group: str) -> int:
        """Members of one group."""
        return sum(1 for g in self._members.values() if g == group)

    def add(self, member: T, group: str) -> list[T]:
        """Add a member; returns the older members that must make way (already removed)."""
        self._members[member] = group
        evicted: list[T] = []
        if self.count(group) > self.per_group:
            evicted.append(self._oldest(group, member))
        while len(self._members) > max(1, self.total):
            counts: dict[str, int] = {}
            for g in self._members.values():
                counts[g] = counts.get(g, 0) + 1
            if self.progress is not None:  # the biggest group among those come least far
                least = min(self.progress(m) for m in self._members if m != member)
                counts = {}
                for m, g in self._members.items():
                    if m != member and self.progress(m) == least:
                        counts[g] = counts.get(g, 0) + 1
            biggest = max(counts, key=lambda g: (counts[g], g != group))
            evicted.append(self._oldest(biggest, member))
        return evicted

    def _oldest(self, group: str, keep: T) -> T:
        """Remove and return the oldest member of ``group`` that has come least far (or,
        if the group holds only ``keep``, of anyone else)."""
        others = [m for m in self._members if m != keep]
        if not others:
            raise ValueError("nothing to evict but the newcomer")
        mine = [m for m in others if self._members[m] == group] or others
        if self.progress is not None:
            least = min(self.progress(m) for m in mine)
            mine = [m for m in mine if self.progress(m) == least]
        victim = mine[0]  # insertion order: the oldest
        del self._members[victim]
        return victim

    def discard(self, member: T) -> None:
        """Forget a member (it moved on or went away)."""
        self._members.pop(member, None)


@dataclass(frozen=True)
class Limits:
    """Every connection and guessing limit of ``workshop serve`` (docs/deploy.md lists them).

    Tests shrink the times; the defaults are what a room gets.
    """

    handshake_timeout: float = 10.0
    """Seconds from the TCP connection to the SSH user name: an idle socket is closed then."""
    session_timeout: float = 10.0
    """Seconds after authentication to open a session; a connection that does not is closed."""
    unauthenticated: int = 0
    """Connections not yet authenticated, in all (0: twice --max-sessions plus 20, at least
    200). When full, the oldest of those that have come least far (sent nothing, then only
    their SSH version) of the address holding the most makes way for the newcomer."""
    waiting_per_key: int = 3
    """Authenticated connections without a session, per key (or per handle without a key);
    the oldest makes way for the newest."""
    waiting_per_address: int = 0
    """The same per address, for connections whose key is not yet bound to their handle (0:
    as ``waiting``). A room behind one NAT joins from one address: a burst of 50 newcomers
    can have more than 20 logged in before the server has their session requests, and a cap
    of 20 closed 7 of them (measured with ``benchmarks/ssh_room.py``). Squatting with one key
    is capped by ``waiting_per_key``; many keys cycle through the whole pool, oldest first."""
    waiting: int = 0
    """Authenticated connections without a session, in all (0: as ``unauthenticated``)."""
    auth_attempts: int = 10
    """Failed authentication requests one connection may make before it is closed."""
    tries_per_connection: int = 3
    """Wrong passcodes or resume codes one connection may send before it is refused."""
    fail_delay: float = 1.5
    """Seconds before answering a wrong passcode or resume code."""
    handle_free: int = 3
    """Wrong answers for one handle (10 minutes) before its answers are spaced out."""
    handle_first: float = 2.0
    """The first interval between answers for one handle; it doubles with each failure."""
    handle_cap: float = 60.0
    """The longest interval between answers for one handle."""
    room_free: int = 20
    """Wrong answers in the whole room (10 minutes) before all wrong answers are spaced out."""
    room_first: float = 0.25
    """The first interval between answers for the room; it doubles with each failure."""
    room_cap: float = 5.0
    """The longest interval between answers for the room."""
    longest_wait: float = 30.0
    """An answer that would wait longer than this for its turn is refused at once."""
