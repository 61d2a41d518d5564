"""Semantic checks over a loaded workshop: targets, reachability, loops, variables, axes.

The loader has already checked keys and types; here every scenario is checked as a graph and
every expression against the declared variables. Graph checks are linear in the number of
scenes and choices, so a 10,000-scene workshop validates in a fraction of a second.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict, deque
from collections.abc import Callable, Iterator

from workshop.scenario import expressions
from workshop.scenario.diagnostics import Sink, report_expression
from workshop.scenario.expressions import Value
from workshop.scenario.model import Choice, Condition, Scenario, Scene, Workshop
from workshop.scenario.source import KeyPath, SourceFile

_INTERPOLATION = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def interpolation_names(text: str) -> Iterator[str]:
    """The variable names a text interpolates with ``{name}`` (``{{`` is a literal brace)."""
    for match in _INTERPOLATION.finditer(text):
        if match.group(1) is not None:
            yield match.group(1).strip()


def scene_edges(scene: Scene) -> Iterator[tuple[Choice | None, str]]:
    """Every (choice, target scene) a scene can move to; ``next`` gives (None, target)."""
    if scene.next:
        yield None, scene.next
    for choice in scene.choices:
        if choice.detour:
            yield choice, choice.detour
        if choice.goto:
            yield choice, choice.goto


def validate_workshop(workshop: Workshop, sink: Sink) -> None:
    """Run every semantic check, adding diagnostics to ``sink``."""
    axes = {axis.id for axis in workshop.axes}
    spoken: set[str] = set()
    asks: dict[str, str] = {}
    for scenario in workshop.scenarios.values():
        _Checker(scenario, sink, None if workshop.loose else axes, spoken).run()
        for scene in scenario.scenes.values():
            if scene.ask is None:
                continue
            if scene.ask.id in asks:
                sink.add(
                    "E005",
                    f"prompt id '{scene.ask.id}' is also used in scenario "
                    f"'{asks[scene.ask.id]}'",
                    scenario.source, ("scenes", scene.id, "ask", "id"),
                    hint="prompt ids must be unique across the workshop",
                )
            asks.setdefault(scene.ask.id, scenario.id)
    if workshop.loose:
        return
    manifest = workshop.source
    for index, track in enumerate(workshop.tracks):
        for position, name in enumerate(track.scenarios):
            if name not in workshop.scenarios:
                sink.add(
                    "E019", f"track '{track.id}' names scenario '{name}', which the workshop "
                    "does not list", manifest, ("tracks", index, "scenarios", position),
                )
    seen_tracks: set[str] = set()
    for index, track in enumerate(workshop.tracks):
        if track.id in seen_tracks:
            sink.add("E005", f"track id '{track.id}' is used twice", manifest,
                     ("tracks", index, "id"))
        seen_tracks.add(track.id)
    seen_axes: set[str] = set()
    for index, axis in enumerate(workshop.axes):
        if axis.id in seen_axes:
            sink.add("E005", f"axis id '{axis.id}' is used twice", manifest,
                     ("axes", index, "id"))
        seen_axes.add(axis.id)
        if axis.id not in spoken and workshop.scenarios:
            sink.add(
                "W006", f"no choice or rating speaks to axis '{axis.id}'", manifest,
                ("axes", index), hint="add signals to some choices, or remove the axis",
            )


class _Checker:
    """All checks for one scenario."""

    def __init__(
        self, scenario: Scenario, sink: Sink, axes: set[str] | None, spoken: set[str]
    ) -> None:
        self.scenario = scenario
        self.sink = sink
        self.source: SourceFile | None = scenario.source
        self.axes = axes
        self.spoken = spoken
        self.types = {
            name: expressions.type_name(value) for name, value in scenario.variables.items()
        }
        self.read: set[str] = set()
        self.changed: set[str] = set()
        self.broken_scenes = {
            d.keypath[1] for d in sink.items
            if d.source is self.source and d.severity == "error" and len(d.keypath) >= 2
            and d.keypath[0] == "scenes"
        }

    def add(self, code: str, message: str, path: KeyPath, hint: str = "") -> None:
        self.sink.add(code, message, self.source, path, hint=hint)

    def run(self) -> None:
        scenario = self.scenario
        if scenario.start not in scenario.scenes:
            self.add(
                "E006", f"start scene '{scenario.start}' does not exist", ("start",),
                hint=self._suggest(scenario.start),
            )
        for scene in scenario.scenes.values():
            self.check_scene(scene)
        self.check_graph()
        # A condition that does not parse may read any variable: say nothing of unused ones
        # until it is fixed, rather than warn about a variable the author did use.
        if any(d.code == "E012" and d.source is self.source for d in self.sink.items):
            return
        for name in scenario.variables:
            if name not in self.read:
                self.add(
                    "W005", f"variable '{name}' is declared but never read",
                    ("variables", name), hint="use it in a condition or text, or remove it",
                )

    def _suggest(self, name: str) -> str:
        import difflib

        close = difflib.get_close_matches(name, list(self.scenario.scenes), n=1, cutoff=0.6)
        return f"did you mean '{close[0]}'?" if close else ""

    def check_text(self, text: str, path: KeyPath) -> None:
        for name in interpolation_names(text):
            if name in self.types:
                self.read.add(name)
            else:
                self.add(
                    "E010", f"text interpolates undefined variable '{{{name}}}'", path,
                    hint="declare it under [variables], or write {{ for a literal brace",
                )

    def check_condition(self, condition: Condition | None, path: KeyPath) -> None:
        if condition is None:
            return
        try:
            kind = expressions.check(condition.node, self.types, self.scenario.scenes)
            if kind != "boolean":
                # 'if = "trust"' would otherwise test a number for truth; say what to write.
                raise expressions.ExpressionError(
                    f"a condition must be true or false, not a {kind}", condition.node.column
                )
        except expressions.ExpressionError as error:
            code = "E010" if error.message.startswith("undefined") else "E011"
            if "unknown scene" in error.message:
                code = "E006"
            if self.source is not None:
                report_expression(self.sink, self.source, path, condition.source, error, code)
            # Still count what it reads, so W005 does not pile onto the real problem.
            self.read |= expressions.names(condition.node) & set(self.types)
            return
        self.read |= expressions.names(condition.node)

    def check_scene(self, scene: Scene) -> None:
        base: KeyPath = ("scenes", scene.id)
        self.check_text(scene.text, (*base, "text"))
        for index, part in enumerate(scene.parts):
            self.check_text(part.text, (*base, "parts", index, "text"))
            self.check_condition(part.show_if, (*base, "parts", index, "if"))
        if scene.next and scene.next not in self.scenario.scenes:
            self.add("E006", f"scene '{scene.id}' continues to unknown scene '{scene.next}'",
                     (*base, "next"), hint=self._suggest(scene.next))
        if scene.ending and (scene.choices or scene.next):
            self.add("W004", f"ending '{scene.id}' has choices; they are never offered", base,
                     hint="remove them, or set ending = false")
        # A scene whose keys already failed to load (a misspelt 'ending', a broken choice)
        # is not also called a dead end: the first error is the one to fix.
        if not scene.ending and not scene.choices and not scene.next \
                and scene.id not in self.broken_scenes:
            self.add(
                "E008", f"scene '{scene.id}' is not an ending and offers no choice", base,
                hint="add a choice, a 'next', or ending = true",
            )
        if scene.ask is not None:
            for axis, _weight in scene.ask.signals.items():
                self.check_axis(axis, (*base, "ask", "signals", axis))
            if scene.ask.signals and scene.ask.kind != "rating":
                self.add("E018", f"only ratings carry signals (scene '{scene.id}')",
                         (*base, "ask", "signals"))
        for index, choice in enumerate(scene.choices):
            self.check_choice(scene, choice, (*base, "choices", index))

    def check_axis(self, axis: str, path: KeyPath) -> None:
        self.spoken.add(axis)
        if self.axes is not None and axis not in self.axes:
            known = ", ".join(sorted(self.axes)) or "none declared"
            self.add("E013", f"signal names undeclared axis '{axis}'", path,
                     hint=f"known axes: {known}")

    def check_choice(self, scene: Scene, choice: Choice, path: KeyPath) -> None:
        for key in ("goto", "detour"):
            target = getattr(choice, key)
            if target and target not in self.scenario.scenes:
                self.add(
                    "E006", f"choice '{choice.id}' in scene '{scene.id}' points to unknown "
                    f"scene '{target}'", (*path, key), hint=self._suggest(target),
                )
        self.check_text(choice.label, (*path, "label"))
        self.check_text(choice.consequence, (*path, "consequence"))
        self.check_condition(choice.show_if, (*path, "if"))
        self.check_condition(choice.requires, (*path, "requires"))
        for name, value in choice.set.items():
            if name not in self.types:
                self.add("E010", f"choice '{choice.id}' sets undefined variable '{name}'",
                         (*path, "set", name), hint="declare it under [variables]")
            elif expressions.type_name(value) != self.types[name]:
                self.add(
                    "E011", f"choice '{choice.id}' sets {self.types[name]} variable '{name}' "
                    f"to a {expressions.type_name(value)}", (*path, "set", name),
                )
            else:
                self.changed.add(name)
        for name in choice.add:
            if name not in self.types:
                self.add("E010", f"choice '{choice.id}' adds to undefined variable '{name}'",
                         (*path, "add", name), hint="declare it under [variables]")
            elif self.types[name] != "number":
                self.add("E011", f"choice '{choice.id}' adds to {self.types[name]} variable "
                         f"'{name}'; only numbers can be added to", (*path, "add", name))
            else:
                self.changed.add(name)
        for axis in choice.signals:
            self.check_axis(axis, (*path, "signals", axis))

    def constant_false(self, condition: Condition | None) -> bool:
        """True when a condition reads only variables nothing changes, and is false."""
        if condition is None or expressions.uses_visits(condition.node):
            return False
        read = expressions.names(condition.node)
        if read & self.changed or not read <= set(self.types):
            return False
        try:
            expressions.check(condition.node, self.types)
        except expressions.ExpressionError:
            return False
        return not expressions.evaluate(condition.node, self.scenario.variables, {})

    def check_graph(self) -> None:
        scenario = self.scenario
        scenes = scenario.scenes
        for scene in scenes.values():
            for index, choice in enumerate(scene.choices):
                for key in ("if", "requires"):
                    cond = choice.show_if if key == "if" else choice.requires
                    if self.constant_false(cond):
                        assert cond is not None
                        self.add(
                            "W002", f"choice '{choice.id}' in scene '{scene.id}' can never be "
                            f"{'shown' if key == 'if' else 'enabled'}: '{cond.source}' is "
                            "false and nothing changes its variables",
                            ("scenes", scene.id, "choices", index, key),
                        )
        if scenario.start not in scenes:
            return
        # Reachability from the start (W001), and from detour starts (W007).
        reached = _reach(scenes, [scenario.start])
        for scene_id in scenes:
            if scene_id not in reached:
                self.add("W001", f"scene '{scene_id}' can never be reached from the start "
                         f"scene '{scenario.start}'", ("scenes", scene_id),
                         hint="link to it from another scene, or remove it")
        detour_starts = [
            c.detour for s in scenes.values() for c in s.choices if c.detour in scenes
        ]
        in_detour = _reach(scenes, [d for d in detour_starts if d])
        for scene in scenes.values():
            for index, choice in enumerate(scene.choices):
                if choice.returns and scene.id not in in_detour and scene.id in reached:
                    self.add(
                        "W007", f"choice '{choice.id}' returns, but no detour reaches scene "
                        f"'{scene.id}'", ("scenes", scene.id, "choices", index, "return"),
                        hint="reach this scene with detour = ... from another scene",
                    )
        finishing = _finishing(scenes)
        cyclic = _cyclic(scenes)
        stuck = [
            s for s in scenes if s in reached and s not in finishing and s in cyclic
        ]
        if stuck:
            names = ", ".join(f"'{s}'" for s in stuck[:8])
            more = f" and {len(stuck) - 8} more" if len(stuck) > 8 else ""
            self.add(
                "E009", f"loop with no way out: {names}{more} can never reach an ending",
                ("scenes", stuck[0]), hint="give one of these scenes a choice that leads out",
            )
        for scene_id in scenes:
            scene = scenes[scene_id]
            if scene_id not in cyclic or scene_id not in finishing:
                continue
            if scene.ending or scene.next or not scene.choices:
                continue
            if not any(c.lasts or c.fallback for c in scene.choices):
                self.add(
                    "W003", f"scene '{scene_id}' can be revisited, but all its choices are "
                    "once-only: it may run out of choices", ("scenes", scene_id),
                    hint="make a way out sticky = true, or add a fallback = true choice",
                )
        for trap in _traps(scenes, scenario.start, reached, set(stuck), scenario.variables):
            names = ", ".join(f"'{s}'" for s in trap[:8])
            more = f" and {len(trap) - 8} more" if len(trap) > 8 else ""
            self.add(
                "W003", f"a play can loop forever in {names}{more}: once the once-only "
                "choices there are used, the sticky ones only lead back",
                ("scenes", trap[0]),
                hint="give one of them a sticky way out with no condition, or make the "
                "looping choice once-only",
            )


OUT = "\x00out"
"""A return target standing for "somewhere outside": used when the detours are too
tangled to follow within the time allowed, so that returns count as ways out."""


def _return_edges(scenes: dict[str, Scene]) -> dict[str, set[str]]:
    """Where each scene's 'return' choices can lead: the continuation of every detour whose
    scenes (followed without returning) include it.

    Each detour scene's region is walked once; the walks share a budget proportional to the
    scenario's size, so a scenario whose many detours run into its whole main line stays
    linear. Past the budget, the remaining return scenes get :data:`OUT`.
    """
    edges: dict[str, set[str]] = defaultdict(set)
    budget = 4 * (len(scenes) + 1000)
    has_return = {s.id for s in scenes.values() if any(c.returns for c in s.choices)}
    # Many choices share a detour scene: find the return scenes once per detour scene.
    returning: dict[str, list[str] | None] = {}
    for scene in scenes.values():
        for choice in scene.choices:
            if not choice.detour or choice.detour not in scenes:
                continue
            if choice.detour not in returning:
                region: set[str] | None = None
                if budget > 0:
                    region = _reach_within(scenes, [choice.detour], budget)
                    budget -= len(region) if region is not None else budget
                returning[choice.detour] = None if region is None else [
                    inside for inside in region if inside in has_return
                ]
            found = returning[choice.detour]
            if found is None:
                break
            for inside in found:
                edges[inside].add(choice.goto or scene.id)
        else:
            continue
        # Out of budget: every return may lead anywhere.
        for scene_id in has_return:
            edges[scene_id].add(OUT)
        break
    return edges


def _top_level(scenes: dict[str, Scene], start: str) -> set[str]:
    """Scenes play can reach with no detour open (detours assumed to come back)."""
    seen = {start}
    queue = deque([start])
    while queue:
        scene = scenes.get(queue.popleft())
        if scene is None:
            continue
        targets: list[str | None] = [scene.next]
        targets += [c.goto or (scene.id if c.detour else None) for c in scene.choices]
        for target in targets:
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _traps(
    scenes: dict[str, Scene], start: str, reached: set[str], stuck: set[str],
    variables: dict[str, Value],
) -> list[list[str]]:
    """Groups of scenes a play can circle forever once their once-only choices are used.

    Only sticky choices, returns and 'next' last for ever; a group of scenes they tie into a
    cycle is a trap unless something always leads out of it: a lasting choice with no
    condition, or a
    once-only choice with no condition whose target never comes back to the group (taking it
    is the only way to use it up). Fallbacks count only in a scene with no other lasting way
    on, since they are offered only when nothing else is. Conditions are not evaluated: a
    guarded way out is not counted, which errs towards warning.
    """
    returns = _return_edges(scenes)

    def every_target(scene: Scene, choice: Choice) -> list[str]:
        if choice.returns:
            return sorted(returns.get(scene.id, ()))
        # A detour's goto is reached only through a return, which has it among its targets.
        target = choice.detour or choice.goto
        return [target] if target in scenes else []

    def lasting(scene_id: str) -> list[str]:
        scene = scenes[scene_id]
        targets = [scene.next] if scene.next and scene.next in scenes else []
        for choice in scene.choices:
            if choice.lasts:
                targets += [t for t in every_target(scene, choice) if t in scenes]
        return targets

    everywhere = {
        scene_id: [t for c in scene.choices for t in every_target(scene, c)]
        + ([scene.next] if scene.next in scenes else [])
        for scene_id, scene in scenes.items()
        if not scene.ending
    }
    # A choice from X to T can lead back to X's group only if T and X are strongly connected
    # (X already reaches T), so one pass of components answers every "does it come back?".
    component: dict[str, int] = {}
    for number, scc in enumerate(
        cycles(list(everywhere), lambda n: [t for t in everywhere.get(n, ()) if t in scenes])
    ):
        for scene_id in scc:
            component[scene_id] = number
    top_level = _top_level(scenes, start)
    order = {scene_id: number for number, scene_id in enumerate(scenes)}
    traps = []
    for group in cycles(list(scenes), lasting):
        members = set(group)
        if not members & reached or members & stuck:
            continue
        if any(scenes[s].ending for s in members):
            continue
        home = component.get(group[0], -1)
        comes_back = {t for t in members} | {
            t for s in group for t in everywhere.get(s, ()) if component.get(t, -2) == home
        }
        # Returns are offered only inside a detour: no way out where play arrives without one.
        returns_count = not members & top_level
        free = {s for s in group if _leads_out(
            scenes[s], members, comes_back, every_target, variables, returns_count)}
        # A scene is free too if a lasting choice with no condition leads to a free scene:
        # circling at random, play takes it sooner or later.
        leads_to: dict[str, list[str]] = defaultdict(list)
        for scene_id in group:
            for target in _sure_moves(scenes[scene_id], every_target):
                leads_to[target].append(scene_id)
        queue = deque(free)
        while queue:
            for scene_id in leads_to.get(queue.popleft(), ()):
                if scene_id in members and scene_id not in free:
                    free.add(scene_id)
                    queue.append(scene_id)
        if len(free) < len(members):
            trapped = sorted((s for s in group if s not in free and s in reached),
                             key=order.__getitem__)
            if trapped:
                traps.append(trapped)
    return traps


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
    numbers: set[float] = {0, 1}
    strings: set[str] = {"\x00other"}
    names: set[str] = set()
    scenes: set[str] = set()
    for nodes in options:
        for node in nodes:
            for leaf in _leaves(node):
                if isinstance(leaf, expressions.Literal) and isinstance(leaf.value, str):
                    strings.add(leaf.value)
                elif isinstance(leaf, expressions.Literal) and not isinstance(leaf.value, bool):
                    number = float(leaf.value)
                    numbers.update(number + d for d in (-1, -0.5, 0, 0.5, 1))
                elif isinstance(leaf, expressions.Var):
                    names.add(leaf.name)
                elif isinstance(leaf, expressions.Visits):
                    scenes.add(leaf.scene)
    domains: list[list[Value]] = []
    for name in sorted(names):
        if name not in variables:
            return True
        initial = variables[name]
        if isinstance(initial, bool):
            domains.append([False, True])
        elif isinstance(initial, str):
            domains.append(sorted(strings | {initial}))
        else:
            domains.append(sorted(numbers | {initial}))
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


def _reach(scenes: dict[str, Scene], starts: list[str]) -> set[str]:
    """Every scene reachable from ``starts`` (the starts included)."""
    found = _reach_within(scenes, starts, None)
    assert found is not None
    return found


def _reach_within(
    scenes: dict[str, Scene], starts: list[str], budget: int | None
) -> set[str] | None:
    """Scenes reachable from ``starts``, or None once more than ``budget`` are found."""
    seen = set(starts)
    queue = deque(starts)
    while queue:
        scene = scenes.get(queue.popleft())
        if scene is None:
            continue
        for _, target in scene_edges(scene):
            if target not in seen:
                seen.add(target)
                if budget is not None and len(seen) > budget:
                    return None
                queue.append(target)
    return seen


def _finishing(scenes: dict[str, Scene]) -> set[str]:
    """Scenes from which an ending (or a detour's return) can be reached.

    A detour choice finishes only when both its detour and its continuation do; every other
    choice finishes when its target does. Worked backwards from the endings, linear time.
    """
    done: set[str] = set()
    waiting: dict[str, list[tuple[str, Choice | None]]] = defaultdict(list)
    queue: deque[str] = deque()

    def mark(scene_id: str) -> None:
        if scene_id not in done:
            done.add(scene_id)
            queue.append(scene_id)

    for scene in scenes.values():
        if scene.ending or any(c.returns for c in scene.choices):
            mark(scene.id)
        if scene.next:
            waiting[scene.next].append((scene.id, None))
        for choice in scene.choices:
            for target in {choice.detour, choice.goto or (scene.id if choice.detour else None)}:
                if target:
                    waiting[target].append((scene.id, choice))
    while queue:
        target = queue.popleft()
        for scene_id, waiter in waiting.pop(target, []):
            if scene_id in done:
                continue
            if waiter is not None and waiter.detour:
                after = waiter.goto or scene_id
                if waiter.detour in done and after in done:
                    mark(scene_id)
            else:
                mark(scene_id)
    return done


def _cyclic(scenes: dict[str, Scene]) -> set[str]:
    """Scenes on a cycle of any choices."""

    def targets(scene_id: str) -> list[str]:
        return [t for _, t in scene_edges(scenes[scene_id]) if t in scenes]

    return {s for component in cycles(list(scenes), targets) for s in component}


def cycles(nodes: list[str], targets: Callable[[str], list[str]]) -> list[list[str]]:
    """The strongly connected components that hold a cycle (Tarjan's, iteratively).

    Args:
        nodes: Every node, in the order to start searches from.
        targets: A node's successors (called more than once per node; keep it cheap).
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0

    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(targets(root)))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(targets(child))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    item = stack.pop()
                    on_stack.discard(item)
                    component.append(item)
                    if item == node:
                        break
                if len(component) > 1 or node in targets(node):
                    result.append(component)
    return result
