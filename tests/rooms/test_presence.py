"""One model of presence and participation (issue 17): online or offline, and what people do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workshop.rooms import Room, create_room
from workshop.rooms.aggregates import Contribution
from workshop.rooms.control import Control
from workshop.rooms.presence import (
    Activity,
    Presence,
    Seen,
    chosen_line,
    headcount,
    people,
    read_presence,
    write_presence,
)
from workshop.scenario import load_workshop
from workshop.scenario.model import Workshop

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def workshop() -> Workshop:
    return load_workshop(EXAMPLE)


@pytest.fixture
def room(tmp_path: Path, workshop: Workshop) -> Room:
    return create_room("R", workshop=workshop, track="full", data_dir=tmp_path,
                       content=EXAMPLE)


def _track(workshop: Workshop) -> tuple[str, ...]:
    return workshop.track("full").scenarios


def _ending(workshop: Workshop, scenario_id: str) -> str:
    return next(s.id for s in workshop.scenarios[scenario_id].scenes.values() if not s.choices)


def _decision(workshop: Workshop, scenario_id: str) -> str:
    return next(s.id for s in workshop.scenarios[scenario_id].scenes.values()
                if s.choices)


def test_each_person_has_one_state_and_counts_exclude_the_removed(workshop: Workshop) -> None:
    """Online, offline, idle, waiting at the hold, done and removed should each be told apart,
    and "N of M online have chosen" should leave the removed person out of M."""
    track = _track(workshop)
    first = track[0]
    parts = {
        "ana": Contribution("ana", at=(first, _ending(workshop, first))),  # at the held end
        "ben": Contribution("ben", at=(first, _decision(workshop, first))),  # still working
        "cy": Contribution("cy", finished=True),
        "dee": Contribution("dee", at=(first, _decision(workshop, first))),  # idle
        "eve": Contribution("eve", at=(first, _decision(workshop, first))),  # offline
        "fox": Contribution("fox", at=(first, _decision(workshop, first))),  # removed
    }
    seen = {"ana": Seen(True, NOW, 5), "ben": Seen(True, NOW, 5), "cy": Seen(True, NOW, 1),
            "dee": Seen(True, NOW, 600), "eve": Seen(False, NOW - timedelta(minutes=3)),
            "fox": Seen(True, NOW, 1)}
    control = Control(step=0, held=True, removed=frozenset({"fox"}))
    found = {p.handle: p for p in people(parts, Presence(NOW, seen), control, workshop, track,
                                         now=NOW)}
    assert found["ana"].activity is Activity.WAITING
    assert found["ben"].activity is Activity.WORKING
    assert found["cy"].activity is Activity.DONE
    assert found["dee"].activity is Activity.IDLE
    assert not found["eve"].online and found["eve"].since == NOW - timedelta(minutes=3)
    assert found["fox"].activity is Activity.REMOVED
    count = headcount(found.values())
    assert (count.people, count.online, count.waiting, count.removed) == (5, 4, 1, 1)
    assert chosen_line(3, count) == "3 of 4 online have chosen"


def test_a_hold_at_a_decision_counts_those_standing_there_as_waiting(
        workshop: Workshop) -> None:
    """Held at one decision, whoever stands at it should count as waiting, not working."""
    track = _track(workshop)
    first = track[0]
    scene = _decision(workshop, first)
    parts = {"ana": Contribution("ana", at=(first, scene))}
    control = Control(held=True, hold_at=f"{first}/{scene}")
    (ana,) = people(parts, Presence(NOW, {"ana": Seen(True, NOW, 1)}), control, workshop,
                    track, now=NOW)
    assert ana.activity is Activity.WAITING


def test_a_stopped_server_shows_everyone_offline(room: Room, workshop: Workshop) -> None:
    """Once the heartbeat is old the dashboard should show nobody online, not the last
    picture the server left."""
    parts = {"ana": Contribution("ana", at=("x", "y"))}
    write_presence(room, {"ana": Seen(True, NOW, 3)}, parts, now=NOW)
    presence = read_presence(room)
    assert presence is not None and presence.seen["ana"].online
    assert presence.positions["ana"].at == ("x", "y")
    assert not presence.stale(NOW + timedelta(seconds=5))
    assert presence.stale(NOW + timedelta(minutes=1))
    (ana,) = people(presence.positions, presence, Control(), workshop, _track(workshop),
                    now=NOW + timedelta(minutes=1))
    assert not ana.online
    count = headcount([ana], live=False)
    assert chosen_line(1, count) == "1 of 1 have chosen"
