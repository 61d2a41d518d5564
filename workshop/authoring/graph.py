"""A scenario's shape as edges and marks, shared by the tree, Mermaid and DOT renderers.

The renderers differ only in syntax; what counts as an edge, where a detour returns, and which
symbol marks what is decided once, here, so the three outputs always agree.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Literal

from workshop.scenario.model import Choice, Scenario, Scene
from workshop.scenario.validate_graph import cycles
from workshop.text import terminal_safe

EdgeKind = Literal["goto", "next", "detour", "return"]

ENDING = "◉"
START = "▶"
ONCE = "○"
STICKY = "↻"
IF = "?"
REQUIRES = "⊘"
FALLBACK = "▽"
DETOUR = "⤷"
RETURN = "⤶"
REVISIT = "↩"

LEGEND: tuple[tuple[str, str], ...] = (
    (START, "start scene"),
    (ENDING, "ending"),
    (ONCE, "once-only choice"),
    (STICKY, "sticky choice (offered again)"),
    (IF, "hidden unless (if)"),
    (REQUIRES, "greyed out unless (requires)"),
    (FALLBACK, "fallback (when nothing else is)"),
    (DETOUR, "detour, then come back"),
    (RETURN, "return from a detour"),
    (REVISIT, "scene drawn above"),
)
"""Every symbol the renderers use and what it means."""


@dataclass(frozen=True, slots=True)
class Edge:
    """One way from a scene to another.

    A detour choice gives a ``detour`` edge to the detour's first scene; each ``return`` choice
    that detour can reach gives a ``return`` edge back to where the detour continues.
    """

    source: str
    target: str
    kind: EdgeKind
    choice: Choice | None
    """The choice that makes the move (None for a ``next`` scene's Continue)."""


def choice_marks(choice: Choice) -> list[str]:
    """The symbols that describe a choice, in a fixed order."""
    marks = [STICKY if choice.lasts else ONCE]
    if choice.fallback:
        marks.append(FALLBACK)
    if choice.show_if is not None:
        marks.append(IF)
    if choice.requires is not None:
        marks.append(REQUIRES)
    return marks


def conditions(choice: Choice) -> list[str]:
    """The choice's conditions in words: ``if trust < 0``, ``needs trust >= 2``."""
    out = []
    if choice.show_if is not None:
        out.append(f"if {choice.show_if.source}")
    if choice.requires is not None:
        out.append(f"needs {choice.requires.source}")
    return out


def on_enter(scene: Scene) -> str:
    """A scene's ``on_enter`` in words: ``on enter: goodwill +1, left = true`` ('' if none)."""
    if scene.on_enter is None:
        return ""
    words = [f"{name} = {_value(value)}" for name, value in scene.on_enter.set.items()]
    words += [f"{name} {'+' if amount >= 0 else '−'}{_value(abs(amount))}"
              for name, amount in scene.on_enter.add.items()]
    return one_line("on enter: " + ", ".join(words)) if words else ""


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def one_line(text: str) -> str:
    """Collapse whitespace (labels and titles may span lines in TOML), without the escape
    sequences or control characters a file may hold (every graph prints these)."""
    return " ".join(terminal_safe(text).split())


def scene_label(scene: Scene) -> str:
    """``id — title`` (or just the id)."""
    title = one_line(scene.title)
    return f"{scene.id} — {title}" if title else scene.id


def continuation(scene: Scene, choice: Choice) -> str:
    """Where a detour started by ``choice`` goes on once it returns."""
    return choice.goto or scene.id


def detour_body(scenario: Scenario, first: str) -> tuple[set[str], list[tuple[Scene, Choice]]]:
    """The scenes a detour starting at ``first`` can pass through, and its return choices.

    A nested detour's own body is skipped (its returns go back inside this detour), but where
    it continues is followed.
    """
    seen = {first}
    queue = deque([first])
    returns: list[tuple[Scene, Choice]] = []
    while queue:
        scene = scenario.scenes.get(queue.popleft())
        if scene is None or scene.ending:
            continue
        targets = [scene.next] if scene.next else []
        for choice in scene.choices:
            if choice.returns:
                returns.append((scene, choice))
            elif choice.detour:
                targets.append(continuation(scene, choice))
            elif choice.goto:
                targets.append(choice.goto)
        for target in targets:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen, returns


def edges(scenario: Scenario) -> list[Edge]:
    """Every edge of the scenario, in file order, return edges after their detours."""
    out: list[Edge] = []
    seen: set[tuple[str, str, str, str]] = set()

    def add(edge: Edge) -> None:
        key = (edge.source, edge.target, edge.kind, edge.choice.id if edge.choice else "")
        if key not in seen:
            seen.add(key)
            out.append(edge)

    for scene in scenario.scenes.values():
        if scene.ending:
            continue
        if scene.next:
            add(Edge(scene.id, scene.next, "next", None))
        for choice in scene.choices:
            if choice.detour:
                add(Edge(scene.id, choice.detour, "detour", choice))
            elif choice.goto:
                add(Edge(scene.id, choice.goto, "goto", choice))
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            if choice.detour and not scene.ending:
                _, returns = detour_body(scenario, choice.detour)
                back = continuation(scene, choice)
                for from_scene, returning in returns:
                    add(Edge(from_scene.id, back, "return", returning))
    return out


def detour_targets(scenario: Scenario) -> set[str]:
    """Scenes that start a detour."""
    return {
        choice.detour
        for scene in scenario.scenes.values()
        for choice in scene.choices
        if choice.detour
    }


def reachable(scenario: Scenario) -> list[str]:
    """Scene ids reachable from the start along any edge, in breadth-first order."""
    targets: dict[str, list[str]] = {}
    for edge in edges(scenario):
        targets.setdefault(edge.source, []).append(edge.target)
    order = [scenario.start]
    seen = {scenario.start}
    queue = deque(order)
    while queue:
        for target in targets.get(queue.popleft(), []):
            if target not in seen and target in scenario.scenes:
                seen.add(target)
                order.append(target)
                queue.append(target)
    return order


def revisitable(scenario: Scenario) -> set[str]:
    """Scenes on a cycle of the scenario's graph (detour returns included).

    Only these can be entered more than once in a run; every other scene is met at most once,
    so whatever was used up there can never matter again.
    """
    targets: dict[str, set[str]] = {}
    for edge in edges(scenario):
        targets.setdefault(edge.source, set()).add(edge.target)
    return {
        scene
        for component in cycles(list(scenario.scenes), lambda s: sorted(targets.get(s, ())))
        for scene in component
    }
