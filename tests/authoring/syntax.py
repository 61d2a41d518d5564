"""Small syntax checkers for the graph outputs (no Graphviz or Mermaid on CI machines).

They accept the subset of each language the renderers write and fail loudly on anything else,
so a label that breaks out of its quotes, or an edge to an undeclared node, is caught.
"""

from __future__ import annotations

import re

_DOT_TOKEN = re.compile(
    r'\s+|//[^\n]*|"(?:[^"\\\n]|\\.)*"|->|[{}\[\];,=]|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?'
)


def dot_tokens(text: str) -> list[str]:
    """Tokens of a DOT file; raises ValueError on anything that is not a DOT token."""
    tokens = []
    pos = 0
    while pos < len(text):
        match = _DOT_TOKEN.match(text, pos)
        if match is None:
            raise ValueError(f"not DOT at {pos}: {text[pos:pos + 30]!r}")
        token = match.group()
        pos = match.end()
        if not token.strip() or token.startswith("//"):
            continue
        tokens.append(token)
    return tokens


def _is_id(token: str) -> bool:
    return token[0] == '"' or token[0].isalnum() or token[0] in "_-"


def parse_dot(text: str) -> tuple[set[str], list[tuple[str, str]]]:
    """Parse ``digraph ID { stmt; ... }``: returns declared nodes and edges.

    Statements: ``ID = ID;`` (graph attribute), ``node|edge|graph [attrs];``,
    ``ID [attrs];`` (node), ``ID -> ID [attrs];`` (edge).
    """
    tokens = dot_tokens(text)
    i = 0

    def take(expected: str | None = None) -> str:
        nonlocal i
        if i >= len(tokens):
            raise ValueError(f"unexpected end, wanted {expected}")
        token = tokens[i]
        if expected is not None and token != expected:
            raise ValueError(f"wanted {expected!r}, got {token!r} at token {i}")
        i += 1
        return token

    def attrs() -> None:
        take("[")
        while tokens[i] != "]":
            key = take()
            assert _is_id(key), key
            take("=")
            value = take()
            assert _is_id(value), value
            if tokens[i] == ",":
                take(",")
        take("]")

    take("digraph")
    assert _is_id(take())
    take("{")
    nodes: set[str] = set()
    edges: list[tuple[str, str]] = []
    while tokens[i] != "}":
        first = take()
        assert _is_id(first), first
        if first in ("node", "edge", "graph"):
            attrs()
        elif tokens[i] == "=":
            take("=")
            assert _is_id(take())
        elif tokens[i] == "->":
            take("->")
            second = take()
            assert _is_id(second), second
            edges.append((first, second))
            if tokens[i] == "[":
                attrs()
        else:
            nodes.add(first)
            if tokens[i] == "[":
                attrs()
        take(";")
    take("}")
    if i != len(tokens):
        raise ValueError("text after the closing brace")
    return nodes, edges


_M_LABEL = r'"[^"]*"'
_M_NODE = re.compile(
    rf"^    (?P<id>[A-Za-z][A-Za-z0-9_]*)(?P<shape>\[{_M_LABEL}\]|\(\[{_M_LABEL}\]\)|"
    rf"\[\[{_M_LABEL}\]\]|\{{\{{{_M_LABEL}\}}\}})$"
)
_M_EDGE = re.compile(
    rf"^    (?P<a>[A-Za-z][A-Za-z0-9_]*) (?P<arrow>-->|-\.->|==>)\|(?P<label>{_M_LABEL})\| "
    r"(?P<b>[A-Za-z][A-Za-z0-9_]*)$"
)
_M_OTHER = re.compile(r"^    (%%.*|classDef \w+ [^;]+|class [\w,]+ \w+)$")


def parse_mermaid(text: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Check a ``flowchart TD``: every line a node, an edge, a class or a comment.

    Returns nodes (id -> shape text) and edges (dicts with a, b, arrow, label).
    """
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    nodes: dict[str, str] = {}
    edges: list[dict[str, str]] = []
    for line in lines[1:]:
        if node := _M_NODE.match(line):
            assert node["id"] not in nodes, f"declared twice: {line}"
            assert node["id"] not in ("end", "graph", "subgraph"), line
            nodes[node["id"]] = node["shape"]
        elif edge := _M_EDGE.match(line):
            edges.append(edge.groupdict())
        elif not _M_OTHER.match(line):
            raise ValueError(f"not a flowchart line: {line!r}")
    return nodes, edges
