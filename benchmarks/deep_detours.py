"""Cost of one saved action as a record grows: a long chain of detours, played step by step.

Builds a one-scenario workshop in a temporary folder whose only scene offers a sticky detour
into itself, so every "deeper" choice opens one more detour (the record keeps the whole stack
and path). Plays ``--depth`` such choices through :class:`~workshop.record.store.Session`
(each one saved atomically, as in play) and prints the median time per action around a few
depths, with the size of the record file there. The cost should grow only with the size of
the file written, never with re-reading it (issue #12, item 10: 0.21 s per action at depth
3,644 when every save parsed the record three times).

Run it from the repository: ``python benchmarks/deep_detours.py [--depth 4000]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workshop.record.store import SessionStore  # noqa: E402
from workshop.scenario import load_workshop  # noqa: E402

WORKSHOP = """\
format = 1
id = "deep"
title = "Deep detours"
version = "1"
promise = "One scene that detours into itself."
scenarios = ["chain"]

[[tracks]]
id = "all"
title = "All"
scenarios = ["chain"]
"""

SCENARIO = """\
format = 1
id = "chain"
title = "A chain of detours"
summary = "Go deeper, then come back."
section = "Benchmark"
minutes = 1
version = "1"
start = "loop"

[scenes.loop]
title = "Loop"
text = "Deeper, or back?"

[[scenes.loop.choices]]
id = "deeper"
label = "Go one detour deeper"
detour = "loop"
sticky = true

[[scenes.loop.choices]]
id = "back"
label = "Come back"
return = true
sticky = true

[[scenes.loop.choices]]
id = "stop"
label = "Stop"
goto = "end"

[scenes.end]
title = "End"
text = "Done."
ending = true
"""


def main() -> None:
    """Play the chain and print the per-action cost at several depths."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depth", type=int, default=4000, help="detours to open")
    parser.add_argument("--window", type=int, default=20, help="actions timed per depth")
    args = parser.parse_args()
    marks = sorted({d for d in (100, 1000, 2000, 3644, args.depth) if d <= args.depth})
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "content"
        folder.mkdir()
        (folder / "workshop.toml").write_text(WORKSHOP, encoding="utf-8")
        (folder / "chain.toml").write_text(SCENARIO, encoding="utf-8")
        workshop = load_workshop(folder)
        session = SessionStore(Path(temp) / "records").create(workshop, "all")
        timings: list[float] = []
        print(f"{'depth':>6} {'ms/action':>10} {'record KB':>10}")
        for depth in range(1, args.depth + 1):
            start = time.perf_counter()
            session.choose("deeper")
            timings.append(time.perf_counter() - start)
            if depth in marks:
                window = timings[-args.window:]
                size = session.path.stat().st_size / 1024
                print(f"{depth:>6} {statistics.median(window) * 1000:>10.2f} {size:>10.0f}")


if __name__ == "__main__":
    main()
