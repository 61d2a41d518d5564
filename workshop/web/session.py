"""One browser participant's session: a WebSocket relayed to a child of the zygote.

textual-serve's :class:`~textual_serve.app_service.AppService` speaks the web driver's packet
protocol with an app process; it starts that process with a shell command per connection.
:class:`ZygoteAppService` keeps its protocol and replaces only that start: the process is
forked by the room server's zygote, already loaded, with one end of a socket pair as its stdin
and stdout (``"stdio": "socket"``, see :mod:`workshop.ssh.zygote`). A browser join costs what
an SSH join costs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import time
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable
from typing import Any, cast

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

# The SSH relay's input bounds, shared as they are (a module of plain Python, no asyncssh):
# the same paste cut, key budget and queue cap for both ways in.
from workshop.ssh.paste import QUEUE_MAX_BYTES, InputGuard, KeyBudget
from workshop.web.door import Door

MAX_MESSAGE = 8 * 1024 * 1024
"""The largest WebSocket message taken from a browser. The page sends a paste as one
message: a 4 MB paste is taken (and cut to the paste limit by :class:`InputGuard`) rather
than closing the session; anything larger closes the connection (the app saves as ever)."""
_MARKER_WAIT = 0.05
"""Seconds to wait for the rest of what may be a paste marker before passing it on as keys."""
_SLOT_TAIL = 0.05
"""Seconds of quiet after a first frame before its start slot goes to the next joiner."""
_SLOT_LONGEST = 5.0
"""A start slot is given back after this long, first frame or not."""


def clamp_size(width: Any, height: Any) -> tuple[int, int]:
    """A window size from the browser, within what a terminal app can use."""
    try:
        cols, rows = int(width), int(height)
    except (TypeError, ValueError):
        return 80, 24
    if cols <= 0 or rows <= 0:
        return 80, 24
    return max(20, min(cols, 1000)), max(5, min(rows, 500))


class _SocketProcess:
    """The two streams AppService reads from its process, over our socket."""

    def __init__(self, stdout: asyncio.StreamReader) -> None:
        self.stdout = stdout
        self.stderr = asyncio.StreamReader()
        self.stderr.feed_eof()  # the child's stderr is /dev/null; the room's log has errors


class ZygoteAppService(AppService):
    """textual-serve's app service over a process forked by the zygote."""

    def __init__(self, spawn: Callable[[int, int, int], None],
                 first_bytes: Callable[[int], None], *,
                 write_bytes: Callable[[bytes], Awaitable[None]],
                 write_str: Callable[[str], Awaitable[None]],
                 close: Callable[[], Awaitable[None]]) -> None:
        super().__init__("", write_bytes=write_bytes, write_str=write_str, close=close,
                         download_manager=DownloadManager())
        self._spawn_on = spawn
        self._first_bytes = first_bytes

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self._spawn_on(theirs.fileno(), width, height)
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()  # the zygote has its own copy now
        reader, writer = await asyncio.open_unix_connection(sock=ours, limit=1 << 20)
        self._stdin = writer
        process = cast(Process, _SocketProcess(reader))
        self._process = process
        return process

    async def on_data(self, payload: bytes) -> None:
        """Relay a frame to the browser (and count the first ones)."""
        self._first_bytes(len(payload))
        await super().on_data(payload)

    def queued(self) -> int:
        """Bytes written for the app that it has not read yet (our side's buffer)."""
        if self._stdin is None or self._stdin.transport is None:
            return 0
        return int(self._stdin.transport.get_write_buffer_size())

    def close_input(self) -> None:
        """Close our end: the app's input reader sees the end of its stdin."""
        if self._stdin is not None:
            with contextlib.suppress(Exception):
                self._stdin.close()


async def _anyone(check_only: bool) -> bool:
    """A binder that lets any browser be the handle (tests that need no identity)."""
    return True


class BrowserGate:
    """What the room server asks of a session's connection: a browser proves no SSH key."""

    proven_key: str | None = None


class WebSession:
    """The server side of one participant's WebSocket.

    The room server sees it as it sees an SSH session (``handle``, ``pid``, ``last_input``,
    ``stop``, the zygote's callbacks), so it is counted, timed out and stopped alike.
    """

    def __init__(self, door: Door, handle: str, websocket: web.WebSocketResponse,
                 size: tuple[int, int],
                 bind: Callable[[bool], Awaitable[bool]] | None = None) -> None:
        self.door = door
        self._bind = bind if bind is not None else _anyone
        self.handle = handle
        self.websocket = websocket
        self.size = size
        self.gate = BrowserGate()
        self.pid: int | None = None
        self.exit_status: int | None = None
        self.last_input = time.monotonic()
        self.closed = asyncio.Event()
        self._spawned = asyncio.Event()
        self._service: ZygoteAppService | None = None
        self._slot: asyncio.TimerHandle | bool = False
        self._sent = 0
        self._note = ""
        self._guard = InputGuard()
        self._budget = KeyBudget()
        self._marker_timer: asyncio.TimerHandle | None = None

    # -- the run -------------------------------------------------------------------------

    async def run(self) -> None:
        """Admit, start the app, relay until either side ends, then clean up."""
        taken = (f"The handle '{self.handle}' was just taken by someone else: pick another "
                 "one on the join page.")
        # Two browsers claimed one free handle: the first session to start holds it. Checked
        # before admission too, which would otherwise close the holder's session first.
        problem = "" if await self._bind(True) else taken
        if not problem:
            problem = await self.door.admit(self)
            if not problem and not await self._bind(False):
                self.door.release(self)
                problem = taken
        if problem:
            await self._say(problem)
            await self.websocket.close()
            self.closed.set()
            return
        try:
            await self.door.start_slots.acquire()
            self._slot = asyncio.get_running_loop().call_later(_SLOT_LONGEST,
                                                               self._release_slot)
            if self.websocket.closed:
                return
            service = self._service = ZygoteAppService(
                self._spawn, self._count_output, write_bytes=self._send_bytes,
                write_str=self._send_str, close=self._close_websocket)
            await service.start(*self.size)
            await self._relay(service)
        except OSError as error:  # the zygote is gone (the server is stopping)
            self.door.log(f"cannot start a browser session for {self.handle}: {error}")
            await self._say("The workshop server is too busy to start your session: try "
                            "again in a minute.")
        finally:
            await self._end()

    def _spawn(self, fd: int, width: int, height: int) -> None:
        request = {"handle": self.handle, "stdio": "socket", "term": "xterm-256color",
                   "truecolor": True, "width": width, "height": height}
        self.door.spawn(self, request, fd)

    async def _relay(self, service: ZygoteAppService) -> None:
        """Browser to app: keys, sizes, focus; anything else is ignored."""
        async for message in self.websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind = envelope[0]
            data = envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                self.last_input = time.monotonic()
                await self._keys(service, data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(*clamp_size(data.get("width"),
                                                            data.get("height")))
            elif kind == "ping" and isinstance(data, str | int | float):
                await self._send_str(json.dumps(["pong", data]))
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def _keys(self, service: ZygoteAppService, data: bytes) -> None:
        """Pass keys and pastes through the same bounds as over SSH."""
        if self._marker_timer is not None:
            self._marker_timer.cancel()
            self._marker_timer = None
        passed = self._pass(self._guard.feed, data, service)
        if self._guard.cut and not self._guard.in_paste and not self._guard.dropping:
            self.door.log(f"{self.handle}: a paste was cut by {self._guard.cut:,} bytes")
            self._guard.cut = 0
        if self._guard.holding and not self._guard.in_paste:
            self._marker_timer = asyncio.get_running_loop().call_later(
                _MARKER_WAIT, lambda: asyncio.ensure_future(self._flush_marker(service)))
        if passed:
            await service.send_bytes(passed)

    async def _flush_marker(self, service: ZygoteAppService) -> None:
        self._marker_timer = None
        passed = self._pass(lambda _data, room: self._guard.flush(room), b"", service)
        if passed:
            await service.send_bytes(passed)

    def _pass(self, feed: Callable[[bytes, int], bytes], data: bytes,
              service: ZygoteAppService) -> bytes:
        """Run the guard with the room the app's queue and the key budget leave; pay for it."""
        queued = service.queued()
        room = min(QUEUE_MAX_BYTES - queued, self._budget.available())
        before = self._guard.keys_passed
        passed = feed(data, room)
        self._budget.spend(self._guard.keys_passed - before)
        return passed

    async def _end(self, grace: float = 3.0) -> None:
        """Let the app save and quit (it is asked to), then make sure it has gone."""
        self._release_slot()
        if self._marker_timer is not None:
            self._marker_timer.cancel()
        if self._service is not None and self._guard.in_paste:
            await self._service.send_bytes(self._guard.close_paste())
        service = self._service
        if service is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(service.stop(), grace)
            service.close_input()
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGHUP)
        await self._close_websocket()
        self.closed.set()
        self.door.release(self)

    # -- the server's side ---------------------------------------------------------------

    async def stop(self, note: str, grace: float = 2.5) -> None:
        """Ask the app to save and quit, then close the page's connection with ``note``.

        The server's notes say how to come back over SSH; a browser comes back by its page.
        """
        self._note = note.replace(self.door.join_line(self.handle),
                                  "opening the workshop's page again")
        service = self._service
        if service is not None:
            with contextlib.suppress(Exception):
                await service.send_meta({"type": "quit"})
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._child_gone(), grace)
        await self._close_websocket()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.closed.wait(), grace + 1)

    async def _child_gone(self) -> None:
        while self.pid is not None or (self._service is not None
                                       and not self._spawned.is_set()):
            await asyncio.sleep(0.05)

    def spawned(self, pid: int) -> None:
        """The zygote started our process."""
        self.pid = pid
        self._spawned.set()

    def spawn_failed(self) -> None:
        """The zygote could not fork: say so and close."""
        self._spawned.set()
        self._note = ("The workshop server is too busy to start your session: try again in "
                      "a minute.")
        asyncio.get_running_loop().create_task(self._close_websocket())

    def child_exited(self, status: int) -> None:
        """The zygote saw our process end.

        An app that quits sends textual-serve's exit packet and the page closes with it; a
        process that ended without it (an error before the app ran, a crash, a kill) would
        leave the page on a frozen screen, its handle counted as connected: close it here.
        """
        self.exit_status = status
        self.pid = None
        if not self.websocket.closed:
            if status != 0 and not self._note:
                self._note = ("Your session stopped unexpectedly. Everything up to your last "
                              "step is saved: reload the page to continue.")
            asyncio.get_running_loop().create_task(self._close_websocket())

    # -- helpers -------------------------------------------------------------------------

    def _count_output(self, size: int) -> None:
        # Set-up comes first (a few hundred bytes); a whole frame is kilobytes. Once the
        # first frame is out, the start slot goes to the next joiner when output pauses.
        if self._slot is False:
            return
        self._sent += size
        if self._sent >= 2048:
            if isinstance(self._slot, asyncio.TimerHandle):
                self._slot.cancel()
            self._slot = asyncio.get_running_loop().call_later(_SLOT_TAIL, self._release_slot)

    def _release_slot(self) -> None:
        if self._slot is not False:
            if isinstance(self._slot, asyncio.TimerHandle):
                self._slot.cancel()
            self._slot = False
            self.door.start_slots.release()

    async def _send_bytes(self, data: bytes) -> None:
        if not self.websocket.closed:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.websocket.send_bytes(data)

    async def _send_str(self, data: str) -> None:
        if not self.websocket.closed:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.websocket.send_str(data)

    async def _close_websocket(self) -> None:
        """Close the page's connection, with the server's note first when there is one."""
        note, self._note = self._note, ""
        if note:
            await self._say(note)
        with contextlib.suppress(Exception):
            await self.websocket.close()

    async def _say(self, text: str) -> None:
        """A line in the page's terminal (the app has gone, or never came)."""
        reset = "\x1b[?1049l\x1b[?25h\x1b[0m\r\n"
        await self._send_bytes((reset + text.replace("\r\n", "\n").replace("\n", "\r\n")
                                + "\r\n").encode("utf-8"))
