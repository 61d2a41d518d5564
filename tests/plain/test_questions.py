"""Plain mode with several questions in a scene, a question on an ending and ``else`` text
(issue 15, C1): asked in the same order as the Textual app, each saved under its own id."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from tests.format11 import CONTENT
from tests.plain.conftest import Output, ScriptedPrompter
from workshop.plain import run_plain
from workshop.play import PlayOptions


def _play(data_dir: Path, prompter: ScriptedPrompter) -> tuple[dict[str, Any], str]:
    out = Output()
    run_plain(PlayOptions(content=CONTENT, data_dir=data_dir), prompter=prompter,
              out=out.renderer)
    [path] = sorted((data_dir / "sessions").glob("*.toml"))
    return tomllib.loads(path.read_text(encoding="utf-8")), out.text


def test_two_questions_then_the_ending_question(data_dir: Path) -> None:
    """You should see: both ratings in a row, the choices, the written question, and on the
    ending its own question, before "Go on?"; the slow way's else line is printed."""
    prompter = ScriptedPrompter("track:full", "4", "2", "go-on", "Because.", "1", "Curious",
                                "^C")
    record, text = _play(data_dir, prompter)
    asked = [a.question.split(" (")[0] for a in prompter.asked[1:]]
    assert asked == ["How much do you want the staff job, today?",
                     "How much energy do you bring to this hour?", "What do you do?",
                     "What made you open this workshop?", "Next", "One word for how you start?",
                     "Go on?"]
    assert record["journey"]["runs"]["check-in"]["answers"] == {
        "want-start": 4, "energy-start": 2, "why-here": "Because.", "closing-word": "Curious"}
    assert "You took the slow way through the questions." in text
    assert "straight to the end" not in text


def test_a_skipped_second_question_can_be_answered_before_moving_on(data_dir: Path) -> None:
    """You should see: after skipping the second rating, "Answer the question you skipped"
    (a) among the choices; it asks that question again and saves the answer."""
    prompter = ScriptedPrompter("track:full", "4", "s", "a", "5", "hurry", "^C")
    record, text = _play(data_dir, prompter)
    menu = prompter.asked[3]
    assert any(o.key == "a" and "skipped" in o.label for o in menu.options)
    assert prompter.asked[4].question.startswith("How much energy")
    run = record["journey"]["runs"]["check-in"]
    assert run["answers"] == {"want-start": 4, "energy-start": 5}
    assert run["skipped"] == []
    assert "You went straight to the end" in text
