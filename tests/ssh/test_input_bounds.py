"""Input bounded per SSH session (issue 12, item 8), with asyncssh as the participant.

Pastes travel as bracketed pastes, the way a terminal sends them. The room plays the example's
full track: a rating, then a written question ("What made you open this workshop?").
"""

from __future__ import annotations

import asyncio
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncssh
import pytest

from tests.ssh.conftest import Served, descendants, needs_openssh, start_server, wait_until
from workshop.record.limits import ANSWER_MAX_CHARS
from workshop.ssh.memory import rss_bytes

pytestmark = [needs_openssh]

START, END, CTRL_S = b"\x1b[200~", b"\x1b[201~", b"\x13"
CEILING_MB = 200


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = start_server(tmp_path_factory.mktemp("room"), track="full",
                          extra=("--session-memory", str(CEILING_MB)))
    yield server
    server.stop()


async def _join(served: Served, handle: str, key: Path) \
        -> tuple[asyncssh.SSHClientConnection, asyncssh.SSHClientProcess[bytes]]:
    conn = await asyncssh.connect("127.0.0.1", served.port, username=handle,
                                  known_hosts=None, client_keys=[str(key)], agent_path=None,
                                  password_auth=False, kbdint_auth=False)
    process = await conn.create_process(term_type="xterm-256color", term_size=(100, 30),
                                        encoding=None)
    return conn, process


async def _read_until(process: asyncssh.SSHClientProcess[bytes], pattern: bytes,
                      timeout: float = 30) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while pattern not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            pytest.fail(f"{pattern!r} never came; last output: {seen[-400:]!r}")
        try:
            chunk = await asyncio.wait_for(process.stdout.read(65536), left)
        except TimeoutError:
            continue
        if not chunk:
            break
        seen += chunk
    return seen


async def _to_the_written_question(served: Served, handle: str,
                                   process: asyncssh.SSHClientProcess[bytes]) -> None:
    await _read_until(process, b"How much do you want")
    # Rate until the record has it: keys sent while the first frame is still settling may
    # be taken before the scale has the keyboard.
    deadline = time.monotonic() + 30
    while _record(served, handle).get("check-in", {}).get("answers", {}).get("want-start") \
            is None:
        assert time.monotonic() < deadline, "the rating never reached the record"
        process.stdin.write(b"4")
        await asyncio.sleep(0.5)
    process.stdin.write(b"1")
    await _read_until(process, b"What made you open")
    await asyncio.sleep(1.0)  # the answer box takes the keyboard as the scene settles


def _record(served: Served, handle: str) -> dict[str, Any]:
    path = served.room / "participants" / f"{handle}.toml"
    try:
        record = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    runs: dict[str, Any] = record.get("journey", {}).get("runs", {})
    return runs


def _answer(served: Served, handle: str) -> str | None:
    answer = _record(served, handle).get("check-in", {}).get("answers", {}).get("why-here")
    return answer if isinstance(answer, str) else None


async def _saved_answer(served: Served, handle: str, timeout: float = 60,
                        process: asyncssh.SSHClientProcess[bytes] | None = None) -> str:
    """Wait (without blocking the client's event loop) for the answer in the record.

    With ``process``, its output is read meanwhile, as a terminal would: a client that stops
    reading lets SSH's flow control stop the app's screen updates, and the app with them.
    """

    async def drain() -> None:
        assert process is not None
        while await process.stdout.read(65536):
            pass

    reader = asyncio.ensure_future(drain()) if process is not None else None
    try:
        deadline = time.monotonic() + timeout
        while (answer := _answer(served, handle)) is None:
            if time.monotonic() > deadline:
                pytest.fail(f"no answer in {handle}'s record after {timeout} s")
            await asyncio.sleep(0.1)
        return answer
    finally:
        if reader is not None:
            reader.cancel()


def _session_pids(served: Served) -> set[int]:
    """The participants' processes: below the zygote, which is below the server."""
    direct = {pid for pid in descendants(served.proc.pid)
              if Path(f"/proc/{pid}/stat").exists()
              and int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
              == served.proc.pid}
    return descendants(served.proc.pid) - direct


def _address_space(pid: int) -> tuple[int, int]:
    """(VmSize, the soft RLIMIT_AS) of a process, in bytes."""
    status = Path(f"/proc/{pid}/status").read_text()
    mapped = next(int(line.split()[1]) * 1024 for line in status.splitlines()
                  if line.startswith("VmSize:"))
    limits = Path(f"/proc/{pid}/limits").read_text()
    soft = next(line.split()[3] for line in limits.splitlines()
                if line.startswith("Max address space"))
    return mapped, int(soft) if soft.isdigit() else 0  # "unlimited": no backstop


def _text(size: int) -> bytes:
    line = b"The quick brown fox jumps over the lazy dog, again and again. "
    return (line * (size // len(line) + 1))[:size]


async def test_a_16_kb_paste_then_ctrl_s_saves_without_another_key(
        served: Served, keys: dict[str, Path]) -> None:
    """Paste 16 KB into the written answer and press ctrl+s at once: the answer is saved
    (its first 4,000 characters, the cap, with a message). Before, everything past ~8 KB,
    ctrl+s included, sat in the server until the next key."""
    conn, process = await _join(served, "alice", keys["one"])
    async with conn:
        await _to_the_written_question(served, "alice", process)
        pasted = _text(16 * 1024)
        process.stdin.write(START + pasted + END + CTRL_S)
        answer = await _saved_answer(served, "alice", process=process)
        assert answer == pasted[:ANSWER_MAX_CHARS].decode().strip()


async def test_a_1_mb_paste_leaves_the_session_responsive(
        served: Served, keys: dict[str, Path]) -> None:
    """A 1 MB paste, then ordinary keys: they still work and ctrl+s saves the answer. Before,
    the paste overflowed the relay's buffer, its end marker was dropped and the session
    waited for it until the participant reconnected."""
    conn, process = await _join(served, "bob", keys["two"])
    async with conn:
        await _to_the_written_question(served, "bob", process)
        process.stdin.write(START + _text(1 << 20) + END)
        await asyncio.sleep(1.0)
        process.stdin.write(b"!")
        await asyncio.sleep(0.5)
        process.stdin.write(CTRL_S)
        answer = await _saved_answer(served, "bob", process=process)
        assert len(answer) <= ANSWER_MAX_CHARS
        assert answer.startswith("The quick brown fox")
        assert "a paste was cut by" in served.log()


async def test_a_4_mb_paste_leaves_memory_bounded(served: Served,
                                                  tmp_path: Path) -> None:
    """A 4 MB paste into the notes: every session stays far under the 200 MB ceiling (the
    figure is printed) and keeps taking keys. Before, 4 MB typed grew a session from 51 MB
    to 223 MB."""
    import subprocess

    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    before = _session_pids(served)
    conn, process = await _join(served, "carol", key)
    async with conn:
        await _read_until(process, b"How much do you want")
        pids = wait_until(lambda: _session_pids(served) - before, 20, "carol's process")
        assert isinstance(pids, set)
        start = max(rss_bytes(pid) or 0 for pid in pids)
        process.stdin.write(b"n")
        await _read_until(process, b"Notes (private)")
        process.stdin.write(START + _text(4 << 20) + END)
        await asyncio.sleep(3.0)
        process.stdin.write(b"\x1b")  # hide the notes: they are saved
        await asyncio.sleep(2.0)
        after = max(rss_bytes(pid) or 0 for pid in pids)
        print(f"\ncarol's session: {start / 2**20:.1f} MB RSS before the 4 MB paste, "
              f"{after / 2**20:.1f} MB after")
        assert 0 < after < CEILING_MB * 2**20
        assert after - start < 30 * 2**20
        for pid in pids:  # the backstop is set, and far above what a session maps
            mapped, limit = _address_space(pid)
            print(f"carol's session maps {mapped / 2**20:.0f} MB; its address-space limit "
                  f"is {limit / 2**20:.0f} MB")
            assert mapped + 512 * 2**20 < limit
        assert served.proc.poll() is None
    record = tomllib.loads((served.room / "participants" / "carol.toml").read_text())
    assert 0 < len(record["notes"]) <= 20_000


async def test_4_mb_typed_leaves_memory_bounded(served: Served, tmp_path: Path) -> None:
    """4 MB typed (keys, not a paste) into the notes: the session grows by tens of MB at most
    and stays under the ceiling (the figure is printed). Before, it grew from 51 to 223 MB."""
    import subprocess

    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    before = _session_pids(served)
    conn, process = await _join(served, "erin", key)
    async with conn:
        await _read_until(process, b"How much do you want")
        pids = wait_until(lambda: _session_pids(served) - before, 20, "erin's process")
        assert isinstance(pids, set)
        start = max(rss_bytes(pid) or 0 for pid in pids)
        process.stdin.write(b"n")
        await _read_until(process, b"Notes (private)")
        process.stdin.write(_text(4 << 20))
        await asyncio.sleep(6.0)
        after = max(rss_bytes(pid) or 0 for pid in pids)
        print(f"\nerin's session: {start / 2**20:.1f} MB RSS before 4 MB typed, "
              f"{after / 2**20:.1f} MB after")
        assert after - start < 60 * 2**20 and after < CEILING_MB * 2**20
        assert served.proc.poll() is None
