"""Guessing cannot lock the room out (issue 12, items 4 and 9).

A real server on 127.0.0.1 with a passcode; asyncssh clients guess, OpenSSH shows the text.
"""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import asyncssh
import pytest

from tests.ssh.conftest import Served, needs_openssh, start_server, wait_until

pytestmark = [needs_openssh]

PASSCODE = "sesame-42"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = start_server(tmp_path_factory.mktemp("guessing"), passcode=PASSCODE)
    yield server
    server.stop()


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
                   keys: list[Path | asyncssh.SSHKey] | None = None
                   ) -> tuple[asyncssh.SSHClientConnection, _Client]:
    client = _Client(answers)
    conn, _ = await asyncssh.create_connection(
        lambda: client, "127.0.0.1", served.port, username=handle, known_hosts=None,
        client_keys=keys, agent_path=None, password_auth=False,
        preferred_auth="publickey,keyboard-interactive")
    return conn, client


async def _guess(served: Served, handle: str, passcode: str) -> _Client:
    client = _Client({"asscode": passcode})
    with pytest.raises((asyncssh.Error, OSError)):  # refused, or closed to make room
        await asyncssh.create_connection(
            lambda: client, "127.0.0.1", served.port, username=handle, known_hosts=None,
            client_keys=None, agent_path=None, password_auth=False)
    return client


async def _until(check: Callable[[], bool], what: str, timeout: float = 30) -> None:
    """Poll without blocking the event loop the clients run on."""
    for _ in range(int(timeout * 10)):
        if check():
            return
        await asyncio.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


async def _stop(tasks: list[asyncio.Task[_Client]]) -> list[_Client]:
    for task in tasks:
        task.cancel()
    done = await asyncio.gather(*tasks, return_exceptions=True)
    return [c for c in done if isinstance(c, _Client)]


@pytest.fixture(scope="module")
def alice(served: Served, keys: dict[str, Path]) -> str:
    """alice, bound to key one by starting a session (with the passcode, once)."""

    async def start_a_session() -> None:
        conn, _ = await _connect(served, "alice", {"asscode": PASSCODE}, [keys["one"]])
        async with conn:
            process = await conn.create_process(term_type="xterm-256color",
                                                term_size=(100, 30), encoding=None)
            seen = b""
            while b"Starting your workshop session" not in seen:
                chunk = await asyncio.wait_for(process.stdout.read(65536), 20)
                assert chunk
                seen += chunk

    asyncio.run(start_a_session())
    wait_until(lambda: "alice" in (served.room / "bindings.toml").read_text())
    return "alice"


async def test_a_bound_key_gets_in_during_a_guessing_flood(
        served: Served, keys: dict[str, Path], alice: str) -> None:
    """120 wrong passcodes from alice's own address (the room's NAT), in parallel: alice's
    key still gets in, without being asked the passcode at all (before: 100 failures locked
    the whole address out for 10 minutes, and a bound key had to give the passcode first)."""
    flood = [asyncio.ensure_future(_guess(served, f"guess{n % 4}", f"wrong-{n}"))
             for n in range(120)]
    await _until(lambda: served.log().count("failed login for guess") >= 10, "the flood")
    for _ in range(3):
        conn, _client = await _connect(served, alice, {}, [keys["one"]])  # no passcode known
        async with conn:
            result = await conn.run("export", timeout=30)
        assert "taken" not in str(result.stderr)
    assert not all(task.done() for task in flood)  # the flood was still going on
    await _stop(flood)


async def test_guesses_past_a_long_queue_are_refused_with_a_reason(served: Served) -> None:
    """Forty guesses at one handle's passcode at once: they are queued one growing interval
    apart (shared by every connection), and those that would wait over 30 s are refused at
    once with a line saying why, instead of all being answered in parallel."""
    guesses = [asyncio.ensure_future(_guess(served, "mallory", f"nope-{n}"))
               for n in range(40)]
    refused = "Too many wrong answers were tried in this room just now"
    for next_done in asyncio.as_completed(guesses, timeout=60):
        client = await next_done
        if refused in "".join(client.banners):
            break
    else:
        pytest.fail("no guess was refused for the queue")
    assert not all(task.done() for task in guesses)  # the rest still wait for their turn
    await _stop(guesses)


async def test_a_resume_code_holder_is_not_asked_the_passcode(served: Served) -> None:
    """Someone without a key comes back with their resume code alone: the passcode limiter
    has nothing to say about them."""
    import re

    conn, _ = await _connect(served, "gina", {"asscode": PASSCODE})
    async with conn:
        process = await conn.create_process(term_type="xterm-256color", term_size=(100, 30),
                                            encoding=None)
        seen = b""
        while b"Press Enter to start." not in seen:
            seen += await asyncio.wait_for(process.stdout.read(65536), 20)
    found = re.search(rb"resume code is\s+([a-z0-9]{4}-[a-z0-9]{4})", seen)
    assert found is not None
    conn, _client = await _connect(served, "gina", {"esume": found.group(1).decode()})
    async with conn:
        result = await conn.run("export", timeout=30)
    assert result.exit_status is not None


async def test_an_empty_user_name_is_refused_at_once(served: Served) -> None:
    """`ssh ''@host`: one banner saying a user name is needed, then the connection closes
    (before: keyboard-interactive was offered forever, spinning the server's CPU)."""
    client = _Client({"asscode": PASSCODE})
    with pytest.raises((asyncssh.PermissionDenied, asyncssh.ConnectionLost,
                        asyncssh.DisconnectError)):
        await asyncssh.create_connection(
            lambda: client, "127.0.0.1", served.port, username="", known_hosts=None,
            client_keys=None, agent_path=None, password_auth=False)
    assert "An SSH user name is needed" in "".join(client.banners)
    assert "empty user name" in served.log()


async def test_auth_attempts_per_connection_are_capped(served: Served, alice: str) -> None:
    """A client offering key after key for alice's handle is cut off after 10 failures,
    with a line saying why (before: it could try for as long as it liked)."""
    strangers = [asyncssh.generate_private_key("ssh-ed25519") for _ in range(15)]
    client = _Client({})
    # The server closes the connection: the client sees the disconnect, or (when it was
    # still sending its next key at that moment) a broken pipe.
    with pytest.raises((asyncssh.PermissionDenied, asyncssh.ConnectionLost,
                        asyncssh.DisconnectError, BrokenPipeError, ConnectionResetError)) \
            as caught:
        await asyncssh.create_connection(
            lambda: client, "127.0.0.1", served.port, username=alice, known_hosts=None,
            client_keys=strangers, agent_path=None, password_auth=False,
            preferred_auth="publickey")
    if not isinstance(caught.value, OSError):
        assert "Too many login attempts on one connection" in "".join(client.banners)
    assert "failed login attempts" in served.log()


def test_openssh_shows_the_empty_user_name_line(served: Served) -> None:
    """What a person reads when their ssh sends no user name."""
    result = subprocess.run(["ssh", "-F", "/dev/null", "-p", str(served.port),
                             "-o", "StrictHostKeyChecking=no",
                             "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentityAgent=none",
                             "-o", "PubkeyAuthentication=no", "-l", "", "127.0.0.1"],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=30, env=served.env(PASSCODE))
    assert result.returncode == 255
    assert "An SSH user name is needed: it is your handle in this room." in result.stderr
    assert "Received disconnect" in result.stderr and "Traceback" not in result.stderr
