"""Workshop-level variables (format 1.1) carried across a track, and ``on_enter`` effects.

The fixture under ``shared_state/`` declares ``told_maya``, ``goodwill`` and ``mentor`` in its
manifest; ``first`` sets them, ``second`` reads them, ``hallway`` has ``on_enter`` effects
and detours.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.engine import Journey, Run
from workshop.scenario import load_workshop
from workshop.scenario.model import Workshop

FIXTURE = Path(__file__).resolve().parent / "shared_state"


@pytest.fixture(scope="module")
def workshop() -> Workshop:
    return load_workshop(FIXTURE)


def played_first(workshop: Workshop, choice: str) -> Journey:
    journey = Journey.start(workshop, "full")
    assert journey.run is not None
    journey.run.choose(choice)
    journey.advance()
    return journey


def test_second_scenario_reads_what_the_first_set(workshop: Workshop) -> None:
    """Telling Maya in the first talk shows in the second: her thanks, her name, her help."""
    journey = played_first(workshop, "tell")
    run = journey.run
    assert run is not None and run.scenario.id == "second"
    assert "She thanks you for telling her early." in run.text()
    assert "Your mentor: Maya." in run.text()
    assert [(v.id, v.enabled) for v in run.choices()] == [("ask-help", True), ("alone", True)]
    assert journey.variables == {"told_maya": True, "goodwill": 2, "mentor": "Maya"}


def test_the_other_choice_reads_differently_later(workshop: Workshop) -> None:
    """Hiding the slip: the second talk says she heard it elsewhere and will not help yet."""
    run = played_first(workshop, "hide").run
    assert run is not None
    assert "She heard about the slip from someone else." in run.text()
    assert "Your mentor: nobody." in run.text()
    help_view = run.choices()[0]
    assert not help_view.enabled and help_view.reason == "she does not trust you enough yet"


def test_a_scenario_alone_starts_from_the_declared_values(workshop: Workshop) -> None:
    """Played on its own (from home), the second talk starts as if nothing happened before."""
    run = Journey.single(workshop, "second").run
    assert run is not None
    assert run.variables["goodwill"] == 0 and run.variables["told_maya"] is False
    assert "someone else" in run.text()


def test_undo_across_the_scenario_boundary_restores_the_carried_values(
    workshop: Workshop,
) -> None:
    """Undo at the start of the second talk takes back 'tell'; choosing 'hide' instead is
    what the second talk then sees."""
    journey = played_first(workshop, "tell")
    assert journey.undo() is True
    assert journey.index == 0 and journey.run is not None
    assert journey.run.variables["goodwill"] == 0 and journey.run.variables["told_maya"] is False
    journey.run.choose("hide")
    journey.advance()
    assert journey.run is not None and journey.run.scenario.id == "second"
    assert journey.run.variables["goodwill"] == -1
    assert "someone else" in journey.run.text()


def test_undo_inside_the_second_scenario_keeps_the_carried_values(workshop: Workshop) -> None:
    """Taking back a choice in the second talk replays it from what the first handed on."""
    journey = played_first(workshop, "tell")
    assert journey.run is not None
    journey.run.choose("ask-help")
    assert journey.undo() is True
    assert journey.run.scene_id == "meet" and journey.run.variables["goodwill"] == 2


def test_resume_mid_track_restores_exactly(workshop: Workshop) -> None:
    """A journey saved in the second talk comes back with the values the first set."""
    journey = played_first(workshop, "tell")
    data = journey.to_data()
    assert data["variables"] == {"told_maya": True, "goodwill": 2, "mentor": "Maya"}
    assert data["runs"]["second"]["carried"] == data["variables"]
    restored = Journey.from_data(workshop, data)
    assert restored.to_data() == data
    assert restored.run is not None and "thanks you" in restored.run.text()
    # ...and undo after resume still starts the second talk from the carried values.
    restored.run.choose("ask-help")
    restored.undo()
    assert restored.run.variables["goodwill"] == 2


def test_a_record_without_carried_values_starts_from_the_declared_ones(
    workshop: Workshop,
) -> None:
    """Run data saved before the workshop declared variables still restores."""
    data = Run.start(workshop.scenarios["second"]).to_data()
    del data["carried"]
    data["variables"] = {}
    run = Run.from_data(workshop.scenarios["second"], data)
    assert run.carried == {"told_maya": False, "goodwill": 0, "mentor": "nobody"}
    assert run.variables["goodwill"] == 0


def test_on_enter_applies_at_the_start_and_not_when_a_detour_returns(
    workshop: Workshop,
) -> None:
    """Arriving at the hall counts once; coming back from asking around does not count again."""
    run = Run.start(workshop.scenarios["hallway"])
    assert run.variables["arrivals"] == 1 and run.variables["goodwill"] == 1
    run.choose("ask")
    assert run.scene_id == "side" and run.variables["asked"] == 1
    run.choose("back")
    assert run.scene_id == "hall"
    assert run.variables["arrivals"] == 1 and run.variables["goodwill"] == 1
    assert "Arrivals 1, asked 1" in run.text()


def test_on_enter_applies_on_a_goto_and_on_next(workshop: Workshop) -> None:
    """Leaving by a goto sets 'left'; the Continue of a next scene adds its arrivals."""
    run = Run.start(workshop.scenarios["hallway"])
    run.choose("leave")
    assert run.scene_id == "out" and run.variables["left"] is True
    run.choose("continue")
    assert run.ended and run.variables["arrivals"] == 101


def test_on_enter_applies_when_a_detour_returns_on_to_its_goto(workshop: Workshop) -> None:
    """A detour with a goto moves on to a scene the player has not been in: that is arriving."""
    run = Run.start(workshop.scenarios["hallway"])
    run.choose("ask-then-go")
    run.choose("back")
    assert run.scene_id == "out" and run.variables["left"] is True


def test_on_enter_and_workshop_values_survive_undo_and_replay(workshop: Workshop) -> None:
    """Undo replays the hallway from its carried values, with on_enter applied as before."""
    run = Run.start(workshop.scenarios["hallway"], {"goodwill": 5})
    assert run.variables["goodwill"] == 6
    run.choose("ask")
    run.choose("back")
    run.choose("leave")
    back = run.undo()
    assert back.scene_id == "hall"
    assert back.variables == {**run.variables, "left": False, "arrivals": 1}
    assert back.variables["goodwill"] == 6


@pytest.mark.parametrize(("detour", "left"), [("ask", False), ("ask-then-go", True)])
def test_resumed_inside_a_detour_the_return_still_knows_where_it_lands(
    workshop: Workshop, detour: str, left: bool
) -> None:
    """Saved while asking around and resumed: coming back to the hall adds no arrival, going
    on to the way out arrives there (its on_enter applies)."""
    run = Run.start(workshop.scenarios["hallway"])
    run.choose(detour)
    restored = Run.from_data(workshop.scenarios["hallway"], run.to_data())
    restored.choose("back")
    assert restored.variables["arrivals"] == 1
    assert restored.variables["left"] is left


DETOUR_ON = """
[variables]
left = false

[scenes.hall]
text = "The hall."

[[scenes.hall.choices]]
id = "ask-then-go"
label = "Ask around, then leave"
detour = "side"
goto = "out"

[scenes.side]
text = "Someone talks."

[[scenes.side.choices]]
id = "back"
label = "Back"
return = true

[scenes.out]
text = "Outside."
on_enter = { set = { left = true } }

[[scenes.out.choices]]
id = "finish"
label = "Go home"
goto = "fin"
requires = "left"

[scenes.fin]
text = "Home."
ending = true
"""


def test_explore_plays_on_enter_as_the_engine_does(tmp_path: Path) -> None:
    """explore follows a detour's return on to its goto as play does: the scene's on_enter
    opens the way home, so explore finds no run stuck outside."""
    from tests.scenario.helpers import HEADER, load, write
    from workshop.authoring.explore import explore

    header = HEADER.replace("format = 1", 'format = "1.1"').replace('start = "a"',
                                                                    'start = "hall"')
    loaded = load(write(tmp_path, DETOUR_ON, header=header)).workshop
    assert loaded is not None
    report = explore(loaded.scenarios["s"])
    assert report.exhausted == [] and report.unreached_endings == []
    assert report.mode == "exhaustive"


def test_format_1_content_saves_exactly_as_before() -> None:
    """The first example (format 1) has no workshop variables; played through, its journey
    data has no 'variables' or 'carried' anywhere. (Not the bundled workshop: its content
    may opt in to format 1.1.)"""
    examples = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"
    for folder in (examples,):
        content = load_workshop(folder)
        assert content.variables == {}
        assert all(s.shared == {} for s in content.scenarios.values())
        for track in content.tracks:
            journey = Journey.start(content, track.id)
            while not journey.finished:
                run = journey.run
                assert run is not None
                while not run.finished:
                    run.choose(next(v.id for v in run.choices() if v.enabled))
                journey.advance()
            data = journey.to_data()
            assert "variables" not in data
            assert all(set(run) == {"scenario", "scene", "variables", "visits", "taken",
                                    "stack", "path", "answers", "skipped"}
                       for run in data["runs"].values())
