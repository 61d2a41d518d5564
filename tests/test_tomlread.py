"""The nesting limit every TOML file is read with (workshop.tomlread)."""

from __future__ import annotations

import tomllib

import pytest

from workshop.tomlread import MAX_DEPTH, TooDeepError, loads, scan_depth


def _array(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_the_limit_itself_still_reads() -> None:
    """Arrays and tables exactly MAX_DEPTH deep read as tomllib reads them; one more is
    refused, with the line and column of the bracket that passes the limit."""
    text = f"x = {_array(MAX_DEPTH)}\n"
    assert loads(text) == tomllib.loads(text)
    with pytest.raises(TooDeepError) as caught:
        loads(f"a = 1\nx = {_array(MAX_DEPTH + 1)}\n")
    assert (caught.value.line, caught.value.column) == (2, 4 + MAX_DEPTH + 1)
    assert str(caught.value) == ("arrays or inline tables nested more than 32 levels deep "
                                 f"(at line 2, column {4 + MAX_DEPTH + 1})")
    assert isinstance(caught.value, tomllib.TOMLDecodeError)


@pytest.mark.parametrize("text", [
    'x = "' + "[" * 5000 + '"\n',
    "x = '" + "{" * 5000 + "'\n",
    'x = """\n' + "[" * 5000 + '\\"""\n"""\n',
    "x = '''\n" + "[" * 5000 + "\n'''\n",
    "# " + "[" * 5000 + "\nx = 1\n",
    '"[[[[" = "' + "[" * 100 + '"\n',
])
def test_brackets_in_strings_and_comments_do_not_count(text: str) -> None:
    """Brackets inside every kind of string and in comments nest nothing: the file reads."""
    assert scan_depth(text) is None
    assert loads(text) == tomllib.loads(text)


def test_deep_tables_without_brackets_are_refused() -> None:
    """A long dotted key makes tables 3,000 deep without one bracket; tomllib reads it, and
    the walk that follows refuses it (without recursion) before anything else sees it."""
    with pytest.raises(TooDeepError, match=r"tables \(key 'a\.a\.a\.a\.\.\.'\) nested"):
        loads("a" + ".a" * 3000 + " = 1\n")


def test_numbers_too_long_are_a_toml_error() -> None:
    """tomllib lets a ValueError out for an integer of 5,000 digits; loads reports it as
    a TOML error like any other."""
    with pytest.raises(tomllib.TOMLDecodeError, match="a number has too many digits"):
        loads("x = " + "9" * 5000 + "\n")
