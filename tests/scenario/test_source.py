"""Lines and columns in the file: the locator behind every ``PATH:LINE[:COL]``.

Each test here is a regression test for a place the first locator pointed at the wrong line
(or no column): dotted keys, inline tables in arrays, nested arrays of tables, quoted keys,
escapes and multi-line strings.
"""

from __future__ import annotations

from pathlib import Path

from tests.scenario.helpers import HEADER, messages, write
from workshop.scenario.source import SourceFile, index_lines

ENDING_B = '[scenes.b]\ntext = "y"\nending = true\n'


def test_index_lines_tables_keys_and_arrays() -> None:
    """Tables, keys in arrays of tables, nested tables and array items each get their line."""
    text = (
        'id = "x"\n'                      # 1
        'desc = """\n'                    # 2
        "[scenes.fake]\n"                 # 3: inside the string, not a table
        '"""\n'                           # 4
        '[scenes."a b"]\n'                # 5
        "tags = [\n"                      # 6
        '  "one]",  # a bracket in a string and a comment ]\n'  # 7
        '  "two",\n'                      # 8
        "]\n"                             # 9
        "[[scenes.a.choices]]\n"          # 10
        'id = "c1"\n'                     # 11
        "[[scenes.a.choices]]\n"          # 12
        'id = "c2"\n'                     # 13
        "[scenes.a.choices.meta]\n"       # 14
        "x = 1\n"                         # 15
        "[[tracks]]\n"                    # 16
        "[[tracks.items]]\n"              # 17
        "[[tracks]]\n"                    # 18
        "[[tracks.items]]\n"              # 19
        'name = "second"\n'               # 20
    )
    lines = index_lines(text)
    assert ("scenes", "fake") not in lines
    assert lines[("scenes", "a b")] == 5
    assert lines[("scenes", "a b", "tags", 1)] == 8
    assert lines[("scenes", "a", "choices", 0, "id")] == 11
    assert lines[("scenes", "a", "choices", 1, "id")] == 13
    assert lines[("scenes", "a", "choices", 1, "meta", "x")] == 15
    assert lines[("tracks", 1, "items", 0, "name")] == 20


def test_dotted_keys_give_their_tables_a_line(tmp_path: Path) -> None:
    """A scene written with dotted keys (b.text = ...) is reported at its own line, not at
    the [scenes] header."""
    path = write(tmp_path, '[scenes]\na.text = "x"\na.next = "b"\nb.text = "y"\n')
    assert messages(path) == [
        f"{path}:11: error E008: scene 'b' is not an ending and offers no choice (add a "
        "choice, a 'next', or ending = true)"
    ]


def test_choices_as_inline_tables(tmp_path: Path) -> None:
    """A broken condition in the second of several inline-table choices points at its line
    and at the column where the expression goes wrong."""
    path = write(tmp_path, (
        '[variables]\nx = 1\n[scenes.a]\ntext = "x"\nchoices = [\n'
        '  { id = "c", label = "C", goto = "b" },\n'
        '  { id = "d", label = "D", goto = "b", if = "x >" },\n'
        "]\n" + ENDING_B
    ))
    assert messages(path) == [f"{path}:14:49: error E012: expression ends too soon in 'x >'"]


def test_escaped_quotes_in_a_condition(tmp_path: Path) -> None:
    """Escaped quotes before the problem still give the problem's true column."""
    path = write(tmp_path, (
        '[variables]\nlead = "D"\n[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\n'
        'label = "C"\ngoto = "b"\nif = "lead == \\"D\\" and lead == 2"\n' + ENDING_B
    ))
    assert messages(path) == [
        f"{path}:16:25: error E011: cannot compare a string with a number in "
        "'lead == \"D\" and lead == 2'"
    ]


def test_condition_in_a_multiline_string(tmp_path: Path) -> None:
    """A condition written over several lines is shown on one line, and the position is the
    line and column inside the string where the problem is."""
    path = write(tmp_path, (
        '[variables]\nt = 1\n[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\n'
        'label = "C"\ngoto = "b"\nif = """\nt > 1 and\n  missing < 3\n"""\n' + ENDING_B
    ))
    assert messages(path) == [
        f"{path}:18:3: error E010: undefined variable 'missing' in 't > 1 and missing < 3'"
    ]


def test_quoted_keys(tmp_path: Path) -> None:
    """Quoted table names and keys are matched to the parsed keys."""
    path = write(tmp_path, (
        '[scenes."a"]\ntext = "x"\n[[scenes."a".choices]]\n"id" = "c"\n'
        "label = 'C'\ngoto = \"b\"\n'if' = 'nope > 1'\n" + ENDING_B
    ))
    assert messages(path) == [f"{path}:14:9: error E010: undefined variable 'nope' in "
                              "'nope > 1'"]


def test_text_parts_inline(tmp_path: Path) -> None:
    """Conditional text parts written as an inline array are located item by item; a
    condition that is a number rather than true/false is an error, not a silent truth test."""
    path = write(tmp_path, (
        '[variables]\nt = 1\n[scenes.a]\ntext = "x"\nnext = "b"\n'
        'parts = [{ text = "p", if = "t > 0" }, { text = "q", if = "t" }]\n' + ENDING_B
    ))
    assert messages(path) == [
        f"{path}:13:60: error E011: a condition must be true or false, not a number in 't'"
    ]


def test_unclosed_table_at_end_of_document(tmp_path: Path) -> None:
    """A TOML error tomllib reports 'at end of document' points at the last written line,
    not at line 1."""
    path = write(tmp_path, '[scenes.a]\ntext = "x"\nending = true\ntags = ["a",\n\n')
    assert messages(path) == [
        f"{path}:11: error E001: invalid value (text values need quotes: key = \"text\")"
    ]


def test_string_position_edges() -> None:
    """Positions inside literal, escaped and line-continued strings follow the file."""
    source = SourceFile(Path("x.toml"), (
        "a = 'lit'\n"
        'b = "\\u00e9x"\n'
        'c = """\\\n    joined"""\n'
        "d = 3\n"
    ))
    assert source.string_position(("a",), 1) == (1, 7)
    assert source.string_position(("b",), 1) == (2, 12)
    assert source.string_position(("c",), 0) == (4, 5)
    assert source.string_position(("d",), 0) is None
    assert source.string_position(("missing",), 0) is None


def test_header_stays_seven_lines() -> None:
    """The test files' header is seven lines, so bodies start on line 8."""
    assert HEADER.count("\n") == 7
