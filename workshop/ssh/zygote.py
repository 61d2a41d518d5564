"""A fork server: one preloaded process that forks a child per participant.

Starting Python and importing Textual costs about half a second of CPU per process; twenty
people joining at once would wait seconds for their first frame. So, before the SSH server
starts its event loop, it forks this *zygote*: a quiet process with no event loop, no sockets
but its control socket, and no threads. The zygote imports the app, freezes the heap
(``gc.freeze()``, so children do not copy pages by touching reference counts during garbage
collection) and then waits. For each participant the server sends it a pseudo-terminal's slave
side (over ``SCM_RIGHTS``) and a small JSON request; the zygote forks a child that makes that
terminal its controlling terminal (``os.login_tty``: new session, ``TIOCSCTTY``, fds 0-2) and
runs the session. Window-size changes on the master then reach the child as ``SIGWINCH``, and
closing the master sends it ``SIGHUP``.

A browser participant (``workshop serve --web``) comes from the same zygote: the request
carries ``"stdio": "socket"`` and the fd is one end of a socket pair. The child makes it its
stdin and stdout (a new session, no terminal; stderr goes to ``/dev/null``) and runs Textual's
web driver on it, which speaks textual-serve's packet protocol; the server relays the other
end to the browser's WebSocket (:mod:`workshop.web.session`).

Messages (JSON over a ``SOCK_SEQPACKET`` pair, so each one arrives whole):

* server -> zygote: ``{"op": "spawn", "id": N, ...request}`` with one fd attached.
* zygote -> server: ``{"op": "ready"}`` once, when the preload is done (a session started
  from then on pays for none of it); ``{"op": "spawned", "id": N, "pid": P}`` or
  ``{"op": "failed", ...}``, and ``{"op": "exited", "pid": P, "status": S}`` when a child
  ends.

When the server's end of the socket closes (shutdown, or the server died), the zygote hangs up
every child, waits a moment, kills what is left and exits: no process stays behind.
"""

from __future__ import annotations

import array
import contextlib
import gc
import json
import os
import selectors
import signal
import socket
import time
from collections.abc import Callable
from typing import Any

ChildMain = Callable[[dict[str, Any]], int]
"""What a child runs with the request; returns its exit status."""

_MAX_MESSAGE = 65536


def send_message(sock: socket.socket, message: dict[str, Any], fd: int | None = None) -> None:
    """Send one JSON message, with a file descriptor when given."""
    data = json.dumps(message).encode("utf-8")
    if fd is None:
        sock.sendmsg([data])
    else:
        sock.sendmsg([data], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [fd]))])


def receive_message(sock: socket.socket) -> tuple[dict[str, Any] | None, int | None]:
    """Receive one message and the fd sent with it; (None, None) when the peer closed."""
    fds = array.array("i")
    data, ancdata, _flags, _addr = sock.recvmsg(_MAX_MESSAGE, socket.CMSG_LEN(fds.itemsize))
    fd = None
    for level, kind, payload in ancdata:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(payload[: len(payload) - (len(payload) % fds.itemsize)])
            fd = fds[0] if fds else None
    if not data:
        return None, fd
    message: dict[str, Any] = json.loads(data.decode("utf-8"))
    return message, fd


def start(preload: Callable[[], None], child_main: ChildMain) -> tuple[int, socket.socket]:
    """Fork the zygote; returns its pid and the server's end of the control socket.

    Call this before any event loop or thread exists in the calling process.
    """
    server_end, zygote_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    pid = os.fork()
    if pid == 0:  # the zygote
        status = 1
        try:
            server_end.close()
            status = _zygote(zygote_end, preload, child_main)
        finally:
            os._exit(status)
    zygote_end.close()
    return pid, server_end


def _zygote(sock: socket.socket, preload: Callable[[], None], child_main: ChildMain) -> int:
    # The terminal's ctrl+c belongs to the server, which shuts us down through the socket.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: None)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    preload()
    gc.collect()
    gc.freeze()
    send_message(sock, {"op": "ready"})
    children: set[int] = set()
    selector = selectors.DefaultSelector()
    selector.register(sock, selectors.EVENT_READ, "sock")
    selector.register(wake_read, selectors.EVENT_READ, "wake")
    try:
        while True:
            for key, _ in selector.select():
                if key.data == "wake":
                    with contextlib.suppress(BlockingIOError):
                        os.read(wake_read, 4096)
                    _reap(sock, children)
                    continue
                try:
                    message, fd = receive_message(sock)
                except (ConnectionError, OSError):
                    message, fd = None, None
                if message is None:
                    return _hang_up(children)
                if message.get("op") == "spawn" and fd is not None:
                    pid = _spawn(message, fd, child_main, sock, selector,
                                 (wake_read, wake_write))
                    os.close(fd)
                    if pid:
                        children.add(pid)
                        send_message(sock, {"op": "spawned", "id": message.get("id"),
                                            "pid": pid})
                    else:
                        send_message(sock, {"op": "failed", "id": message.get("id")})
                elif fd is not None:
                    os.close(fd)
    finally:
        selector.close()


def _spawn(request: dict[str, Any], slave_fd: int, child_main: ChildMain,
           sock: socket.socket, selector: selectors.BaseSelector,
           wake: tuple[int, int]) -> int:
    try:
        pid = os.fork()
    except OSError:
        return 0
    if pid:
        return pid
    # The child: drop everything of the zygote, take the terminal, run the session.
    status = 1
    try:
        signal.set_wakeup_fd(-1)
        selector.close()
        for fd in wake:
            os.close(fd)
        sock.close()
        for name in ("SIGINT", "SIGTERM", "SIGCHLD", "SIGHUP", "SIGPIPE"):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
        if request.get("stdio") == "socket":
            _take_socket(slave_fd)
        else:
            os.login_tty(slave_fd)
        # The heap stays frozen: collecting it would touch (and so copy) the shared pages.
        status = child_main(request)
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _take_socket(fd: int) -> None:
    """Make a socket the child's stdin and stdout (a browser session: no terminal)."""
    os.setsid()
    os.dup2(fd, 0)
    os.dup2(fd, 1)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)
    if fd > 2:
        os.close(fd)


def _reap(sock: socket.socket, children: set[int]) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            children.clear()
            return
        if pid == 0:
            return
        children.discard(pid)
        code = os.waitstatus_to_exitcode(status)
        with contextlib.suppress(OSError):
            send_message(sock, {"op": "exited", "pid": pid, "status": code})


def _hang_up(children: set[int], grace: float = 3.0) -> int:
    """Ask every child to stop, wait for them, kill stragglers; returns 0."""
    for pid in list(children):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGHUP)
    deadline = time.monotonic() + grace
    while children and time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            time.sleep(0.05)
        else:
            children.discard(pid)
    for pid in list(children):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    return 0
