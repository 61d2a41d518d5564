"""The room's aggregates: counted once, published in one file, private answers left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop.rooms import Aggregator, create_room, participant_session, read_aggregates
from workshop.scenario import load_workshop

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"


@pytest.fixture(scope="module")
def workshop():  # type: ignore[no-untyped-def]
    return load_workshop(EXAMPLE)


def _room(tmp_path: Path, workshop, *, anonymous: bool = True):  # type: ignore[no-untyped-def]
    return create_room("R", workshop=workshop, track="full", data_dir=tmp_path,
                       content=EXAMPLE, anonymous=anonymous)


def _scenario(data: dict, scenario_id: str) -> dict:  # type: ignore[type-arg]
    return next(s for s in data["scenarios"] if s["id"] == scenario_id)


def _play_check_in(session, rating: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Play the example's check-in scenario to its end, with a rating and a text answer."""
    run = session.journey.run
    while not run.finished:
        scene = run.scene
        if scene.ask is not None:
            session.answer(scene.ask.id, rating if scene.ask.kind == "rating" else text)
        choice = next(v for v in run.choices() if v.enabled)
        session.choose(choice.id)
        run = session.journey.run


def test_counts_choices_ratings_and_positions(tmp_path: Path, workshop) -> None:  # type: ignore[no-untyped-def]
    room = _room(tmp_path, workshop)
    alice = participant_session(room, "alice", workshop)
    bob = participant_session(room, "bob", workshop)
    _play_check_in(alice, 4, "my private thought")
    _play_check_in(bob, 2, "bob's secret")
    alice.advance()
    alice.choose("join-their-channel")
    aggregator = Aggregator(room, ["check-in", "the-outage"])
    assert aggregator.refresh()
    aggregator.publish()
    data = read_aggregates(room)
    assert data is not None and data["participants"] == 2 and data["anonymous"]
    check_in = _scenario(data, "check-in")
    assert check_in["done"] == 1  # alice moved on; bob is still at its ending
    assert sum(sum(c.values()) for c in check_in["choices"].values()) >= 2
    ratings = [dist for dist in check_in["ratings"].values()]
    assert ratings and ratings[0] == {"2": 1, "4": 1}
    outage = _scenario(data, "the-outage")
    assert outage["here"] == 1 and outage["at"] == {"morning": 1}
    assert outage["choices"] == {"page": {"join-their-channel": 1}}
    assert "done_by" not in outage
    text = room.aggregates_path.read_text()
    assert "private thought" not in text and "secret" not in text
    assert "alice" not in text and "bob" not in text  # anonymous room: counts only


def test_named_room_lists_who_is_done(tmp_path: Path, workshop) -> None:  # type: ignore[no-untyped-def]
    room = _room(tmp_path, workshop, anonymous=False)
    _play_check_in(participant_session(room, "alice", workshop), 3, "x")
    alice = participant_session(room, "alice", workshop)
    alice.advance()
    aggregator = Aggregator(room, ["check-in", "the-outage"])
    aggregator.refresh()
    assert _scenario(aggregator.to_data(), "check-in")["done_by"] == ["alice"]


def test_refresh_rereads_only_what_changed(tmp_path: Path, workshop, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    room = _room(tmp_path, workshop)
    sessions = [participant_session(room, f"p{i}", workshop) for i in range(5)]
    aggregator = Aggregator(room)
    aggregator.refresh()
    assert not aggregator.refresh()  # nothing changed: nothing read, nothing to publish
    reads: list[str] = []
    original = Path.read_text

    def counting(self: Path, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
        reads.append(self.name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting)
    sessions[2].choose(next(v for v in sessions[2].journey.run.choices() if v.enabled).id)
    assert aggregator.refresh()
    assert reads == ["p2.toml"]
    (room.participants_dir / "p4.toml").unlink()
    assert aggregator.refresh()
    assert aggregator.to_data()["participants"] == 4


def test_broken_record_is_skipped_until_fixed(tmp_path: Path, workshop) -> None:  # type: ignore[no-untyped-def]
    room = _room(tmp_path, workshop)
    participant_session(room, "alice", workshop)
    (room.participants_dir / "mallory.toml").write_text("journey = [")
    aggregator = Aggregator(room)
    aggregator.refresh()
    assert aggregator.to_data()["participants"] == 1
    assert json.loads(json.dumps(aggregator.to_data()))["room"] == room.code
