"""Benchmark: how fast a choice reaches the facilitator's dashboard, and what the dashboard
costs while the room is quiet (issue 17, item 6), for this code and an older one side by side.

For each code tree (``--baseline REF``, taken with ``git archive``, then this working tree) it
runs, each as its own process as in a real session:

- ``workshop serve`` on the room (the real server: it publishes the counts);
- the dashboard (``workshop facilitate``'s app, headless at 120x40, default options), which
  logs the room's choice count each time a redraw has reached the screen;
- the participants: N sessions opened with ``participant_session`` as room mode opens them;
  each makes one choice through ``Session.choose`` (the very save a participant's session
  does, so with this code it announces itself) at random moments, about ``--rate`` a second.
  The participants are simulated record writes, not SSH connections; the path from the saved
  record to the dashboard is the real one.
- with ``--ssh``, the participants are real instead: N asyncssh clients on 127.0.0.1 (the
  ``Participant`` of ``ssh_room.py``, in one process of their own) connect to that server as
  the N handles and stay connected; each presses its choice's key (1 or 2) at a random moment,
  about ``--rate`` a second across the room. A choice counts as saved when its participant's
  record, holding it, has been renamed into place (seen with inotify on ``participants/``).

It prints, per tree: the p50/p95/max time from a choice saved on disk to the dashboard's
redraw showing it, and the CPU (percent of one core) of the dashboard and the server over
``--idle`` seconds of a quiet room with N people in it (with ``--ssh``: N people connected).

    python benchmarks/room_events.py                       # 200 people, baseline main
    python benchmarks/room_events.py --people 50 --baseline b765835
    python benchmarks/room_events.py --ssh --baseline b765835   # 200 connected over SSH
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import json
import os
import random
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "rooms" / "facilitation_mini"
CLK = os.sysconf("SC_CLK_TCK")
MARKER = b"The feedback"
"""The mini workshop's first scenario title: an SSH participant's first frame has arrived."""
CHOICES = ('"go-deeper"', '"cross-team"')
"""The decision's choice ids as a record holds them (nothing else in a record has them)."""


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _total(aggregates: dict[str, Any] | None) -> int:
    """Every person's choice at every scene, summed (one new choice adds one)."""
    if not aggregates:
        return 0
    return sum(n for scenario in aggregates.get("scenarios", [])
               for scene in scenario.get("choices", {}).values() for n in scene.values())


# -- the roles, each run as its own process with the tree's code first on sys.path ----------

def role_setup(room_dir: str, data_dir: str, people: int) -> None:
    """Create the room and its people, each at the decision (answer given, not chosen)."""
    from workshop.rooms import create_room, participant_session
    from workshop.scenario import load_workshop

    room = create_room("Events", workshop=load_workshop(MINI), track="full",
                       data_dir=Path(data_dir), content=MINI)
    for n in range(people):
        session = participant_session(room, f"p{n:03d}")
        session.answer("want-start", 3)
        session.choose("continue")
        session.answer("tactical-example", "words")
    Path(room_dir).write_text(str(room.path))


def role_dashboard(room_path: str) -> None:
    """The dashboard, headless; prints ``redrawn TIME TOTAL`` once each redraw is on screen."""
    from workshop.tui.dashboard import DashboardApp, DashboardOptions, make_dashboard

    app = make_dashboard(DashboardOptions(Path(room_path), host="bench.example"))

    def shown() -> None:
        print(f"redrawn {time.monotonic():.6f} {_total(app.view.aggregates)}", flush=True)

    original = DashboardApp.redraw

    def redraw(self: DashboardApp) -> None:
        original(self)
        self.call_after_refresh(shown)

    app.redraw = redraw.__get__(app)  # type: ignore[method-assign]
    print("ready", flush=True)
    app.run(headless=True, size=(120, 40))


def role_choose(room_path: str, rate: float, seed: int) -> None:
    """Each person makes their choice at a random moment; prints ``saved TIME`` after each."""
    from workshop.rooms import open_room, participant_session

    room = open_room(Path(room_path))
    workshop = room.workshop()
    sessions = [participant_session(room, handle, workshop) for handle in room.handles()]
    rng = random.Random(seed)
    rng.shuffle(sessions)
    for session in sessions:
        time.sleep(rng.expovariate(rate))
        session.choose(rng.choice(["go-deeper", "cross-team"]))
        print(f"saved {time.monotonic():.6f}", flush=True)


class RecordWatcher(threading.Thread):
    """Notes the moment each participant's record holding a choice is in place (inotify).

    A record is saved by writing a temporary file and renaming it over the old one, so the
    rename (``IN_MOVED_TO``) is the moment the choice is on disk under its name. A thread of
    its own blocks on the inotify descriptor, so the clients' event loop cannot delay it.
    """

    IN_CLOSE_WRITE, IN_MOVED_TO = 0x8, 0x80

    def __init__(self, folder: Path) -> None:
        super().__init__(daemon=True)
        self.folder = folder
        self.saved: dict[str, float] = {}
        libc = ctypes.CDLL(None, use_errno=True)
        self.fd = libc.inotify_init1(0)
        if self.fd < 0 or libc.inotify_add_watch(
                self.fd, str(folder).encode(), self.IN_CLOSE_WRITE | self.IN_MOVED_TO) < 0:
            raise OSError(ctypes.get_errno(), "inotify")

    def run(self) -> None:
        while True:
            data = os.read(self.fd, 65536)
            moment = time.monotonic()
            offset = 0
            while offset < len(data):
                _, _, _, size = struct.unpack_from("iIII", data, offset)
                name = data[offset + 16:offset + 16 + size].rstrip(b"\0").decode()
                offset += 16 + size
                handle = name.removesuffix(".toml")
                if not name.endswith(".toml") or handle in self.saved:
                    continue
                with contextlib.suppress(OSError):
                    text = (self.folder / name).read_text(encoding="utf-8")
                    if any(choice in text for choice in CHOICES):
                        self.saved[handle] = moment


async def _discard(process: Any) -> None:
    """Read and drop a client's screen updates (a real terminal reads them too)."""
    with contextlib.suppress(Exception):
        while await process.stdout.read(65536):
            pass


async def _ssh_choose(room_path: Path, port: int, rate: float, seed: int) -> None:
    import asyncssh
    from ssh_room import Participant, Server  # this script's folder is on sys.path

    handles = sorted(path.stem for path in (room_path / "participants").glob("*.toml"))
    server = Server(None, port, MARKER)  # type: ignore[arg-type]  # only its port and marker
    people = [Participant(server, handle, asyncssh.generate_private_key("ssh-ed25519"))
              for handle in handles]
    for start in range(0, len(people), 10):  # join in waves of ten, as ssh_room.py does
        started = time.perf_counter()
        await asyncio.gather(*(person.join(started) for person in people[start:start + 10]))
        await asyncio.sleep(0.3)
    joined = [person for person in people if person.first_frame is not None]
    readers = [asyncio.create_task(_discard(person.process)) for person in joined]
    print(f"joined {len(joined)} of {len(people)}", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.readline)  # the driver's "go"
    watcher = RecordWatcher(room_path / "participants")
    watcher.start()
    rng = random.Random(seed)
    rng.shuffle(joined)
    pressed: dict[str, float] = {}
    for person in joined:
        await asyncio.sleep(rng.expovariate(rate))
        assert person.process is not None
        pressed[person.handle] = time.monotonic()
        person.process.stdin.write(rng.choice([b"1", b"2"]))
    deadline = time.monotonic() + 15
    while len(watcher.saved) < len(joined) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    saved = sorted((moment, handle) for handle, moment in watcher.saved.items()
                   if handle in pressed)
    for moment, handle in saved:
        print(f"saved {moment:.6f} {handle} {pressed[handle]:.6f}", flush=True)
    print(f"done {len(joined) - len(saved)}", flush=True)
    await loop.run_in_executor(None, sys.stdin.readline)  # the driver is done measuring
    for reader in readers:
        reader.cancel()
    await asyncio.gather(*(person.leave() for person in people))


def role_ssh(room_path: str, port: int, rate: float, seed: int) -> None:
    """Connect every handle of the room over SSH; after ``go`` on stdin each presses its
    choice's key at random moments; prints ``saved TIME HANDLE PRESSED`` per choice on disk."""
    asyncio.run(_ssh_choose(Path(room_path), port, rate, seed))


# -- the driver -----------------------------------------------------------------------------

def _role(tree: Path, *args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--tree", str(tree), *args]


def _env(tree: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(tree), PYTHONUNBUFFERED="1")


class Lines(threading.Thread):
    """Collects a process's output lines as they come, so its pipe never fills."""

    def __init__(self, stream: Any) -> None:
        super().__init__(daemon=True)
        self.stream = stream
        self.lines: list[str] = []
        self.more = threading.Condition()

    def run(self) -> None:
        for line in self.stream:
            with self.more:
                self.lines.append(line.rstrip("\n"))
                self.more.notify_all()
        with self.more:
            self.lines.append("")  # end of output
            self.more.notify_all()

    def wait_for(self, prefix: str, timeout: float, after: int = 0) -> str:
        """The first line from index ``after`` on that starts with ``prefix``."""
        deadline = time.monotonic() + timeout
        with self.more:
            while True:
                for line in self.lines[after:]:
                    if line.startswith(prefix):
                        return line
                if self.lines[-1:] == [""] or not self.more.wait(
                        max(0.0, deadline - time.monotonic())):
                    raise SystemExit(f"no '{prefix}' line in time: {self.lines[-5:]}")


def _redraws(lines: list[str]) -> list[tuple[float, int]]:
    return [(float(line.split()[1]), int(line.split()[2])) for line in list(lines)
            if line.startswith("redrawn")]


def run_tree(tree: Path, label: str, args: argparse.Namespace) -> dict[str, Any]:
    """One full run against the code in ``tree``."""
    # This script's folder is on sys.path; ssh_room's tick counter reads 0 for a gone process.
    from ssh_room import Server, _machine_ticks
    from ssh_room import _cpu_ticks as ticks

    with tempfile.TemporaryDirectory() as tmp:
        data_dir, where = Path(tmp) / "data", Path(tmp) / "room.txt"
        subprocess.run(_role(tree, "--role", "setup", str(where), str(data_dir),
                             str(args.people)), env=_env(tree), check=True)
        room_path = where.read_text()
        code = Path(room_path).name
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "workshop", "serve", "--room", code, "--data-dir",
             str(data_dir), "--host", "127.0.0.1", "--port", str(port),
             *(["--max-sessions", str(args.people + 10)] if args.ssh else [])],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True, env=_env(tree))
        assert server.stdout is not None
        for line in server.stdout:
            if line.startswith("Press ctrl+c"):
                break
        else:
            raise SystemExit(f"{label}: the server did not start")
        server_log = Lines(server.stdout)
        server_log.start()
        dashboard = subprocess.Popen(_role(tree, "--role", "dashboard", room_path),
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, env=_env(tree))
        shown = Lines(dashboard.stdout)
        shown.start()
        clients: subprocess.Popen[str] | None = None
        joined = args.people
        try:
            shown.wait_for("redrawn", 60)
            if args.ssh:
                clients = subprocess.Popen(
                    _role(tree, "--role", "ssh", room_path, str(port), str(args.rate),
                          str(args.seed)),
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_env(tree))
                said = Lines(clients.stdout)
                said.start()
                joined = int(said.wait_for("joined", 600).split()[1])
                print(f"{label}: {joined} of {args.people} connected over SSH", flush=True)
            time.sleep(args.settle)
            # The quiet room: nobody acts for --idle seconds.
            sessions = Server(server, port, MARKER).sessions()
            quiet = sum(map(ticks, sessions))
            before = (_cpu_ticks(dashboard.pid), _cpu_ticks(server.pid), time.monotonic())
            time.sleep(args.idle)
            after = (_cpu_ticks(dashboard.pid), _cpu_ticks(server.pid), time.monotonic())
            wall = after[2] - before[2]
            idle_sessions = 100 * (sum(map(ticks, sessions)) - quiet) / CLK / wall
            idle_dashboard = 100 * (after[0] - before[0]) / CLK / wall
            idle_server = 100 * (after[1] - before[1]) / CLK / wall
            base = _redraws(shown.lines)[-1][1]
            # The choices.
            pressed: list[float] = []
            machine = _machine_ticks()
            # Where the CPU goes while the room chooses: by role (the sessions are the
            # zygote's children; the clients are this benchmark's, not the room's).
            roles = {"dashboard": [dashboard.pid], "server": [server.pid],
                     "sessions": Server(server, port, MARKER).sessions(),
                     "clients": [clients.pid] if clients is not None else []}
            spent = {role: -sum(map(ticks, pids)) for role, pids in roles.items()}
            began = time.monotonic()
            if clients is not None:
                assert clients.stdin is not None
                clients.stdin.write("go\n")
                clients.stdin.flush()
                said.wait_for("done", 600)
                rows = [line.split() for line in said.lines if line.startswith("saved")]
                saved = [float(row[1]) for row in rows]
                pressed = [float(row[1]) - float(row[3]) for row in rows]
            else:
                chooser = subprocess.run(
                    _role(tree, "--role", "choose", room_path, str(args.rate),
                          str(args.seed)),
                    env=_env(tree), check=True, capture_output=True, text=True)
                saved = [float(line.split()[1]) for line in chooser.stdout.splitlines()
                         if line.startswith("saved")]
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if _redraws(shown.lines)[-1][1] >= base + len(saved):
                    break
                time.sleep(0.05)
            total, idle = (a - b for a, b in zip(_machine_ticks(), machine, strict=True))
            spent = {role: 100 * (spent[role] + sum(map(ticks, pids))) / CLK
                     / (time.monotonic() - began) for role, pids in roles.items()}
            busy = 100 * (1 - idle / total) if total else float("nan")
        finally:
            if clients is not None:
                with contextlib.suppress(OSError):
                    assert clients.stdin is not None
                    clients.stdin.close()  # the clients leave
                try:
                    clients.wait(60)
                except subprocess.TimeoutExpired:
                    clients.kill()
            dashboard.send_signal(signal.SIGTERM)
            server.send_signal(signal.SIGINT)
            for proc in (dashboard, server):
                try:
                    proc.wait(60)
                except subprocess.TimeoutExpired:
                    proc.kill()
    redraws = _redraws(shown.lines)
    latencies: list[float] = []
    missed = 0
    for k, moment in enumerate(sorted(saved), start=1):
        seen = next((at for at, total in redraws if total >= base + k), None)
        if seen is None:
            missed += 1
        else:
            latencies.append(max(0.0, seen - moment) * 1000)
    return {"label": label, "people": args.people, "connected": joined, "choices": len(saved),
            "missed": missed, "p50": _pct(latencies, 0.5), "p95": _pct(latencies, 0.95),
            "max": max(latencies, default=float("nan")), "redraws": len(redraws) - 1,
            "idle_dashboard": idle_dashboard, "idle_server": idle_server, "busy": busy,
            "idle_sessions": idle_sessions,
            "choosing_cpu": spent,
            "key_to_disk_p50": _pct([x * 1000 for x in pressed], 0.5),
            "key_to_disk_p95": _pct([x * 1000 for x in pressed], 0.95)}


def baseline_tree(ref: str, into: Path) -> str:
    """Extract ``ref`` of this repository into ``into``; returns its short commit."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", ref],
                            check=True, capture_output=True, text=True).stdout.strip()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return commit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--rate", type=float, default=10.0,
                        help="choices a second across the room (default 10)")
    parser.add_argument("--idle", type=float, default=20.0,
                        help="seconds of a quiet room for the CPU figure (default 20)")
    parser.add_argument("--settle", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--baseline", default="main",
                        help="the git ref of the older code to compare with (default main; "
                        "none: this tree only)")
    parser.add_argument("--ssh", action="store_true",
                        help="the participants connect over SSH and press their choice's key "
                        "(default: simulated record writes)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--tree", help=argparse.SUPPRESS)
    parser.add_argument("--role", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role:
        role, *rest = args.role
        {"setup": lambda: role_setup(rest[0], rest[1], int(rest[2])),
         "dashboard": lambda: role_dashboard(rest[0]),
         "choose": lambda: role_choose(rest[0], float(rest[1]), int(rest[2])),
         "ssh": lambda: role_ssh(rest[0], int(rest[1]), float(rest[2]), int(rest[3]))}[role]()
        return 0
    results = []
    if args.baseline != "none":
        with tempfile.TemporaryDirectory() as old:
            commit = baseline_tree(args.baseline, Path(old))
            results.append(run_tree(Path(old), f"{args.baseline} ({commit}), polling", args))
    results.append(run_tree(ROOT, "this tree, room events", args))
    print(f"\n{args.people} people ({'connected over SSH' if args.ssh else 'simulated'}), "
          f"{args.rate:g} choices a second, {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.2f}; choice saved on disk -> dashboard redrawn:\n")
    print(f"{'code':<32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'redraws':>8} "
          f"{'idle CPU dashboard':>19} {'idle CPU server':>16}")
    for r in results:
        print(f"{r['label']:<32} {r['p50']:>8.0f} {r['p95']:>8.0f} {r['max']:>8.0f} "
              f"{r['redraws']:>8} {r['idle_dashboard']:>18.1f}% {r['idle_server']:>15.1f}%"
              + (f"  ({r['missed']} never shown)" if r["missed"] else "")
              + (f"  ({r['connected']} connected, quiet sessions {r['idle_sessions']:.1f}% "
                 f"in all, {r['choices']} choices on disk; key -> "
                 f"disk p50 {r['key_to_disk_p50']:.0f} ms, p95 {r['key_to_disk_p95']:.0f} ms)"
                 if args.ssh else "")
              + f"  (machine busy {r['busy']:.0f}% while choosing: "
              + ", ".join(f"{role} {pct:.0f}%" for role, pct in r["choosing_cpu"].items()
                          if args.ssh or role not in ("sessions", "clients")) + ")")
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    if "--tree" in sys.argv:
        sys.path.insert(0, sys.argv[sys.argv.index("--tree") + 1])
    raise SystemExit(main())
