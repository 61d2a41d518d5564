"""Benchmark (issue 12, Measure): can a room be closed by holding connections?

Against ``workshop serve --max-sessions 5`` on loopback (default limits), this holds
30 "squatting" connections (one key, one handle, logged in, never opening a session) and
30 idle TCP sockets (never sending an SSH version line), reopening each one the server
closes, while a participant whose key is already bound to their handle reconnects 10 times
(`export`). Prints how many reconnects succeeded, their latency, and how many squatting
connections and sockets the server closed meanwhile.

    python benchmarks/squat.py
    python benchmarks/squat.py --squatters 60 --idle 60 --reconnects 20
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncssh

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "first-workshop"
PASSCODE = "sesame-42"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(data_dir: Path, max_sessions: int) -> tuple[subprocess.Popen[str], int, Path]:
    """``workshop serve`` on a free loopback port, for a new room with a passcode."""
    sys.path.insert(0, str(ROOT))
    from workshop.rooms import create_room
    from workshop.scenario import load_workshop

    room = create_room("Squat", workshop=load_workshop(EXAMPLE), track="quick",
                       passcode=PASSCODE, data_dir=data_dir, content=EXAMPLE)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "workshop", "serve", "--room", room.code, "--data-dir",
         str(data_dir), "--port", str(port), "--max-sessions", str(max_sessions)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
        start_new_session=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("Press ctrl+c"):
            return proc, port, room.path
    raise SystemExit("the server did not start")


class _Client(asyncssh.SSHClient):
    def kbdint_auth_requested(self) -> str:
        return ""

    def kbdint_challenge_received(self, name: str, instructions: str, lang: str,
                                  prompts: list[tuple[str, bool]]) -> list[str]:
        return [PASSCODE for _ in prompts]


async def _login(port: int, handle: str, key: asyncssh.SSHKey) -> asyncssh.SSHClientConnection:
    conn, _ = await asyncssh.create_connection(
        _Client, "127.0.0.1", port, username=handle, client_keys=[key], known_hosts=None,
        agent_path=None, password_auth=False, preferred_auth="publickey,keyboard-interactive")
    return conn


async def _bind(port: int, handle: str, key: asyncssh.SSHKey) -> None:
    """Claim the handle the way a participant does: start a session, then leave."""
    async with await _login(port, handle, key) as conn:
        process = await conn.create_process(term_type="xterm-256color", term_size=(100, 30),
                                            encoding=None)
        seen = b""
        while b"Starting your workshop session" not in seen:
            seen += await asyncio.wait_for(process.stdout.read(65536), 30)


async def _squat(port: int, key: asyncssh.SSHKey, closed: list[int], stop: asyncio.Event) \
        -> None:
    """Hold one logged-in connection without a session; log in again whenever closed."""
    while not stop.is_set():
        try:
            conn = await _login(port, "squatter", key)
        except (OSError, asyncssh.Error):
            await asyncio.sleep(0.2)
            continue
        stopped = asyncio.ensure_future(stop.wait())
        await asyncio.wait([asyncio.ensure_future(conn.wait_closed()), stopped],
                           return_when=asyncio.FIRST_COMPLETED)
        if not stop.is_set():
            closed[0] += 1
        conn.close()


async def _idle(port: int, closed: list[int], stop: asyncio.Event) -> None:
    """Hold one TCP socket that never speaks SSH; open another whenever closed."""
    while not stop.is_set():
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.2)
            continue
        with contextlib.suppress(OSError):
            while not stop.is_set():
                try:
                    if not await asyncio.wait_for(reader.read(4096), 0.5):
                        closed[0] += 1
                        break
                except TimeoutError:
                    continue
        writer.close()


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        proc, port, room = start_server(Path(folder), args.max_sessions)
        try:
            owner = asyncssh.generate_private_key("ssh-ed25519")
            squatter = asyncssh.generate_private_key("ssh-ed25519")
            await _bind(port, "alice", owner)
            stop = asyncio.Event()
            squats_closed, idle_closed = [0], [0]
            held = [asyncio.ensure_future(_squat(port, squatter, squats_closed, stop))
                    for _ in range(args.squatters)]
            held += [asyncio.ensure_future(_idle(port, idle_closed, stop))
                     for _ in range(args.idle)]
            await asyncio.sleep(3)  # let the squatters and sockets settle in
            ok, times = 0, []
            for _ in range(args.reconnects):
                started = time.monotonic()
                try:
                    async with await _login(port, "alice", owner) as conn:
                        result = await conn.run("export", timeout=30)
                    if result.exit_status is not None:
                        ok += 1
                        times.append(time.monotonic() - started)
                except (OSError, asyncssh.Error) as error:
                    print(f"  reconnect failed: {error}")
                await asyncio.sleep(args.pause)
            stop.set()
            await asyncio.gather(*held, return_exceptions=True)
            log = (room / "server.log").read_text()
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
    print(f"--max-sessions {args.max_sessions}: {args.squatters} squatting connections "
          f"(one key, one handle) and {args.idle} idle sockets held")
    print(f"bound participant reconnects: {ok}/{args.reconnects} succeeded")
    if times:
        print(f"  reconnect + export: median {statistics.median(times):.2f} s, "
              f"max {max(times):.2f} s")
    print(f"squatting connections closed by the server: {squats_closed[0]} "
          f"(log: {log.count('a newer one came in')} evicted for a newer one, "
          f"{log.count('opened no session within')} timed out)")
    print(f"idle sockets closed by the server: {idle_closed[0]} "
          f"(log: {log.count('too many were waiting')} evicted, "
          f"{log.count('no SSH login within')} timed out)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-sessions", type=int, default=5)
    parser.add_argument("--squatters", type=int, default=30)
    parser.add_argument("--idle", type=int, default=30)
    parser.add_argument("--reconnects", type=int, default=10)
    parser.add_argument("--pause", type=float, default=1.0,
                        help="seconds between two reconnects (default: 1)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
