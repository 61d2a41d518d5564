"""Everything the server refuses, against the real OpenSSH client (and asyncssh for details).

The room here has a passcode; prompts are answered through SSH_ASKPASS.
"""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import asyncssh
import pytest

from tests.ssh.conftest import Served, needs_openssh, start_server, wait_until

pytestmark = [needs_openssh]

PASSCODE = "sesame-42"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = start_server(tmp_path_factory.mktemp("room"), passcode=PASSCODE)
    yield server
    server.stop()


def _bindings(served: Served) -> str:
    """The room's bindings file ('' before any handle is bound)."""
    path = served.room / "bindings.toml"
    return path.read_text() if path.exists() else ""


@pytest.fixture(scope="module")
def alice_bound(served: Served, keys: dict[str, Path]) -> str:
    """alice's handle bound to key one (an export binds nothing: a session start does)."""
    result = served.ssh("alice", keys["one"], "export", passcode=PASSCODE)
    assert "has not played" in result.stderr
    assert "alice" not in _bindings(served)

    async def start_a_session() -> None:
        conn, _ = await _connect(served, "alice", {"passcode": PASSCODE}, [keys["one"]])
        async with conn:
            process = await conn.create_process(term_type="xterm-256color",
                                                term_size=(100, 30), encoding=None)
            await _read_until(process, b"Starting your workshop session")

    asyncio.run(start_a_session())
    assert "alice" in _bindings(served)
    return "alice"


def test_a_shell_without_a_terminal_is_refused(served: Served, keys: dict[str, Path]) -> None:
    result = served.ssh("erin", keys["two"], extra=("-T",), passcode=PASSCODE)
    assert result.returncode == 1
    assert "This workshop is interactive: connect from a terminal" in result.stderr


def test_any_other_command_is_refused(served: Served, keys: dict[str, Path]) -> None:
    result = served.ssh("erin", keys["two"], "cat", "/etc/passwd", passcode=PASSCODE)
    assert result.returncode == 2
    assert "the only one it accepts is 'export'" in result.stderr
    assert "root:" not in result.stdout


def test_sftp_and_scp_are_refused(served: Served, keys: dict[str, Path], tmp_path: Path) -> None:
    common = ["-F", "/dev/null", "-P", str(served.port), "-o", "StrictHostKeyChecking=no",
              "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentityAgent=none",
              "-o", "IdentitiesOnly=yes", "-i", str(keys["two"])]
    sftp = subprocess.run(["sftp", *common, "erin@127.0.0.1"], input="ls\n",
                          capture_output=True, text=True, timeout=30, env=served.env(PASSCODE))
    assert sftp.returncode != 0
    assert "offers no file transfer" in sftp.stderr
    scp = subprocess.run(["scp", "-O", *common, "erin@127.0.0.1:/etc/passwd", str(tmp_path)],
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30,
                         env=served.env(PASSCODE))
    assert scp.returncode != 0 and not (tmp_path / "passwd").exists()


def test_port_forwarding_is_refused(served: Served, keys: dict[str, Path]) -> None:
    stdio = served.ssh("erin", keys["two"], extra=("-W", "127.0.0.1:22"), passcode=PASSCODE)
    assert stdio.returncode == 255
    assert "administratively prohibited: port forwarding is not offered" in stdio.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        local = probe.getsockname()[1]
    ssh = subprocess.Popen(
        served.ssh_args("erin", keys["two"], "-N", "-L", f"{local}:127.0.0.1:{served.port}"),
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=served.env(PASSCODE))
    try:
        def connect() -> socket.socket | None:
            try:
                return socket.create_connection(("127.0.0.1", local), timeout=2)
            except OSError:
                return None

        conn = wait_until(connect, what="the local end of -L")
        assert isinstance(conn, socket.socket)
        with conn:
            conn.settimeout(10)
            assert conn.recv(100) == b""  # closed: nothing comes through
    finally:
        ssh.terminate()
        _out, err = ssh.communicate(timeout=10)
    assert "administratively prohibited" in err


def test_wrong_passcode_is_refused_with_a_delay(served: Served, keys: dict[str, Path]) -> None:
    started = time.monotonic()
    result = served.ssh("frank", keys["two"], "export", passcode="not-it",
                        extra=("-o", "NumberOfPasswordPrompts=1"))
    assert result.returncode == 255
    assert "Wrong passcode for this room." in result.stderr
    assert time.monotonic() - started >= 1.0
    assert "frank" not in _bindings(served)


def test_a_stolen_handle_is_refused(served: Served, keys: dict[str, Path],
                                    alice_bound: str) -> None:
    result = served.ssh(alice_bound, keys["two"], "export", passcode=PASSCODE)
    assert result.returncode == 255
    assert "The handle 'alice' is already taken in this room by someone else" in result.stderr
    mine = served.ssh(alice_bound, keys["one"], "export", passcode=PASSCODE)
    assert "has not played" in mine.stderr  # the owner still gets in


@pytest.mark.parametrize("handle", ["../etc", "..", "Alice.Smith", "x" * 30])
def test_bad_handles_are_refused(served: Served, keys: dict[str, Path], handle: str) -> None:
    result = served.ssh(handle, keys["two"], "export", passcode=PASSCODE)
    assert result.returncode == 255
    assert "cannot be a handle in this room" in result.stderr
    assert not any(p.name.startswith(".") or p.name == "etc"
                   for p in (served.room / "participants").iterdir())
    assert not (served.room.parent / "etc.toml").exists()


def test_openssh_will_not_even_send_a_handle_with_escapes(served: Served,
                                                         keys: dict[str, Path]) -> None:
    """OpenSSH refuses such a user name itself; the asyncssh test below sends it anyway."""
    result = served.ssh("al\x1b]0;pwned\x07ice", keys["two"], "export", passcode=PASSCODE)
    assert result.returncode == 255
    assert "invalid characters" in result.stderr or "cannot be a handle" in result.stderr
    assert not any("\x1b" in p.name for p in (served.room / "participants").iterdir())


# -- finer checks with asyncssh as the client ------------------------------------------


class _Client(asyncssh.SSHClient):
    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.banners: list[str] = []

    def auth_banner_received(self, msg: str, lang: str) -> None:
        self.banners.append(msg)

    def kbdint_auth_requested(self) -> str:
        return ""

    def kbdint_challenge_received(self, name: str, instructions: str, lang: str,
                                  prompts: list[tuple[str, bool]]) -> list[str]:
        return [next((v for k, v in self.answers.items() if k in p), "") for p, _ in prompts]


async def _connect(served: Served, handle: str, answers: dict[str, str],
                   keys: list[Path] | None = None) -> tuple[asyncssh.SSHClientConnection,
                                                             _Client]:
    client = _Client(answers)
    conn, _ = await asyncssh.create_connection(
        lambda: client, "127.0.0.1", served.port, username=handle, known_hosts=None,
        client_keys=[str(k) for k in keys] if keys else None, agent_path=None,
        password_auth=False, preferred_auth="publickey,keyboard-interactive")
    return conn, client


async def _read_until(process: asyncssh.SSHClientProcess, pattern: bytes,
                      timeout: float = 15) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while pattern not in seen:
        chunk = await asyncio.wait_for(process.stdout.read(65536),
                                       max(0.1, deadline - time.monotonic()))
        if not chunk:
            break
        seen += chunk
    return seen


async def test_escape_sequences_in_a_handle_are_refused_and_never_echoed(
        served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    # asyncssh's client refuses to send such a name; let it, to see what the server does.
    monkeypatch.setattr(asyncssh.connection, "saslprep", lambda text: text)
    for name in ("al\x1b]52;c;SGk=\x07ice", "bob\x9b2J", "al\u202eice"):
        client = _Client({"passcode": PASSCODE})
        with pytest.raises(asyncssh.Error) as refused:
            await asyncssh.create_connection(
                lambda c=client: c, "127.0.0.1", served.port, username=name,
                known_hosts=None, client_keys=None, agent_path=None)
        assert "\x1b" not in str(refused.value) and "\x9b" not in str(refused.value)
    assert served.proc.poll() is None  # still serving
    client = _Client({"passcode": PASSCODE})
    with pytest.raises(asyncssh.PermissionDenied):
        await asyncssh.create_connection(lambda: client, "127.0.0.1", served.port,
                                         username="élodie", known_hosts=None,
                                         client_keys=None, agent_path=None)
    assert "cannot be a handle in this room" in "".join(client.banners)
    assert [p.name for p in (served.room / "participants").iterdir()
            if not p.name[0].isalnum()] == []


async def test_without_a_key_a_resume_code_brings_you_back(served: Served) -> None:
    conn, _ = await _connect(served, "gina", {"passcode": PASSCODE})
    async with conn:  # an export before playing shows no code, so it must bind nothing
        early = await conn.run("export", timeout=20)
        assert early.exit_status == 1 and "has not played" in str(early.stderr)
    assert "gina" not in _bindings(served)
    conn, _ = await _connect(served, "gina", {"passcode": PASSCODE})
    async with conn:
        process = await conn.create_process(term_type="xterm-256color", term_size=(100, 30),
                                            encoding=None)
        welcome = await _read_until(process, b"Press Enter to start.")
        found = re.search(rb"resume code is\s+([a-z0-9]{4}-[a-z0-9]{4})", welcome)
        assert found is not None
        code = found.group(1).decode()
        process.stdin.write(b"\r")
        assert b"Dana" in await _read_until(process, b"Dana")
    assert code not in _bindings(served)  # only its hash

    conn, _ = await _connect(served, "gina", {"passcode": PASSCODE, "esume": code.upper()})
    async with conn:
        result = await conn.run("export", timeout=20)
        assert result.exit_status == 0 and "Your First Workshop" in str(result.stdout)

    client = _Client({"passcode": PASSCODE, "esume": "aaaa-aaaa"})
    with pytest.raises(asyncssh.PermissionDenied):
        await asyncssh.create_connection(lambda: client, "127.0.0.1", served.port,
                                         username="gina", known_hosts=None, client_keys=None,
                                         agent_path=None)
    assert any("not the resume code" in b for b in client.banners)


async def test_one_session_per_connection(served: Served, keys: dict[str, Path],
                                          alice_bound: str) -> None:
    conn, _ = await _connect(served, alice_bound, {"passcode": PASSCODE}, [keys["one"]])
    async with conn:
        first = await conn.create_process("export")
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.create_process("export")
        await first.wait(timeout=20)


async def test_agent_and_x11_requests_are_not_honoured(served: Served,
                                                       keys: dict[str, Path],
                                                       alice_bound: str) -> None:
    conn, _ = await _connect(served, alice_bound, {"passcode": PASSCODE}, [keys["one"]])
    async with conn:
        chan, _session = await conn.create_session(asyncssh.SSHClientSession, "export")
        assert not await chan._make_request(b"auth-agent-req@openssh.com")
        chan.close()
