"""The example workshop under docs/ loads and plays: the template authors copy must work."""

from pathlib import Path

from workshop.engine import Run
from workshop.scenario import load_workshop

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "first-workshop"


def test_example_workshop_plays_to_an_ending() -> None:
    workshop = load_workshop(EXAMPLE)
    run = Run.replay(workshop.scenarios["the-outage"], ["join-their-channel", "write-postmortem"])
    assert run.finished and run.scene_id == "ending-postmortem"
