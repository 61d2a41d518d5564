"""Nobody can close the room to others by holding connections (issue 12, item 3).

Real servers on 127.0.0.1; asyncssh clients hold the connections, the real OpenSSH client
shows what a person reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import subprocess
from collections.abc import Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import asyncssh
import pytest

from tests.ssh.conftest import Served, needs_openssh, start_server, wait_until

pytestmark = [needs_openssh]

PASSCODE = "sesame-42"


@pytest.fixture(scope="module")
def patient(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A small room (5 places) whose timeouts are long: what is tested is the eviction."""
    server = start_server(tmp_path_factory.mktemp("patient"), passcode=PASSCODE,
                          max_sessions=5, extra=("--handshake-timeout", "60",
                                                 "--session-timeout", "60"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A room with one-second handshake and session timeouts."""
    server = start_server(tmp_path_factory.mktemp("strict"), passcode=PASSCODE,
                          max_sessions=5, extra=("--handshake-timeout", "1",
                                                 "--session-timeout", "1"))
    yield server
    server.stop()


class _Client(asyncssh.SSHClient):
    def __init__(self) -> None:
        self.banners: list[str] = []

    def auth_banner_received(self, msg: str, lang: str) -> None:
        self.banners.append(msg)

    def kbdint_auth_requested(self) -> str:
        return ""

    def kbdint_challenge_received(self, name: str, instructions: str, lang: str,
                                  prompts: list[tuple[str, bool]]) -> list[str]:
        return [PASSCODE if "asscode" in p else "" for p, _ in prompts]


async def _login(served: Served, handle: str, key: Path | asyncssh.SSHKey | None
                 ) -> tuple[asyncssh.SSHClientConnection, _Client]:
    client = _Client()
    conn, _ = await asyncssh.create_connection(
        lambda: client, "127.0.0.1", served.port, username=handle, known_hosts=None,
        client_keys=[key] if key is not None else None, agent_path=None,
        password_auth=False, preferred_auth="publickey,keyboard-interactive")
    return conn, client


async def _bind(served: Served, handle: str, key: Path) -> None:
    """Claim a handle with a key the way a participant does: by starting a session."""
    conn, _ = await _login(served, handle, key)
    async with conn:
        process = await conn.create_process(term_type="xterm-256color", term_size=(100, 30),
                                            encoding=None)
        seen = b""
        while b"Starting your workshop session" not in seen:
            chunk = await asyncio.wait_for(process.stdout.read(65536), 20)
            assert chunk, "the session ended before it started"
            seen += chunk
    wait_until(lambda: handle in _bindings(served), what=f"{handle} bound")


def _bindings(served: Served) -> str:
    path = served.room / "bindings.toml"
    return path.read_text() if path.exists() else ""


async def _export(served: Served, handle: str, key: Path) -> str:
    conn, _ = await _login(served, handle, key)
    async with conn:
        result = await conn.run("export", timeout=30)
    return str(result.stdout) + str(result.stderr)


async def test_a_bound_participant_gets_back_in_past_squatters_and_idle_sockets(
        patient: Served, keys: dict[str, Path]) -> None:
    """30 logged-in connections that open no session and 30 idle sockets against
    --max-sessions 5: alice, already bound, reconnects 10 times and gets in every time
    (before: every connection past 2 x 5 + 20 was reset)."""
    await _bind(patient, "alice", keys["one"])
    async with AsyncExitStack() as stack:
        for _ in range(30):
            sock = socket.create_connection(("127.0.0.1", patient.port))
            stack.callback(sock.close)
        squatting = 0
        for _ in range(30):
            conn, _client = await _login(patient, "squatter", keys["two"])
            stack.callback(conn.close)
            squatting += 1
        assert squatting == 30  # a newcomer is never refused for lack of room...
        for _ in range(10):
            assert "Traceback" not in await _export(patient, "alice", keys["one"])
    # ...the oldest of the one key holding many made way instead (three may wait per key).
    assert patient.log().count("without a session: a newer one came in") >= 27


async def test_a_full_pool_of_idle_sockets_does_not_lock_the_room(
        patient: Served, keys: dict[str, Path]) -> None:
    """More idle sockets than the server lets wait (200): alice still gets in, and the
    oldest idle socket is closed to make room (before: newcomers were reset)."""
    await _bind(patient, "erin", keys["one"])
    with contextlib.ExitStack() as stack:
        for _ in range(210):
            stack.enter_context(socket.create_connection(("127.0.0.1", patient.port)))
        for _ in range(3):
            assert "Traceback" not in await _export(patient, "erin", keys["one"])
    assert "had not logged in: too many were waiting" in patient.log()


async def test_an_open_handle_is_claimed_only_when_a_session_starts(
        patient: Served, keys: dict[str, Path]) -> None:
    """Logging in as 'bob' (and exporting) binds nothing: before, every logged-in connection
    claimed its handle for good. The first to start a session claims it."""
    conn, _client = await _login(patient, "bob", keys["two"])
    conn.close()
    assert "has not played" in await _export(patient, "bob", keys["two"])
    assert "bob" not in _bindings(patient)
    await _bind(patient, "bob", keys["one"])  # someone else starts a session first: theirs
    assert "bob" in _bindings(patient)
    conn, _client = await _login(patient, "bob", keys["one"])
    conn.close()
    with pytest.raises(asyncssh.PermissionDenied):
        await _login(patient, "bob", keys["two"])


async def test_a_logged_in_connection_without_a_session_is_closed(
        strict: Served, keys: dict[str, Path]) -> None:
    """Log in and open nothing: after --session-timeout the server closes the connection
    and says why (before: it stayed, holding a place, for as long as the client liked)."""
    conn, _client = await _login(strict, "carol", keys["one"])
    await asyncio.wait_for(conn.wait_closed(), 15)
    assert "logged in but opened no session within 1 s" in strict.log()


def test_an_idle_socket_is_closed_after_the_handshake_timeout(strict: Served) -> None:
    """A TCP connection that never sends an SSH version is closed after --handshake-timeout
    (before: it held a place for the 60 s login timeout)."""
    with socket.create_connection(("127.0.0.1", strict.port)) as sock:
        sock.settimeout(15)
        received = b""
        while chunk := sock.recv(4096):
            received += chunk
    assert received.startswith(b"SSH-2.0-")  # the server's version line, then the close
    assert "no SSH login within 1 s" in strict.log()


def test_openssh_says_why_a_connection_without_a_session_is_closed(
        strict: Served, keys: dict[str, Path]) -> None:
    """`ssh -N` logs in and never opens a session: the person reads one line saying why."""
    result = subprocess.run(strict.ssh_args("dave", keys["one"], "-N"), capture_output=True,
                            text=True, timeout=30, env=strict.env(PASSCODE),
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 255
    assert "Logged in but opened no session in time: connect again." in result.stderr
    assert "Traceback" not in result.stderr
