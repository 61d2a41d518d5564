"""A participant file that is valid TOML but not a well-formed journey never stops the room."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.rooms import Aggregator, create_room, participant_session
from workshop.scenario import load_workshop
from workshop.scenario.model import Workshop

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"


@pytest.fixture(scope="module")
def workshop() -> Workshop:
    return load_workshop(EXAMPLE)


@pytest.mark.parametrize("journey", [
    'scenarios = "check-in"\nindex = 0',
    "scenarios = 3",
    "index = -1",
    'scenarios = ["check-in"]\nindex = 0\n[journey.runs]\ncheck-in = 7',
    'scenarios = ["check-in"]\nindex = 0\n[journey.runs.check-in]\npath = 3\nanswers = 4',
    'scenarios = ["check-in"]\nindex = 0\n[journey.runs.check-in]\npath = [[1, 2], "x"]',
])
def test_a_mangled_journey_is_counted_as_a_person_and_nothing_more(
        tmp_path: Path, workshop: Workshop, journey: str) -> None:
    """Regression: a participant file whose journey has the wrong shape (a number where a
    list belongs, a negative position) made the aggregator raise TypeError or IndexError, so
    the whole room's counts stopped updating. You should see the room's counts go on, with
    that participant counted as present and contributing no choices or ratings."""
    room = create_room("R", workshop=workshop, track="full", data_dir=tmp_path,
                       content=EXAMPLE)
    alice = participant_session(room, "alice", workshop)
    alice.choose(next(v.id for v in alice.journey.run.choices() if v.enabled))  # type: ignore[union-attr]
    (room.participants_dir / "mallory.toml").write_text(
        f'schema_version = 1\nstatus = "in-progress"\n[journey]\n{journey}\n', encoding="utf-8")
    aggregator = Aggregator(room, ["check-in", "the-outage"])
    assert aggregator.refresh()
    data = aggregator.to_data()
    assert data["participants"] == 2
    check_in = next(s for s in data["scenarios"] if s["id"] == "check-in")
    assert sum(sum(c.values()) for c in check_in["choices"].values()) == 1  # alice's only
    assert check_in["ratings"] == {}
