"""Wake-ups between the processes of a room: "something in the room changed, look now".

A room's state is files with one writer each (records, aggregates, presence, control). Readers
used to find changes by looking every second or so; this module lets a writer tell them at once.
Each listening process (the SSH server, a dashboard, a projector view, a
participant's session) owns one FIFO in the
room's ``events/`` folder; a writer, right after replacing its file, writes one short line
(the kind of change) into every FIFO there. The listener's event loop is woken by its FIFO
becoming readable (``loop.add_reader``): nothing runs while nothing happens.

Why FIFOs: they work between unrelated processes (``workshop facilitate`` is not the server's
child), need no dependency and no path-length limit (a Unix socket's path is capped at about
100 bytes, and a data folder can be deeper than that), and a full one simply refuses more
bytes: a listener that is behind already has a wake-up pending, so nothing piles up.

A line is a hint, never data: a listener re-reads the files it cares about, so a stray line
costs one look. Notifying never fails the writer (a gone listener's FIFO is removed; any other
error is ignored), and a listener always keeps a slow fallback poll, for rooms where no
notifier runs (participants served by the system's OpenSSH through an older version, a
filesystem without FIFOs).

Kinds: ``record`` (a participant's record was saved), ``aggregates`` (the server published the
counts), ``presence`` (someone came or went), ``control`` (the facilitator changed the room).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import secrets
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path

EVENTS_DIR = "events"
"""Under the room folder: one FIFO per listening process."""
SUFFIX = ".fifo"
KINDS = frozenset({"record", "aggregates", "presence", "control"})
FALLBACK_SECONDS = 3.0
"""A listener's slow look at the room anyway (a change nobody announced still shows)."""
ROLE_KINDS: dict[str, frozenset[str]] = {
    "participant": frozenset({"control"}),
    "reveal": frozenset({"aggregates", "control"}),
}
"""The kinds some roles take (a FIFO's name starts with its role; other roles take every
kind). A participant's session shows only the facilitator's state, and the counts only once
something is revealed (then its FIFO is renamed ``reveal-...``): with 200 of them, telling
each about every save or publication would wake 200 processes per choice for nothing."""


def events_dir(room_path: Path) -> Path:
    """The room's folder of listener FIFOs."""
    return room_path / EVENTS_DIR


def notify(room_path: Path, kind: str) -> int:
    """Tell every listener of the room that ``kind`` changed; returns how many were told.

    Never raises: a writer's save must not fail because a listener is gone or slow.
    """
    folder = events_dir(room_path)
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    line = f"{kind}\n".encode("ascii")
    told = 0
    for name in names:
        if not name.endswith(SUFFIX) or name.startswith("."):
            continue
        taken = ROLE_KINDS.get(name.split("-", 1)[0])
        if taken is not None and kind not in taken:
            continue  # decided by the name alone: no open, no wake-up
        path = folder / name
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno == errno.ENXIO:
                # Nobody reads it: its listener died without cleaning up.
                with contextlib.suppress(OSError):
                    os.unlink(path)
            continue
        try:
            os.write(fd, line)  # shorter than PIPE_BUF: written whole or not at all
            told += 1
        except OSError:
            pass  # full: that listener has wake-ups pending already
        finally:
            os.close(fd)
    return told


class RoomWatch:
    """One process's FIFO in a room: readable when something in the room changed.

    Use :func:`open_watch` (None where FIFOs cannot be made); :meth:`drain` returns the kinds
    announced since the last call; :meth:`close` removes the FIFO.
    """

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.fd = fd
        self._loop: asyncio.AbstractEventLoop | None = None
        self._readable: Callable[[], None] | None = None
        self._paused = False

    def fileno(self) -> int:
        """The FIFO's descriptor (for ``select`` or ``loop.add_reader``)."""
        return self.fd

    def drain(self) -> set[str]:
        """Every kind announced since the last drain (unknown words are dropped)."""
        data = b""
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        return {word for word in data.decode("ascii", "replace").split() if word in KINDS}

    def attach(self, callback: Callable[[set[str]], object],
               loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Call ``callback(kinds)`` on ``loop`` (the running one) whenever the FIFO wakes."""
        self._loop = loop or asyncio.get_running_loop()

        def readable() -> None:
            kinds = self.drain()
            if kinds:
                callback(kinds)

        self._readable = readable
        self._loop.add_reader(self.fd, readable)

    def retitle(self, role: str) -> None:
        """Take the kinds of another role from now on (the FIFO is renamed; on failure it
        keeps its role, and the owner's slow look still sees everything)."""
        rest = self.path.name.split("-", 1)[1] if "-" in self.path.name else self.path.name
        path = self.path.with_name(f"{role}-{rest}")
        if path == self.path or self.fd < 0:
            return
        try:
            os.replace(self.path, path)
        except OSError:
            return
        self.path = path

    @property
    def role(self) -> str:
        """The role the FIFO's name gives it."""
        return self.path.name.split("-", 1)[0]

    def pause(self) -> None:
        """Stop waking the loop for a while: wake-ups pile up in the FIFO (a full one refuses
        more, which loses nothing) and fold into one at :meth:`resume`."""
        if self._loop is not None and not self._paused and self.fd >= 0:
            self._loop.remove_reader(self.fd)
            self._paused = True

    def resume(self) -> None:
        """Wake the loop again (at once when wake-ups came while paused)."""
        if self._loop is not None and self._paused and self._readable is not None \
                and self.fd >= 0:
            self._loop.add_reader(self.fd, self._readable)
            self._paused = False

    def close(self) -> None:
        """Stop listening and remove the FIFO (idempotent)."""
        if self.fd < 0:
            return
        if self._loop is not None:
            with contextlib.suppress(Exception):
                self._loop.remove_reader(self.fd)
            self._loop = None
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        self.fd = -1

    def __enter__(self) -> RoomWatch:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_watch(room_path: Path, role: str = "listener") -> RoomWatch | None:
    """Make this process's FIFO in the room; None when it cannot (the caller then polls).

    The FIFO is made under a hidden name, opened, and only then renamed into place, so a
    notifier never finds one that nobody reads yet (it would take it for a dead listener's).
    """
    if not hasattr(os, "mkfifo"):
        return None
    folder = events_dir(room_path)
    name = f"{role}-{os.getpid()}-{secrets.token_hex(4)}{SUFFIX}"
    temp = folder / f".{name}"
    try:
        folder.mkdir(exist_ok=True)
        os.mkfifo(temp, 0o600)
        # Read and write: the FIFO never reports end-of-file when a notifier closes its end
        # (which would wake the loop over and over with nothing to read).
        fd = os.open(temp, os.O_RDWR | os.O_NONBLOCK)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return None
    try:
        if not stat.S_ISFIFO(os.fstat(fd).st_mode):
            raise OSError("not a FIFO")
        os.replace(temp, folder / name)
    except OSError:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return None
    return RoomWatch(folder / name, fd)


class Waker:
    """Awaitable wake-ups for a loop that looks at the room: ``await waker.wait()`` returns
    when a kind in :attr:`interest` is announced, or after ``fallback`` seconds anyway.

    Wake-ups that arrive while the owner is busy fold into one; ``min_gap`` keeps looks at
    least that far apart, so a burst of saves costs a few looks, not one each. With
    ``deaf_in_gap`` the FIFO is not even watched during that gap, so a burst does not wake the
    process once per word either (for the 200 participants' sessions in a rush of choices:
    without it each publication of the counts would wake every one of them).
    """

    def __init__(self, watch: RoomWatch | None, interest: Iterable[str] = KINDS, *,
                 fallback: float = FALLBACK_SECONDS, min_gap: float = 0.0,
                 deaf_in_gap: bool = False,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.watch = watch
        self.interest = set(interest)
        """The kinds that wake the owner (others are drained and dropped)."""
        self.fallback = fallback
        self.min_gap = min_gap
        self.deaf_in_gap = deaf_in_gap
        self._clock = clock
        self._event: asyncio.Event | None = None
        self._kinds: set[str] = set()
        self._last = float("-inf")

    @property
    def live(self) -> bool:
        """True when wake-ups come from the room's writers (False: fallback polls only)."""
        return self.watch is not None

    def _woken(self, kinds: set[str]) -> None:
        kinds &= self.interest
        if kinds and self._event is not None:
            self._kinds |= kinds
            self._event.set()

    async def wait(self) -> set[str]:
        """The kinds announced since the last call (empty: the fallback's time came)."""
        if self._event is None:
            self._event = asyncio.Event()
            if self.watch is not None:
                self.watch.attach(self._woken)
        gap = self._last + self.min_gap - self._clock()
        if gap > 0:
            deaf = self.watch if self.deaf_in_gap else None
            if deaf is not None:
                deaf.pause()
            try:
                await asyncio.sleep(gap)
            finally:
                if deaf is not None:
                    deaf.resume()
        if not self._event.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._event.wait(), self.fallback)
        self._event.clear()
        kinds, self._kinds = self._kinds, set()
        self._last = self._clock()
        return kinds

    def close(self) -> None:
        """Stop listening (the FIFO is removed)."""
        if self.watch is not None:
            self.watch.close()


def listeners(room_path: Path) -> list[Path]:
    """The FIFOs of the room's listeners (for tests and the benchmark)."""
    try:
        return sorted(p for p in events_dir(room_path).iterdir()
                      if p.name.endswith(SUFFIX) and not p.name.startswith("."))
    except OSError:
        return []


def wanted(kinds: Iterable[str], interest: Iterable[str]) -> bool:
    """True when any announced kind is one the listener cares about."""
    return not set(kinds).isdisjoint(interest)
