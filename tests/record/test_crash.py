"""A process killed (SIGKILL) while writing records leaves only complete records behind."""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from workshop.errors import RecordError
from workshop.record import SessionStore, read
from workshop.scenario import load_workshop

KILLS = 220

LOOP = """
format = 1
id = "loop"
title = "Loop"
summary = "Two sticky choices, forever."
section = "Tests"
minutes = 1
start = "here"

[scenes.here]
text = "Again."

[[scenes.here.choices]]
id = "a"
label = "A"
goto = "here"
sticky = true

[[scenes.here.choices]]
id = "b"
label = "B"
goto = "here"
sticky = true

[[scenes.here.choices]]
id = "stop"
label = "Stop"
goto = "end"

[scenes.end]
text = "Done."
ending = true
"""


def _actions(count: int) -> list[str]:
    rng = random.Random(7)
    return [rng.choice("ab") for _ in range(count)]


@pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")
def test_sigkill_at_random_moments_leaves_a_prefix_of_the_actions(tmp_path: Path) -> None:
    scenario_file = tmp_path / "loop.toml"
    scenario_file.write_text(LOOP)
    workshop = load_workshop(scenario_file)
    root = tmp_path / "records"
    store = SessionStore(root, workshops=[workshop])
    session_id = store.create(workshop).id
    expected = _actions(100_000)
    rng = random.Random(11)
    lengths = []
    for _ in range(KILLS):
        pid = os.fork()
        if pid == 0:  # the child resumes from disk and keeps choosing until it is killed
            try:
                child = SessionStore(root, workshops=[workshop]).open(session_id)
                run = child.journey.run
                assert run is not None
                for action in expected[len(run.path):]:
                    child.choose(action)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 0.012))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        try:
            record = read(root / f"{session_id}.toml")
        except RecordError as error:  # pragma: no cover - the failure this test exists for
            pytest.fail(f"a killed writer left a broken record: {error}")
        path = [choice for _, choice in record.journey["runs"]["loop"]["path"]]
        assert path == expected[: len(path)]
        lengths.append(len(path))
    # the writers really were interrupted mid-way, and made progress between kills
    assert lengths[-1] > lengths[0] and lengths == sorted(lengths)
    assert [s.id for s in store.summaries()] == [session_id]  # stray temp files are ignored
