"""Validating format 1.1 workshop-level variables and ``on_enter``: one line per problem,
naming the file and the line, with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenario.helpers import HEADER, MANIFEST, messages, write

HEADER_11 = HEADER.replace("format = 1", 'format = "1.1"')
MANIFEST_11 = MANIFEST.replace("format = 1", 'format = "1.1"') + (
    "\n[variables]\ngoodwill = 0\ntold_maya = false\n"
)
"""The test manifest in format 1.1 with two workshop variables (lines 12–14)."""

READS = """
[scenes.a]
text = "Goodwill {goodwill}."

[[scenes.a.choices]]
id = "c"
label = "C"
goto = "b"
if = "not told_maya"
set = { told_maya = true }
signals = { scope = 1 }

[scenes.b]
text = "The end."
ending = true
"""
"""A scenario body that reads and sets both workshop variables (lines 8–22)."""


def folder(tmp_path: Path, body: str = READS, *, manifest: str = MANIFEST_11,
           header: str = HEADER_11) -> Path:
    (tmp_path / "workshop.toml").write_text(manifest, encoding="utf-8")
    write(tmp_path, body, header=header)
    return tmp_path


def test_a_scenario_reads_and_sets_workshop_variables_cleanly(tmp_path: Path) -> None:
    """Declared in workshop.toml, read and set in a 1.1 scenario: no diagnostic at all."""
    assert messages(folder(tmp_path)) == []


def test_one_scenario_file_checked_alone_knows_the_manifest_beside_it(tmp_path: Path) -> None:
    """`workshop validate s.toml` with workshop.toml beside it does not call them undefined."""
    root = folder(tmp_path)
    assert messages(root / "s.toml") == []


def test_e022_variables_in_a_format_1_manifest(tmp_path: Path) -> None:
    root = folder(tmp_path, manifest=MANIFEST + "\n[variables]\ngoodwill = 0\n"
                  "told_maya = false\n")
    assert messages(root) == [
        f"{root / 'workshop.toml'}:12: error E022: [variables] in workshop.toml needs format "
        '1.1, but this file is format 1 (write format = "1.1" at the top of the file)'
    ]


def test_e022_a_format_1_scenario_names_a_workshop_variable(tmp_path: Path) -> None:
    """Each place a format-1 file names a workshop variable says to opt in, not 'undefined'."""
    root = folder(tmp_path, header=HEADER)
    path = root / "s.toml"
    fix = '(write format = "1.1" at the top of the file)'
    assert messages(root) == [
        f"{path}:10: error E022: workshop variable 'goodwill' needs format 1.1, but this file "
        f"is format 1 {fix}",
        f"{path}:16: error E022: workshop variable 'told_maya' needs format 1.1, but this file "
        f"is format 1 {fix}",
        f"{path}:17: error E022: workshop variable 'told_maya' needs format 1.1, but this file "
        f"is format 1 {fix}",
    ]


def test_e022_on_enter_in_a_format_1_scenario(tmp_path: Path) -> None:
    body = '[variables]\nn = 0\n[scenes.a]\ntext = "{n}"\non_enter = { add = { n = 1 } }\n' \
        "ending = true\n"
    path = write(tmp_path, body)
    assert messages(path) == [
        f"{path}:12: error E022: on_enter (scene 'a') needs format 1.1, but this file is "
        'format 1 (write format = "1.1" at the top of the file)'
    ]


def test_e023_a_scenario_variable_shadows_a_workshop_variable(tmp_path: Path) -> None:
    root = folder(tmp_path, "[variables]\ngoodwill = 3\n" + READS)
    assert messages(root) == [
        f"{root / 's.toml'}:9: error E023: variable 'goodwill' is also a workshop variable "
        "(declared in workshop.toml); the scenario's would hide it (rename the scenario's "
        "variable, or drop it and use the workshop's)"
    ]


def test_e010_a_misspelt_workshop_variable_gets_did_you_mean(tmp_path: Path) -> None:
    """In a condition, in text and in set: the close name is offered."""
    body = READS.replace("{goodwill}", "{goodwil}").replace("not told_maya", "not told_mya") \
        .replace("set = { told_maya", "set = { tolds_maya")
    root = folder(tmp_path, body)
    path = root / "s.toml"
    assert messages(root) == [
        f"{path}:10: error E010: text interpolates undefined variable '{{goodwil}}' (did you "
        "mean 'goodwill'?)",
        f"{path}:16:11: error E010: undefined variable 'told_mya' in 'not told_mya' (did you "
        "mean 'told_maya'?)",
        f"{path}:17: error E010: choice 'c' sets undefined variable 'tolds_maya' (did you "
        "mean 'told_maya'?)",
    ]


def test_e011_a_workshop_variable_keeps_its_type(tmp_path: Path) -> None:
    body = READS.replace("set = { told_maya = true }", 'set = { told_maya = "yes" }')
    root = folder(tmp_path, body)
    assert messages(root) == [
        f"{root / 's.toml'}:17: error E011: choice 'c' sets boolean variable 'told_maya' to a "
        "string"
    ]


def test_e011_on_enter_adds_to_a_boolean(tmp_path: Path) -> None:
    body = READS.replace('text = "Goodwill {goodwill}."',
                         'text = "Goodwill {goodwill}."\non_enter = { add = { told_maya = 1 } }')
    root = folder(tmp_path, body)
    assert messages(root) == [
        f"{root / 's.toml'}:11: error E011: on_enter of scene 'a' adds to boolean variable "
        "'told_maya'; only numbers can be added to"
    ]


def test_w005_a_workshop_variable_no_scenario_reads(tmp_path: Path) -> None:
    root = folder(tmp_path, manifest=MANIFEST_11 + "unused = 1\n")
    assert messages(root) == [
        f"{root / 'workshop.toml'}:15: warning W005: workshop variable 'unused' is declared "
        "but no scenario reads it (use it in a condition or text, or remove it)"
    ]


def test_e016_format_written_as_a_number(tmp_path: Path) -> None:
    """format = 1.1 without quotes is a TOML float: say to quote it."""
    path = write(tmp_path, '[scenes.a]\ntext = "x"\nending = true\n',
                 header=HEADER.replace("format = 1", "format = 1.1"))
    assert messages(path) == [
        f"{path}:1: error E016: format 1.1 is a number; format 1.1 is written as a string "
        '(write format = "1.1" (with the quotes))'
    ]


def test_e016_an_unknown_format_string(tmp_path: Path) -> None:
    path = write(tmp_path, '[scenes.a]\ntext = "x"\nending = true\n',
                 header=HEADER.replace("format = 1", 'format = "2"'))
    assert messages(path) == [
        f'{path}:1: error E016: format "2" is not supported (this version reads format 1 and '
        '"1.1") (upgrade the workshop tool, or write format = 1 or format = "1.1")'
    ]


def test_on_enter_misspelt_key(tmp_path: Path) -> None:
    path = write(tmp_path, '[scenes.a]\ntext = "x"\nending = true\non_enter = { sett = {} }\n',
                 header=HEADER_11)
    assert messages(path) == [
        f"{path}:11: error E002: unknown key 'sett' in on_enter of scene 'a' (did you mean "
        "'set'?)"
    ]


def test_validate_command_prints_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workshop validate` exits 1 with the E023 line, never a traceback."""
    from workshop.cli import main

    root = folder(tmp_path, "[variables]\ngoodwill = 3\n" + READS)
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr()
    assert "s.toml:9: error E023:" in out.out + out.err
    assert "Traceback" not in out.out + out.err
