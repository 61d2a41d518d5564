"""A scenario drawn as a Rich tree: scenes, their choices, and where each leads.

Each scene is expanded once, where it is first met walking from the start; later arrivals
show ``↩ back to X`` instead, so loops and shared scenes never recurse.
"""

from __future__ import annotations

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.text import Text
from rich.tree import Tree

from workshop.authoring import graph
from workshop.scenario.model import Choice, Scenario, Scene

_SCENE = "bold"
_ENDING = "bold green"
_ID = "cyan"
_MARK = "magenta"
_COND = "yellow"
_DIM = "dim"


class _Drawer:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.drawn: set[str] = set()
        self.returns_to: list[str] = []
        """Where the detours open at the point being drawn go on (innermost last)."""

    def scene_text(self, scene: Scene) -> Text:
        text = Text()
        if scene.id == self.scenario.start:
            text.append(f"{graph.START} ", _MARK)
        if scene.ending:
            text.append(f"{graph.ENDING} ", _ENDING)
        text.append(scene.id, _ENDING if scene.ending else _SCENE)
        if scene.title:
            text.append(f" — {graph.one_line(scene.title)}")
        if scene.ending:
            text.append("  (ending)", _DIM)
        if scene.ask is not None:
            text.append(f"  asks {scene.ask.kind} '{scene.ask.id}'", _DIM)
        return text

    def arrive(self, parent: Tree, scene_id: str, prefix: str = "") -> None:
        """Draw the scene under ``parent``, or a back-reference when it is already drawn."""
        scene = self.scenario.scenes.get(scene_id)
        if scene is None:
            parent.add(Text(f"{prefix}→ {scene_id} (missing scene)", "red"))
            return
        if scene_id in self.drawn:
            parent.add(Text(f"{prefix}{graph.REVISIT} back to {scene_id}", _DIM))
            return
        label = Text(prefix, _DIM) + self.scene_text(scene)
        self.expand(parent.add(label), scene)

    def expand(self, node: Tree, scene: Scene) -> None:
        self.drawn.add(scene.id)
        if scene.ending:
            return
        if scene.next:
            line = Text()
            line.append("Continue ", "italic")
            line.append("[continue]", _ID)
            self.arrive(node.add(line), scene.next)
        for choice in scene.choices:
            self.choice(node, scene, choice)

    def choice(self, node: Tree, scene: Scene, choice: Choice) -> None:
        line = Text()
        line.append(" ".join(graph.choice_marks(choice)) + " ", _MARK)
        line.append(graph.one_line(choice.label))
        line.append(f" [{choice.id}]", _ID)
        for condition in graph.conditions(choice):
            line.append(f"  {condition}", _COND)
        if choice.requires is not None and choice.reason:
            line.append(f" (\u201c{graph.one_line(choice.reason)}\u201d)", _DIM)
        if choice.returns:
            back = f" → {self.returns_to[-1]}" if self.returns_to else ""
            line.append(f"  {graph.RETURN} return{back}", _MARK)
            node.add(line)
            return
        branch = node.add(line)
        if choice.detour:
            then = graph.continuation(scene, choice)
            self.returns_to.append(then)
            self.arrive(branch, choice.detour, f"{graph.DETOUR} detour: ")
            self.returns_to.pop()
            self.arrive(branch, then, "then: ")
        elif choice.goto:
            self.arrive(branch, choice.goto)


def render(scenario: Scenario, *, legend: bool = True) -> RenderableType:
    """The scenario as a Rich renderable: the tree, unreachable scenes, and a legend."""
    drawer = _Drawer(scenario)
    start = scenario.scenes.get(scenario.start)
    root = Tree(Text.assemble((scenario.title, "bold underline"), (f"  [{scenario.id}]", _ID)))
    if start is None:
        root.add(Text(f"start scene '{scenario.start}' is missing", "red"))
    else:
        drawer.arrive(root, start.id)
    parts: list[RenderableType] = [root]
    # Scenes no path reaches still belong in the picture: draw each as its own small tree.
    for scene in scenario.scenes.values():
        if scene.id not in drawer.drawn:
            orphan = Tree(Text("not reachable from the start: ", "red") + drawer.scene_text(scene))
            drawer.expand(orphan, scene)
            parts.append(orphan)
    if legend:
        parts.append(legend_text())
    return Group(*parts)


def legend_text() -> RenderableType:
    """The symbols and their meanings, laid out in columns."""
    entries = [Text(f"{symbol} {meaning}", _DIM) for symbol, meaning in graph.LEGEND]
    return Group(Text(""), Text("Legend", _DIM), Columns(entries, padding=(0, 3)))
