"""The engine with format 1.1 scenes: several questions asked in order, and ``else`` text."""

from __future__ import annotations

import pytest

from tests.format11 import CONTENT
from workshop.engine import ChoiceError, Run
from workshop.scenario.loader import load_path
from workshop.scenario.model import Scenario


def check_in() -> Scenario:
    result = load_path(CONTENT)
    assert result.ok and result.workshop is not None
    return result.workshop.scenarios["check-in"]


def test_questions_are_asked_in_order_each_under_its_id() -> None:
    run = Run.start(check_in())
    assert [a.id for a in run.asks] == ["want-start", "energy-start"]
    assert run.ask is not None and run.ask.id == "want-start"
    run.answer("want-start", 4)
    assert run.ask is not None and run.ask.id == "energy-start"
    run.answer("energy-start", None)
    assert run.ask is None
    assert run.answers == {"want-start": 4} and run.skipped == {"energy-start"}
    assert run.skipped_here is not None and run.skipped_here.id == "energy-start"
    # The second question can be answered after all, like any skipped one.
    run.answer("energy-start", 2)
    assert run.answers == {"want-start": 4, "energy-start": 2} and not run.skipped


def test_a_question_of_another_scene_is_refused() -> None:
    run = Run.start(check_in())
    with pytest.raises(ChoiceError, match="does not ask 'why-here'"):
        run.answer("why-here", "too early")


def test_skipped_questions_are_offered_later_and_kept_on_undo() -> None:
    run = Run.start(check_in())
    run.answer("want-start", None)
    run.answer("energy-start", 5)
    run.choose("go-on")
    assert [a.id for a in run.skipped_asks()] == ["want-start"]
    run.answer_later("want-start", 3)
    run.answer("why-here", "Curious")
    back = run.undo()
    assert back.scene_id == "rate"
    assert back.answers == {"want-start": 3, "energy-start": 5}


def test_the_run_round_trips_with_both_answers() -> None:
    run = Run.start(check_in())
    run.answer("want-start", 1)
    run.answer("energy-start", 5)
    again = Run.from_data(run.scenario, run.to_data())
    assert again.answers == run.answers and again.ask is None


def test_an_ending_question_is_asked_at_the_ending() -> None:
    run = Run.replay(check_in(), ["hurry"])
    assert run.ended and run.ask is not None and run.ask.id == "closing-word"
    run.answer("closing-word", "ready")
    assert run.answers["closing-word"] == "ready"


def test_else_is_shown_when_the_condition_is_false() -> None:
    """You should see: the slow way's line after going on, the hurried line after skipping
    ahead, and never both."""
    slow = Run.replay(check_in(), ["go-on", "continue"])
    assert "You took the slow way through the questions." in slow.text()
    assert "straight to the end" not in slow.text()
    hurried = Run.replay(check_in(), ["hurry"])
    assert "You went straight to the end" in hurried.text()
    assert "slow way" not in hurried.text()


def test_watch_replay_keeps_every_answer_of_a_scene() -> None:
    """``--watch`` reloads replay the journey: both answers of a two-question scene, and the
    ending's, are given again (before, only the scene's one prompt was)."""
    from workshop.engine import Journey
    from workshop.play.scratch import replay

    result = load_path(CONTENT)
    assert result.workshop is not None
    journey = Journey.start(result.workshop, "full")
    run = journey.run
    assert run is not None
    run.answer("want-start", 2)
    run.answer("energy-start", None)
    run.choose("hurry")
    run.answer("closing-word", "ok")
    again, problems = replay(load_path(CONTENT).workshop, journey)  # type: ignore[arg-type]
    assert problems == []
    new = again.runs["check-in"]
    assert new.answers == {"want-start": 2, "closing-word": "ok"}
    assert new.skipped == {"energy-start"}
