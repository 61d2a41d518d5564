"""Shared pieces for the SSH tests: a server on a free loopback port, keys, ssh, tmux.

Every server here binds to 127.0.0.1 only. Each test module starts one server and reuses it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"
WORKSHOP = [sys.executable, "-m", "workshop"]

needs_openssh = pytest.mark.skipif(shutil.which("ssh") is None, reason="needs the ssh client")
needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


def free_port() -> int:
    """A TCP port nothing listens on right now (loopback)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (children, grandchildren...)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents[int(entry.name)] = ppid
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def alive(pid: int) -> bool:
    """True while a process exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_until(check: Callable[[], object], timeout: float = 20.0, what: str = "") -> object:
    """Poll ``check`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what or check}")
        time.sleep(0.1)


@dataclass
class Served:
    """A running ``workshop serve``."""

    proc: subprocess.Popen[str]
    port: int
    data_dir: Path
    code: str
    room: Path
    askpass: Path
    fingerprint: str = ""
    output: list[str] = field(default_factory=list)

    def ssh_args(self, handle: str, key: Path | None, *extra: str) -> list[str]:
        """An OpenSSH command line for this server (no config file, no agent)."""
        args = ["ssh", "-F", "/dev/null", "-p", str(self.port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "IdentityAgent=none", "-o", "ConnectTimeout=10"]
        if key is None:
            args += ["-o", "PubkeyAuthentication=no"]
        else:
            args += ["-o", "IdentitiesOnly=yes", "-i", str(key)]
        return [*args, *extra, f"{handle}@127.0.0.1"]

    def env(self, passcode: str = "", resume: str = "") -> dict[str, str]:
        """Environment for ssh: prompts answered by the askpass script."""
        env = dict(os.environ)
        env.update(SSH_ASKPASS=str(self.askpass), SSH_ASKPASS_REQUIRE="force", DISPLAY=":0",
                   WS_PASSCODE=passcode, WS_RESUME=resume)
        return env

    def ssh(self, handle: str, key: Path | None, *command: str, extra: tuple[str, ...] = (),
            passcode: str = "", timeout: float = 30) -> subprocess.CompletedProcess[str]:
        """Run ssh to completion, stdin from /dev/null."""
        return subprocess.run([*self.ssh_args(handle, key, *extra), *command],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=timeout, env=self.env(passcode))

    def log(self) -> str:
        """The room's server log so far."""
        try:
            return (self.room / "server.log").read_text()
        except OSError:
            return ""

    def stop(self, timeout: float = 20) -> int:
        """ctrl+c the server and wait for it."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            pytest.fail("the server did not stop within its grace time")
        if self.proc.stdout is not None:
            self.output += self.proc.stdout.read().splitlines()
        return self.proc.returncode


def write_askpass(folder: Path) -> Path:
    """A script OpenSSH calls for each prompt: the passcode or the resume code."""
    script = folder / "askpass.sh"
    script.write_text('#!/bin/sh\ncase "$1" in\n  *asscode*) printf "%s\\n" "$WS_PASSCODE";;\n'
                      '  *esume*) printf "%s\\n" "$WS_RESUME";;\n  *) printf "\\n";;\nesac\n')
    script.chmod(0o700)
    return script


def start_server(data_dir: Path, *, passcode: str | None = None, max_sessions: int = 10,
                 track: str = "quick", extra: tuple[str, ...] = ()) -> Served:
    """Create a room on the example workshop and serve it on a free loopback port.

    ``extra`` is added to the ``workshop serve`` command (e.g. ``--facilitator-key FILE``).
    """
    from workshop.rooms import create_room
    from workshop.scenario import load_workshop

    room = create_room("Test room", workshop=load_workshop(EXAMPLE), track=track,
                       passcode=passcode, data_dir=data_dir, content=EXAMPLE)
    port = free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [*WORKSHOP, "serve", "--room", room.code, "--data-dir", str(data_dir), "--host",
         "127.0.0.1", "--port", str(port), "--max-sessions", str(max_sessions), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        start_new_session=True,
    )
    served = Served(proc, port, data_dir, room.code, room.path, write_askpass(data_dir))
    assert proc.stdout is not None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        served.output.append(line.rstrip())
        if line.startswith("Host key fingerprint:"):
            served.fingerprint = line.split(":", 1)[1].strip()
        if line.startswith("Press ctrl+c"):
            return served
    proc.kill()
    pytest.fail("the server did not start:\n" + "\n".join(served.output))


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two ed25519 client keys."""
    if shutil.which("ssh-keygen") is None:
        pytest.skip("needs ssh-keygen")
    folder = tmp_path_factory.mktemp("keys")
    made = {}
    for name in ("one", "two"):
        path = folder / name
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f",
                        str(path)], check=True)
        made[name] = path
    return made


class Tmux:
    """A private tmux server (own socket) with one window per participant."""

    def __init__(self) -> None:
        self.socket = f"workshop-test-{uuid.uuid4().hex[:8]}"

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, check=False).stdout

    def new(self, name: str, command: list[str], env: dict[str, str], width: int = 100,
            height: int = 30) -> None:
        import shlex

        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items()
                           if k.startswith(("SSH_ASKPASS", "WS_", "DISPLAY")))
        line = f"env {exports} {shlex.join(command)}; echo SSH-EXIT=$?; sleep 60"
        self.run("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height),
                 "env", "TERM=xterm-256color", "sh", "-c", line)

    def capture(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def send(self, name: str, *keys: str) -> None:
        self.run("send-keys", "-t", name, *keys)

    def resize(self, name: str, width: int, height: int) -> None:
        self.run("resize-window", "-t", name, "-x", str(width), "-y", str(height))

    def kill(self, name: str) -> None:
        self.run("kill-session", "-t", name)

    def pane_pid(self, name: str) -> int:
        return int(self.run("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def wait_for(self, name: str, text: str, timeout: float = 30) -> str:
        found = wait_until(lambda: (lambda screen: screen if text in screen else "")(
            self.capture(name)), timeout, f"{text!r} on {name}'s screen")
        return str(found)

    def close(self) -> None:
        self.run("kill-server")


@pytest.fixture(scope="module")
def tmux() -> Iterator[Tmux]:
    """A tmux server for the module, killed at the end."""
    if shutil.which("tmux") is None:
        pytest.skip("needs tmux")
    mux = Tmux()
    yield mux
    mux.close()
