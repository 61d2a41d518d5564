"""A tiny expect-style driver: run a command in a real pseudo-terminal and talk to it.

Plain mode is meant for real terminals, so its end-to-end tests type into one. This keeps the
test suite free of a pexpect dependency; it needs only the standard library (POSIX).
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import struct
import time
from collections.abc import Mapping, Sequence

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]|\x1b[=>]")


def strip_ansi(text: str) -> str:
    """The text with escape sequences removed and carriage returns dropped."""
    return _ANSI.sub("", text).replace("\r", "")


class Terminal:
    """A child process on its own pseudo-terminal."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str], *,
                 rows: int = 40, cols: int = 120, cwd: str | os.PathLike[str] | None = None,
                 ) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: it has the terminal as stdin, stdout and stderr
            try:
                if cwd is not None:
                    os.chdir(cwd)
                os.execvpe(argv[0], list(argv), dict(env))
            finally:
                os._exit(127)
        import fcntl
        import termios
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.pid = pid
        self.fd = fd
        self.raw = ""
        """Everything the child wrote so far."""
        self._seen = 0
        self.status: int | None = None

    @property
    def text(self) -> str:
        """Everything written so far, without escape sequences."""
        return strip_ansi(self.raw)

    def _pump(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the child closed the terminal
            chunk = b""
        if not chunk:
            return False
        self.raw += chunk.decode("utf-8", errors="replace")
        return True

    def expect(self, wanted: str, timeout: float = 30.0) -> str:
        """Wait until ``wanted`` appears after the last match; returns the text up to it."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.text
            at = text.find(wanted, self._seen)
            if at >= 0:
                before = text[self._seen:at]
                self._seen = at + len(wanted)
                return before
            left = deadline - time.monotonic()
            if left <= 0 or (not self._pump(min(left, 0.5)) and not self.alive()):
                if self.text.find(wanted, self._seen) >= 0:
                    continue
                raise AssertionError(f"did not see {wanted!r}; screen so far:\n{text[-3000:]}")

    def send(self, data: str) -> None:
        """Type characters (``\\r`` is Enter, ``\\x03`` is ctrl+c)."""
        os.write(self.fd, data.encode("utf-8"))

    def alive(self) -> bool:
        """True while the child runs."""
        if self.status is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.status = os.waitstatus_to_exitcode(status)
        return False

    def wait(self, timeout: float = 30.0) -> int:
        """Read until the child exits; returns its exit code."""
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                raise AssertionError(f"still running; screen so far:\n{self.text[-3000:]}")
            self._pump(0.2)
        while self._pump(0.05):
            pass
        assert self.status is not None
        return self.status

    def close(self) -> None:
        """Stop the child if it still runs and release the terminal."""
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)
