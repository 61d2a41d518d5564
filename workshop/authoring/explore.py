"""Play scenarios headlessly and report coverage (ChoiceScript's quicktest and randomtest).

Two ways to play, both through :class:`workshop.engine.Run`, so what is reported is what a
player can really do:

- **exhaustive**: a breadth-first search over every distinct play state. A state is what
  decides the choices offered from here on: the scene, the variables conditions read, the visit
  counts conditions read (capped where higher counts cannot change an answer), the once-only
  choices used, and the detour stack. Equal states are explored once, so a scenario with
  loops still finishes. If the number of states passes ``max_states`` the search stops and
- **random**: ``runs`` seeded random playthroughs take over, each capped at ``max_steps``
  choices; the same seed always plays the same paths.

Prompts (text and ratings) never block a run: only choices move it.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from workshop.authoring import graph
from workshop.engine import Run
from workshop.scenario import expressions
from workshop.scenario.expressions import Value
from workshop.scenario.model import Condition, Scenario, Workshop

Mode = Literal["exhaustive", "random"]

MAX_STATES = 20_000
"""Default cap on distinct states before the exhaustive search gives up."""
RUNS = 200
"""Default number of random playthroughs."""
MAX_STEPS = 500
"""Least cap on choices in one random playthrough (more is taken to be a loop); the
default cap grows to ten choices per scene for long scenarios."""

StateKey = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Playthrough:
    """One path: the choice ids taken from the start, and where it stopped."""

    choices: tuple[str, ...]
    scene: str
    """The scene it stopped in."""

    @property
    def scenes(self) -> int:
        """Its length in scenes entered, the start included."""
        return len(self.choices) + 1

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {"scenes": self.scenes, "end": self.scene, "choices": list(self.choices)}


@dataclass
class Finding:
    """Runs that stopped badly in one scene: how many, and the shortest example."""

    scene: str
    count: int
    example: Playthrough

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {"scene": self.scene, "count": self.count, "example": list(self.example.choices)}


@dataclass
class ScenarioReport:
    """What exploring one scenario found."""

    scenario: str
    title: str
    mode: Mode
    scenes: list[str]
    """Every scene id, in file order."""
    endings: list[str]
    reached: set[str] = field(default_factory=set)
    taken: set[tuple[str, str]] = field(default_factory=set)
    """(scene, choice id) pairs taken at least once."""
    runs: int = 0
    """Random playthroughs played, or distinct finishing states found (exhaustive)."""
    states: int = 0
    """Distinct states visited (exhaustive search, including one that gave up)."""
    gave_up: bool = False
    """The exhaustive search passed its cap and random play took over."""
    shortest: Playthrough | None = None
    longest: Playthrough | None = None
    can_loop: bool = False
    """Some play can go round a loop (longest is then the longest path that does not)."""
    exhausted: list[Finding] = field(default_factory=list)
    """Runs that stopped in a scene that is not an ending, with nothing left to choose."""
    looping: list[Finding] = field(default_factory=list)
    """Runs that hit the step cap, or states from which no end can be reached."""
    choice_ids: list[tuple[str, str]] = field(default_factory=list)
    """Every (scene, choice id) in the scenario, in file order."""

    @property
    def unreached_scenes(self) -> list[str]:
        """Scenes no run entered."""
        return [s for s in self.scenes if s not in self.reached]

    @property
    def unreached_endings(self) -> list[str]:
        """Endings no run reached."""
        return [s for s in self.endings if s not in self.reached]

    @property
    def never_taken(self) -> list[str]:
        """``scene:choice`` for choices in reached scenes that no run took."""
        return [
            f"{scene}:{choice}"
            for scene, choice in self.choice_ids
            if scene in self.reached and (scene, choice) not in self.taken
        ]

    @property
    def problems(self) -> int:
        """What ``--strict`` fails on: unreached scenes, stuck runs and loops."""
        return len(self.unreached_scenes) + len(self.exhausted) + len(self.looping)

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        return {
            "scenario": self.scenario,
            "mode": self.mode,
            "gave_up": self.gave_up,
            "states": self.states,
            "runs": self.runs,
            "scenes": {"reached": len(self.reached & set(self.scenes)),
                       "total": len(self.scenes), "unreached": self.unreached_scenes},
            "endings": {"reached": len(self.endings) - len(self.unreached_endings),
                        "total": len(self.endings), "unreached": self.unreached_endings},
            "choices_never_taken": self.never_taken,
            "shortest": self.shortest.to_json() if self.shortest else None,
            "longest": self.longest.to_json() if self.longest else None,
            "can_loop": self.can_loop,
            "exhausted": [f.to_json() for f in self.exhausted],
            "looping": [f.to_json() for f in self.looping],
        }


@dataclass
class Report:
    """Every scenario's report, in the workshop's order."""

    scenarios: list[ScenarioReport]

    @property
    def problems(self) -> int:
        """Sum of the scenarios' problems (what ``--strict`` fails on)."""
        return sum(r.problems for r in self.scenarios)

    def totals(self) -> dict[str, int]:
        """Counts over all scenarios."""
        rs = self.scenarios
        return {
            "scenarios": len(rs),
            "scenes": sum(len(r.scenes) for r in rs),
            "scenes_reached": sum(len(r.scenes) - len(r.unreached_scenes) for r in rs),
            "endings": sum(len(r.endings) for r in rs),
            "endings_reached": sum(len(r.endings) - len(r.unreached_endings) for r in rs),
            "choices_never_taken": sum(len(r.never_taken) for r in rs),
            "exhausted": sum(f.count for r in rs for f in r.exhausted),
            "looping": sum(f.count for r in rs for f in r.looping),
        }

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        return {"scenarios": [r.to_json() for r in self.scenarios], "totals": self.totals()}


def explore_workshop(
    workshop: Workshop,
    *,
    runs: int | None = None,
    seed: int = 0,
    max_states: int = MAX_STATES,
    max_steps: int | None = None,
    carried: Mapping[str, Value] | None = None,
) -> Report:
    """Explore every scenario: exhaustively, or by ``runs`` random plays when given.

    ``carried``: workshop-level variables' values to start every scenario from, as if an
    earlier scenario had set them (the declared values when None or for names left out).
    """
    return Report([
        explore(s, runs=runs, seed=seed, max_states=max_states, max_steps=max_steps,
                carried=carried)
        for s in workshop.scenarios.values()
    ])


def explore(
    scenario: Scenario,
    *,
    runs: int | None = None,
    seed: int = 0,
    max_states: int = MAX_STATES,
    max_steps: int | None = None,
    carried: Mapping[str, Value] | None = None,
) -> ScenarioReport:
    """Explore one scenario.

    Args:
        scenario: A validated scenario.
        runs: Random playthroughs to play instead of the exhaustive search (None: search,
            and play :data:`RUNS` random ones only if the search passes ``max_states``).
        seed: Seed of the random plays; the same seed gives the same report.
        max_states: Distinct states the exhaustive search may visit.
        max_steps: Choices one random playthrough may take before it counts as a loop
            (None: :data:`MAX_STEPS`, or ten per scene when that is more).
        carried: Workshop-level variables' starting values (None: the declared ones).
    """
    report = ScenarioReport(
        scenario=scenario.id,
        title=scenario.title,
        mode="exhaustive" if runs is None else "random",
        scenes=list(scenario.scenes),
        endings=[s.id for s in scenario.endings],
        choice_ids=[(s.id, c.id) for s in scenario.scenes.values() for c in s.choices],
    )
    if runs is None:
        if _search(scenario, report, max_states, carried):
            return report
        report.gave_up = True
        report.mode = "random"
        report.reached.clear()
        report.taken.clear()
        report.exhausted.clear()
        report.looping.clear()
        runs = RUNS
    if max_steps is None:
        max_steps = max(MAX_STEPS, 10 * len(scenario.scenes))
    _play_random(scenario, report, runs, seed, max_steps, carried)
    return report


class _Keyer:
    """Turns a run into the key of its state: only what can change the choices from here."""

    def __init__(self, scenario: Scenario) -> None:
        conditions = [
            condition
            for scene in scenario.scenes.values()
            for choice in scene.choices
            for condition in (choice.show_if, choice.requires)
            if condition is not None
        ]
        self.variables = sorted({n for c in conditions for n in expressions.names(c.node)})
        self.visits = sorted({n for c in conditions for n in _visited(c.node)})
        self.visit_cap = _visit_cap(conditions)
        self.revisitable = graph.revisitable(scenario)
        """Scenes that can be entered twice; only their used-up choices matter later."""

    def key(self, run: Run) -> StateKey:
        cap = self.visit_cap
        visits = tuple(
            min(run.visits.get(s, 0), cap) if cap is not None else run.visits.get(s, 0)
            for s in self.visits
        )
        return (
            run.scene_id,
            tuple(run.variables.get(name) for name in self.variables),
            visits,
            frozenset(t for t in run.taken if t[0] in self.revisitable),
            tuple(run.stack),
            tuple(run.homes),
        )


def _visited(node: expressions.Node) -> set[str]:
    if isinstance(node, expressions.Visits):
        return {node.scene}
    if isinstance(node, expressions.Not):
        return _visited(node.operand)
    if isinstance(node, expressions.BoolOp):
        return set().union(*(_visited(o) for o in node.operands))
    if isinstance(node, expressions.Compare):
        return _visited(node.left) | _visited(node.right)
    return set()


def _visit_cap(conditions: list[Condition]) -> int | None:
    """A visit count above which no condition can tell counts apart, if there is one.

    When every comparison with ``visits(...)`` is against a number literal, counts above the
    largest such number all answer the same; comparing with a variable leaves no safe cap.
    """
    numbers: list[float] = [0]
    stack: list[expressions.Node] = [c.node for c in conditions]
    while stack:
        node = stack.pop()
        if isinstance(node, expressions.Not):
            stack.append(node.operand)
        elif isinstance(node, expressions.BoolOp):
            stack.extend(node.operands)
        elif isinstance(node, expressions.Compare):
            sides = (node.left, node.right)
            if any(isinstance(s, expressions.Visits) for s in sides):
                for side in sides:
                    if isinstance(side, expressions.Literal):
                        if isinstance(side.value, bool) or not isinstance(
                            side.value, int | float
                        ):
                            return None
                        numbers.append(side.value)
                    elif not isinstance(side, expressions.Visits):
                        return None
    return int(max(numbers)) + 1


def _clone(run: Run) -> Run:
    # The path and answers are not part of the state; parents rebuild the path on demand.
    return Run(run.scenario, run.scene_id, dict(run.variables), dict(run.visits),
               set(run.taken), list(run.stack), homes=list(run.homes))


def playthroughs(
    scenario: Scenario, *, max_paths: int = MAX_STATES, runs: int = RUNS, seed: int = 0,
    max_steps: int | None = None,
) -> list[Playthrough]:
    """Every distinct path through a scenario (each sequence of choices from the start to
    where play stops), read off the graph of play states the search over every path builds;
    or, when that search passes its cap, some play can loop, or there are more than
    ``max_paths`` paths, the ``runs`` seeded random playthroughs explore would play instead
    (runs that hit the step cap are left out: they never finish). What
    :mod:`workshop.authoring.timing` averages over."""
    report = ScenarioReport(scenario.id, scenario.title, "exhaustive", [], [])
    graph: dict[str, Any] = {}
    if _search(scenario, report, MAX_STATES, graph=graph):
        found = _every_path(graph["start"], graph["children"], max_paths)
        if found is not None:
            return found
    if max_steps is None:
        max_steps = max(MAX_STEPS, 10 * len(scenario.scenes))
    randoms: list[Playthrough] = []
    _play_random(scenario, report, runs, seed, max_steps, found=randoms)
    return randoms


def _every_path(
    start: StateKey, children: dict[StateKey, list[tuple[str, StateKey]]], max_paths: int
) -> list[Playthrough] | None:
    """Every path from ``start`` to a finishing state, in choice order; None when a loop
    makes them endless or there are more than ``max_paths`` (counted first, in linear time,
    so a graph with millions of paths is not walked)."""
    count: dict[StateKey, int] = {}
    on_path: set[StateKey] = set()
    stack: list[tuple[StateKey, int]] = [(start, 0)]
    on_path.add(start)
    while stack:
        key, index = stack[-1]
        kids = children.get(key, [])
        if index < len(kids):
            stack[-1] = (key, index + 1)
            kid = kids[index][1]
            if kid in on_path:
                return None  # a loop: paths without end
            if kid not in count:
                on_path.add(kid)
                stack.append((kid, 0))
            continue
        stack.pop()
        on_path.discard(key)
        count[key] = min(max_paths + 1, sum(count[k] for _, k in kids) if kids else 1)
    if count[start] > max_paths:
        return None
    found: list[Playthrough] = []
    walk: list[tuple[StateKey, tuple[str, ...]]] = [(start, ())]
    while walk:
        key, choices = walk.pop()
        kids = children.get(key, [])
        if not kids:
            found.append(Playthrough(choices, str(key[0])))
        for choice_id, kid in reversed(kids):
            walk.append((kid, (*choices, choice_id)))
    return found


def _search(
    scenario: Scenario, report: ScenarioReport, max_states: int,
    carried: Mapping[str, Value] | None = None, graph: dict[str, Any] | None = None,
) -> bool:
    """Breadth-first search over every state; False when it passed ``max_states``.

    ``carried``: workshop-level variables' starting values (None: as declared). ``graph``,
    when given, receives the start state (``start``) and every state's
    ``children``: (choice id, state) pairs.
    """
    keyer = _Keyer(scenario)
    start = Run.start(scenario, carried)
    start_key = keyer.key(start)
    runs = {start_key: start}
    parent: dict[StateKey, tuple[StateKey, str] | None] = {start_key: None}
    children: dict[StateKey, list[tuple[str, StateKey]]] = {}
    terminals: list[StateKey] = []
    queue = deque([start_key])
    report.reached.add(start.scene_id)
    while queue:
        key = queue.popleft()
        run = runs.pop(key)  # a state's run is needed only until it is expanded
        enabled = [view.id for view in run.choices() if view.enabled]
        if run.ended or not enabled:
            terminals.append(key)
            children[key] = []
            continue
        kids: list[tuple[str, StateKey]] = []
        children[key] = kids
        for choice_id in enabled:
            child = _clone(run)
            child.choose(choice_id)
            report.taken.add((run.scene_id, choice_id))
            report.reached.add(child.scene_id)
            child_key = keyer.key(child)
            kids.append((choice_id, child_key))
            if child_key in parent:
                continue
            if len(parent) >= max_states:
                report.states = len(parent)
                return False
            parent[child_key] = (key, choice_id)
            runs[child_key] = child
            queue.append(child_key)
    report.states = len(parent)

    def path(key: StateKey) -> Playthrough:
        choices: list[str] = []
        scene = key[0]
        link = parent[key]
        while link is not None:
            key, choice_id = link
            choices.append(choice_id)
            link = parent[key]
        return Playthrough(tuple(reversed(choices)), scene)

    # BFS order: the first terminal is a shortest path, and examples are the shortest ones.
    report.runs = len(terminals)
    if graph is not None:
        graph.update(start=start_key, children=children)
    if terminals:
        report.shortest = path(terminals[0])
    exhausted: dict[str, list[StateKey]] = {}
    for key in terminals:
        if not scenario.scenes[key[0]].ending:
            exhausted.setdefault(key[0], []).append(key)
    report.exhausted = [Finding(s, len(ks), path(ks[0])) for s, ks in exhausted.items()]
    trapped = _trapped(parent, children, terminals)
    by_scene: dict[str, list[StateKey]] = {}
    for key in trapped:
        by_scene.setdefault(key[0], []).append(key)
    report.looping = [Finding(s, len(ks), path(ks[0])) for s, ks in by_scene.items()]
    longest, can_loop = _longest(start_key, children)
    report.can_loop = can_loop
    if longest:
        report.longest = Playthrough(tuple(longest[1:]), longest[0])
    return True


def _trapped(
    order: dict[StateKey, Any], children: dict[StateKey, list[tuple[str, StateKey]]],
    terminals: list[StateKey],
) -> list[StateKey]:
    """States (in BFS order) from which no terminal state can be reached: endless loops."""
    into: dict[StateKey, list[StateKey]] = {}
    for key, kids in children.items():
        for _, kid in kids:
            into.setdefault(kid, []).append(key)
    good = set(terminals)
    queue = deque(terminals)
    while queue:
        for source in into.get(queue.popleft(), []):
            if source not in good:
                good.add(source)
                queue.append(source)
    return [key for key in order if key not in good]


def _longest(
    start: StateKey, children: dict[StateKey, list[tuple[str, StateKey]]]
) -> tuple[list[str], bool]:
    """The longest path to a terminal state that goes round no loop, and whether loops exist.

    Depth-first, ignoring edges back to a state on the current path (they close a loop), so
    the result is a real playthrough. Returns ``[end scene, choice ids...]``, or ``[]``.
    """
    best: dict[StateKey, tuple[int, tuple[str, StateKey] | None]] = {}
    on_path: set[StateKey] = set()
    can_loop = False
    stack: list[tuple[StateKey, int]] = [(start, 0)]
    on_path.add(start)
    while stack:
        key, index = stack[-1]
        kids = children.get(key, [])
        if index < len(kids):
            stack[-1] = (key, index + 1)
            kid = kids[index][1]
            if kid in on_path:
                can_loop = True
            elif kid not in best:
                on_path.add(kid)
                stack.append((kid, 0))
            continue
        stack.pop()
        on_path.discard(key)
        if not kids:
            best[key] = (1, None)
            continue
        length, pick = -1, None
        for edge in kids:
            kid = edge[1]
            if kid in best and best[kid][0] > 0 and best[kid][0] + 1 > length:
                length, pick = best[kid][0] + 1, edge
        best[key] = (length, pick)
    if best.get(start, (-1, None))[0] <= 0:
        return [], can_loop
    # Walk the picks from the start, naming the choice that leads to each next state.
    choices: list[str] = []
    key = start
    while True:
        pick = best[key][1]
        if pick is None:
            break
        choices.append(pick[0])
        key = pick[1]
    return [str(key[0]), *choices], can_loop


def _play_random(
    scenario: Scenario, report: ScenarioReport, runs: int, seed: int, max_steps: int,
    carried: Mapping[str, Value] | None = None,
    found: list[Playthrough] | None = None,
) -> None:
    """Play ``runs`` random playthroughs; the scenario id is mixed into the seed so that each
    scenario's plays do not depend on which scenarios come before it."""
    rng = random.Random(f"{seed}:{scenario.id}")
    exhausted: dict[str, Finding] = {}
    looping: dict[str, Finding] = {}
    report.runs = runs
    for _ in range(runs):
        run = Run.start(scenario, carried)
        report.reached.add(run.scene_id)
        capped = False
        while not run.ended:
            enabled = [view.id for view in run.choices() if view.enabled]
            if not enabled:
                break
            if len(run.path) >= max_steps:
                capped = True
                break
            from_scene = run.scene_id
            choice_id = rng.choice(enabled)
            run.choose(choice_id)
            report.taken.add((from_scene, choice_id))
            report.reached.add(run.scene_id)
        play = Playthrough(tuple(choice for _, choice in run.path), run.scene_id)
        if capped:
            _note(looping, play)
            continue
        if found is not None:
            found.append(play)
        if not run.ended:
            _note(exhausted, play)
        if report.shortest is None or play.scenes < report.shortest.scenes:
            report.shortest = play
        if report.longest is None or play.scenes > report.longest.scenes:
            report.longest = play
    report.exhausted = list(exhausted.values())
    report.looping = list(looping.values())
    report.can_loop = bool(looping)


def _note(findings: dict[str, Finding], play: Playthrough) -> None:
    found = findings.get(play.scene)
    if found is None:
        findings[play.scene] = Finding(play.scene, 1, play)
        return
    found.count += 1
    if play.scenes < found.example.scenes:
        found.example = play


def starting_values(workshop: Workshop, assignments: list[str]) -> dict[str, Value]:
    """Parse ``NAME=VALUE`` assignments of workshop-level variables (``explore --set``).

    Each value is read as the declared value's type: ``true``/``false``, a number, or text.

    Raises:
        UsageError: not NAME=VALUE, a name the workshop does not declare, or a value that
            does not fit the variable's type.
    """
    import difflib

    from workshop.errors import UsageError

    values: dict[str, Value] = {}
    for assignment in assignments:
        name, equals, text = assignment.partition("=")
        name = name.strip()
        if not equals or not name:
            raise UsageError(f"--set '{assignment}' is not NAME=VALUE",
                             hint="for example --set goodwill=2")
        if name not in workshop.variables:
            close = difflib.get_close_matches(name, sorted(workshop.variables), n=1)
            known = ", ".join(sorted(workshop.variables)) or "none"
            raise UsageError(f"--set names '{name}', which is not a workshop variable",
                             hint=f"did you mean '{close[0]}'?" if close
                             else f"workshop variables: {known}")
        values[name] = _typed_value(name, text.strip(), workshop.variables[name])
    return values


def _typed_value(name: str, text: str, declared: Value) -> Value:
    from workshop.errors import UsageError

    kind = expressions.type_name(declared)
    if isinstance(declared, bool):
        if text in ("true", "false"):
            return text == "true"
    elif isinstance(declared, int | float):
        try:
            return float(text) if "." in text else int(text)
        except ValueError:
            pass
    else:
        return text
    raise UsageError(f"--set {name}={text}: '{name}' is a {kind}",
                     hint="write true or false" if kind == "boolean" else "write a number")
