"""Computed minutes (issue 15): words read at 200 a minute, 20 s a choice or rating, 90 s a
written answer, averaged over the paths explore plays; ``workshop validate`` prints each
track's estimate and warns (W010) where a ``minutes`` figure is more than 15% away."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.scenario.helpers import HEADER, MANIFEST, write
from workshop.authoring import timing
from workshop.authoring.timing import Estimate, PathCost, path_cost, scenario_minutes
from workshop.cli import main
from workshop.scenario.loader import load_path
from workshop.scenario.model import Scenario, Workshop

COUNTED = """
[scenes.a]
text = "one two three four"

[[scenes.a.choices]]
id = "x"
label = "Go left"
goto = "b"
consequence = "You go left quickly"

[[scenes.a.choices]]
id = "y"
label = "Go right now"
goto = "c"

[scenes.b]
text = "five six"
next = "c"

[scenes.c]
text = "the end"
ending = true

[scenes.c.ask]
id = "q"
type = "rating"
question = "How sure are you?"
low = "not"
high = "very"
"""


def _scenario(
    tmp_path: Path, body: str = COUNTED, header: str = HEADER
) -> tuple[Workshop, Scenario]:
    workshop = load_path(write(tmp_path, body, header=header)).workshop
    assert workshop is not None
    return workshop, workshop.scenarios["s"]


def test_a_path_counts_words_shown_choices_made_and_questions(tmp_path: Path) -> None:
    """Scene text, the labels offered, the consequence and the question are read; a
    'Continue' is not a choice; the rating at the ending counts."""
    _, scenario = _scenario(tmp_path)
    # a: 4 + labels 2 + 3; b: 2 + consequence 4; c: 2 + question 4.
    assert path_cost(scenario, ("x", "continue")) == PathCost(21, 1, 1, 0)
    assert path_cost(scenario, ("y",)) == PathCost(15, 1, 1, 0)


def test_the_estimate_is_the_mean_over_explored_paths(tmp_path: Path) -> None:
    """Two paths: their mean, by the documented constants."""
    _, scenario = _scenario(tmp_path)
    one = 21 / 200 + 40 / 60
    two = 15 / 200 + 40 / 60
    assert scenario_minutes(scenario) == pytest.approx((one + two) / 2)


def test_a_written_answer_takes_ninety_seconds(tmp_path: Path) -> None:
    """A free-text question costs 90 s, and is counted once however often its scene is
    entered."""
    body = COUNTED.replace('type = "rating"', 'type = "text"').replace(
        'low = "not"\nhigh = "very"\n', "")
    _, scenario = _scenario(tmp_path, body)
    cost = path_cost(scenario, ("y",))
    assert cost == PathCost(15, 1, 0, 1)
    assert cost.minutes == pytest.approx(15 / 200 + (20 + 90) / 60)


def test_within_fifteen_percent_or_the_rounded_figure_is_fine() -> None:
    """15% either side is fine; so is the rounded estimate (figures are whole minutes);
    a track with no figure is never off."""
    assert not Estimate("t", 20.0, 23).off
    assert Estimate("t", 20.0, 24).off
    assert Estimate("t", 20.0, 16).off
    assert not Estimate("t", 0.4, 1).off
    assert not Estimate("t", 6.4, 6).off
    assert not Estimate("t", 50.0, 0).off


def _folder(tmp_path: Path, scenario_minutes: int, track_minutes: int) -> Path:
    manifest = MANIFEST + (
        f'\n[[tracks]]\nid = "quick"\ntitle = "Quick"\nminutes = {track_minutes}\n'
        'scenarios = ["s"]\n'
    )
    (tmp_path / "workshop.toml").write_text(manifest, encoding="utf-8")
    body = COUNTED.replace('goto = "b"\n', 'goto = "b"\nsignals = { scope = 1 }\n', 1)
    write(tmp_path, body, header=HEADER.replace("minutes = 1", f"minutes = {scenario_minutes}"))
    return tmp_path


def test_validate_warns_w010_for_a_scenario_and_a_track(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A figure far from the estimate is a warning naming both figures, at the line of the
    figure, and the track's estimate is printed before the summary."""
    root = _folder(tmp_path, 5, 18)
    code = main(["validate", str(root)])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines == [
        f"{root / 's.toml'}:6: warning W010: scenario 's' says 5 minutes, but its computed "
        "estimate is 1 minute (set minutes = 1, or trim the scenario: see 'Track minutes' in "
        "docs/authoring.md)",
        f"{root / 'workshop.toml'}:15: warning W010: track 'quick' says 18 minutes, but its "
        "computed estimate is 1 minute (set minutes = 1, or change the track: see 'Track "
        "minutes' in docs/authoring.md)",
        "track 'quick': about 1 minute (the manifest says 18)",
        "valid: 1 scenarios, 3 scenes, 3 choices, 1 endings; 0 error(s), 2 warning(s)",
    ]
    assert main(["validate", "--strict", str(root)]) == 1


def test_validate_is_quiet_when_the_figures_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Figures that fit give no warning; --format json carries every estimate."""
    root = _folder(tmp_path, 1, 1)
    assert main(["validate", "--format", "json", str(root)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["warnings"] == []
    assert [(e["kind"], e["id"], e["declared"]) for e in data["estimates"]] == [
        ("track", "quick", 1), ("scenario", "s", 1),
    ]
    assert data["estimates"][0]["minutes"] == pytest.approx(0.8, abs=0.05)


def test_invalid_content_gets_no_estimate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Content with errors cannot be played, so nothing is timed (and nothing crashes)."""
    path = write(tmp_path, COUNTED.replace('goto = "c"', 'goto = "nowhere"'))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "about" not in out and "W010" not in out


def test_bundled_workshop_figures_fit_their_estimates() -> None:
    """Every minutes figure of the bundled workshop is within 15% of its estimate."""
    from workshop.scenario import load_workshop

    workshop = load_workshop()
    assert timing.diagnostics(workshop, timing.estimate(workshop)) == []


def test_past_the_cap_the_paths_are_explores_random_plays(tmp_path: Path) -> None:
    """Every distinct path when they fit under the cap; past it, the seeded random
    playthroughs explore plays instead, so the estimate still comes out."""
    from workshop.authoring.explore import playthroughs

    _, scenario = _scenario(tmp_path)
    assert [p.choices for p in playthroughs(scenario)] == [("x", "continue"), ("y",)]
    random = playthroughs(scenario, max_paths=1, runs=50)
    assert len(random) == 50
    assert {p.choices for p in random} == {("x", "continue"), ("y",)}
