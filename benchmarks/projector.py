"""Benchmark: the projector view and the debrief over a big room (issue 17, items 4 and 7).

Builds a room of N participants on the bundled workshop's first scenario (each rates, answers,
chooses; every third shares their answer), publishes the aggregates as the server does, then
reports:

- ``poll idle``: one look of the projector view at a room where nothing changed (two ``stat``
  calls; it runs when the room announces a change, and every few seconds);
- ``poll changed``: one look after the aggregates were published again (reads the file);
- ``draw``: building the projector view's text at 120x40;
- ``export md`` / ``export html``: the debrief, computed from the records.

    python benchmarks/projector.py             # 200 participants
    python benchmarks/projector.py --people 50
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workshop.rooms import Aggregator, create_room, participant_session  # noqa: E402
from workshop.rooms.control import ControlWriter  # noqa: E402
from workshop.rooms.export import export_room  # noqa: E402
from workshop.scenario import load_workshop  # noqa: E402
from workshop.tui.dashboard.model import JoinInfo  # noqa: E402
from workshop.tui.projector.render import projector_text  # noqa: E402
from workshop.tui.projector.source import PublishedRoom  # noqa: E402

MINI = ROOT / "tests" / "rooms" / "facilitation_mini"


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median, p95) seconds of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workshop = load_workshop(MINI)
        room = create_room("Bench", workshop=workshop, track="full", data_dir=Path(tmp),
                           content=MINI)
        for n in range(args.people):
            session = participant_session(room, f"p{n:03}")
            session.answer("want-start", 1 + n % 5)
            session.choose("continue")
            session.answer("tactical-example", f"answer number {n}")
            session.choose("cross-team" if n % 3 else "go-deeper")
            if n % 3 == 0:
                session.share("tactical-example")
        track = workshop.track("full")
        aggregator = Aggregator(room, list(track.scenarios))
        aggregator.refresh()
        aggregator.publish()
        writer = ControlWriter(room, len(track.scenarios))
        writer.reveal("opening", "news")
        source = PublishedRoom(room, workshop, track, JoinInfo("workshop.example", 2222))
        source.poll()

        def changed() -> None:
            aggregator.publish()
            source.poll()

        def draw() -> None:
            projector_text(source.aggregates, source.control, workshop, track,
                           source.join_line(), width=114, height=40)

        print(f"{args.people} participants")
        for name, action, runs in [("poll idle", source.poll, 2000),
                                   ("publish + poll changed", changed, 200),
                                   ("draw 120x40", draw, 200),
                                   ("export md", lambda: export_room(room, "md", workshop), 10),
                                   ("export html", lambda: export_room(room, "html", workshop),
                                    10)]:
            median, p95 = timed(action, runs)
            print(f"  {name:<24} median {median * 1000:8.3f} ms   p95 {p95 * 1000:8.3f} ms")


if __name__ == "__main__":
    main()
