"""The condition language: grammar, type checks, evaluation, and the column of each error."""

from __future__ import annotations

import pytest

from workshop.scenario import expressions as ex

VARS = {"trust": 2, "noted": True, "lead": "Dana", "ratio": 0.5}
TYPES = {name: ex.type_name(value) for name, value in VARS.items()}
VISITS = {"page": 3}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("trust >= 2", True),
        ("trust > 2", False),
        ("trust == 2 and noted", True),
        ("not noted or trust < 0", False),
        ("lead == 'Dana'", True),
        ('lead != "Sam"', True),
        ("visits(page) > 2", True),
        ('visits("morning") == 0', True),
        ("ratio < 1.5", True),
        ("(trust > 5 or noted) and not (lead == 'Sam')", True),
        ("not not noted", True),
        ("true and false", False),
        ("trust > 1 and trust < 3 and noted", True),
    ],
)
def test_evaluate(text: str, expected: bool) -> None:
    """Expressions evaluate against variables and visit counts, with the usual precedence
    (not binds tighter than and, and tighter than or)."""
    node = ex.parse(text)
    assert ex.check(node, TYPES) == "boolean"
    assert ex.evaluate(node, VARS, VISITS) is expected


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("", "empty expression", 1),
        ("trust >", "expression ends too soon", 8),
        ("trust = 2", "'=' is not a comparison; write '=='", 7),
        ("trust > 1 > 0", "comparisons cannot be chained; join them with 'and'", 11),
        ("(trust > 1", "missing ')'", 11),
        ("lead == 'Dana", "unterminated string", 9),
        ("trust > 1 noted", "unexpected 'noted'", 11),
        ("trust & noted", "unexpected character '&'", 7),
        ("visits page", "write visits(scene-id)", 8),
        ("visits(1)", "visits() takes a scene id", 8),
        ("visits(page", "missing ')' after the scene id", 12),
        ("and noted", "'and' needs a value before it", 1),
    ],
)
def test_parse_errors_carry_a_column(text: str, message: str, column: int) -> None:
    """Malformed expressions say what is wrong and at which column of the expression."""
    with pytest.raises(ex.ExpressionError) as caught:
        ex.parse(text)
    assert (caught.value.message, caught.value.column) == (message, column)


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("missing > 1", "undefined variable 'missing'", 1),
        ("lead > 1", "cannot compare a string with a number", 1),
        ("lead < 'Sam'", "'<' compares numbers, not strings", 1),
        ("not trust", "'not' needs a boolean, got a number", 1),
        ("noted and trust", "'and' needs booleans, got a number", 11),
        ("visits(nowhere) > 1", "visits() names unknown scene 'nowhere'", 1),
    ],
)
def test_type_errors(text: str, message: str, column: int) -> None:
    """Checking names the undefined variable or the mismatched types, with a column."""
    with pytest.raises(ex.ExpressionError) as caught:
        ex.check(ex.parse(text), TYPES, {"page": object()})
    assert (caught.value.message, caught.value.column) == (message, column)


def test_names_visits_and_text() -> None:
    """Helpers report the variables read, visit use, and write expressions back as text."""
    node = ex.parse("trust > 1 and (lead == 'Dana' or not noted)")
    assert ex.names(node) == {"trust", "lead", "noted"}
    assert not ex.uses_visits(node)
    assert ex.uses_visits(ex.parse("not (visits(page) > 1)"))


@pytest.mark.parametrize(
    "text",
    [
        "trust > 1 and (lead == 'Dana' or not noted)",
        "not (noted and trust > 1)",
        "(noted or trust > 1) and (lead == 'x' or noted)",
        "noted or trust > 1 and noted",
    ],
)
def test_to_text_keeps_meaning(text: str) -> None:
    """Regression: a greyed-out choice's default reason ("needs ...") is written back from
    its condition; the text must keep the parentheses that give it its meaning."""
    node = ex.parse(text)
    assert _strip_columns(ex.parse(ex.to_text(node))) == _strip_columns(node)


def _strip_columns(node: ex.Node) -> object:
    if isinstance(node, ex.Literal | ex.Var | ex.Visits):
        return (type(node).__name__, getattr(node, "value", getattr(node, "name", None)),
                getattr(node, "scene", None))
    if isinstance(node, ex.Not):
        return ("not", _strip_columns(node.operand))
    if isinstance(node, ex.BoolOp):
        return (node.op, tuple(_strip_columns(o) for o in node.operands))
    return (node.op, _strip_columns(node.left), _strip_columns(node.right))
    assert ex.to_text(ex.parse("visits(page) >= 2 and true")) == "visits(page) >= 2 and true"


def test_no_eval() -> None:
    """Python syntax is not an expression: attribute access and calls are rejected."""
    for text in ("__import__('os')", "trust.real", "lead[0]"):
        with pytest.raises(ex.ExpressionError):
            ex.check(ex.parse(text), TYPES)
