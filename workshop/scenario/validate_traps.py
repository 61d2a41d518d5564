"""Traps: groups of scenes a play can circle for ever once their once-only choices are used.

The W003 check that needs a whole group of scenes to see: :mod:`workshop.scenario.validate`
reports what :func:`find_traps` finds. Conditions on the ways out are weighed by trying the
values that tell them apart (:func:`_always_one`).
"""

from __future__ import annotations

import itertools
from collections import defaultdict, deque
from collections.abc import Callable, Iterator

from workshop.scenario import expressions
from workshop.scenario.expressions import Value
from workshop.scenario.model import Choice, Scene
from workshop.scenario.validate_graph import cycles, return_edges, top_level


def find_traps(
    scenes: dict[str, Scene], start: str, reached: set[str], stuck: set[str],
    variables: dict[str, Value],
) -> list[list[str]]:
    """Groups of scenes a play can circle forever once their once-only choices are used.

    Only sticky choices, returns and 'next' last for ever; a group of scenes they tie into a
    cycle is a trap unless something always leads out of it: a lasting choice with no
    condition, or a once-only choice with no condition whose target never comes back to the
    group (taking it is the only way to use it up). Fallbacks count only in a scene with no
    other lasting way on, since they are offered only when nothing else is. Conditions are not
    evaluated: a guarded way out is not counted, which errs towards warning.

    Returns:
        Each trap's scenes that play can reach, in the scenario's order.
    """
    finder = _TrapFinder(scenes, start, reached, stuck, variables)
    traps = []
    for group in cycles(list(scenes), finder.lasting):
        trapped = finder.trapped(group)
        if trapped:
            traps.append(trapped)
    return traps


class _TrapFinder:
    """What the trap search knows of one scenario: where every choice leads, and how the
    scenes fall into strongly connected components."""

    def __init__(
        self, scenes: dict[str, Scene], start: str, reached: set[str], stuck: set[str],
        variables: dict[str, Value],
    ) -> None:
        self.scenes = scenes
        self.reached = reached
        self.stuck = stuck
        self.variables = variables
        self.returns = return_edges(scenes)
        self.everywhere = {
            scene_id: [t for c in scene.choices for t in self.every_target(scene, c)]
            + ([scene.next] if scene.next in scenes else [])
            for scene_id, scene in scenes.items()
            if not scene.ending
        }
        # A choice from X to T can lead back to X's group only if T and X are strongly
        # connected (X already reaches T), so one pass of components answers every "does it
        # come back?".
        self.component: dict[str, int] = {}
        for number, scc in enumerate(cycles(list(self.everywhere), self._known_targets)):
            for scene_id in scc:
                self.component[scene_id] = number
        self.top_level = top_level(scenes, start)
        self.order = {scene_id: number for number, scene_id in enumerate(scenes)}

    def _known_targets(self, scene_id: str) -> list[str]:
        return [t for t in self.everywhere.get(scene_id, ()) if t in self.scenes]

    def every_target(self, scene: Scene, choice: Choice) -> list[str]:
        """Every scene a choice can lead to (a return: every continuation it may take)."""
        if choice.returns:
            return sorted(self.returns.get(scene.id, ()))
        # A detour's goto is reached only through a return, which has it among its targets.
        target = choice.detour or choice.goto
        return [target] if target in self.scenes else []

    def lasting(self, scene_id: str) -> list[str]:
        """Where a scene's lasting ways on ('next', sticky choices, returns) lead."""
        scene = self.scenes[scene_id]
        targets = [scene.next] if scene.next and scene.next in self.scenes else []
        for choice in scene.choices:
            if choice.lasts:
                targets += [t for t in self.every_target(scene, choice) if t in self.scenes]
        return targets

    def trapped(self, group: list[str]) -> list[str]:
        """The reachable scenes of a group of lasting moves that play cannot surely leave."""
        members = set(group)
        if not members & self.reached or members & self.stuck:
            return []
        if any(self.scenes[s].ending for s in members):
            return []
        home = self.component.get(group[0], -1)
        comes_back = set(members) | {
            t for s in group for t in self.everywhere.get(s, ())
            if self.component.get(t, -2) == home
        }
        # Returns are offered only inside a detour: no way out where play arrives without one.
        returns_count = not members & self.top_level
        free = {s for s in group if _leads_out(
            self.scenes[s], members, comes_back, self.every_target, self.variables,
            returns_count)}
        self._spread_free(group, members, free)
        if len(free) == len(members):
            return []
        return sorted((s for s in group if s not in free and s in self.reached),
                      key=self.order.__getitem__)

    def _spread_free(self, group: list[str], members: set[str], free: set[str]) -> None:
        """Add to ``free`` each scene whose lasting choice with no condition leads to a free
        scene: circling at random, play takes it sooner or later."""
        leads_to: dict[str, list[str]] = defaultdict(list)
        for scene_id in group:
            for target in _sure_moves(self.scenes[scene_id], self.every_target):
                leads_to[target].append(scene_id)
        queue = deque(free)
        while queue:
            for scene_id in leads_to.get(queue.popleft(), ()):
                if scene_id in members and scene_id not in free:
                    free.add(scene_id)
                    queue.append(scene_id)


def _sure_moves(scene: Scene, every_target: Callable[[Scene, Choice], list[str]]) -> list[str]:
    """Where a scene's lasting choices with no condition lead (fallbacks only when nothing
    else lasts, as they are offered only when nothing else is)."""
    if scene.next:
        return [scene.next]
    lasting = [c for c in scene.choices if c.lasts and c.show_if is None and c.requires is None]
    firm = [c for c in lasting if not c.fallback]
    if not firm and any(c.lasts and not c.fallback for c in scene.choices):
        return []
    return [t for c in (firm or lasting) for t in every_target(scene, c)]


def _leads_out(
    scene: Scene, members: set[str], comes_back: set[str],
    every_target: Callable[[Scene, Choice], list[str]], variables: dict[str, Value],
    returns_count: bool,
) -> bool:
    """Whether a scene always keeps a way out of its group of scenes.

    A way out behind a condition counts when the conditions of the guarded ways out between
    them always leave one open (``drive == "x"`` on one, ``drive != "x"`` on another).
    """
    lasting_on = bool(scene.next) or any(c.lasts and not c.fallback for c in scene.choices)
    guarded: list[list[expressions.Node]] = []
    for choice in scene.choices:
        if choice.fallback and lasting_on:
            continue
        targets = every_target(scene, choice)
        # A return's targets are the continuations of the detours that reach this scene.
        leaves = (choice.lasts and any(t not in members for t in targets)) or (
            not choice.lasts and bool(targets) and not any(t in comes_back for t in targets)
        )
        if not leaves:
            continue
        if choice.returns and not returns_count:
            continue
        conditions = [c.node for c in (choice.show_if, choice.requires) if c is not None]
        if not conditions:
            return True
        guarded.append(conditions)
    return bool(guarded) and _always_one(guarded, variables)


def _always_one(options: list[list[expressions.Node]], variables: dict[str, Value]) -> bool:
    """Whether, whatever the variables and visit counts, one option's conditions all hold.

    Tries every combination of telling values (the constants the conditions use, either side
    of them, and the initial values); when there are too many, or the conditions do not
    type-check, it cannot tell and answers True so that no warning is given.
    """
    numbers, strings, names, scenes = _telling_values(options)
    domains = _variable_domains(names, variables, numbers, strings)
    if domains is None:
        return True
    visit_counts = sorted({int(n) for n in numbers if n >= 0})
    domains += [list(visit_counts) for _ in scenes]
    size = 1
    for domain in domains:
        size *= len(domain)
    if size > 4096:
        return True
    ordered_names, ordered_scenes = sorted(names), sorted(scenes)
    try:
        for combo in itertools.product(*domains):
            values = dict(zip(ordered_names, combo[: len(names)], strict=True))
            visits = dict(zip(ordered_scenes, combo[len(names):], strict=True))
            if not any(
                all(expressions.evaluate(node, values, visits) for node in nodes)  # type: ignore[arg-type]
                for nodes in options
            ):
                return False
    except (TypeError, KeyError, AssertionError):
        return True
    return True


def _telling_values(
    options: list[list[expressions.Node]],
) -> tuple[set[float], set[str], set[str], set[str]]:
    """The numbers and strings worth trying (the constants used, numbers either side of
    them), and the variable and scene names the conditions read."""
    numbers: set[float] = {0, 1}
    strings: set[str] = {"\x00other"}
    names: set[str] = set()
    scenes: set[str] = set()
    for leaf in (leaf for nodes in options for node in nodes for leaf in _leaves(node)):
        if isinstance(leaf, expressions.Literal) and isinstance(leaf.value, str):
            strings.add(leaf.value)
        elif isinstance(leaf, expressions.Literal) and not isinstance(leaf.value, bool):
            number = float(leaf.value)
            numbers.update(number + d for d in (-1, -0.5, 0, 0.5, 1))
        elif isinstance(leaf, expressions.Var):
            names.add(leaf.name)
        elif isinstance(leaf, expressions.Visits):
            scenes.add(leaf.scene)
    return numbers, strings, names, scenes


def _variable_domains(
    names: set[str], variables: dict[str, Value], numbers: set[float], strings: set[str],
) -> list[list[Value]] | None:
    """The values to try for each variable read, by name; None if one is not declared."""
    domains: list[list[Value]] = []
    for name in sorted(names):
        if name not in variables:
            return None
        initial = variables[name]
        if isinstance(initial, bool):
            domains.append([False, True])
        elif isinstance(initial, str):
            domains.append(sorted(strings | {initial}))
        else:
            domains.append(sorted(numbers | {initial}))
    return domains


def _leaves(node: expressions.Node) -> Iterator[expressions.Node]:
    """The literals, variables and visit counts in an expression."""
    if isinstance(node, expressions.Not):
        yield from _leaves(node.operand)
    elif isinstance(node, expressions.BoolOp):
        for operand in node.operands:
            yield from _leaves(operand)
    elif isinstance(node, expressions.Compare):
        yield from _leaves(node.left)
        yield from _leaves(node.right)
    else:
        yield node
