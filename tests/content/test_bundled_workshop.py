"""The bundled ``staff-path`` workshop: valid, big enough, fully reachable, and documented.

These tests play the real content through the real engine. The reachability proof is a
breadth-first search over run states: from the start of a scenario it takes every enabled
choice in every state, so an ending it never meets is an ending no player can reach.
"""

from __future__ import annotations

import re
import tomllib
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop.engine import Run
from workshop.paths import bundled_workshop_dir
from workshop.scenario.loader import LoadResult, load_path
from workshop.scenario.model import Scenario, Workshop

ROOT = bundled_workshop_dir()
DOC = Path(__file__).resolve().parents[2] / "docs" / "content.md"
MANIFEST = tomllib.loads((ROOT / "workshop.toml").read_text(encoding="utf-8"))
SCENARIO_IDS: list[str] = MANIFEST["scenarios"]
TRACK_IDS: list[str] = [track["id"] for track in MANIFEST.get("tracks", [])]
WANT_QUESTION = "How much do I want the staff job?"
MAX_STATES = 20_000
"""A bound on the search, far above what a hand-written scenario needs."""


@pytest.fixture(scope="module")
def loaded() -> LoadResult:
    return load_path(ROOT)


@pytest.fixture(scope="module")
def workshop(loaded: LoadResult) -> Workshop:
    assert loaded.workshop is not None, "the bundled workshop did not load at all"
    return loaded.workshop


def scenario_of(workshop: Workshop, scenario_id: str) -> Scenario:
    assert scenario_id in workshop.scenarios, f"{scenario_id}.toml is missing or did not load"
    return workshop.scenarios[scenario_id]


def _copy(run: Run) -> Run:
    return Run(
        scenario=run.scenario,
        scene_id=run.scene_id,
        variables=dict(run.variables),
        visits=dict(run.visits),
        taken=set(run.taken),
        stack=list(run.stack),
        path=list(run.path),
    )


def _key(run: Run) -> tuple[object, ...]:
    # Visits are part of the state: conditions may read them, and the track checks below
    # need to know which scenes a finished run went through.
    return (
        run.scene_id,
        tuple(sorted(run.variables.items())),
        frozenset(run.taken),
        tuple(run.stack),
        tuple(sorted(run.visits.items())),
    )


def finished_runs(scenario: Scenario) -> Iterator[Run]:
    """Every distinct finished run, found by taking every enabled choice from the start."""
    start = Run.start(scenario)
    queue = deque([start])
    seen = {_key(start)}
    while queue:
        run = queue.popleft()
        if run.finished:
            yield run
            continue
        for view in run.choices():
            if not view.enabled:
                continue
            after = _copy(run)
            after.choose(view.id)
            key = _key(after)
            if key not in seen:
                seen.add(key)
                assert len(seen) <= MAX_STATES, f"{scenario.id}: too many states to explore"
                queue.append(after)


def ask_scene(scenario: Scenario, ask_id: str) -> str | None:
    """The id of the scene in ``scenario`` that asks ``ask_id``, if any."""
    for scene in scenario.scenes.values():
        if scene.ask is not None and scene.ask.id == ask_id:
            return scene.id
    return None


def test_validates_with_no_errors_and_no_warnings(loaded: LoadResult) -> None:
    problems = [f"{d.code} {d.message}" for d in loaded.diagnostics]
    assert problems == []


def test_size(workshop: Workshop) -> None:
    scenes = sum(len(s.scenes) for s in workshop.scenarios.values())
    assert len(workshop.scenarios) >= 10
    assert scenes >= 80


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_scenario_shape(workshop: Workshop, scenario_id: str) -> None:
    scenario = scenario_of(workshop, scenario_id)
    decisions = [s for s in scenario.scenes.values() if len(s.choices) >= 2]
    assert len(decisions) >= 3, "needs at least three decision points"
    assert len(scenario.endings) >= 2, "needs at least two endings"
    assert scenario.asks, "needs a reflection prompt (free text or rating)"
    assert scenario.section.strip(), "must name the article section it draws on"
    assert any(s.facilitator for s in scenario.scenes.values()), "needs a facilitator note"


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_signal_weights_are_modest(workshop: Workshop, scenario_id: str) -> None:
    scenario = scenario_of(workshop, scenario_id)
    weights = [w for s in scenario.scenes.values() for c in s.choices for w in c.signals.values()]
    weights += [w for a in scenario.asks for w in a.signals.values()]
    assert all(0 < abs(w) <= 2 for w in weights)


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_every_ending_is_reachable(workshop: Workshop, scenario_id: str) -> None:
    scenario = scenario_of(workshop, scenario_id)
    runs = list(finished_runs(scenario))
    stuck = [run.scene_id for run in runs if not run.ended]
    assert stuck == [], "some paths run out of choices before an ending"
    reached = {run.scene_id for run in runs}
    assert reached == {scene.id for scene in scenario.endings}


@pytest.mark.parametrize("track_id", TRACK_IDS)
def test_tracks_open_and_close_with_the_want_rating(workshop: Workshop, track_id: str) -> None:
    track = workshop.track(track_id)
    for position, ask_id in ((0, "want-start"), (-1, "want-end")):
        scenario = scenario_of(workshop, track.scenarios[position])
        scene_id = ask_scene(scenario, ask_id)
        assert scene_id is not None, f"{scenario.id} does not ask '{ask_id}'"
        ask = scenario.scenes[scene_id].ask
        assert ask is not None
        assert (ask.kind, ask.question) == ("rating", WANT_QUESTION)
        assert (ask.low, ask.high) == ("Not at all", "Very much")
        missed = [run.path for run in finished_runs(scenario) if scene_id not in run.visits]
        assert missed == [], f"some paths through {scenario.id} never ask '{ask_id}'"


def test_every_axis_is_spoken_to_and_described(workshop: Workshop) -> None:
    spoken = {
        axis
        for scenario in workshop.scenarios.values()
        for scene in scenario.scenes.values()
        for signals in [c.signals for c in scene.choices] + [scene.ask.signals if scene.ask else {}]
        for axis in signals
    }
    assert {axis.id for axis in workshop.axes} <= spoken
    for axis in workshop.axes:
        texts = (axis.low, axis.mid, axis.high)
        assert all(t.strip() and t.strip() != "TODO" for t in texts), f"axis {axis.id}"
    assert {axis.group for axis in workshop.axes} == {"doing", "wanting"}


def _doc_sections() -> dict[str, str]:
    """The scenario -> section map from the "## Scenarios" table in docs/content.md."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(r"^## Scenarios\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, "docs/content.md has no '## Scenarios' section"
    rows = re.findall(r"^\|\s*\d+\s*\|\s*`([A-Za-z0-9_-]+)`\s*\|\s*([^|]+?)\s*\|", match[1], re.M)
    return dict(rows)


def test_docs_map_each_scenario_to_its_section(workshop: Workshop) -> None:
    documented = _doc_sections()
    actual = {sid: scenario_of(workshop, sid).section for sid in SCENARIO_IDS}
    assert documented == actual
