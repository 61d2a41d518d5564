"""`workshop serve` refuses bad input in one line, before anything listens."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

from tests.ssh.conftest import EXAMPLE, WORKSHOP, descendants
from workshop.rooms import create_room
from workshop.scenario import load_workshop


@pytest.fixture(scope="module")
def room_code(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    data = tmp_path_factory.mktemp("data")
    room = create_room("CLI", workshop=load_workshop(EXAMPLE), data_dir=data, content=EXAMPLE)
    return room.code, data


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*WORKSHOP, "serve", *args], capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("extra, status, message", [
    (["--max-sessions", "0"], 2, "--max-sessions 0 is below 1"),
    (["--port", "70000"], 2, "is not a port number"),
    (["--idle-timeout", "0"], 2, "--idle-timeout must be above 0"),
])
def test_bad_options(room_code: tuple[str, Path], extra: list[str], status: int,
                     message: str) -> None:
    code, data = room_code
    result = _serve("--room", code, "--data-dir", str(data), *extra)
    assert result.returncode == status and message in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_and_malformed_rooms(room_code: tuple[str, Path]) -> None:
    _, data = room_code
    missing = _serve("--room", "zzzzzz", "--data-dir", str(data))
    assert missing.returncode == 1 and "no room 'zzzzzz'" in missing.stderr
    malformed = _serve("--room", "../etc", "--data-dir", str(data))
    assert malformed.returncode == 2 and "is not a room code" in malformed.stderr


def test_a_port_in_use_is_one_line_and_leaves_nothing(room_code: tuple[str, Path]) -> None:
    code, data = room_code
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        before = descendants(1)
        result = _serve("--room", code, "--data-dir", str(data), "--port", str(port))
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert [pid for pid in descendants(1) - before if code in _cmdline(pid)] == []


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def test_a_web_port_in_use_is_one_line_and_leaves_no_pipe(room_code: tuple[str, Path]) -> None:
    """`--web PORT` on a port already taken: one line, and nothing left in the room's folder
    (before, the server's room-events pipe stayed behind in ROOM/events/)."""
    code, data = room_code
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _serve("--room", code, "--data-dir", str(data), "--port", "0",
                        "--web", str(port))
    assert result.returncode == 2
    assert "cannot listen on" in result.stderr and f":{port}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    events = data / "rooms" / code / "events"
    assert not events.is_dir() or not list(events.glob("*.fifo"))
