"""One SSH session channel: an interactive participant, ``export``, or a refusal.

Interactive sessions relay bytes between the SSH channel (opened with ``encoding=None``: no
line editor, no decoding) and the master side of a fresh pseudo-terminal; the slave side goes
to a child forked by the zygote, which runs the app on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import os
import signal
import struct
import termios
import time
import tty
from typing import TYPE_CHECKING, Any

import asyncssh

from workshop.ssh.paste import QUEUE_MAX_BYTES, InputGuard, KeyBudget
from workshop.ssh.terminal import clamp_size, truecolor, validate_term

if TYPE_CHECKING:
    from workshop.ssh.host import GateView, RoomHost

RESET_TERMINAL = (b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l"
                  b"\x1b[?1049l\x1b[?25h\x1b[0m\r\n")
"""Leave the alternate screen, mouse and paste modes: what a killed app cannot do itself."""

_HIGH_WATER = 256 * 1024
_SLOT_TAIL = 0.05
"""Seconds of quiet after a first frame before its start slot goes to the next joiner."""
_MARKER_WAIT = 0.05
"""Seconds to wait for the rest of what may be a paste marker before passing it on as keys."""


class ParticipantSession(asyncssh.SSHServerSession[bytes]):
    """The server side of one session channel."""

    def __init__(self, server: RoomHost, gate: GateView) -> None:
        self.server = server
        self.gate = gate
        self.handle = gate.handle or "?"
        self.chan: asyncssh.SSHServerChannel[bytes] | None = None
        self.term: str | None = None
        self.size = (80, 24)
        self.command: str | None = None
        self.subsystem: str | None = None
        self.master: int | None = None
        self.pid: int | None = None
        self.exit_status: int | None = None
        self.last_input = time.monotonic()
        self.closed = asyncio.Event()
        self._waiting_for_enter = False
        self._pending_input = bytearray()
        self._guard = InputGuard()
        self._budget = KeyBudget()
        self._writing = False
        """Waiting for the app's terminal to take more input (a writer is registered)."""
        self._marker_timer: asyncio.TimerHandle | None = None
        self._reading = False
        self._output_done = False
        self._note = b""
        self._started_bytes = 0
        self._slot: asyncio.TimerHandle | bool = False
        """Holding one of the server's start slots (a timer once the first frame is out)."""
        """A line to show after the app has gone (set when the server closes the session)."""

    # -- requests -----------------------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self.chan = chan

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int],
                      term_modes: Any) -> bool:
        self.term = validate_term(term_type)
        self.size = clamp_size(term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        self.command = command
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        self.subsystem = subsystem
        return True

    def session_started(self) -> None:
        if self.subsystem is not None:
            what = "file transfer (SFTP/SCP)" if self.subsystem == "sftp" else \
                f"the '{self.subsystem[:30]}' subsystem"
            self.refuse(f"This workshop server offers no {what}. To take your notes home: "
                        f"{self.server.join_line(self.handle, 'export > notes.md')}", 1)
            return
        if not self.gate.may_act():
            self.refuse(f"The handle '{self.handle}' was just taken by someone else: pick "
                        f"another one: {self.server.join_line('othername')}", 1)
            return
        if self.command is not None:
            if self.command.strip() == "export":
                self.server.create_task(self._export())
            else:
                self.refuse("This workshop server runs no commands; the only one it accepts "
                            f"is 'export': {self.server.join_line(self.handle, 'export')}"
                            " > notes.md", 2)
            return
        if self.term is None:
            self.refuse("This workshop is interactive: connect from a terminal (a shell "
                        f"needs a PTY; try 'ssh -t'): {self.server.join_line(self.handle)}", 1)
            return
        self.server.create_task(self._start_interactive())

    def refuse(self, text: str, status: int) -> None:
        """Tell the client why on stderr and close the channel."""
        self.server.log(f"refused a session of {self.handle}: {text}")
        if self.chan is not None:
            self.chan.write_stderr((text + "\r\n").encode("utf-8"))
            self.chan.exit(status)

    # -- export -------------------------------------------------------------------------

    async def _export(self) -> None:
        assert self.chan is not None
        try:
            text = await asyncio.get_running_loop().run_in_executor(
                None, self.server.export_notes, self.handle)
        except Exception as error:
            self.refuse(f"Cannot export your notes: {getattr(error, 'message', error)}", 1)
            return
        if self.term is not None:  # `ssh -t ... export`: the client's terminal is raw
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        self.chan.write(text.encode("utf-8"))
        self.chan.exit(0)

    # -- interactive --------------------------------------------------------------------

    async def _start_interactive(self) -> None:
        assert self.chan is not None
        problem = await self.server.admit(self)
        if problem:
            self.refuse(problem, 1)
            return
        key = self.gate.claim_key
        if key is not None:  # a free handle is claimed only now that a session starts
            if not await self.server.bind_key(self.handle, key):
                self.server.release(self)
                self.refuse(f"The handle '{self.handle}' was just taken by someone else: "
                            f"pick another one: {self.server.join_line('othername')}", 1)
                return
            self.gate.claim_key = None
            if self.closed.is_set():  # gone while the binding was written
                return
        code = self.gate.new_resume_code
        if code is not None:
            assert self.gate.new_code is not None
            if not await self.server.bind_code(self.handle, self.gate.new_code[1]):
                self.server.release(self)
                self.refuse(f"The handle '{self.handle}' was just taken by someone else: "
                            f"pick another one: {self.server.join_line('othername')}", 1)
                return
            self.gate.new_resume_code = None
            if self.closed.is_set():  # gone while the binding was written
                return
            self._waiting_for_enter = True
            with contextlib.suppress(OSError):
                self.chan.write(self.server.welcome_with_code(self.handle, code).encode("utf-8"))
            return
        await self._launch()

    async def _launch(self) -> None:
        """Wait for a start slot, then start the app.

        Starting an app costs a few hundred milliseconds of CPU. When many join at once,
        starting them all together would make everyone wait for the slowest; a few at a time,
        in order, gives most people their first screen sooner and keeps the sessions already
        running responsive.
        """
        assert self.chan is not None
        with contextlib.suppress(OSError):  # the client may already be gone
            self.chan.write(b"\r\nStarting your workshop session...\r\n")
        await self.server.start_slots.acquire()
        self._slot = True
        if self.closed.is_set():
            self._release_slot()
            return
        asyncio.get_running_loop().call_later(5.0, self._release_slot)
        self._spawn()

    def _release_slot(self) -> None:
        if self._slot is not False:
            if isinstance(self._slot, asyncio.TimerHandle):
                self._slot.cancel()
            self._slot = False
            self.server.start_slots.release()

    def _spawn(self) -> None:
        assert self.chan is not None and self.term is not None
        master, slave = os.openpty()
        try:
            self._set_size(slave, *self.size)
            # Raw before the app starts: keys typed early are neither echoed nor held back.
            tty.setraw(slave, termios.TCSANOW)
        except OSError:
            pass
        os.set_blocking(master, False)
        self.master = master
        colorterm = self.chan.get_environment().get("COLORTERM")
        request = {
            "handle": self.handle,
            "farewell": "Saved. To continue where you stopped: "
                        + self.server.join_line(self.handle),
            "term": self.term,
            "truecolor": truecolor(self.term, colorterm),
        }
        try:
            self.server.spawn(self, request, slave)
        except OSError as error:  # the zygote is gone (shutting down)
            self.server.log(f"cannot start a session for {self.handle}: {error}")
            os.close(slave)
            self.spawn_failed()
            return
        os.close(slave)
        self._start_reading()

    def spawned(self, pid: int) -> None:
        """The zygote started our child."""
        self.pid = pid

    def spawn_failed(self) -> None:
        """The zygote could not fork."""
        self.refuse("The workshop server is too busy to start your session: try again in "
                    "a minute.", 1)
        self._close_master()

    @staticmethod
    def _set_size(fd: int, cols: int, rows: int) -> None:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def _start_reading(self) -> None:
        if self.master is not None and not self._reading:
            asyncio.get_running_loop().add_reader(self.master, self._read_master)
            self._reading = True

    def _stop_reading(self) -> None:
        if self.master is not None and self._reading:
            asyncio.get_running_loop().remove_reader(self.master)
        self._reading = False

    def _read_master(self) -> None:
        assert self.master is not None and self.chan is not None
        try:
            data = os.read(self.master, 65536)
        except BlockingIOError:
            return
        except OSError as error:
            if error.errno != errno.EIO:
                self.server.log(f"{self.handle}: terminal read failed: {error}")
            data = b""
        if not data:
            # Every slave fd is closed: the app has exited.
            self._output_done = True
            self._close_master()
            self._finish()
            return
        self.chan.write(data)
        if self._slot is not False:
            # Terminal set-up comes first (a few hundred bytes); a whole frame is kilobytes.
            # Once the first frame is going out, free the start slot when output pauses.
            self._started_bytes += len(data)
            if self._started_bytes >= 2048:
                if isinstance(self._slot, asyncio.TimerHandle):
                    self._slot.cancel()
                self._slot = asyncio.get_running_loop().call_later(_SLOT_TAIL,
                                                                   self._release_slot)
        if self.chan.get_write_buffer_size() > _HIGH_WATER:
            self._stop_reading()  # resume_writing() starts again once the client caught up

    def pause_writing(self) -> None:
        self._stop_reading()

    def resume_writing(self) -> None:
        self._start_reading()

    def child_exited(self, status: int) -> None:
        """The zygote saw our child end."""
        self.exit_status = status
        self.pid = None
        if self._output_done or self.master is None:
            self._finish()

    def _finish(self) -> None:
        if self.chan is None or self.closed.is_set():
            return
        if self.exit_status is None and self.pid is not None:
            # Output ended first; the exit report follows within moments.
            asyncio.get_running_loop().call_later(1.0, self._finish_anyway)
            return
        self._close_channel(self.exit_status or 0)

    def _finish_anyway(self) -> None:
        if not self.closed.is_set():
            self._close_channel(self.exit_status or 0)

    def _close_channel(self, status: int) -> None:
        if status < 0:  # ended by a signal: report it the way shells do
            status = 128 - status
        self.closed.set()
        self.server.release(self)
        if self.chan is not None:
            with contextlib.suppress(Exception):
                if self._note:
                    self.chan.write(RESET_TERMINAL + self._note)
                self.chan.exit(status)

    def _close_master(self) -> None:
        self._release_slot()
        self._stop_reading()
        self._stop_writing()
        self._pending_input.clear()
        if self._marker_timer is not None:
            self._marker_timer.cancel()
            self._marker_timer = None
        if self.master is not None:
            with contextlib.suppress(OSError):
                os.close(self.master)
            self.master = None

    # -- input --------------------------------------------------------------------------

    def data_received(self, data: bytes, datatype: Any) -> None:
        self.last_input = time.monotonic()
        if self._waiting_for_enter:
            if b"\r" in data or b"\n" in data:
                self._waiting_for_enter = False
                self.server.create_task(self._launch())
            elif b"\x03" in data or b"\x04" in data:
                self._close_channel(0)
            return
        self._write_master(data)

    def _write_master(self, data: bytes) -> None:
        if self.master is None:
            return
        self._pending_input += self._pass(self._guard.feed, data)
        if self._guard.cut and not self._guard.in_paste and not self._guard.dropping:
            self.server.log(f"{self.handle}: a paste was cut by {self._guard.cut:,} bytes")
            self._guard.cut = 0
        if self._marker_timer is not None:
            self._marker_timer.cancel()
            self._marker_timer = None
        if self._guard.holding and not self._guard.in_paste:
            self._marker_timer = asyncio.get_running_loop().call_later(
                _MARKER_WAIT, self._flush_marker)
        self._drain()

    def _flush_marker(self) -> None:
        self._marker_timer = None
        if self.master is not None:
            self._pending_input += self._pass(lambda _data, room: self._guard.flush(room), b"")
            self._drain()

    def _pass(self, feed: Any, data: bytes) -> bytes:
        """Run the guard with the room the queue and the key budget leave, and pay for it."""
        room = min(QUEUE_MAX_BYTES - len(self._pending_input), self._budget.available())
        before = self._guard.keys_passed
        passed: bytes = feed(data, room)
        self._budget.spend(self._guard.keys_passed - before)
        return passed

    def _drain(self) -> None:
        """Write what the app's terminal takes now; wait for it to be writable for the rest.

        The terminal takes a few kilobytes at a time; the rest of a large paste goes as the
        app reads, not when the next key arrives (which may never come: ctrl+s right after a
        paste must reach the app).
        """
        if self.master is None:
            return
        while self._pending_input:
            try:
                written = os.write(self.master, bytes(self._pending_input[:65536]))
            except BlockingIOError:
                break
            except OSError:
                self._pending_input.clear()
                break
            if written <= 0:
                break
            del self._pending_input[:written]
        if self._pending_input and not self._writing:
            asyncio.get_running_loop().add_writer(self.master, self._drain)
            self._writing = True
        elif not self._pending_input:
            self._stop_writing()

    def _stop_writing(self) -> None:
        if self._writing and self.master is not None:
            asyncio.get_running_loop().remove_writer(self.master)
        self._writing = False

    def terminal_size_changed(self, width: int, height: int, pixwidth: int,
                              pixheight: int) -> None:
        self.size = clamp_size(width, height)
        if self.master is not None:
            with contextlib.suppress(OSError):
                # The kernel sends SIGWINCH to the terminal's foreground group: the app.
                self._set_size(self.master, *self.size)

    def break_received(self, msec: int) -> bool:
        return False

    def signal_received(self, signal_name: str) -> None:
        return None

    def eof_received(self) -> bool:
        # Stay half-open: `ssh ... export < /dev/null` sends EOF before the notes are out.
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        # The client went away (or we closed): hang up the app's terminal. The app gets
        # SIGHUP; what it did is already saved after every action.
        self.closed.set()
        self._close_master()
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGHUP)
        self.closed.set()
        self.server.release(self)
        self.gate.session_ended()

    # -- server-driven ------------------------------------------------------------------

    async def stop(self, note: str, grace: float = 2.5) -> None:
        """Ask the app to quit (its own ctrl+q: it saves and leaves), then hang up."""
        self._note = note.encode("utf-8")
        if self.master is not None:
            # Unread keys are dropped (the app has to see ctrl+q soon), but a paste the app
            # is inside gets its end marker first, or the app would take ctrl+q as text.
            self._pending_input[:] = self._guard.close_paste() + b"\x11"
            self._drain()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._child_gone(), grace)
        self._close_master()
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGHUP)
        if not self.closed.is_set():
            self._close_channel(0)

    async def _child_gone(self) -> None:
        while self.pid is not None:
            await asyncio.sleep(0.05)
