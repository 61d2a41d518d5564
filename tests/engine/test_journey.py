"""A Journey: a track played scenario by scenario, saved and restored."""

from __future__ import annotations

import pytest

from tests.scenario.helpers import example
from workshop.engine import CONTINUE, Journey, RunStateError


def test_journey_plays_a_track_in_order() -> None:
    """The first track runs its scenarios in order; answers gather across scenarios."""
    workshop = example()
    journey = Journey.start(workshop)
    assert journey.track.id == "full" and journey.progress == (0, 2)
    run = journey.run
    assert run is not None and journey.scenario is not None
    assert journey.scenario.id == "check-in"
    run.answer("want-start", 3)
    run.choose("go-on")
    run.answer("why-here", "Curious.")
    run.choose(CONTINUE)
    assert run.finished
    nxt = journey.advance()
    assert nxt is not None and nxt.id == "the-outage"
    assert journey.progress == (1, 2)
    assert journey.run is not None and journey.run.scene_id == "page"
    assert journey.answers() == {"want-start": 3, "why-here": "Curious."}
    journey.run.choose("patch-locally")
    journey.run.choose("move-on")
    assert journey.advance() is None
    assert journey.finished and journey.run is None and journey.progress == (2, 2)
    assert journey.advance() is None


def test_named_track_and_single_scenario() -> None:
    """A named track starts at its own first scenario; a single scenario is a one-step
    journey; an unknown track is a KeyError."""
    workshop = example()
    quick = Journey.start(workshop, "quick")
    assert quick.scenario is not None and quick.scenario.id == "the-outage"
    single = Journey.single(workshop, "check-in")
    assert single.track.scenarios == ("check-in",)
    with pytest.raises(KeyError):
        Journey.start(workshop, "nope")


def test_journey_round_trip() -> None:
    """to_data/from_data restore the position, every run and the answers."""
    workshop = example()
    journey = Journey.start(workshop)
    assert journey.run is not None
    journey.run.answer("want-start", 5)
    journey.run.choose("go-on")
    journey.run.choose(CONTINUE)
    journey.advance()
    assert journey.run is not None
    journey.run.choose("ask-around")
    data = journey.to_data()
    restored = Journey.from_data(workshop, data)
    assert restored.to_data() == data
    assert restored.run is not None and restored.run.scene_id == "gossip"
    assert restored.answers() == {"want-start": 5}
    single = Journey.single(workshop, "the-outage")
    assert Journey.from_data(workshop, single.to_data()).to_data() == single.to_data()


def test_journey_restore_errors() -> None:
    """Saved journeys that no longer fit the workshop fail with RunStateError."""
    workshop = example()
    data = Journey.start(workshop).to_data()
    with pytest.raises(RunStateError, match="track 'gone'"):
        Journey.from_data(workshop, {**data, "track": "gone"})
    with pytest.raises(RunStateError, match="scenario 'gone'"):
        Journey.from_data(workshop, {**data, "track": "scenario:gone"})
    with pytest.raises(RunStateError, match="scenario 'gone'"):
        Journey.from_data(workshop, {**data, "runs": {"gone": {}}})
    with pytest.raises(RunStateError, match="position 9"):
        Journey.from_data(workshop, {**data, "index": 9})
