"""A session over the memory ceiling is saved and closed with a note; the server goes on.

The ceiling here is 1 MB, below what any session uses, so the session is closed at the first
check after it starts: what matters is how it ends.
"""

from __future__ import annotations

import asyncio
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import asyncssh
import pytest

from tests.ssh.conftest import Served, needs_openssh, start_server

pytestmark = [needs_openssh]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = start_server(tmp_path_factory.mktemp("room"), track="full",
                          extra=("--session-memory", "1"))
    yield server
    server.stop()


async def test_over_the_ceiling_the_session_is_saved_and_closed_with_a_note(
        served: Served, keys: dict[str, Path]) -> None:
    """You read 'Closed: your session used more memory than this server allows (1 MB).
    Everything up to your last action is saved', your record is whole, the room's log says
    why, and the server still serves you (export works)."""
    async with asyncssh.connect("127.0.0.1", served.port, username="dave", known_hosts=None,
                                client_keys=[str(keys["one"])], agent_path=None,
                                password_auth=False, kbdint_auth=False) as conn:
        process = await conn.create_process(term_type="xterm-256color", term_size=(100, 30),
                                            encoding=None)
        seen = b""
        deadline = time.monotonic() + 60
        while b"Closed: your session used more memory" not in seen:
            assert time.monotonic() < deadline, seen[-400:]
            chunk = await asyncio.wait_for(process.stdout.read(65536), 60)
            if not chunk:
                break
            seen += chunk
        assert b"than this server allows (1 MB). Everything up to your last action is saved" \
            in seen
        await asyncio.wait_for(process.wait(), 20)
    record = tomllib.loads((served.room / "participants" / "dave.toml").read_text())
    assert record["handle"] == "dave"
    assert "dave uses" in served.log() and "over the 1 MB per session; closing" in served.log()
    result = served.ssh("dave", keys["one"], "export")
    assert result.returncode == 0 and "Your First Workshop" in result.stdout
    assert served.proc.poll() is None
