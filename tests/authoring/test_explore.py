"""`workshop explore`: coverage numbers on tiny scenarios whose answers are known."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.authoring.conftest import EXAMPLE, chain, load_one, scenario_file
from workshop.authoring.explore import explore
from workshop.cli import main

FORK = """
[variables]
x = 0

[scenes.a]
text = "Start"
[[scenes.a.choices]]
id = "left"
label = "Left"
goto = "b"
add = { x = 1 }
[[scenes.a.choices]]
id = "right"
label = "Right"
goto = "c"

[scenes.b]
text = "B"
[[scenes.b.choices]]
id = "on"
label = "On"
goto = "end1"
[[scenes.b.choices]]
id = "locked"
label = "Only with x of 5"
goto = "end2"
requires = "x >= 5"

[scenes.c]
text = "C"
next = "d"

[scenes.d]
text = "D"
[[scenes.d.choices]]
id = "finish"
label = "Finish"
goto = "end1"

[scenes.end1]
text = "One"
ending = true

[scenes.end2]
text = "Two: needs x of 5, which no path gives"
ending = true
"""

HUB = """
[scenes.a]
text = "A hub you can look around once"
[[scenes.a.choices]]
id = "look"
label = "Look around"
goto = "a"
[[scenes.a.choices]]
id = "leave"
label = "Leave"
goto = "end"
requires = "visits(a) > 5"

[scenes.end]
text = "Out"
ending = true
"""

TRAP = """
[variables]
stuck = false

[scenes.a]
text = "Two doors"
[[scenes.a.choices]]
id = "trap"
label = "The trap door"
goto = "s"
set = { stuck = true }
[[scenes.a.choices]]
id = "fine"
label = "The other door"
goto = "s"

[scenes.s]
text = "A room"
[[scenes.s.choices]]
id = "spin"
label = "Go round again"
goto = "s"
sticky = true
[[scenes.s.choices]]
id = "out"
label = "Leave"
goto = "end"
if = "not stuck"

[scenes.end]
text = "Out"
ending = true
"""


def test_exhaustive_coverage_of_a_known_fork(tmp_path: Path) -> None:
    report = explore(load_one(scenario_file(tmp_path, FORK)))
    assert report.mode == "exhaustive" and not report.gave_up
    assert report.unreached_endings == ["end2"]
    assert report.unreached_scenes == ["end2"]
    assert report.never_taken == ["b:locked"]
    assert report.shortest is not None and report.shortest.scenes == 3  # a, b, end1
    assert report.shortest.choices == ("left", "on")
    assert report.longest is not None and report.longest.scenes == 4  # a, c, d, end1
    assert report.longest.choices == ("right", "continue", "finish")
    assert not report.exhausted and not report.looping and not report.can_loop
    assert report.problems == 1


def test_a_run_that_runs_out_of_choices_is_reported_with_a_way_to_get_there(
    tmp_path: Path,
) -> None:
    report = explore(load_one(scenario_file(tmp_path, HUB)))
    assert [(f.scene, f.example.choices) for f in report.exhausted] == [("a", ("look",))]
    assert report.unreached_endings == ["end"]
    assert report.never_taken == ["a:leave"]


def test_a_state_with_no_way_out_is_reported_as_a_loop(tmp_path: Path) -> None:
    report = explore(load_one(scenario_file(tmp_path, TRAP)))
    assert report.mode == "exhaustive"
    assert [(f.scene, f.example.choices) for f in report.looping] == [("s", ("trap",))]
    assert report.can_loop
    assert report.unreached_endings == []


def test_random_play_hits_the_step_cap_in_the_trap(tmp_path: Path) -> None:
    report = explore(load_one(scenario_file(tmp_path, TRAP)), runs=30, seed=3, max_steps=40)
    assert report.mode == "random" and report.runs == 30
    (finding,) = report.looping
    assert finding.scene == "s" and finding.example.choices[0] == "trap"
    assert len(finding.example.choices) == 40


def test_random_play_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    scenario = load_one(scenario_file(tmp_path, TRAP))
    first = explore(scenario, runs=25, seed=7, max_steps=30).to_json()
    again = explore(scenario, runs=25, seed=7, max_steps=30).to_json()
    assert first == again


def test_the_search_falls_back_to_random_play_past_its_cap(tmp_path: Path) -> None:
    report = explore(load_one(scenario_file(tmp_path, FORK)), max_states=3)
    assert report.gave_up and report.mode == "random" and report.runs == 200
    # 200 random runs still find everything the search finds here.
    assert report.unreached_endings == ["end2"] and report.never_taken == ["b:locked"]


def test_visit_counts_are_capped_so_the_hub_search_ends(tmp_path: Path) -> None:
    """A sticky loop with `visits(x) > 2` must not make the state space endless."""
    body = """
[scenes.a]
text = "Loop"
[[scenes.a.choices]]
id = "again"
label = "Again"
goto = "a"
sticky = true
[[scenes.a.choices]]
id = "out"
label = "Out"
goto = "end"
requires = "visits(a) > 2"
[scenes.end]
text = "End"
ending = true
"""
    report = explore(load_one(scenario_file(tmp_path, body)))
    assert report.mode == "exhaustive" and report.states <= 5
    assert report.shortest is not None and report.shortest.choices == ("again", "again", "out")
    assert report.can_loop and not report.looping


def test_example_workshop_report(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["explore", str(EXAMPLE), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["ok"]
    outage = next(s for s in data["scenarios"] if s["scenario"] == "the-outage")
    assert outage["endings"] == {"reached": 2, "total": 2, "unreached": []}
    # escalate needs trust < 0 at the page, which no path gives; wait is a fallback never needed.
    assert outage["choices_never_taken"] == ["page:escalate", "page:wait"]
    assert data["totals"]["scenes"] == data["totals"]["scenes_reached"]


def test_text_report_names_what_was_missed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = scenario_file(tmp_path, FORK)
    assert main(["explore", str(path)]) == 0
    out = capsys.readouterr().out
    assert "endings never reached: end2" in out
    assert "choices never taken: b:locked" in out


def test_strict_fails_on_an_unreached_ending(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = scenario_file(tmp_path, FORK)
    assert main(["explore", str(path), "--strict"]) == 1
    capsys.readouterr()
    assert main(["explore", str(EXAMPLE), "--strict"]) == 0


def test_cli_random_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for _ in range(2):
        assert main(["explore", str(EXAMPLE), "--random", "20", "--seed", "5",
                     "--format", "json"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["scenarios"][0]["mode"] == "random"


def test_invalid_content_prints_errors_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = scenario_file(tmp_path, '[scenes.a]\ntext = "A"\nnext = "gone"\n')
    assert main(["explore", str(path)]) == 1
    err = capsys.readouterr().err
    assert "E006" in err and str(path) in err


def test_missing_path_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["explore", str(tmp_path / "none")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize("args", [["--random", "0"], ["--seed", "x"], ["--max-paths", "-1"]])
def test_bad_numbers_are_usage_errors(args: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["explore", str(EXAMPLE), *args])
    assert exit_info.value.code == 2


def test_once_only_choices_in_scenes_never_revisited_do_not_split_states(
    tmp_path: Path,
) -> None:
    """200 scenes with two ways on each have 2^100+ paths, but only 200 states that matter."""
    report = explore(load_one(scenario_file(tmp_path, chain(200, skips=True), start="s0")))
    assert report.mode == "exhaustive" and report.states == 200
    assert report.shortest is not None and report.shortest.scenes == 101
    assert report.longest is not None and report.longest.scenes == 200


def test_random_step_cap_grows_with_long_scenarios(tmp_path: Path) -> None:
    """A 700-scene straight story is not a loop, even though it takes more than 500 steps."""
    scenario = load_one(scenario_file(tmp_path, chain(700, skips=False), start="s0"))
    report = explore(scenario, runs=2)
    assert not report.looping and report.longest is not None and report.longest.scenes == 700


def test_a_folder_without_scenarios_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["explore", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "holds no scenario" in err
