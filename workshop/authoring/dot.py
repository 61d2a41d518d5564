"""A scenario as a Graphviz ``digraph`` (``dot -Tsvg`` draws it).

Every id and label is a double-quoted DOT string, with ``\\`` and ``"`` escaped and lines
joined by ``\\n``, so any text an author writes parses.
"""

from __future__ import annotations

import textwrap

from workshop.authoring import graph
from workshop.scenario.model import Scenario


def quote(text: str) -> str:
    """A DOT quoted string (newlines become ``\\n`` line breaks)."""
    lines = [line.strip() for line in text.strip().splitlines()]
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines if line]
    return '"' + "\\n".join(escaped) + '"'


def _attrs(**attrs: str) -> str:
    return "[" + ", ".join(f"{key}={value}" for key, value in attrs.items()) + "]"


def render(scenario: Scenario) -> str:
    """The digraph's source text."""
    detours = graph.detour_targets(scenario)
    lines = [
        f"digraph {quote(scenario.id)} {{",
        f"    label={quote(scenario.title)};",
        "    labelloc=t;",
        "    rankdir=TB;",
        '    node [shape=box, style=rounded, fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
    ]
    lines += [f"    // {symbol} {meaning}" for symbol, meaning in graph.LEGEND]
    lines.append("    // dashed: conditional; dotted: detour return; bold: sticky")
    for scene in scenario.scenes.values():
        first = scene.id
        if scene.id == scenario.start:
            first = f"{graph.START} {first}"
        if scene.ending:
            first = f"{graph.ENDING} {first}"
        label = first + (f"\n{graph.one_line(scene.title)}" if scene.title else "")
        label += f"\n{graph.on_enter(scene)}" if scene.on_enter is not None else ""
        attrs = {"label": quote(label)}
        if scene.ending:
            attrs.update(shape="doubleoctagon", style='"filled"', fillcolor='"#d7f5dd"')
        elif scene.id in detours:
            attrs.update(shape="component", style='"solid"')
        if scene.id == scenario.start:
            attrs["penwidth"] = "2"
        lines.append(f"    {quote(scene.id)} {_attrs(**attrs)};")
    declared = set(scenario.scenes)
    for edge in graph.edges(scenario):
        if edge.target not in declared:
            declared.add(edge.target)
            lines.append(
                f"    {quote(edge.target)} "
                f"{_attrs(label=quote('missing: ' + edge.target), color='red', shape='hexagon')};"
            )
        lines.append(f"    {quote(edge.source)} -> {quote(edge.target)} {_edge_attrs(edge)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _edge_attrs(edge: graph.Edge) -> str:
    choice = edge.choice
    if choice is None:
        return _attrs(label=quote("continue"))
    marks = graph.choice_marks(choice)
    if edge.kind == "detour":
        marks.append(graph.DETOUR)
    if edge.kind == "return":
        marks.append(graph.RETURN)
    words = [" ".join(marks), graph.one_line(choice.label), f"[{choice.id}]"]
    # Graphviz does not wrap labels; long ones would stretch the drawing sideways.
    label = "\n".join(textwrap.wrap(" ".join(words), 36, break_on_hyphens=False,
                                    break_long_words=False))
    conditions = graph.conditions(choice)
    if conditions:
        label += "\n" + "; ".join(conditions)
    attrs = {"label": quote(label)}
    styles = []
    if choice.show_if is not None or choice.requires is not None:
        styles.append("dashed")
    elif edge.kind == "return":
        styles.append("dotted")
    if choice.sticky:
        styles.append("bold")
    if styles:
        attrs["style"] = quote(",".join(styles))
    return _attrs(**attrs)
