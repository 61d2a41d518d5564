"""The shape of a scenario as a graph: where scenes lead, what is reachable, what loops.

Plain graph walks over scenes and choices, shared by the validator (reachability, loops with
no way out, traps) and the authoring tools (``workshop graph``). Each is linear in the number
of scenes and choices, so a 10,000-scene scenario is walked in a fraction of a second.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterator

from workshop.scenario.model import Choice, Scene


def scene_edges(scene: Scene) -> Iterator[tuple[Choice | None, str]]:
    """Every (choice, target scene) a scene can move to; ``next`` gives (None, target)."""
    if scene.next:
        yield None, scene.next
    for choice in scene.choices:
        if choice.detour:
            yield choice, choice.detour
        if choice.goto:
            yield choice, choice.goto


OUT = "\x00out"
"""A return target standing for "somewhere outside": used when the detours are too
tangled to follow within the time allowed, so that returns count as ways out."""


def return_edges(scenes: dict[str, Scene]) -> dict[str, set[str]]:
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
                    region = reach_within(scenes, [choice.detour], budget)
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


def top_level(scenes: dict[str, Scene], start: str) -> set[str]:
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



def reach(scenes: dict[str, Scene], starts: list[str]) -> set[str]:
    """Every scene reachable from ``starts`` (the starts included)."""
    found = reach_within(scenes, starts, None)
    assert found is not None
    return found


def reach_within(
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


def finishing(scenes: dict[str, Scene]) -> set[str]:
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


def cyclic(scenes: dict[str, Scene]) -> set[str]:
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
