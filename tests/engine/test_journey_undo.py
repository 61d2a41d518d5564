"""Taking back a choice across a track: the engine's Journey.undo."""

from __future__ import annotations

from pathlib import Path

from workshop.engine import Journey
from workshop.scenario import load_workshop

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"


def test_undo_at_the_very_start_does_nothing() -> None:
    """With nothing chosen yet, ctrl+z has nothing to take back."""
    journey = Journey.start(load_workshop(EXAMPLE), "quick")
    assert journey.undo() is False
    assert journey.run is not None and journey.run.scene_id == "page"


def test_undo_takes_back_the_last_choice() -> None:
    """The player lands on the scene they chose from, with the effect undone."""
    journey = Journey.start(load_workshop(EXAMPLE), "quick")
    assert journey.run is not None
    journey.run.choose("join-their-channel")
    assert journey.undo() is True
    assert journey.run.scene_id == "page" and journey.run.variables["trust"] == 0


def test_undo_at_the_start_of_a_scenario_steps_back_into_the_previous_one() -> None:
    """At a fresh scenario, undo goes back into the one before and takes back its last choice."""
    journey = Journey.start(load_workshop(EXAMPLE), "full")
    assert journey.run is not None
    journey.run.choose("go-on")
    journey.run.choose("continue")
    journey.advance()
    assert journey.index == 1
    assert journey.undo() is True
    assert journey.index == 0 and journey.run is not None
    assert journey.run.scene_id == "why" and not journey.run.finished
