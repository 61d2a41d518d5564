"""``workshop explore --policies`` (issue 15): fixed policies that never read the story, the
ending each reaches, and whether one of them reaches the staff-leaning ending everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.scenario.helpers import HEADER, write
from workshop.authoring import policies
from workshop.cli import main
from workshop.scenario.loader import load_path

ASK_UNLOCKS = """
[variables]
knows = false

[scenes.a]
text = "The migration plan is due."

[[scenes.a.choices]]
id = "wide"
label = "Call the other teams"
goto = "wide"
requires = "knows"
signals = { scope = 2 }

[[scenes.a.choices]]
id = "quick"
label = "Ship it"
goto = "fast"
signals = { scope = -1 }

[[scenes.a.choices]]
id = "ask"
label = "Ask the expert first"
detour = "expert"

[scenes.expert]
text = "They tell you who depends on it."

[[scenes.expert.choices]]
id = "thanks"
label = "Thank them"
return = true
set = { knows = true }

[scenes.fast]
text = "Shipped."
ending = true

[scenes.wide]
text = "Three teams on board."
ending = true
"""


def _folder(tmp_path: Path, second: str = ASK_UNLOCKS) -> Path:
    write(tmp_path, ASK_UNLOCKS, name="one.toml", header=HEADER.replace('"s"', '"one"'))
    write(tmp_path, second, name="two.toml", header=HEADER.replace('"s"', '"two"'))
    return tmp_path


def test_staff_leaning_ending_is_the_one_whose_paths_lean_most(tmp_path: Path) -> None:
    """'wide' carries +2 on its path and 'fast' -1: 'wide' is the staff-leaning ending."""
    workshop = load_path(_folder(tmp_path)).workshop
    assert workshop is not None
    staff, leans = policies.staff_leaning(workshop.scenarios["one"])
    assert staff == "wide"
    assert leans == {"fast": -1.0, "wide": 2.0}


def test_asking_first_wins_every_scenario_and_strict_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """When asking first always unlocks the best ending, the report names the dominant
    policies; --strict exits 1 on it."""
    root = _folder(tmp_path)
    assert main(["explore", "--policies", str(root)]) == 0
    out = capsys.readouterr().out
    assert "one: staff-leaning ending 'wide'" in out
    assert "  first              fast\n" in out
    assert "  ask-then-unlocked  wide *\n" in out
    assert out.splitlines()[-1] == (
        "Warning: ask-first, ask-then-unlocked reach the staff-leaning ending of every "
        "scenario (first 0/2, last 0/2, ask-first 2/2, ask-then-last 0/2, ask-then-unlocked "
        "2/2): a player who finds the pattern need not weigh the choices."
    )
    assert main(["explore", "--policies", "--strict", str(root)]) == 1


def test_when_asking_costs_something_no_policy_wins_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In the second scenario asking first closes the staff-leaning way (the deadline
    passes): no fixed policy reaches the staff-leaning ending of both, and JSON says so."""
    costly = ASK_UNLOCKS.replace('requires = "knows"', 'requires = "not knows"')
    root = _folder(tmp_path, costly)
    assert main(["explore", "--policies", "--strict", "--format", "json", str(root)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dominant"] == [] and data["ok"] is True
    two = data["scenarios"][1]
    assert two["staff_ending"] == "wide"
    assert two["outcomes"]["ask-first"] == {
        "scene": "fast", "ending": True, "looped": False, "staff": False,
    }


def test_a_policy_that_runs_out_or_loops_says_where(tmp_path: Path) -> None:
    """A policy can stop without an ending: the outcome names the scene and how."""
    body = ('[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "again"\nlabel = "Again"\n'
            'goto = "a"\nsticky = true\n[[scenes.a.choices]]\nid = "out"\nlabel = "Out"\n'
            'goto = "b"\n[scenes.b]\ntext = "end"\nending = true\n')
    workshop = load_path(write(tmp_path, body)).workshop
    assert workshop is not None
    result = policies.report(workshop)
    (only,) = result.scenarios
    assert only.outcomes["first"] == policies.Outcome("a", ending=False, looped=True)
    assert only.outcomes["last"] == policies.Outcome("b", ending=True)
    assert "  first              loops from 'a'\n" in policies.render(result)
