"""`workshop explore` and `workshop graph` on format 1.1 content: workshop-level variables
start at their declared values (or at `--set` values), and on_enter shows in the graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop.authoring.explore import explore
from workshop.cli import main
from workshop.scenario import load_workshop

SHARED = Path(__file__).resolve().parents[1] / "engine" / "shared_state"


def test_a_scenario_explored_alone_starts_from_the_declared_values() -> None:
    """With goodwill at its declared 0, asking Maya for help is never open: explore says so
    (and does not call the workshop variables undefined)."""
    report = explore(load_workshop(SHARED).scenarios["second"])
    assert report.never_taken == ["meet:ask-help"]
    assert report.exhausted == [] and report.looping == []


def test_set_starts_every_scenario_from_the_given_values(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--set goodwill=2` is the second talk as played after telling Maya: every choice is
    taken."""
    assert main(["explore", str(SHARED), "--set", "goodwill=2", "--set", "told_maya=true",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    second = next(s for s in data["scenarios"] if s["scenario"] == "second")
    assert second["choices_never_taken"] == []


@pytest.mark.parametrize(("assignment", "message"), [
    ("goodwil=2", "workshop: --set names 'goodwil', which is not a workshop variable (did "
                  "you mean 'goodwill'?)"),
    ("told_maya=3", "workshop: --set told_maya=3: 'told_maya' is a boolean (write true or "
                    "false)"),
    ("goodwill=lots", "workshop: --set goodwill=lots: 'goodwill' is a number (write a "
                      "number)"),
    ("goodwill", "workshop: --set 'goodwill' is not NAME=VALUE (for example --set "
                 "goodwill=2)"),
])
def test_a_bad_set_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], assignment: str, message: str
) -> None:
    assert main(["explore", str(SHARED), "--set", assignment]) == 2
    err = capsys.readouterr().err
    assert err.strip() == message
    assert "Traceback" not in err


def test_graph_shows_what_a_scene_does_on_entry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(SHARED / "hallway.toml")]) == 0
    out = capsys.readouterr().out
    assert "hall  on enter: arrivals +1, goodwill +1" in out
    assert "out  on enter: left = true" in out
    assert main(["graph", str(SHARED / "hallway.toml"), "--format", "mermaid"]) == 0
    assert "on enter: arrivals +100" in capsys.readouterr().out
    assert main(["graph", str(SHARED / "hallway.toml"), "--format", "dot"]) == 0
    assert "on enter: asked +1" in capsys.readouterr().out
