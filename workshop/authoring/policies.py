"""Fixed policies: does one simple way of choosing win every scenario?

``workshop explore --policies`` plays each scenario with a few players that never read the
story: always the first choice offered, always the last, always a detour first when one is
offered ("ask first") then the first, the last, or one the asking unlocked (a choice with a
``requires`` that now holds). It reports the ending each reaches and
whether any one of them reaches the **staff-leaning ending** of every scenario. If one does,
the choices are not hard: a player who finds the pattern can stop reading.

The staff-leaning ending of a scenario is the ending whose paths lean most to staff: for each
ending, the mean over every path that reaches it (the paths ``explore`` plays) of the sum of
the signal weights of the choices taken (positive signals lean to the staff end of an axis,
whatever its group); the ending with the highest mean, the first in the file on a tie.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workshop.authoring.explore import MAX_STEPS, playthroughs
from workshop.engine import ChoiceView, Run
from workshop.scenario.model import Scenario, Workshop

Policy = Callable[[list[ChoiceView]], ChoiceView]
"""Picks one of the enabled choices offered (never called with none)."""


def _detour(views: list[ChoiceView]) -> ChoiceView | None:
    return next((v for v in views if v.choice is not None and v.choice.detour), None)


def _unlocked(views: list[ChoiceView]) -> ChoiceView | None:
    """A choice with a ``requires`` that now holds: what asking first usually unlocks."""
    return next((v for v in views if v.choice is not None and v.choice.requires), None)


POLICIES: dict[str, Policy] = {
    "first": lambda views: views[0],
    "last": lambda views: views[-1],
    "ask-first": lambda views: _detour(views) or views[0],
    "ask-then-last": lambda views: _detour(views) or views[-1],
    "ask-then-unlocked": lambda views: _detour(views) or _unlocked(views) or views[0],
}
"""The fixed policies, by name, in the order they are reported."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where one policy's play of one scenario stopped."""

    scene: str
    ending: bool
    """It stopped at an ending (else it ran out of choices or went round a loop)."""
    looped: bool = False


@dataclass(frozen=True, slots=True)
class ScenarioPolicies:
    """One scenario: its staff-leaning ending and each policy's outcome."""

    scenario: str
    staff_ending: str | None
    """None when no path reaches an ending."""
    leans: dict[str, float]
    """Each reachable ending's mean signal total."""
    outcomes: dict[str, Outcome]
    """By policy name."""

    def wins(self, policy: str) -> bool:
        """The policy reaches the staff-leaning ending."""
        outcome = self.outcomes[policy]
        return outcome.ending and outcome.scene == self.staff_ending


@dataclass(frozen=True, slots=True)
class PolicyReport:
    """Every scenario's policies, and which policies win them all."""

    scenarios: list[ScenarioPolicies]

    def wins(self, policy: str) -> int:
        """How many scenarios the policy reaches the staff-leaning ending of."""
        return sum(1 for s in self.scenarios if s.wins(policy))

    @property
    def dominant(self) -> list[str]:
        """Policies that reach the staff-leaning ending of every scenario (the warning sign)."""
        return [p for p in POLICIES if self.scenarios and self.wins(p) == len(self.scenarios)]

    def to_json(self) -> dict[str, object]:
        """Plain data for ``--format json``."""
        return {
            "policies": list(POLICIES),
            "scenarios": [{
                "scenario": s.scenario,
                "staff_ending": s.staff_ending,
                "leans": {k: round(v, 2) for k, v in s.leans.items()},
                "outcomes": {
                    name: {"scene": o.scene, "ending": o.ending, "looped": o.looped,
                           "staff": s.wins(name)}
                    for name, o in s.outcomes.items()
                },
            } for s in self.scenarios],
            "wins": {p: self.wins(p) for p in POLICIES},
            "dominant": self.dominant,
        }


def play(scenario: Scenario, policy: Policy, max_steps: int = MAX_STEPS) -> Outcome:
    """Play a scenario choosing by ``policy`` until it ends, runs out, or loops."""
    run = Run.start(scenario)
    while not run.ended:
        enabled = [view for view in run.choices() if view.enabled]
        if not enabled:
            return Outcome(run.scene_id, ending=False)
        if len(run.path) >= max_steps:
            return Outcome(run.scene_id, ending=False, looped=True)
        run.choose(policy(enabled).id)
    return Outcome(run.scene_id, ending=True)


def _lean(scenario: Scenario, choices: tuple[str, ...]) -> float:
    """The sum of the signal weights of the choices a path takes."""
    run = Run.start(scenario)
    total = 0.0
    for choice_id in choices:
        taken = next((c for c in run.scene.choices if c.id == choice_id), None)
        if taken is not None:
            total += sum(taken.signals.values())
        run.choose(choice_id)
    return total


def staff_leaning(scenario: Scenario) -> tuple[str | None, dict[str, float]]:
    """The staff-leaning ending (see the module's docstring) and every ending's lean."""
    totals: dict[str, list[float]] = {}
    for path in playthroughs(scenario):
        if scenario.scenes[path.scene].ending:
            totals.setdefault(path.scene, []).append(_lean(scenario, path.choices))
    leans = {
        ending.id: sum(totals[ending.id]) / len(totals[ending.id])
        for ending in scenario.endings if ending.id in totals
    }
    best = max(leans, key=leans.__getitem__) if leans else None  # first on a tie
    return best, leans


def report(workshop: Workshop) -> PolicyReport:
    """Play every scenario with every fixed policy."""
    found = []
    for scenario in workshop.scenarios.values():
        staff, leans = staff_leaning(scenario)
        found.append(ScenarioPolicies(
            scenario.id, staff, leans,
            {name: play(scenario, policy) for name, policy in POLICIES.items()},
        ))
    return PolicyReport(found)


def render(result: PolicyReport) -> str:
    """The report as plain text lines (ids only: they are safe to print)."""
    width = max(len(name) for name in POLICIES)
    lines = ["Fixed policies: the ending each reaches (* = the scenario's staff-leaning "
             "ending, whose paths carry the most staff-leaning signals)", ""]
    for item in result.scenarios:
        lines.append(f"{item.scenario}: staff-leaning ending '{item.staff_ending or '-'}'")
        for name, outcome in item.outcomes.items():
            where = outcome.scene if outcome.ending else (
                f"loops from '{outcome.scene}'" if outcome.looped
                else f"runs out of choices in '{outcome.scene}'")
            mark = " *" if item.wins(name) else ""
            lines.append(f"  {name:<{width}}  {where}{mark}")
    lines.append("")
    total = len(result.scenarios)
    wins = ", ".join(f"{name} {result.wins(name)}/{total}" for name in POLICIES)
    if result.dominant:
        verb = "reaches" if len(result.dominant) == 1 else "reach"
        lines.append(f"Warning: {', '.join(result.dominant)} {verb} the staff-leaning ending "
                     f"of every scenario ({wins}): a player who finds the pattern need not "
                     "weigh the choices.")
    else:
        lines.append(f"No single policy reaches the staff-leaning ending of every scenario "
                     f"({wins}).")
    return "\n".join(lines) + "\n"
