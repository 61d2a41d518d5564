"""A scenario as a Mermaid ``flowchart TD`` (renders in GitHub Markdown).

Scene ids become ``s0``, ``s1``... because some words (``end``, ids starting with ``o`` or
``x`` after an arrow) change a flowchart's meaning; the real id is in the label. Every label is
quoted and escaped with Mermaid's entity codes, so any text an author writes stays text.
"""

from __future__ import annotations

from workshop.authoring import graph
from workshop.scenario.model import Scenario, Scene

_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "|": "#124;",
}


def quote(text: str) -> str:
    """A double-quoted Mermaid label: entities for special characters, ``<br/>`` for lines."""
    escaped = "".join(_ENTITIES.get(char, char) for char in text.strip())
    escaped = "<br/>".join(line.strip() for line in escaped.splitlines() if line.strip())
    return f'"{escaped}"'


def _node(node_id: str, scene: Scene, scenario: Scenario, detours: set[str]) -> str:
    lines = [scene.id]
    if scene.id == scenario.start:
        lines[0] = f"{graph.START} {scene.id}"
    if scene.ending:
        lines[0] = f"{graph.ENDING} {lines[0]}"
    if scene.title:
        lines.append(graph.one_line(scene.title))
    if scene.on_enter is not None:
        lines.append(graph.on_enter(scene))
    label = quote("\n".join(lines))
    if scene.ending:
        return f"    {node_id}([{label}])"
    if scene.id in detours:
        return f"    {node_id}[[{label}]]"
    return f"    {node_id}[{label}]"


def _edge_label(edge: graph.Edge) -> str:
    choice = edge.choice
    if choice is None:
        return "continue"
    marks = graph.choice_marks(choice)
    if edge.kind == "detour":
        marks.append(graph.DETOUR)
    if edge.kind == "return":
        marks.append(graph.RETURN)
    words = [" ".join(marks), graph.one_line(choice.label), f"[{choice.id}]"]
    words += graph.conditions(choice)
    return " ".join(words)


def render(scenario: Scenario) -> str:
    """The flowchart's source text."""
    ids = {scene_id: f"s{index}" for index, scene_id in enumerate(scenario.scenes)}
    detours = graph.detour_targets(scenario)
    lines = ["flowchart TD"]
    # A legend as Mermaid comments: the source stays readable where the chart is not drawn.
    lines += [f"    %% {symbol} {meaning}" for symbol, meaning in graph.LEGEND]
    lines.append("    %% solid: always offered; ==> sticky; -.-> conditional or detour return")
    lines += [_node(ids[s.id], s, scenario, detours) for s in scenario.scenes.values()]
    missing = 0
    for edge in graph.edges(scenario):
        if edge.target not in ids:
            # Validation reports it; draw it so the author sees where it points.
            ids[edge.target] = f"m{missing}"
            missing += 1
            lines.append(f"    {ids[edge.target]}{{{{{quote('missing: ' + edge.target)}}}}}")
        choice = edge.choice
        conditional = choice is not None and (choice.show_if or choice.requires)
        dashed = conditional or edge.kind == "return"
        arrow = "-.->" if dashed else "-->"
        if choice is not None and choice.sticky and not dashed:
            arrow = "==>"
        lines.append(
            f"    {ids[edge.source]} {arrow}|{quote(_edge_label(edge))}| {ids[edge.target]}"
        )
    lines.append("    classDef ending fill:#d7f5dd,stroke:#2b8a3e,stroke-width:3px")
    endings = [ids[s.id] for s in scenario.scenes.values() if s.ending]
    if endings:
        lines.append(f"    class {','.join(endings)} ending")
    lines.append("    classDef start stroke-width:3px")
    lines.append(f"    class {ids[scenario.start]} start" if scenario.start in ids else "")
    return "\n".join(line for line in lines if line) + "\n"
