"""Benchmark: what one crash of a room session costs the room's log (issue 12, item 2).

Runs a participant's app (built as the SSH server builds it, headless) whose ``?`` key hits
the reported error (its record, with a path in it, reaching the TOML writer), N times, two
ways:

- ``textual``: Textual's own crash report (a Rich traceback with local variables) printed to
  the room's log, as room sessions did before;
- ``room``: the room's crash report (one line with an id; the traceback once per id).

Prints the bytes added to the log and the seconds per crash for each.

    python benchmarks/crash_log.py            # 3 crashes each
    python benchmarks/crash_log.py --runs 5
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402

from workshop.rooms import create_room, participant_session  # noqa: E402
from workshop.rooms.crashlog import log_error  # noqa: E402
from workshop.scenario import load_workshop  # noqa: E402
from workshop.ssh.participant import build_app  # noqa: E402
from workshop.tui.app import WorkshopApp  # noqa: E402

MINI = ROOT / "tests" / "rooms" / "facilitation_mini"


def crash(self: WorkshopApp) -> None:
    # The reported crash: a record with a path in it reaching the TOML writer.
    import tomli_w

    session: Any = self.context.session
    data = session.record.to_data() if session is not None else {}
    data["notes"] = "a participant's private words " * 3500
    data["room"] = ROOT
    tomli_w.dumps(data)


def one_crash(room: Any, data: Path, log: Path, *, quiet: bool) -> float:
    app = build_app(room.path, "alice", data)
    with open(log, "a", encoding="utf-8") as log_file:
        if quiet:
            app.crash_report = partial(log_error, room.path, log, "alice pid 0")
        else:
            app.error_console = Console(file=log_file, markup=False, highlight=False,
                                        width=120)

        async def press(pilot: Any) -> None:
            await pilot.pause()
            await pilot.press("question_mark")

        started = time.perf_counter()
        app.run(headless=True, size=(100, 30), auto_pilot=press)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    WorkshopApp.action_help = crash  # type: ignore[method-assign]
    for quiet in (False, True):
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder)
            room = create_room("bench", workshop=load_workshop(MINI), track="full",
                               data_dir=data, content=MINI)
            participant_session(room, "alice")
            log = room.log_path
            times = [one_crash(room, data, log, quiet=quiet) for _ in range(args.runs)]
            size = log.stat().st_size if log.exists() else 0
            name = "room" if quiet else "textual"
            print(f"{name:8} {args.runs} crashes: log {size:,} bytes "
                  f"({size // args.runs:,} per crash), {sum(times) / len(times):.2f} s per "
                  f"crash (app start included)")


if __name__ == "__main__":
    main()
