"""Information has a cost: no fixed way of playing reaches every scenario's staff-leaning ending.

Most scenarios offer a way to learn more before deciding (a detour: read the notes, ask
the person who knows). If asking first were always free and always unlocked the best option,
"always ask first" would be the one strategy to learn, and the choices would stop being hard.
So asking costs something somewhere (time, trust, a later option), and in some scenarios the
better move is to act on what you already know.

The test plays every bundled scenario through the real engine with a few fixed policies and
checks that none of them reaches the staff-leaning ending of every scenario. The
staff-leaning ending of a scenario is the ending a player reaches with the highest sum of
choice signals along the way (signals are signed: positive leans to the staff end of an
axis, as the reflection reads them).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.content.test_bundled_workshop import SCENARIO_IDS, finished_runs, scenario_of
from workshop.engine import CONTINUE, Run
from workshop.engine.run import ChoiceView
from workshop.paths import bundled_workshop_dir
from workshop.scenario.loader import load_path
from workshop.scenario.model import Scenario, Workshop

Policy = Callable[[Run, list[ChoiceView]], ChoiceView]
MAX_STEPS = 200


def _weight(view: ChoiceView) -> float:
    return sum(view.choice.signals.values()) if view.choice else 0.0


def _detour(view: ChoiceView) -> bool:
    return view.choice is not None and view.choice.detour is not None


def _first(run: Run, views: list[ChoiceView]) -> ChoiceView:
    return views[0]


def _last(run: Run, views: list[ChoiceView]) -> ChoiceView:
    return views[-1]


def _staffward(run: Run, views: list[ChoiceView]) -> ChoiceView:
    # Detours are not decisions: a player leaning staff without asking skips them.
    decisions = [v for v in views if not _detour(v)] or views
    return max(decisions, key=_weight)


def _asking(then: Policy) -> Policy:
    def policy(run: Run, views: list[ChoiceView]) -> ChoiceView:
        detours = [v for v in views if _detour(v)]
        return detours[0] if detours else then(run, views)

    return policy


POLICIES: dict[str, Policy] = {
    "first enabled": _first,
    "last enabled": _last,
    "most staff-ward": _staffward,
    "ask first, then first enabled": _asking(_first),
    "ask first, then last enabled": _asking(_last),
    "ask first, then most staff-ward": _asking(_staffward),
}


def _score(run: Run) -> float:
    total = 0.0
    for scene_id, choice_id in run.path:
        for choice in run.scenario.scenes[scene_id].choices:
            if choice.id == choice_id:
                total += sum(choice.signals.values())
    return total


def staff_leaning_ending(scenario: Scenario) -> str:
    """The ending reached by the run with the highest sum of choice signals."""
    best = max((run for run in finished_runs(scenario) if run.ended), key=_score)
    return best.scene_id


def play(scenario: Scenario, policy: Policy) -> Run:
    """Play one scenario from its start, letting ``policy`` pick among the enabled choices."""
    run = Run.start(scenario)
    for _ in range(MAX_STEPS):
        if run.finished:
            return run
        views = [v for v in run.choices() if v.enabled]
        if len(views) == 1 and views[0].id == CONTINUE:
            run.choose(CONTINUE)
            continue
        run.choose(policy(run, views).id)
    raise AssertionError(f"{scenario.id}: the policy did not finish")


@pytest.fixture(scope="module")
def workshop() -> Workshop:
    loaded = load_path(bundled_workshop_dir())
    assert loaded.workshop is not None
    return loaded.workshop


def outcomes(workshop: Workshop) -> dict[str, dict[str, bool]]:
    """For each policy, whether it reached each scenario's staff-leaning ending."""
    targets = {sid: staff_leaning_ending(scenario_of(workshop, sid)) for sid in SCENARIO_IDS}
    return {
        name: {sid: play(scenario_of(workshop, sid), policy).scene_id == targets[sid]
               for sid in SCENARIO_IDS}
        for name, policy in POLICIES.items()
    }


@pytest.fixture(scope="module")
def results(workshop: Workshop) -> dict[str, dict[str, bool]]:
    return outcomes(workshop)


def test_no_fixed_policy_reaches_every_staff_leaning_ending(
        results: dict[str, dict[str, bool]]) -> None:
    """Asking first, or any other fixed habit, misses the staff-leaning ending somewhere: a
    player who learns one rule ("always ask first") still meets choices that are hard."""
    dominant = [name for name, hits in results.items() if all(hits.values())]
    assert dominant == []


def test_asking_first_is_right_somewhere_and_wrong_somewhere(
        results: dict[str, dict[str, bool]]) -> None:
    """Leaning staff, asking first reaches the staff-leaning ending in some scenario that
    acting at once misses, and misses it in some scenario that acting at once reaches."""
    asking = results["ask first, then most staff-ward"]
    acting = results["most staff-ward"]
    assert [s for s in SCENARIO_IDS if asking[s] and not acting[s]], "asking never pays"
    assert [s for s in SCENARIO_IDS if acting[s] and not asking[s]], "asking never costs"


if __name__ == "__main__":  # a table for authors: python -m tests.content.test_information_cost
    loaded = load_path(bundled_workshop_dir())
    assert loaded.workshop is not None
    table = outcomes(loaded.workshop)
    for sid in SCENARIO_IDS:
        target = staff_leaning_ending(scenario_of(loaded.workshop, sid))
        marks = " ".join("Y" if table[name][sid] else "." for name in POLICIES)
        print(f"{sid:22} {target:22} {marks}")
    print("policies:", "; ".join(POLICIES))
