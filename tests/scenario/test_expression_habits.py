"""Operators from other languages get a message that says what to write instead."""

from __future__ import annotations

import pytest

from workshop.scenario.expressions import ExpressionError, parse


@pytest.mark.parametrize(
    ("text", "meant", "column"),
    [
        ("trust <> 0", "!=", 7),
        ("trust => 2", ">=", 7),
        ("trust =< 2", "<=", 7),
        ("met && ready", "and", 5),
        ("met || ready", "or", 5),
        ("!met", "not", 1),
    ],
)
def test_a_habit_from_another_language_names_the_operator_to_use(
    text: str, meant: str, column: int
) -> None:
    """`if = "trust <> 0"` reports: '<>' is not an operator here; write '!=' (at its column)."""
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert f"write '{meant}'" in caught.value.message
    assert caught.value.column == column


def test_the_same_characters_inside_a_string_are_fine() -> None:
    parse('name == "<> && ||"')
