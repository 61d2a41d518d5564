"""Benchmark: a room of SSH participants against ``workshop serve`` on loopback.

(a) Bursts: N participants (default 20, 50, 100) connect in the same instant with scripted
    asyncssh clients; prints the median and 95th percentile time from connect to the first
    frame (the first scenario's title arriving on the client).
(b) A sustained room: R participants (default 200) join in waves and stay; each presses a key
    (an arrow that moves the highlight, or tab; nothing is saved) every few seconds for D
    seconds; prints the median and 95th percentile time from the key press to the updated
    screen starting to arrive, the private memory per session (USS and PSS from
    /proc/PID/smaps_rollup), and CPU use (server, zygote and sessions, and the machine).

Everything runs on 127.0.0.1; every loop is bounded and the server is stopped at the end.
The clients run in this process and share the machine's cores with the server, so the
figures are pessimistic for a real room (whose clients run elsewhere).

    python benchmarks/ssh_room.py                       # the full run (a few minutes)
    python benchmarks/ssh_room.py --bursts 20 --room 50 --duration 10   # a quick look
    python benchmarks/ssh_room.py --markdown     # also print the table docs/deploy.md shows
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncssh

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "first-workshop"
KEY_PAIRS = {
    "right/left": (b"\x1b[C", b"\x1b[D"),
    "down/up": (b"\x1b[B", b"\x1b[A"),
    "tab/shift+tab": (b"\t", b"\x1b[Z"),
}
"""Keys that move a highlight or the focus and save nothing; the first that redraws is used."""
CLK = os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def _machine_ticks() -> tuple[int, int]:
    parts = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = parts[3] + parts[4]
    return sum(parts), idle


def _memory(pid: int) -> tuple[float, float]:
    """(USS, PSS) in MB."""
    values: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                values[name] = int(rest.split()[0])
    except OSError:
        return 0.0, 0.0
    uss = values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)
    return uss / 1024, values.get("Pss", 0) / 1024


@dataclass
class Server:
    proc: subprocess.Popen[str]
    port: int
    marker: bytes
    lines: list[str] = field(default_factory=list)

    @property
    def zygote(self) -> int | None:
        kids = _children(self.proc.pid)
        return kids[0] if kids else None

    def sessions(self) -> list[int]:
        zygote = self.zygote
        return _children(zygote) if zygote else []


def start_server(data_dir: Path, max_sessions: int) -> Server:
    from workshop.rooms import create_room
    from workshop.scenario import load_workshop

    try:
        workshop, content = load_workshop(None), None
    except Exception:
        workshop, content = load_workshop(EXAMPLE), EXAMPLE
    room = create_room("Benchmark", workshop=workshop, data_dir=data_dir, content=content)
    first = workshop.scenarios[workshop.track(room.settings.track).scenarios[0]]
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "workshop", "serve", "--room", room.code, "--data-dir",
         str(data_dir), "--host", "127.0.0.1", "--port", str(port), "--max-sessions",
         str(max_sessions)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"))
    server = Server(proc, port, first.title.encode("utf-8"))
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        server.lines.append(line.rstrip())
        if line.startswith("Press ctrl+c"):
            return server
    proc.kill()
    raise SystemExit("the server did not start:\n" + "\n".join(server.lines))


def stop_server(server: Server) -> tuple[float, int]:
    """ctrl+c; returns (seconds to stop, processes left behind)."""
    everyone = [server.proc.pid, *([server.zygote] if server.zygote else []),
                *server.sessions()]
    started = time.monotonic()
    server.proc.send_signal(signal.SIGINT)
    try:
        server.proc.wait(60)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()
    took = time.monotonic() - started
    time.sleep(0.5)
    left = [pid for pid in everyone if Path(f"/proc/{pid}").exists()
            and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
    return took, len(left)


class Participant:
    """One scripted client: connects, waits for the first frame, presses keys."""

    def __init__(self, server: Server, handle: str, key: asyncssh.SSHKey) -> None:
        self.server = server
        self.handle = handle
        self.key = key
        self.conn: asyncssh.SSHClientConnection | None = None
        self.process: asyncssh.SSHClientProcess[bytes] | None = None
        self.first_frame: float | None = None
        self.latencies: list[float] = []
        self.errors = 0

    async def join(self, started: float) -> None:
        try:
            self.conn = await asyncssh.connect(
                "127.0.0.1", self.server.port, username=self.handle, client_keys=[self.key],
                known_hosts=None, agent_path=None, preferred_auth="publickey",
                keepalive_interval=0)
            self.process = await self.conn.create_process(
                term_type="xterm-256color", term_size=(100, 30), encoding=None)
            seen = b""
            while self.server.marker not in seen:
                chunk = await asyncio.wait_for(self.process.stdout.read(65536), 60)
                if not chunk:
                    raise ConnectionError("closed before the first frame")
                seen += chunk[-4096:] if len(seen) > 65536 else chunk
            self.first_frame = time.perf_counter() - started
        except (OSError, asyncssh.Error, TimeoutError, ConnectionError):
            self.errors += 1

    async def drain(self) -> None:
        assert self.process is not None
        with contextlib.suppress(TimeoutError):
            while True:
                chunk = await asyncio.wait_for(self.process.stdout.read(65536), 0.05)
                if not chunk:
                    return

    async def redraws(self, keys: tuple[bytes, bytes]) -> bool:
        """Whether this key pair changes the screen (tried on one participant)."""
        assert self.process is not None
        await self.drain()
        for key in keys:
            self.process.stdin.write(key)
            try:
                await asyncio.wait_for(self.process.stdout.read(65536), 1.5)
            except TimeoutError:
                return False
            await asyncio.sleep(0.2)
        await self.drain()
        return True

    async def press_keys(self, until: float, interval: float, keys: tuple[bytes, bytes]) \
            -> None:
        if self.process is None:
            return
        n = 0
        await asyncio.sleep(random.uniform(0, interval))
        while time.perf_counter() < until:
            await self.drain()
            pressed = time.perf_counter()
            self.process.stdin.write(keys[n % 2])
            n += 1
            try:
                chunk = await asyncio.wait_for(self.process.stdout.read(65536), 10)
                if chunk:
                    self.latencies.append(time.perf_counter() - pressed)
            except TimeoutError:
                self.errors += 1
            await asyncio.sleep(random.uniform(interval * 0.5, interval * 1.5))

    async def leave(self) -> None:
        if self.conn is not None:
            self.conn.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.conn.wait_closed(), 5)


async def _wait_sessions(server: Server, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(server.sessions()) > count and time.monotonic() < deadline:
        await asyncio.sleep(0.2)


async def burst(server: Server, n: int, keys: list[asyncssh.SSHKey]) -> dict[str, Any]:
    people = [Participant(server, f"burst{n}-{i}", keys[i]) for i in range(n)]
    server_before, own_before = _cpu_ticks(server.proc.pid), os.times()
    machine_before = _machine_ticks()
    started = time.perf_counter()
    await asyncio.gather(*(p.join(started) for p in people))
    times = [p.first_frame for p in people if p.first_frame is not None]
    # CPU each session process used to get to its first frame (independent of the load).
    cpu = [_cpu_ticks(pid) / CLK for pid in server.sessions()]
    # The rest of the machine's work for a join: the server (SSH handshake, relaying) and
    # these scripted clients (their side of the handshake), which share the cores here.
    server_cpu = (_cpu_ticks(server.proc.pid) - server_before) / CLK
    machine_after = _machine_ticks()
    total, idle = (machine_after[0] - machine_before[0], machine_after[1] - machine_before[1])
    own_after = os.times()
    clients_cpu = (own_after.user - own_before.user) + (own_after.system - own_before.system)
    await asyncio.gather(*(p.leave() for p in people))
    await _wait_sessions(server, 0)
    return {"n": n, "median_s": statistics.median(times) if times else None,
            "p95_s": _pct(times, 0.95), "max_s": max(times) if times else None,
            "cpu_per_join_s": statistics.mean(cpu) if cpu else None,
            "server_cpu_per_join_s": server_cpu / n, "clients_cpu_per_join_s": clients_cpu / n,
            "machine_busy_pct": (1 - idle / total) * 100 if total else None,
            "failed": sum(p.errors for p in people)}


async def sustained(server: Server, size: int, duration: float, interval: float,
                    keys: list[asyncssh.SSHKey]) -> dict[str, Any]:
    people = [Participant(server, f"room-{i}", keys[i]) for i in range(size)]
    for start in range(0, size, 10):  # join in waves of ten, as a room trickles in
        wave = people[start:start + 10]
        started = time.perf_counter()
        await asyncio.gather(*(p.join(started) for p in wave))
        await asyncio.sleep(0.3)
    joined = [p for p in people if p.process is not None and p.first_frame is not None]
    await asyncio.sleep(3)
    name, keys = "tab/shift+tab", KEY_PAIRS["tab/shift+tab"]
    for candidate, pair in KEY_PAIRS.items():
        if await joined[0].redraws(pair):
            name, keys = candidate, pair
            break
    sessions = server.sessions()
    memory = [_memory(pid) for pid in sessions]
    zygote = server.zygote
    tracked = [server.proc.pid, *([zygote] if zygote else []), *sessions]
    before = {pid: _cpu_ticks(pid) for pid in tracked}
    machine_before = _machine_ticks()
    wall = time.perf_counter()
    until = wall + duration
    await asyncio.gather(*(p.press_keys(until, interval, keys) for p in joined))
    wall = time.perf_counter() - wall
    machine_after = _machine_ticks()
    after = {pid: _cpu_ticks(pid) for pid in tracked}
    used = {pid: (after[pid] - before[pid]) / CLK for pid in tracked}
    total, idle = (machine_after[0] - machine_before[0], machine_after[1] - machine_before[1])
    latencies = [x for p in joined for x in p.latencies]
    session_cpu = sum(used[pid] for pid in sessions)
    result = {
        "participants": size, "connected": len(joined), "key_presses": len(latencies),
        "keys": name,
        "key_median_ms": statistics.median(latencies) * 1000 if latencies else None,
        "key_p95_ms": _pct(latencies, 0.95) * 1000,
        "uss_median_mb": statistics.median(m[0] for m in memory) if memory else None,
        "uss_max_mb": max(m[0] for m in memory) if memory else None,
        "pss_median_mb": statistics.median(m[1] for m in memory) if memory else None,
        "server_uss_mb": _memory(server.proc.pid)[0],
        "zygote_uss_mb": _memory(zygote)[0] if zygote else None,
        "cpu_server_pct": used[server.proc.pid] / wall * 100,
        "cpu_sessions_pct": session_cpu / wall * 100,
        "cpu_per_session_pct": session_cpu / wall * 100 / max(1, len(sessions)),
        "machine_busy_pct": (1 - idle / total) * 100 if total else None,
        "errors": sum(p.errors for p in people),
    }
    await asyncio.gather(*(p.leave() for p in people))
    await _wait_sessions(server, 0)
    return result


async def main_async(args: argparse.Namespace, server: Server) -> dict[str, Any]:
    count = max([*args.bursts, args.room])
    keys = [asyncssh.generate_private_key("ssh-ed25519") for _ in range(count)]
    results: dict[str, Any] = {"bursts": [], "room": None}
    for n in args.bursts:
        outcome = await burst(server, n, keys)
        results["bursts"].append(outcome)
        print(f"burst of {n:>3}: first frame median {outcome['median_s']:.2f} s, "
              f"p95 {outcome['p95_s']:.2f} s, max {outcome['max_s']:.2f} s; CPU per session "
              f"to first frame {outcome['cpu_per_join_s']:.2f} s (server "
              f"{outcome['server_cpu_per_join_s']:.3f} s, clients "
              f"{outcome['clients_cpu_per_join_s']:.3f} s per join); machine busy "
              f"{outcome['machine_busy_pct']:.0f}%; failed {outcome['failed']}",
              flush=True)
    if args.room:
        outcome = await sustained(server, args.room, args.duration, args.interval, keys)
        results["room"] = outcome
        print(f"room of {outcome['participants']} ({outcome['connected']} connected), "
              f"{outcome['key_presses']} key presses ({outcome['keys']}) in "
              f"{args.duration:.0f} s:", flush=True)
        print(f"  key to screen: median {outcome['key_median_ms']:.0f} ms, "
              f"p95 {outcome['key_p95_ms']:.0f} ms", flush=True)
        print(f"  private memory per session: USS median {outcome['uss_median_mb']:.1f} MB "
              f"(max {outcome['uss_max_mb']:.1f}), PSS median "
              f"{outcome['pss_median_mb']:.1f} MB; server USS "
              f"{outcome['server_uss_mb']:.0f} MB, zygote USS {outcome['zygote_uss_mb']:.0f} MB",
              flush=True)
        print(f"  CPU: server {outcome['cpu_server_pct']:.0f}% of a core, sessions "
              f"{outcome['cpu_sessions_pct']:.0f}% in all "
              f"({outcome['cpu_per_session_pct']:.2f}% each), machine busy "
              f"{outcome['machine_busy_pct']:.0f}% (clients included); errors "
              f"{outcome['errors']}", flush=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bursts", default="20,50,100",
                        help="burst sizes, comma-separated (default: 20,50,100; '' for none)")
    parser.add_argument("--room", type=int, default=200, help="sustained room size (0: skip)")
    parser.add_argument("--duration", type=float, default=30.0,
                        help="seconds of key presses in the sustained room")
    parser.add_argument("--interval", type=float, default=4.0,
                        help="mean seconds between one participant's key presses")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--markdown", action="store_true",
                        help="also print the figures as the Markdown table of docs/deploy.md")
    args = parser.parse_args()
    args.bursts = [int(x) for x in args.bursts.split(",") if x.strip()]
    with tempfile.TemporaryDirectory(prefix="ssh-room-bench-") as folder:
        server = start_server(Path(folder), max(args.room, *args.bursts, 1) + 10)
        print(f"server on 127.0.0.1:{server.port}, {os.cpu_count()} cores, load "
              f"{os.getloadavg()[0]:.2f} at start", flush=True)
        try:
            results = asyncio.run(main_async(args, server))
        finally:
            took, left = stop_server(server)
            print(f"shutdown: {took:.1f} s, processes left behind: {left}", flush=True)
    results["shutdown_s"], results["left_behind"] = took, left
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if args.markdown:
        print()
        print(markdown_table(results, args))
    return 0


TARGETS = {50: "p95 < 3 s"}
"""Targets the project holds the bursts to (issue 6)."""


def markdown_table(results: dict[str, Any], args: argparse.Namespace) -> str:
    """The figures as the table in ``docs/deploy.md`` (measure | result | target)."""
    rows = ["| measure | result | target |", "| --- | --- | --- |"]
    for outcome in results["bursts"]:
        n = int(outcome["n"])
        rows.append(f"| burst of {n} joining at once: first frame, median / p95 | "
                    f"{outcome['median_s']:.2f} s / {outcome['p95_s']:.2f} s | "
                    f"{TARGETS.get(n, '—')} |")
        rows.append(f"| burst of {n}: CPU per session to its first frame | "
                    f"{outcome['cpu_per_join_s']:.2f} s | — |")
    room = results.get("room")
    if room:
        rows.append(f"| {room['participants']} connected, one key every ~{args.interval:.0f} s "
                    f"each: key to screen, median / p95 | {room['key_median_ms']:.0f} ms / "
                    f"{room['key_p95_ms']:.0f} ms | p95 < 250 ms |")
        rows.append(f"| private memory per session (USS / PSS) | {room['uss_median_mb']:.1f} / "
                    f"{room['pss_median_mb']:.1f} MB | ≤ 20 MB |")
        rows.append(f"| CPU with {room['participants']} connected and typing: server / all "
                    f"sessions | {room['cpu_server_pct']:.0f} % / "
                    f"{room['cpu_sessions_pct']:.0f} % of one core | — |")
    rows.append(f"| ctrl+c with everyone connected | {results['shutdown_s']:.1f} s, "
                f"{results['left_behind']} processes left | no process left |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
