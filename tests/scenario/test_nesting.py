"""Deep nesting in scenario files and conditions: one E021 line, never a RecursionError."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenario.helpers import write
from workshop.cli import main
from workshop.scenario import expressions

CHOICE = '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ngoto = "b"\n'
ENDING_B = '[scenes.b]\ntext = "The end."\nending = true\n'


def _validate(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[str]]:
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert err == "" and "Traceback" not in out
    return code, out.splitlines()


def test_3000_nots_in_a_condition_is_e021(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """``if = "not not ... x"`` (3,000 deep) used to end in RecursionError; now validate
    prints one E021 line at the column of the 33rd ``not`` and exits 1."""
    path = write(tmp_path, '[variables]\nx = true\n' + CHOICE
                 + 'if = "' + "not " * 3000 + 'x"\n' + ENDING_B)
    code, lines = _validate(capsys, path)
    assert code == 1
    shown = ("not " * 25)[:97] + "..."
    assert f"{path}:16:135: error E021: 'not' and parentheses nested more than 32 deep in " \
        f"'{shown}'" in lines
    assert lines[-1].startswith("invalid: ")


def test_3000_parentheses_in_a_condition_is_e021() -> None:
    """Parentheses 3,000 deep stop at the 33rd with ExpressionTooDeepError, not
    RecursionError."""
    with pytest.raises(expressions.ExpressionTooDeepError) as caught:
        expressions.parse("(" * 3000 + "x" + ")" * 3000)
    assert caught.value.column == 33


def test_32_levels_still_parse_and_evaluate() -> None:
    """The limit is 32: a condition exactly that deep still works, and evaluates."""
    node = expressions.parse("not " * 16 + "(" * 16 + "x" + ")" * 16)
    assert expressions.evaluate(node, {"x": True}, {}) is True
    with pytest.raises(expressions.ExpressionTooDeepError):
        expressions.parse("not " * 17 + "(" * 16 + "x" + ")" * 16)


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        pytest.param('meta = { x = ' + "[" * 5000 + "]" * 5000 + ' }\n', "8:45",
                     "arrays or inline tables nested more than 32 levels deep",
                     id="array-5000"),
        pytest.param("meta = " + "{ a = " * 3000 + "1" + " }" * 3000 + "\n", "8:200",
                     "arrays or inline tables nested more than 32 levels deep",
                     id="inline-table-3000"),
        pytest.param("[meta." + "a." * 3000 + "a]\nx = 1\n", "1",
                     "tables (key 'meta.a.a.a...') nested more than 32 levels deep",
                     id="table-header-3000"),
    ],
)
def test_deep_scenario_file_is_one_e021_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, where: str, message: str,
) -> None:
    """A scenario nested thousands deep (arrays, inline tables, a long table header) gives
    one E021 line naming the file, and validate exits 1 instead of a RecursionError."""
    path = write(tmp_path, body + '[scenes.a]\ntext = "x"\nending = true\n')
    code, lines = _validate(capsys, path)
    assert code == 1
    assert lines[0] == (f"{path}:{where}: error E021: {message} (no workshop file needs this "
                        "much nesting)")
    assert len(lines) == 2


def test_a_number_too_long_to_convert_is_e001(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """An integer of 5,000 digits used to escape tomllib as a bare ValueError (a traceback);
    now it is one E001 line."""
    path = write(tmp_path, "[variables]\nx = " + "9" * 5000 + "\n" + ENDING_B)
    code, lines = _validate(capsys, path)
    assert code == 1
    assert lines[0].startswith(f"{path}:")
    assert "error E001: a value cannot be read: a number has too many digits" in lines[0]
