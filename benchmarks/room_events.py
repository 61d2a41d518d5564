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
  The participants are simulated record writes, not SSH connections (``ssh_room.py`` measures
  those); the path from the saved record to the dashboard is the real one.

It prints, per tree: the p50/p95/max time from a choice saved on disk to the dashboard's
redraw showing it, and the CPU (percent of one core) of the dashboard and the server over
``--idle`` seconds of a quiet room with N people in it.

    python benchmarks/room_events.py                       # 200 people, baseline main
    python benchmarks/room_events.py --people 50 --baseline b765835
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "rooms" / "facilitation_mini"
CLK = os.sysconf("SC_CLK_TCK")


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


# -- the driver -----------------------------------------------------------------------------

def _role(tree: Path, *args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--tree", str(tree), *args]


def _env(tree: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(tree), PYTHONUNBUFFERED="1")


def run_tree(tree: Path, label: str, args: argparse.Namespace) -> dict[str, Any]:
    """One full run against the code in ``tree``."""
    with tempfile.TemporaryDirectory() as tmp:
        data_dir, where = Path(tmp) / "data", Path(tmp) / "room.txt"
        subprocess.run(_role(tree, "--role", "setup", str(where), str(data_dir),
                             str(args.people)), env=_env(tree), check=True)
        room_path = where.read_text()
        code = Path(room_path).name
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "workshop", "serve", "--room", code, "--data-dir",
             str(data_dir), "--host", "127.0.0.1", "--port", str(port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True, env=_env(tree))
        assert server.stdout is not None
        for line in server.stdout:
            if line.startswith("Press ctrl+c"):
                break
        else:
            raise SystemExit(f"{label}: the server did not start")
        dashboard = subprocess.Popen(_role(tree, "--role", "dashboard", room_path),
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, env=_env(tree))
        assert dashboard.stdout is not None
        redraws: list[tuple[float, int]] = []
        try:
            for line in dashboard.stdout:
                if line.startswith("redrawn"):
                    _, moment, total = line.split()
                    redraws.append((float(moment), int(total)))
                    break
            time.sleep(args.settle)
            # The quiet room: nobody acts for --idle seconds.
            before = (_cpu_ticks(dashboard.pid), _cpu_ticks(server.pid), time.monotonic())
            time.sleep(args.idle)
            after = (_cpu_ticks(dashboard.pid), _cpu_ticks(server.pid), time.monotonic())
            wall = after[2] - before[2]
            idle_dashboard = 100 * (after[0] - before[0]) / CLK / wall
            idle_server = 100 * (after[1] - before[1]) / CLK / wall
            # The choices.
            os.set_blocking(dashboard.stdout.fileno(), False)
            chooser = subprocess.run(
                _role(tree, "--role", "choose", room_path, str(args.rate), str(args.seed)),
                env=_env(tree), check=True, capture_output=True, text=True)
            saved = [float(line.split()[1]) for line in chooser.stdout.splitlines()
                     if line.startswith("saved")]
            deadline = time.monotonic() + 10
            base = redraws[0][1]
            while time.monotonic() < deadline:
                line = dashboard.stdout.readline()
                if not line:
                    if redraws and redraws[-1][1] >= base + len(saved):
                        break
                    time.sleep(0.05)
                    continue
                if line.startswith("redrawn"):
                    _, moment, total = line.split()
                    redraws.append((float(moment), int(total)))
        finally:
            dashboard.send_signal(signal.SIGTERM)
            server.send_signal(signal.SIGINT)
            for proc in (dashboard, server):
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
    latencies: list[float] = []
    missed = 0
    for k, moment in enumerate(saved, start=1):
        seen = next((at for at, total in redraws if total >= base + k), None)
        if seen is None:
            missed += 1
        else:
            latencies.append(max(0.0, seen - moment) * 1000)
    return {"label": label, "people": args.people, "choices": len(saved), "missed": missed,
            "p50": _pct(latencies, 0.5), "p95": _pct(latencies, 0.95),
            "max": max(latencies, default=float("nan")), "redraws": len(redraws) - 1,
            "idle_dashboard": idle_dashboard, "idle_server": idle_server}


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
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--tree", help=argparse.SUPPRESS)
    parser.add_argument("--role", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role:
        role, *rest = args.role
        {"setup": lambda: role_setup(rest[0], rest[1], int(rest[2])),
         "dashboard": lambda: role_dashboard(rest[0]),
         "choose": lambda: role_choose(rest[0], float(rest[1]), int(rest[2]))}[role]()
        return 0
    results = []
    if args.baseline != "none":
        with tempfile.TemporaryDirectory() as old:
            commit = baseline_tree(args.baseline, Path(old))
            results.append(run_tree(Path(old), f"{args.baseline} ({commit}), polling", args))
    results.append(run_tree(ROOT, "this tree, room events", args))
    print(f"\n{args.people} people, {args.rate:g} choices a second, "
          f"{os.cpu_count()} cores; choice saved on disk -> dashboard redrawn:\n")
    print(f"{'code':<32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'redraws':>8} "
          f"{'idle CPU dashboard':>19} {'idle CPU server':>16}")
    for r in results:
        print(f"{r['label']:<32} {r['p50']:>8.0f} {r['p95']:>8.0f} {r['max']:>8.0f} "
              f"{r['redraws']:>8} {r['idle_dashboard']:>18.1f}% {r['idle_server']:>15.1f}%"
              + (f"  ({r['missed']} never shown)" if r["missed"] else ""))
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    if "--tree" in sys.argv:
        sys.path.insert(0, sys.argv[sys.argv.index("--tree") + 1])
    raise SystemExit(main())
