"""The run engine, feature by feature: what a player sees and what each choice does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomli_w

from tests.scenario.helpers import example, scenario
from workshop.engine import CONTINUE, ChoiceError, Run, RunStateError
from workshop.scenario.model import Scenario

HUB = """
[variables]
trust = 0
name = "Dana"
noted = false

[scenes.a]
text = "Hello {name}. Trust is {trust}. Braces: {{literal}} and }}."

[[scenes.a.parts]]
if = "noted"
text = "You took notes."

[[scenes.a.parts]]
if = "visits(a) > 1"
text = "Back again."

[[scenes.a.choices]]
id = "gain"
label = "Gain trust ({trust} now)"
goto = "a"
add = { trust = 1 }
consequence = "Trust goes up to {trust}."

[[scenes.a.choices]]
id = "note"
label = "Take notes"
goto = "a"
set = { noted = true, name = "Sam" }
sticky = true

[[scenes.a.choices]]
id = "secret"
label = "The secret door"
goto = "end"
if = "trust >= 3"

[[scenes.a.choices]]
id = "locked"
label = "The locked door"
goto = "end"
requires = "trust >= 2"
reason = "needs trust ≥ 2 with {name}"

[[scenes.a.choices]]
id = "plain-lock"
label = "Another locked door"
goto = "end"
requires = "noted and trust > 5"

[[scenes.a.choices]]
id = "aside"
label = "Step aside"
detour = "side"

[[scenes.a.choices]]
id = "aside-then-end"
label = "Step aside, then leave"
detour = "side"
goto = "end"

[[scenes.a.choices]]
id = "wait"
label = "Wait"
goto = "a"
fallback = true
sticky = true

[scenes.side]
text = "A side conversation."

[[scenes.side.choices]]
id = "back"
label = "Go back"
return = true
sticky = true

[scenes.end]
title = "The end"
text = "Done, {name}."
ending = true
"""


@pytest.fixture
def hub(tmp_path: Path) -> Scenario:
    """A scenario with every kind of choice around one hub scene."""
    return scenario(tmp_path, HUB)


def ids(run: Run) -> list[str]:
    """The ids of the choices shown now."""
    return [view.id for view in run.choices()]


def test_start_interpolates_and_escapes_braces(hub: Scenario) -> None:
    """Variables fill {name}; {{ and }} show single braces; parts whose condition fails are
    left out."""
    run = Run.start(hub)
    assert run.scene_id == "a"
    assert run.text() == "Hello Dana. Trust is 0. Braces: {literal} and }."
    assert run.visits == {"a": 1}


def test_hidden_and_greyed_out_choices(hub: Scenario) -> None:
    """An `if` choice is hidden until it holds; a `requires` choice is shown greyed out with
    its reason (interpolated), or a 'needs ...' reason written from the condition."""
    run = Run.start(hub)
    views = {view.id: view for view in run.choices()}
    assert "secret" not in views
    assert not views["locked"].enabled
    assert views["locked"].reason == "needs trust ≥ 2 with Dana"
    assert views["plain-lock"].reason == "needs noted and trust > 5"
    assert views["gain"].label == "Gain trust (0 now)"
    with pytest.raises(ChoiceError, match="not available: needs trust ≥ 2"):
        run.choose("locked")
    with pytest.raises(ChoiceError, match="not offered"):
        run.choose("secret")


def test_add_and_set_effects(hub: Scenario) -> None:
    """add changes numbers, set replaces values; the consequence sees the new values."""
    run = Run.start(hub)
    step = run.choose("gain")
    assert step.consequence == "Trust goes up to 1."
    assert (step.from_scene, step.scene) == ("a", "a")
    run.choose("note")
    assert run.variables == {"trust": 1, "name": "Sam", "noted": True}
    assert run.text() == "Hello Sam. Trust is 1. Braces: {literal} and }.\n\nYou took notes." \
        "\n\nBack again."


def test_once_only_and_sticky(hub: Scenario) -> None:
    """A once-only choice disappears after it is taken; a sticky one stays."""
    run = Run.start(hub)
    run.choose("gain")
    run.choose("note")
    assert "gain" not in ids(run)
    assert "note" in ids(run)
    with pytest.raises(ChoiceError, match="not offered"):
        run.choose("gain")


def test_conditions_open_as_variables_change(tmp_path: Path) -> None:
    """Once trust reaches the threshold the greyed-out choice is enabled and the hidden one
    appears."""
    body = HUB.replace('goto = "a"\nadd = { trust = 1 }', 'goto = "a"\nadd = { trust = 3 }')
    run = Run.start(scenario(tmp_path, body))
    run.choose("gain")
    views = {view.id: view for view in run.choices()}
    assert views["locked"].enabled and views["locked"].reason == ""
    assert "secret" in views
    step = run.choose("secret")
    assert step.scene == "end"
    assert run.ended and run.finished and not run.exhausted
    assert run.choices() == []
    assert run.text() == "Done, Dana."


def test_return_is_hidden_without_an_open_detour(tmp_path: Path) -> None:
    """A `return` choice is only offered while a detour is open."""
    body = HUB + '\n[[scenes.a.choices]]\nid = "ret"\nlabel = "Return"\nreturn = true\n'
    run = Run.start(scenario(tmp_path, body))
    assert "ret" not in ids(run)


def test_detour_returns_to_where_it_started(hub: Scenario) -> None:
    """A detour visits its scene; `return` comes back to the scene that opened it."""
    run = Run.start(hub)
    run.choose("aside")
    assert run.scene_id == "side" and run.stack == ["a"]
    step = run.choose("back")
    assert step.scene == "a" and run.stack == []
    assert run.visits["a"] == 2
    assert "aside" not in ids(run)


def test_detour_with_goto_continues_there(hub: Scenario) -> None:
    """A detour with a goto returns to the goto scene, not to where it started."""
    run = Run.start(hub)
    run.choose("aside-then-end")
    assert run.stack == ["end"]
    run.choose("back")
    assert run.scene_id == "end" and run.ended


def test_fallback_only_when_nothing_else(tmp_path: Path) -> None:
    """The fallback choice is hidden while another choice is enabled, then offered."""
    body = """
[scenes.a]
text = "x"

[[scenes.a.choices]]
id = "once"
label = "Once"
goto = "a"

[[scenes.a.choices]]
id = "out"
label = "Out"
goto = "b"
requires = "visits(a) > 5"

[[scenes.a.choices]]
id = "wait"
label = "Wait"
goto = "a"
fallback = true
sticky = true

[scenes.b]
text = "y"
ending = true
"""
    run = Run.start(scenario(tmp_path, body))
    assert ids(run) == ["once", "out"]
    run.choose("once")
    assert ids(run) == ["out", "wait"]
    for _ in range(4):
        run.choose("wait")
    assert ids(run) == ["out"]
    run.choose("out")
    assert run.ended


def test_exhaustion_when_every_option_is_used_up(tmp_path: Path) -> None:
    """A scene whose once-only choices are all taken ends the scenario as exhausted."""
    body = """
[scenes.a]
text = "x"

[[scenes.a.choices]]
id = "one"
label = "One"
goto = "a"

[[scenes.a.choices]]
id = "two"
label = "Two"
goto = "a"

[[scenes.a.choices]]
id = "out"
label = "Out"
goto = "b"
requires = "visits(a) > 9"

[scenes.b]
text = "y"
ending = true
"""
    run = Run.start(scenario(tmp_path, body))
    run.choose("one")
    assert not run.finished
    run.choose("two")
    assert [(v.id, v.enabled) for v in run.choices()] == [("out", False)]
    assert run.exhausted and run.finished and not run.ended


def test_next_offers_a_single_continue(tmp_path: Path) -> None:
    """A scene with `next` offers one Continue choice to that scene."""
    body = '[scenes.a]\ntext = "x"\nnext = "b"\n[scenes.b]\ntext = "y"\nending = true\n'
    run = Run.start(scenario(tmp_path, body))
    (view,) = run.choices()
    assert (view.id, view.label, view.enabled, view.once) == (CONTINUE, "Continue", True, False)
    step = run.choose(CONTINUE)
    assert (step.scene, step.consequence) == ("b", "")
    assert run.path == [("a", CONTINUE)]


def test_asks_text_and_rating() -> None:
    """Text answers are stored as text; ratings must be whole numbers from 1 to 5; skipping
    records the prompt as skipped and drops an earlier answer."""
    workshop = example()
    run = Run.start(workshop.scenarios["check-in"])
    ask = run.ask
    assert ask is not None and ask.kind == "rating"
    assert (ask.low, ask.high) == ("Not at all", "Very much")
    for bad in (0, 6, 2.5, True, "4"):
        with pytest.raises(ChoiceError, match="1 to 5"):
            run.answer("want-start", bad)  # type: ignore[arg-type]
    with pytest.raises(ChoiceError, match="does not ask"):
        run.answer("why-here", "too early")
    run.answer("want-start", 4)
    assert run.answers == {"want-start": 4}
    run.answer("want-start", None)
    assert run.answers == {} and run.skipped == {"want-start"}
    run.answer("want-start", 5)
    assert run.skipped == set()
    run.choose("go-on")
    run.answer("why-here", "Curious.")
    assert run.answers == {"want-start": 5, "why-here": "Curious."}


def test_signals_tags_and_meta_are_kept() -> None:
    """Signals, tags and metadata reach the model for reflection and exports."""
    outage = example().scenarios["the-outage"]
    page = outage.scenes["page"]
    choices = {c.id: c for c in page.choices}
    assert choices["join-their-channel"].signals == {"scope": 2, "writing": 1}
    assert choices["patch-locally"].tags == ("tactical",)
    assert page.tags == ("key",)
    assert page.facilitator.startswith("Whose problem")
    assert outage.meta == {"difficulty": "easy"}
    assert example().scenarios["check-in"].scenes["rate"].ask.signals == {"writing": 0.5}  # type: ignore[union-attr]


def played(scenario_: Scenario) -> Run:
    """A run part-way through the example outage: a detour, effects, a visit count."""
    run = Run.start(scenario_)
    run.choose("ask-around")
    run.choose("thanks")
    run.choose("join-their-channel")
    return run


def test_serialise_and_restore_exactly() -> None:
    """to_data is plain TOML/JSON data, and from_data restores an equal run that plays on
    identically."""
    outage = example().scenarios["the-outage"]
    run = played(outage)
    data = run.to_data()
    assert json.loads(json.dumps(data)) == data
    restored = Run.from_data(outage, tomllib_round_trip(data))
    assert restored.to_data() == data
    assert restored.text() == run.text()
    assert restored.choices() == run.choices()
    assert restored.choose("write-postmortem") == run.choose("write-postmortem")
    assert restored.to_data() == run.to_data()


def tomllib_round_trip(data: dict[str, object]) -> dict[str, object]:
    """Data as a record file would give it back."""
    import tomllib

    return tomllib.loads(tomli_w.dumps(data))


def test_restore_mid_detour() -> None:
    """A run saved inside a detour returns to the right scene after restoring."""
    outage = example().scenarios["the-outage"]
    run = Run.start(outage)
    run.choose("ask-around")
    restored = Run.from_data(outage, run.to_data())
    assert restored.stack == ["page"]
    assert restored.choose("thanks").scene == "page"


def test_restore_rejects_state_that_no_longer_fits() -> None:
    """Saved state naming a scene the scenario lost, or malformed data, is a RunStateError."""
    outage = example().scenarios["the-outage"]
    data = played(outage).to_data()
    with pytest.raises(RunStateError, match="scene 'gone' is no longer"):
        Run.from_data(outage, {**data, "scene": "gone"})
    with pytest.raises(RunStateError, match="no longer"):
        Run.from_data(outage, {**data, "stack": ["gone"]})
    with pytest.raises(RunStateError, match="malformed"):
        Run.from_data(outage, {**data, "taken": [1]})
    with pytest.raises(RunStateError, match="malformed"):
        Run.from_data(outage, {})


def test_restore_rejects_a_variable_of_the_wrong_type() -> None:
    """Regression: a record edited by hand to hold trust = "high" restored fine and then
    crashed comparing a string with a number; now restoring says which variable is wrong."""
    outage = example().scenarios["the-outage"]
    data = played(outage).to_data()
    bad = {**data, "variables": {**data["variables"], "trust": "high"}}
    with pytest.raises(RunStateError, match="variable 'trust' should be a number, not 'high'"):
        Run.from_data(outage, bad)
    with pytest.raises(RunStateError, match="should be a boolean"):
        Run.from_data(outage, {**data, "variables": {"wrote_notes": 1}})


def test_replay_reaches_the_same_state() -> None:
    """Replaying the path's choice ids rebuilds the same run; a bad id names its step."""
    outage = example().scenarios["the-outage"]
    run = played(outage)
    replayed = Run.replay(outage, [choice for _, choice in run.path])
    assert replayed.to_data() == run.to_data()
    with pytest.raises(ChoiceError, match="step 2: choice 'escalate' is not offered"):
        Run.replay(outage, ["ask-around", "escalate"])


def test_undo_takes_back_the_last_choice_and_keeps_answers() -> None:
    """Undo returns to the previous scene with its effects reverted; answers to prompts in
    scenes still reached are kept."""
    check_in = example().scenarios["check-in"]
    run = Run.start(check_in)
    run.answer("want-start", 2)
    run.choose("go-on")
    run.answer("why-here", "To think.")
    back = run.undo()
    assert back.scene_id == "rate" and back.path == []
    assert back.answers == {"want-start": 2}
    outage = example().scenarios["the-outage"]
    undone = played(outage).undo()
    assert undone.scene_id == "page"
    assert undone.variables["trust"] == 1
    assert "join-their-channel" in ids(undone)


def test_example_outage_every_ending_reachable() -> None:
    """Both endings of the example can be reached by replaying choice ids."""
    outage = example().scenarios["the-outage"]
    good = Run.replay(outage, ["ask-around", "thanks", "join-their-channel",
                               "write-postmortem"])
    assert good.scene_id == "ending-postmortem" and good.ended
    quick = Run.replay(outage, ["patch-locally", "move-on"])
    assert quick.scene_id == "ending-sprint"
    assert quick.variables["trust"] == -1


SHARED_DETOUR = """
[scenes.a]
text = "First room."

[[scenes.a.choices]]
id = "aside"
label = "Ask Sam"
detour = "sam"
goto = "b"

[scenes.b]
text = "Second room."

[[scenes.b.choices]]
id = "aside"
label = "Ask Sam again"
detour = "sam"
goto = "c"

[scenes.sam]
text = "Sam shrugs."

[[scenes.sam.choices]]
id = "back"
label = "Go back"
return = true

[scenes.c]
text = "Done."
ending = true
"""


def test_one_side_scene_serves_several_detours(tmp_path: Path) -> None:
    """Regression: a side scene reached by detours from two scenes lost its (once-only)
    return after the first, so the second detour ended the scenario as exhausted. A return is
    never used up: both detours come back."""
    run = Run.start(scenario(tmp_path, SHARED_DETOUR))
    run.choose("aside")
    assert run.choose("back").scene == "b"
    run.choose("aside")
    (view,) = run.choices()
    assert view.id == "back" and view.enabled and not view.once
    assert run.choose("back").scene == "c" and run.ended
