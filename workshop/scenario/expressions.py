"""The small, safe expression language used in conditions.

Grammar (parsed and evaluated here; nothing is ever passed to ``eval``)::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := atom (("==" | "!=" | "<" | "<=" | ">" | ">=") atom)?
    atom    := NUMBER | STRING | "true" | "false" | NAME
             | "visits" "(" SCENE ")" | "(" expr ")"

``NAME`` is a declared variable; ``visits(scene)`` is how many times the scene has been entered
in this run (the scene id may be written bare or quoted). Strings use single or double quotes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

Value = bool | int | float | str
"""A variable's value: a number, a boolean or a string."""


MAX_DEPTH = 32
"""How deep ``not`` and parentheses may nest in one expression.

Real conditions nest two or three levels; the limit keeps the parser (and the checks and
evaluation that walk the tree) far from Python's recursion limit.
"""


class ExpressionError(Exception):
    """A malformed expression, or one whose types do not fit.

    Attributes:
        column: 1-based column in the expression text where the problem starts.
    """

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


class ExpressionTooDeepError(ExpressionError):
    """An expression that nests ``not`` or parentheses deeper than :data:`MAX_DEPTH`."""


@dataclass(frozen=True, slots=True)
class Literal:
    """A number, string or boolean written in the expression."""

    value: Value
    column: int


@dataclass(frozen=True, slots=True)
class Var:
    """A reference to a declared variable."""

    name: str
    column: int


@dataclass(frozen=True, slots=True)
class Visits:
    """The number of times a scene has been entered."""

    scene: str
    column: int


@dataclass(frozen=True, slots=True)
class Not:
    """Logical negation."""

    operand: Node
    column: int


@dataclass(frozen=True, slots=True)
class BoolOp:
    """``and`` / ``or`` over two or more operands."""

    op: str
    operands: tuple[Node, ...]
    column: int


@dataclass(frozen=True, slots=True)
class Compare:
    """A comparison between two values."""

    op: str
    left: Node
    right: Node
    column: int


Node = Literal | Var | Visits | Not | BoolOp | Compare

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<string>"[^"]*"|'[^']*')
  | (?P<op>==|!=|<=|>=|<|>|\(|\))
  | (?P<name>[A-Za-z_][A-Za-z0-9_\-]*)
    """,
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "true", "false", "visits"}
_COMPARE = {"==", "!=", "<", "<=", ">", ">="}


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    text: str
    column: int


_OTHER_LANGUAGES = (
    ("<>", "!="), ("=<", "<="), ("=>", ">="), ("&&", "and"), ("||", "or"),
)
"""Operators from other languages that authors type by habit, and what to write instead."""


def _tokenize(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    pos = 0
    while pos < len(text):
        for written, meant in _OTHER_LANGUAGES:
            if text.startswith(written, pos):
                raise ExpressionError(f"'{written}' is not an operator here; write '{meant}'",
                                      pos + 1)
        match = _TOKEN.match(text, pos)
        if match is None:
            char = text[pos]
            if char in "\"'":
                raise ExpressionError("unterminated string", pos + 1)
            if char == "=":
                raise ExpressionError("'=' is not a comparison; write '=='", pos + 1)
            if char == "!":
                raise ExpressionError("'!' is not an operator here; write 'not'", pos + 1)
            raise ExpressionError(f"unexpected character {char!r}", pos + 1)
        kind = match.lastgroup or ""
        if kind != "ws":
            tokens.append(_Tok(kind, match.group(), pos + 1))
        pos = match.end()
    tokens.append(_Tok("end", "", len(text) + 1))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokenize(text)
        self.index = 0
        self.depth = 0
        """How many ``not`` and ``(`` the parser is inside (each one recurses once)."""

    def enter(self, tok: _Tok) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionTooDeepError(
                f"'not' and parentheses nested more than {MAX_DEPTH} deep", tok.column
            )

    @property
    def tok(self) -> _Tok:
        return self.tokens[self.index]

    def advance(self) -> _Tok:
        tok = self.tokens[self.index]
        self.index += 1
        return tok

    def is_word(self, word: str) -> bool:
        return self.tok.kind == "name" and self.tok.text == word

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise ExpressionError("empty expression", 1)
        node = self.parse_or()
        if self.tok.kind != "end":
            raise ExpressionError(f"unexpected {self.tok.text!r}", self.tok.column)
        return node

    def parse_or(self) -> Node:
        return self._bool_chain("or", self.parse_and)

    def parse_and(self) -> Node:
        return self._bool_chain("and", self.parse_not)

    def _bool_chain(self, word: str, operand: Callable[[], Node]) -> Node:
        first = operand()
        operands = [first]
        while self.is_word(word):
            self.advance()
            operands.append(operand())
        if len(operands) == 1:
            return first
        return BoolOp(word, tuple(operands), _column(first))

    def parse_not(self) -> Node:
        if self.is_word("not"):
            tok = self.advance()
            self.enter(tok)
            node = Not(self.parse_not(), tok.column)
            self.depth -= 1
            return node
        return self.parse_compare()

    def parse_compare(self) -> Node:
        left = self.parse_atom()
        if self.tok.kind == "op" and self.tok.text in _COMPARE:
            op = self.advance().text
            right = self.parse_atom()
            if self.tok.kind == "op" and self.tok.text in _COMPARE:
                raise ExpressionError(
                    "comparisons cannot be chained; join them with 'and'", self.tok.column
                )
            return Compare(op, left, right, _column(left))
        return left

    def parse_atom(self) -> Node:
        tok = self.advance()
        if tok.kind == "number":
            value: Value = float(tok.text) if "." in tok.text else int(tok.text)
            return Literal(value, tok.column)
        if tok.kind == "string":
            return Literal(tok.text[1:-1], tok.column)
        if tok.kind == "op" and tok.text == "(":
            self.enter(tok)
            node = self.parse_or()
            if not (self.tok.kind == "op" and self.tok.text == ")"):
                raise ExpressionError("missing ')'", self.tok.column)
            self.advance()
            self.depth -= 1
            return node
        if tok.kind == "name":
            if tok.text == "true":
                return Literal(True, tok.column)
            if tok.text == "false":
                return Literal(False, tok.column)
            if tok.text == "visits":
                return self._visits(tok)
            if tok.text in _KEYWORDS:
                raise ExpressionError(f"'{tok.text}' needs a value before it", tok.column)
            return Var(tok.text, tok.column)
        if tok.kind == "end":
            raise ExpressionError("expression ends too soon", tok.column)
        raise ExpressionError(f"unexpected {tok.text!r}", tok.column)

    def _visits(self, tok: _Tok) -> Node:
        if not (self.tok.kind == "op" and self.tok.text == "("):
            raise ExpressionError("write visits(scene-id)", self.tok.column)
        self.advance()
        arg = self.advance()
        if arg.kind == "string":
            scene = arg.text[1:-1]
        elif arg.kind == "name":
            scene = arg.text
        else:
            raise ExpressionError("visits() takes a scene id", arg.column)
        if not (self.tok.kind == "op" and self.tok.text == ")"):
            raise ExpressionError("missing ')' after the scene id", self.tok.column)
        self.advance()
        return Visits(scene, tok.column)


def _column(node: Node) -> int:
    return node.column


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> Node:
    """Parse an expression (cached: nodes are immutable and conditions repeat a lot).

    Raises:
        ExpressionError: the text is not a well-formed expression.
    """
    return _Parser(text).parse()


def type_name(value: Value) -> str:
    """The expression language's name for a value's type."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "string"


def check(
    node: Node,
    variables: Mapping[str, str],
    scenes: Mapping[str, object] | None = None,
) -> str:
    """Check names and types; return the expression's type.

    Args:
        node: A parsed expression.
        variables: Declared variable names mapped to their type names.
        scenes: Known scene ids, to check ``visits()`` against (skipped when None).

    Raises:
        ExpressionError: an undefined name or a type mismatch.
    """
    if isinstance(node, Literal):
        return type_name(node.value)
    if isinstance(node, Var):
        if node.name not in variables:
            raise ExpressionError(f"undefined variable '{node.name}'", node.column)
        return variables[node.name]
    if isinstance(node, Visits):
        if scenes is not None and node.scene not in scenes:
            raise ExpressionError(f"visits() names unknown scene '{node.scene}'", node.column)
        return "number"
    if isinstance(node, Not):
        inner = check(node.operand, variables, scenes)
        if inner != "boolean":
            raise ExpressionError(f"'not' needs a boolean, got a {inner}", node.column)
        return "boolean"
    if isinstance(node, BoolOp):
        for operand in node.operands:
            kind = check(operand, variables, scenes)
            if kind != "boolean":
                raise ExpressionError(
                    f"'{node.op}' needs booleans, got a {kind}", operand.column
                )
        return "boolean"
    left = check(node.left, variables, scenes)
    right = check(node.right, variables, scenes)
    if left != right:
        raise ExpressionError(f"cannot compare a {left} with a {right}", node.column)
    if node.op not in ("==", "!=") and left != "number":
        raise ExpressionError(f"'{node.op}' compares numbers, not {left}s", node.column)
    return "boolean"


def evaluate(
    node: Node, variables: Mapping[str, Value], visits: Mapping[str, int]
) -> Value:
    """Evaluate a checked expression against a run's variables and visit counts."""
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Var):
        return variables[node.name]
    if isinstance(node, Visits):
        return visits.get(node.scene, 0)
    if isinstance(node, Not):
        return not evaluate(node.operand, variables, visits)
    if isinstance(node, BoolOp):
        if node.op == "and":
            return all(evaluate(o, variables, visits) for o in node.operands)
        return any(evaluate(o, variables, visits) for o in node.operands)
    left = evaluate(node.left, variables, visits)
    right = evaluate(node.right, variables, visits)
    op = node.op
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    assert isinstance(left, int | float) and isinstance(right, int | float)
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    return left >= right


def names(node: Node) -> set[str]:
    """The variable names an expression reads."""
    if isinstance(node, Var):
        return {node.name}
    if isinstance(node, Not):
        return names(node.operand)
    if isinstance(node, BoolOp):
        return set().union(*(names(o) for o in node.operands))
    if isinstance(node, Compare):
        return names(node.left) | names(node.right)
    return set()


def uses_visits(node: Node) -> bool:
    """Whether the expression reads a visit count."""
    if isinstance(node, Visits):
        return True
    if isinstance(node, Not):
        return uses_visits(node.operand)
    if isinstance(node, BoolOp):
        return any(uses_visits(o) for o in node.operands)
    if isinstance(node, Compare):
        return uses_visits(node.left) or uses_visits(node.right)
    return False


def to_text(node: Node) -> str:
    """Write an expression back as text (used for default 'needs ...' reasons)."""
    if isinstance(node, Literal):
        if isinstance(node.value, bool):
            return "true" if node.value else "false"
        if isinstance(node.value, str):
            return f'"{node.value}"'
        return str(node.value)
    if isinstance(node, Var):
        return node.name
    if isinstance(node, Visits):
        return f"visits({node.scene})"
    if isinstance(node, Not):
        inner = to_text(node.operand)
        return f"not ({inner})" if isinstance(node.operand, BoolOp) else f"not {inner}"
    if isinstance(node, BoolOp):
        # 'or' inside 'and' binds looser: keep the author's parentheses.
        return f" {node.op} ".join(
            f"({to_text(o)})" if isinstance(o, BoolOp) and o.op != node.op else to_text(o)
            for o in node.operands
        )
    return f"{to_text(node.left)} {node.op} {to_text(node.right)}"
