"""Counts are over people, not choices (issue 17): detours, removals, drops and rejoins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli_w

from workshop.rooms import Aggregator, Room, create_room
from workshop.rooms.control import ControlWriter
from workshop.scenario import load_workshop

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"


@pytest.fixture
def room(tmp_path: Path) -> Room:
    return create_room("R", workshop=load_workshop(EXAMPLE), track="full", data_dir=tmp_path,
                       content=EXAMPLE)


def _record(room: Room, handle: str, path: list[tuple[str, str]], scene: str = "end") -> None:
    """A participant's record (as the app writes it) with one run of scenario 's'."""
    data: dict[str, Any] = {"journey": {
        "track": "full", "index": 0, "scenarios": ["s"],
        "runs": {"s": {"scene": scene, "path": [list(step) for step in path]}}}}
    room.participant_path(handle).write_text(tomli_w.dumps(data), encoding="utf-8")


def _choices(aggregator: Aggregator) -> dict[str, dict[str, int]]:
    data = aggregator.to_data()
    entry = next(s for s in data["scenarios"] if s["id"] == "s")
    choices: dict[str, dict[str, int]] = entry["choices"]
    return choices


def test_a_detour_back_to_a_decision_counts_the_person_once(room: Room) -> None:
    """Coming back to a decision and choosing again should read "1 chose", with the latest
    choice, not two choices from one person ("8 of 6 chose")."""
    _record(room, "alice", [("a", "x"), ("b", "p"), ("a", "y")])
    _record(room, "bob", [("a", "x")])
    aggregator = Aggregator(room, ["s"])
    aggregator.refresh()
    assert _choices(aggregator)["a"] == {"x": 1, "y": 1}
    assert sum(_choices(aggregator)["a"].values()) == aggregator.to_data()["participants"] == 2


def test_removed_people_leave_every_total_and_come_back_when_readmitted(room: Room) -> None:
    """After removing bob the room should read "1 of 1", not "1 of 2"; letting him back in
    counts him again."""
    _record(room, "alice", [("a", "x")])
    _record(room, "bob", [("a", "y")])
    aggregator = Aggregator(room, ["s"])
    aggregator.refresh()
    writer = ControlWriter(room, 1)
    writer.remove("bob")
    assert aggregator.refresh()
    data = aggregator.to_data()
    assert data["participants"] == 1 and data["removed"] == 1
    assert _choices(aggregator)["a"] == {"x": 1}
    # A fresh count (what an export makes) leaves him out too, unless asked.
    fresh = Aggregator(room, ["s"])
    fresh.refresh()
    assert fresh.to_data()["participants"] == 1
    everyone = Aggregator(room, ["s"], include_removed=True)
    everyone.refresh()
    assert everyone.to_data()["participants"] == 2
    writer.readmit("bob")
    assert aggregator.refresh()
    assert _choices(aggregator)["a"] == {"x": 1, "y": 1}


def test_a_drop_and_rejoin_is_still_one_person(room: Room) -> None:
    """A participant whose connection dropped and who came back (their record rewritten)
    should still count once, with their latest choice."""
    _record(room, "alice", [("a", "x")], scene="b")
    aggregator = Aggregator(room, ["s"])
    aggregator.refresh()
    _record(room, "alice", [("a", "x"), ("b", "p"), ("a", "y"), ("b", "q")])
    aggregator.refresh()
    assert aggregator.to_data()["participants"] == 1
    assert _choices(aggregator) == {"a": {"y": 1}, "b": {"q": 1}}
