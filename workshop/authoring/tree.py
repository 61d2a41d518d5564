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

MAX_DEPTH = 12
"""Scene levels nested in one tree before a scene continues as a tree of its own."""

_Task = tuple[Tree, str, str, tuple[str, ...], int]
"""(parent node, scene id, prefix, where open detours return, depth) still to draw."""


class _Drawer:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.drawn: set[str] = set()
        self.later: list[tuple[str, tuple[str, ...]]] = []
        """Scenes too deep to nest, drawn as trees of their own (with their detour context)."""

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
        if scene.on_enter is not None:
            text.append(f"  {graph.on_enter(scene)}", _DIM)
        if scene.ask is not None:
            text.append(f"  asks {scene.ask.kind} '{scene.ask.id}'", _DIM)
        return text

    def arrive(self, parent: Tree, scene_id: str, prefix: str = "",
               returns_to: tuple[str, ...] = (), depth: int = 0) -> None:
        """Draw the scene under ``parent`` and everything first met below it.

        Depth-first with an explicit stack (a long chain of scenes would overflow Python's
        recursion), in the same order a recursive walk would use. Past :data:`MAX_DEPTH`
        levels a scene is drawn as a tree of its own under the main one, so deep stories stay
        readable in an 80-column terminal.
        """
        stack: list[_Task] = [(parent, scene_id, prefix, returns_to, depth)]
        while stack:
            node, target, lead, context, level = stack.pop()
            scene = self.scenario.scenes.get(target)
            if scene is None:
                node.add(Text(f"{lead}→ {target} (missing scene)", "red"))
                continue
            if target in self.drawn:
                node.add(Text(f"{lead}{graph.REVISIT} back to {target}", _DIM))
                continue
            if level > MAX_DEPTH:
                node.add(Text(f"{lead}→ {target} (continued below)", _DIM))
                self.drawn.add(target)
                self.later.append((target, context))
                continue
            branch = node.add(Text(lead, _DIM) + self.scene_text(scene))
            tasks = self.expand(branch, scene, context, level)
            stack.extend(reversed(tasks))

    def expand(self, node: Tree, scene: Scene, returns_to: tuple[str, ...] = (),
               depth: int = 0) -> list[_Task]:
        """Add the scene's choices under ``node``; returns where each leads, still to draw."""
        self.drawn.add(scene.id)
        tasks: list[_Task] = []
        if scene.ending:
            return tasks
        if scene.next:
            line = Text()
            line.append("Continue ", "italic")
            line.append("[continue]", _ID)
            tasks.append((node.add(line), scene.next, "", returns_to, depth + 1))
        for choice in scene.choices:
            tasks += self.choice(node, scene, choice, returns_to, depth)
        return tasks

    def choice(self, node: Tree, scene: Scene, choice: Choice, returns_to: tuple[str, ...],
               depth: int) -> list[_Task]:
        line = Text()
        line.append(" ".join(graph.choice_marks(choice)) + " ", _MARK)
        line.append(graph.one_line(choice.label))
        line.append(f" [{choice.id}]", _ID)
        for condition in graph.conditions(choice):
            line.append(f"  {condition}", _COND)
        if choice.requires is not None and choice.reason:
            line.append(f" (\u201c{graph.one_line(choice.reason)}\u201d)", _DIM)
        if choice.returns:
            back = f" → {returns_to[-1]}" if returns_to else ""
            line.append(f"  {graph.RETURN} return{back}", _MARK)
            node.add(line)
            return []
        branch = node.add(line)
        if choice.detour:
            then = graph.continuation(scene, choice)
            return [
                (branch, choice.detour, f"{graph.DETOUR} detour: ", (*returns_to, then),
                 depth + 1),
                (branch, then, "then: ", returns_to, depth + 1),
            ]
        if choice.goto:
            return [(branch, choice.goto, "", returns_to, depth + 1)]
        return []


def render(scenario: Scenario, *, legend: bool = True) -> RenderableType:
    """The scenario as a Rich renderable: the tree, unreachable scenes, and a legend."""
    drawer = _Drawer(scenario)
    start = scenario.scenes.get(scenario.start)
    root = Tree(Text.assemble((graph.one_line(scenario.title), "bold underline"),
                              (f"  [{scenario.id}]", _ID)))
    if start is None:
        root.add(Text(f"start scene '{scenario.start}' is missing", "red"))
    else:
        drawer.arrive(root, start.id)
    parts: list[RenderableType] = [root]
    parts += _continued(drawer)
    # Scenes no path reaches still belong in the picture: draw each as its own small tree.
    for scene in scenario.scenes.values():
        if scene.id not in drawer.drawn:
            orphan = Tree(Text("not reachable from the start: ", "red") + drawer.scene_text(scene))
            for task in drawer.expand(orphan, scene):
                drawer.arrive(*task)
            parts.append(orphan)
            parts += _continued(drawer)
    if legend:
        parts.append(legend_text())
    return Group(*parts)


def _continued(drawer: _Drawer) -> list[RenderableType]:
    """Trees for the scenes cut off at :data:`MAX_DEPTH` (which may cut off more in turn)."""
    trees: list[RenderableType] = []
    while drawer.later:
        scene_id, context = drawer.later.pop(0)
        scene = drawer.scenario.scenes[scene_id]
        more = Tree(Text("continued: ", _DIM) + drawer.scene_text(scene))
        for task in drawer.expand(more, scene, context):
            drawer.arrive(*task)
        trees.append(more)
    return trees


def legend_text() -> RenderableType:
    """The symbols and their meanings, laid out in columns."""
    entries = [Text(f"{symbol} {meaning}", _DIM) for symbol, meaning in graph.LEGEND]
    return Group(Text(""), Text("Legend", _DIM), Columns(entries, padding=(0, 3)))
