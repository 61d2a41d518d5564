"""``workshop serve``: the room's SSH server, its sessions, and an orderly shutdown.

One :class:`RoomServer` per process. It owns the room's bindings file and aggregates file (their
one writer), counts connections and sessions, and asks the zygote (:mod:`workshop.ssh.zygote`)
for a child per interactive participant.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hmac
import os
import signal
import socket
import sys
import time
from collections.abc import Coroutine
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import asyncssh

from workshop.rooms import (
    Aggregator,
    Bindings,
    read_participant,
    verify_secret,
)
from workshop.rooms.control import admission_problem as control_admission
from workshop.rooms.events import RoomWatch, Waker, notify, open_watch
from workshop.rooms.joinline import publish_join, publish_web
from workshop.rooms.presence import HEARTBEAT_SECONDS, Seen, write_presence_async
from workshop.scenario.model import Workshop
from workshop.ssh import zygote
from workshop.ssh.facilitator import FACILITATOR
from workshop.ssh.hostkey import fingerprint
from workshop.ssh.limits import Backoff, Pool
from workshop.ssh.memory import rss_bytes
from workshop.ssh.options import ServeOptions

AGGREGATE_GAP = 0.02
"""Seconds at least between two looks at the records (a burst of saves folds into one)."""

if TYPE_CHECKING:
    from workshop.ssh.auth import Gate
    from workshop.ssh.session import ParticipantSession


class RoomServer:
    """Everything one ``workshop serve`` process knows about its room."""

    def __init__(self, options: ServeOptions, workshop: Workshop,
                 zygote_pid: int, zygote_sock: socket.socket) -> None:
        self.options = options
        self.room = options.room
        self.workshop = workshop
        self.bindings = Bindings.load(self.room.bindings_path)
        limits = options.limits
        self.limits = limits
        # Waiting connections cost a few tens of KB each: leave plenty of room, so that a
        # burst of logins (or a flood) rarely needs to push anyone out at all.
        room_size = max(200, 2 * options.max_sessions + 20)
        self.handle_backoff = Backoff(limits.handle_free, limits.handle_first, limits.handle_cap)
        self.room_backoff = Backoff(limits.room_free, limits.room_first, limits.room_cap)
        self.unauthenticated: Pool[Gate] = Pool(limits.unauthenticated or room_size,
                                                limits.unauthenticated or room_size,
                                                progress=lambda gate: gate.progress())
        """Connections before authentication, grouped by address (no cap per address: a
        room behind one NAT joins from one address)."""
        self.waiting_by_key: Pool[Gate] = Pool(limits.waiting_per_key,
                                               limits.waiting or room_size)
        """Authenticated connections without a session yet, grouped by key."""
        self.waiting_by_address: Pool[Gate] = Pool(
            limits.waiting_per_address or limits.waiting or room_size,
            limits.waiting or room_size)
        """The same, by address, for those whose key is not yet bound to their handle."""
        self.aggregator = Aggregator(self.room, list(workshop.track(self.room.settings.track)
                                                     .scenarios))
        self.zygote_pid = zygote_pid
        self.zygote_sock = zygote_sock
        self.active: dict[str, ParticipantSession] = {}
        self.watch: RoomWatch | None = None
        """This server's events FIFO in the room (open while it serves)."""
        self.online_since: dict[str, datetime] = {}
        """When each connected participant's session started (for presence)."""
        self.last_seen: dict[str, datetime] = {}
        """When each participant who left was last connected (for presence)."""
        self._presence_due = True
        self._presence_at = 0.0
        self.gates: set[Gate] = set()
        self._spawning: dict[int, ParticipantSession] = {}
        self._children: dict[int, ParticipantSession] = {}
        self._next_id = 0
        self._passcodes: set[str] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._log = open(self.room.log_path, "a", encoding="utf-8")  # noqa: SIM115
        self.start_slots = asyncio.Semaphore(3 * (os.cpu_count() or 1))
        """Apps starting at once (see ParticipantSession._launch): three per core, so that a
        core never idles while an app waits on I/O (its record is written with fsync) or its
        first frame drains out. Measured with 50 joining at once on 2 cores: two per core
        left the machine ~12% idle (p95 first frame 2.7-3.1 s), three per core 2.5-2.6 s;
        one per core was much worse (4.8 s)."""
        self.stopping = False
        self.zygote_ready = asyncio.Event()
        """Set when the zygote has preloaded the app (see :mod:`workshop.ssh.zygote`)."""

    # -- small services -----------------------------------------------------------------

    def log(self, text: str) -> None:
        """One line in the room's server log."""
        stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
        with contextlib.suppress(OSError, ValueError):
            self._log.write(f"{stamp} {text}\n")
            self._log.flush()

    def join_line(self, handle: str, command: str = "") -> str:
        """The ssh command a participant types, for messages."""
        host = self.options.public_host or self.options.host
        if host in ("0.0.0.0", "::", ""):
            host = socket.gethostname()
        port = "" if self.options.port == 22 else f"-p {self.options.port} "
        return f"ssh {port}{handle}@{host}" + (f" {command}" if command else "")

    def create_task(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Run a coroutine, keeping a reference until it ends."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- connections and admission -------------------------------------------------------

    def connection_opened(self, gate: Gate) -> bool:
        """Count a new connection; False when the server is stopping (the caller closes it).

        A full pool of connections that have not authenticated does not refuse the newcomer:
        the oldest of the address holding the most is closed instead, so idle sockets cannot
        lock the room (issue 12).
        """
        if self.stopping:
            return False
        self.gates.add(gate)
        for old in self.unauthenticated.add(gate, gate.address):
            self.log(f"closed a connection from {old.address} that had not logged in: "
                     "too many were waiting")
            old.close("Too many connections are waiting to log in: connect again.")
        return True

    def authenticated(self, gate: Gate, key: str, bound: bool) -> None:
        """A connection has logged in: it has ``session_timeout`` seconds to open a session.

        Args:
            gate: The connection.
            key: What groups its waiting connections: a key fingerprint, or the handle.
            bound: Whether that key is already bound to the handle (a participant coming
                back): such connections are capped per key only, never per address.
        """
        self.unauthenticated.discard(gate)
        evicted = self.waiting_by_key.add(gate, key)
        if not bound:
            evicted += self.waiting_by_address.add(gate, gate.address)
        for old in evicted:
            self.waiting_by_key.discard(old)
            self.waiting_by_address.discard(old)
            self.log(f"closed a logged-in connection of {old.handle} from {old.address} "
                     "without a session: a newer one came in")
            old.close("A newer connection took the place of this one.")
        if gate.sessions == 0:
            gate.arm(self.limits.session_timeout, gate.session_expired)

    def session_opened(self, gate: Gate) -> None:
        """A connection opened its session: it no longer waits."""
        self.unauthenticated.discard(gate)
        self.waiting_by_key.discard(gate)
        self.waiting_by_address.discard(gate)

    def connection_closed(self, gate: Gate) -> None:
        """Forget a connection."""
        self.gates.discard(gate)
        self.session_opened(gate)

    def admission_problem(self, handle: str, key: str | None = None) -> str:
        """Why this handle (offering this key, if any) cannot join now ('' when it can).

        A key the facilitator removed (with its handle) is refused under any handle.
        """
        if self.stopping:
            return "The workshop server is shutting down."
        # Issue 7: the reserved facilitator name, and the dashboard's lock and removals.
        if handle == FACILITATOR:
            return "" if self.options.facilitator_keys else (
                "'facilitator' is reserved for the facilitator's dashboard, which this server "
                "does not offer (workshop serve --facilitator-key FILE).")
        problem = control_admission(self.room, handle,
                                    known=self.bindings.get(handle) is not None, key=key)
        if problem:
            return problem
        if self.room.settings.locked and self.bindings.get(handle) is None:
            return "This room is locked: only participants who already joined can come back."
        if handle not in self.active and len(self.active) >= self.options.max_sessions:
            return (f"This room is full ({self.options.max_sessions} participants are "
                    "connected). Ask the facilitator, or try again later.")
        return ""

    def passcode_known(self, answer: str) -> bool:
        """Whether an answer is the passcode someone already proved (or the room has none).

        Such an answer costs no scrypt and waits for no turn: once one participant has
        joined, a guessing flood does not slow down people who know the passcode.
        """
        if self.room.settings.passcode_hash is None:
            return True
        return any(hmac.compare_digest(answer.encode(), known.encode())
                   for known in self._passcodes)

    async def check_passcode(self, answer: str) -> bool:
        """Whether an answer is the room's passcode (scrypt off the event loop, once)."""
        stored = self.room.settings.passcode_hash
        if stored is None or self.passcode_known(answer):
            return True
        ok = await asyncio.get_running_loop().run_in_executor(None, verify_secret, answer,
                                                              stored)
        if ok:
            self._passcodes.add(answer)
        return ok

    def answer_turn(self, key: str, room: bool = True) -> float | None:
        """Take the next turn to check an answer for ``key`` (a handle's passcode or code).

        The answer counts as wrong until :meth:`answer_right` says otherwise, so answers
        arriving together from many connections are spaced out as well.

        Args:
            key: What is guessed: a handle's passcode entry, or ``code:HANDLE``.
            room: Whether the room-wide turn applies too. It does for the passcode (one
                secret for all handles); a resume code is one handle's own secret, so
                guessing others' codes gains nothing and must not hold its owner back.

        Returns:
            Seconds to wait for the turn, or None when the wait would be longer than
            ``longest_wait`` (the answer is refused at once, and no turn is taken).
        """
        wait = self.handle_backoff.wait(key)
        if room:
            wait = max(wait, self.room_backoff.wait(""))
        if wait > self.limits.longest_wait:
            return None
        turn = self.handle_backoff.reserve(key)
        return max(turn, self.room_backoff.reserve("")) if room else turn

    def answer_right(self, key: str, room: bool = True) -> None:
        """A right answer for ``key``: its turn no longer counts as a failure."""
        self.handle_backoff.forgive(key)
        if room:
            self.room_backoff.forgive("")

    def bind(self, handle: str, proven_key: str | None, via: str,
             new_code: tuple[str, str] | None = None) -> tuple[bool, str | None]:
        """After authentication: check the handle's binding (a free handle is not bound yet).

        A free handle is claimed only when an interactive session starts (:meth:`bind_key`,
        :meth:`bind_code`): a connection that only logs in, or only exports, claims nothing.

        Args:
            handle: The authenticated handle.
            proven_key: The fingerprint of a key whose signature was verified, if any.
            via: How keyboard-interactive let the client in: "code", "free" or "".
            new_code: A resume code and its hash, made during authentication.

        Returns:
            (whether this connection may act as the handle, a new resume code to show).
        """
        binding = self.bindings.get(handle)
        if binding is not None:
            if binding.key is not None:
                return proven_key == binding.key, None
            return via == "code", None
        if proven_key is not None:
            return True, None
        if via == "free" and new_code is not None:
            return True, new_code[0]
        return False, None

    async def bind_key(self, handle: str, key: str) -> bool:
        """Bind a free handle to a proven key as its session starts; True if it is (now) so."""
        binding = self.bindings.get(handle)
        if binding is not None:
            return binding.key == key
        try:
            await self.bindings.bind_async(handle, key=key)
        except Exception as error:
            self.log(f"cannot bind {handle}: {error}")
            return False
        self.log(f"bound {handle} to key {key}")
        return True

    async def bind_code(self, handle: str, code_hash: str) -> bool:
        """Bind a free handle to a resume code about to be shown; False if it was taken."""
        if self.bindings.get(handle) is not None:
            return False
        try:
            await self.bindings.bind_async(handle, code_hash=code_hash)
        except Exception as error:
            self.log(f"cannot bind {handle}: {error}")
            return False
        self.log(f"bound {handle} to a resume code")
        return True

    async def admit(self, session: ParticipantSession) -> str:
        """Make room for an interactive session; '' when it may start, else why not."""
        handle = session.handle
        old = self.active.get(handle)
        if old is not None and old is not session:
            # The same participant again (a dropped connection, a second window): the new
            # connection takes over once the old app has stopped, so one process writes.
            await old.stop("\r\nYou joined again from another connection; this one is "
                           "closed.\r\n")
        problem = self.admission_problem(handle, session.gate.proven_key)
        if problem:
            return problem
        self.active[handle] = session
        self.online_since[handle] = datetime.now(UTC)
        self._presence_due = True
        self.log(f"{handle} joined ({len(self.active)} connected)")
        return ""

    def release(self, session: ParticipantSession) -> None:
        """A session ended."""
        if self.active.get(session.handle) is session:
            del self.active[session.handle]
            self.online_since.pop(session.handle, None)
            self.last_seen[session.handle] = datetime.now(UTC)
            self._presence_due = True
            self.log(f"{session.handle} left ({len(self.active)} connected)")

    def welcome_with_code(self, handle: str, code: str) -> str:
        """What a participant without an SSH key reads on their first join."""
        return (f"\r\nWelcome to {self.room.settings.title}, {handle}.\r\n\r\n"
                f"Your resume code is  {code}\r\n\r\n"
                "Write it down: to come back as "
                f"'{handle}' (after a dropped connection, or to take your notes home with\r\n"
                f"'{self.join_line(handle, 'export')} > notes.md') you will be asked for it."
                "\r\n\r\nPress Enter to start.\r\n")

    # -- children ------------------------------------------------------------------------

    def spawn(self, session: ParticipantSession, request: dict[str, Any], slave: int) -> None:
        """Ask the zygote for a child on this terminal."""
        self._next_id += 1
        self._spawning[self._next_id] = session
        zygote.send_message(self.zygote_sock, {
            "op": "spawn", "id": self._next_id, **request,
            "room": str(self.room.path), "data_dir": str(self.options.data_dir),
            "log": str(self.room.log_path),
            "memory_ceiling": self.options.session_memory_mb * 1024 * 1024,
        }, fd=slave)

    def _zygote_readable(self) -> None:
        try:
            message, fd = zygote.receive_message(self.zygote_sock)
        except BlockingIOError:
            return
        except OSError:
            message, fd = None, None
        if fd is not None:
            os.close(fd)
        if message is None:
            asyncio.get_running_loop().remove_reader(self.zygote_sock.fileno())
            if not self.stopping:
                self.log("the session starter (zygote) died; stopping")
                self.stop_event.set()
            return
        op = message.get("op")
        if op == "ready":
            self.zygote_ready.set()
        elif op == "spawned":
            session = self._spawning.pop(int(message["id"]), None)
            pid = int(message["pid"])
            if session is not None:
                self._children[pid] = session
                session.spawned(pid)
        elif op == "failed":
            session = self._spawning.pop(int(message["id"]), None)
            if session is not None:
                session.spawn_failed()
        elif op == "exited":
            pid, status = int(message["pid"]), int(message["status"])
            session = self._children.pop(pid, None)
            if status:
                self.log(f"session process {pid} ended with status {status}")
            if session is not None:
                session.child_exited(status)

    # -- notes ---------------------------------------------------------------------------

    def export_notes(self, handle: str) -> str:
        """A participant's notes as Markdown (runs in a worker thread)."""
        session = read_participant(self.room, handle, self.workshop)
        try:
            from workshop.export import render  # type: ignore[attr-defined,unused-ignore]
        except ImportError:  # the export formats are not installed: the plain notes
            return f"# {self.workshop.title}: notes of {handle}\n\n{session.notes}\n"
        return str(render(session, "md"))

    # -- background work -------------------------------------------------------------------

    def seen(self) -> dict[str, Seen]:
        """Who is connected (and since when, idle how long) and who left (when)."""
        now = time.monotonic()
        seen = {handle: Seen(False, moment) for handle, moment in self.last_seen.items()}
        for handle, session in self.active.items():
            seen[handle] = Seen(True, self.online_since.get(handle),
                                max(0.0, now - session.last_input))
        return seen

    async def publish_presence(self, force: bool = False) -> None:
        """Write presence.json when someone came or went, or the heartbeat is due (in a
        worker thread: the loop relays everyone's screens meanwhile)."""
        now = time.monotonic()
        if not (force or self._presence_due or now - self._presence_at >= HEARTBEAT_SECONDS):
            return
        # Taken before the write: someone who comes or goes while it is under way sets the
        # flag again, and the next look writes them (the file being written has not).
        changed = force or self._presence_due
        self._presence_due = False
        self._presence_at = now
        try:
            await write_presence_async(self.room, self.seen(), self.aggregator.parts)
        except OSError as error:
            self.log(f"cannot publish presence: {error}")
            self._presence_due = self._presence_due or changed
            return
        if changed:  # someone came or went (a heartbeat tells nobody)
            notify(self.room.path, "presence")

    async def _aggregate_loop(self) -> None:
        # Woken by a participant's save (or the facilitator's change) through the room's
        # events FIFO, else once per aggregate_interval for the presence heartbeat. A look
        # costs one stat per participant; only changed records are re-read, and the file is
        # written only when something changed. AGGREGATE_GAP folds a burst into few writes.
        waker = Waker(self.watch, {"record", "control"}, fallback=self.options.aggregate_interval,
                      min_gap=AGGREGATE_GAP)
        while True:
            try:
                if self.aggregator.refresh():
                    await self.aggregator.publish_async()
                    self._presence_due = True  # positions moved
            except OSError as error:
                self.log(f"cannot publish the aggregates: {error}")
            await self.publish_presence()
            await waker.wait()

    async def _idle_loop(self) -> None:
        while True:
            await asyncio.sleep(min(30.0, self.options.idle_timeout / 2))
            now = time.monotonic()
            for session in list(self.active.values()):
                if now - session.last_input > self.options.idle_timeout:
                    self.log(f"{session.handle} idle for too long; closing")
                    self.create_task(session.stop(
                        "\r\nClosed after a long time without a key press. Everything is "
                        f"saved: {self.join_line(session.handle)} brings you back.\r\n"))

    async def _memory_loop(self) -> None:
        # One small /proc read per session; the app's own ctrl+q saves before it goes.
        ceiling = self.options.session_memory_mb * 1024 * 1024
        stopping: set[int] = set()
        while True:
            await asyncio.sleep(self.options.memory_interval)
            for pid, session in list(self._children.items()):
                used = rss_bytes(pid)
                if used is None or used <= ceiling or pid in stopping:
                    continue
                stopping.add(pid)
                self.log(f"{session.handle} uses {used // (1024 * 1024)} MB, over the "
                         f"{self.options.session_memory_mb} MB per session; closing")
                self.create_task(session.stop(
                    "\r\nClosed: your session used more memory than this server allows "
                    f"({self.options.session_memory_mb} MB). Everything up to your last "
                    f"action is saved: {self.join_line(session.handle)} brings you back.\r\n"))
            stopping &= set(self._children)

    # -- running ---------------------------------------------------------------------------

    async def serve(self, host_key: asyncssh.SSHKey, ready: Any = None) -> None:
        """Listen until SIGINT/SIGTERM, then shut down in order."""
        loop = asyncio.get_running_loop()
        self.stop_event = asyncio.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.stop_event.set)
        self.zygote_sock.setblocking(False)
        loop.add_reader(self.zygote_sock.fileno(), self._zygote_readable)
        # Listen once the session starter has loaded the app: joiners then get their first
        # screen without waiting for (or competing with) that one-time work.
        preloaded = asyncio.ensure_future(self.zygote_ready.wait())
        stopped = asyncio.ensure_future(self.stop_event.wait())
        await asyncio.wait([preloaded, stopped], timeout=120,
                           return_when=asyncio.FIRST_COMPLETED)
        preloaded.cancel()
        stopped.cancel()
        from workshop.ssh.auth import Gate

        listener = None if not self.options.ssh else await asyncssh.create_server(
            lambda: Gate(self), self.options.host, self.options.port,
            server_host_keys=[host_key],
            encoding=None,
            line_editor=False,
            agent_forwarding=False,
            x11_forwarding=False,
            allow_scp=False,
            sftp_factory=None,
            login_timeout=self.options.login_timeout,
            keepalive_interval=self.options.keepalive_interval,
            keepalive_count_max=4,
            server_version="workshop",
        )
        # The browser site before the room's events pipe: a --web port that is taken ends the
        # server here with its one-line error, leaving no pipe behind in the room's folder.
        web = await self._start_web()
        self.watch = open_watch(self.room.path, "server")
        self.aggregator.refresh()
        self.aggregator.publish()
        self.create_task(self._aggregate_loop())
        self.create_task(self._idle_loop())
        self.create_task(self._memory_loop())
        port = listener.get_port() if listener is not None else 0
        if listener is not None:
            self.options.port = port
            self.log(f"serving room {self.room.code} on {self.options.host}:{port}")
            print(f"Serving room {self.room.code} ({self.room.settings.title}) on "
                  f"{self.options.host}:{port}", flush=True)
            print(f"Host key fingerprint: {fingerprint(host_key)}", flush=True)
            print(f"Participants join with: {self.join_line('HANDLE')}", flush=True)
        if web is not None:
            self.log(f"serving room {self.room.code} to browsers on {web.link()}")
            print(f"Browsers join at: {web.link()}", flush=True)
            if web.projector_line():
                print(web.projector_line(), flush=True)
        # For the dashboard (issue 7): the ssh line, or the link when there is no SSH.
        publish_join(self.room.path, self.join_line("NAME") if listener is not None
                     else web.link() if web is not None else "")
        # Both ways in: the browser link beside the ssh line (the dashboard shows both).
        publish_web(self.room.path, web.link() if web is not None and listener is not None
                    else None)
        print("Press ctrl+c to stop (every session is saved).", flush=True)
        if ready is not None:
            ready(port)
        await self.stop_event.wait()
        if web is not None:
            self.stopping = True
            await web.stop()
        await self.shutdown(listener)

    async def _start_web(self) -> Any:
        """The browser join (``--web PORT``), listening; None without it."""
        if self.options.web is None:
            return None
        from workshop.web.server import WebJoin

        web = WebJoin(self, self.options.web)
        await web.start()
        return web

    async def shutdown(self, listener: asyncssh.SSHAcceptor | None) -> None:
        """Stop taking connections, let every app save and quit, then stop the zygote."""
        self.stopping = True
        print("Stopping: saving every session...", flush=True)
        if listener is not None:
            listener.close()
        note = "\r\nThe workshop server stopped. Everything you did is saved.\r\n"
        await asyncio.gather(*(s.stop(note) for s in list(self.active.values())),
                             return_exceptions=True)
        for gate in list(self.gates):
            if gate.conn is not None:
                gate.conn.close()
        if listener is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(listener.wait_closed(), 3)
        for task in list(self._tasks):
            task.cancel()
        if self.watch is not None:
            self.watch.close()
        try:
            # Always, and through the writer thread: after any write still under way, never
            # before (the loop may have counted the last change and not written it yet).
            self.aggregator.refresh()
            await self.aggregator.publish_async()
        except OSError:
            pass
        # Everyone is offline now; the stale heartbeat then tells "server stopped".
        for handle in list(self.active):
            self.last_seen[handle] = datetime.now(UTC)
        self.active.clear()
        await self.publish_presence(force=True)
        asyncio.get_running_loop().remove_reader(self.zygote_sock.fileno())
        self.zygote_sock.close()  # the zygote hangs up what is left and exits
        await asyncio.get_running_loop().run_in_executor(None, _wait_pid, self.zygote_pid)
        self.log("stopped")
        self._log.close()
        print("Stopped.", flush=True)


def _wait_pid(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if done:
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def run(options: ServeOptions, host_key: asyncssh.SSHKey) -> int:
    """Start the zygote, then the server; returns when the server has stopped."""
    from workshop.ssh.participant import child_main, preload

    workshop = options.room.workshop()
    sys.stdout.flush()
    pid, sock = zygote.start(functools.partial(preload, options.room.path), child_main)
    server = RoomServer(options, workshop, pid, sock)
    asyncio.run(server.serve(host_key))
    return 0
