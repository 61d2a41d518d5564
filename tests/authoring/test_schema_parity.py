"""Schema and validator parity (issue 15): editor completion can be trusted only if the JSON
Schema rejects what the validator rejects, wherever JSON Schema can say it.

Every diagnostic example (one small broken file per code, from
``tests/scenario/test_diagnostics.py``, plus the structural rules the schema once let
through) runs through both the validator and the JSON Schema:

- an example whose error the schema can express is rejected by both;
- an example whose error needs more than one file's shape (references, variables, graphs,
  uniqueness) or that only warns is accepted by the schema, so the list of what it cannot
  express is exact and kept here;
- files the validator accepts (the bundled workshop, the example) are accepted by the schema
  (``test_schema.py::test_example_files_validate_against_the_schema``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import jsonschema
import pytest

from tests.scenario.helpers import HEADER, write
from tests.scenario.test_diagnostics import ENDING_B, SCENARIO_CASES
from workshop.authoring import schema
from workshop.scenario.diagnostics import CODES
from workshop.scenario.loader import load_path

SCHEMA_EXPRESSES = {"E002", "E003", "E004", "E008", "E015", "E016", "E017", "E018", "E022"}
"""Error codes a scenario file's JSON Schema can state: keys, types, ranges, patterns, and
the shape rules of a choice, a scene and a prompt."""

SCHEMA_CANNOT = {
    "E001": "not TOML: nothing to check",
    "E005": "unique ids among array items: JSON Schema compares whole items only",
    "E006": "a reference to another scene",
    "E007": "an unreadable file",
    "E009": "a loop: the graph of scenes",
    "E010": "a variable declared elsewhere in the file",
    "E011": "the types of expressions",
    "E012": "the grammar of expressions",
    "E013": "the axes of another file (the manifest)",
    "E014": "the files beside the manifest",
    "E019": "the manifest's scenarios, from a track",
    "E020": "reflection.toml, another format",
    "E021": "nesting depth of free-form metadata",
    "E023": "a workshop variable declared in another file (the manifest)",
}
"""Error codes it cannot, and why (warnings never fail a file, so the schema accepts them)."""

STRUCTURAL: dict[str, tuple[str, str]] = {
    # Format 1.1 features in a file that says format 1 (E022).
    "on-enter-in-format-1": (
        '[scenes.a]\ntext = "x"\nnext = "b"\non_enter = { set = { v = 1 } }\n'
        '[variables]\nv = 0\n' + ENDING_B, "E022"),
    "else-in-format-1": (
        '[scenes.a]\ntext = "x"\nnext = "b"\n[[scenes.a.parts]]\nif = "true"\ntext = "y"\n'
        'else = "z"\n' + ENDING_B, "E022"),
    "questions-in-format-1": (
        '[scenes.a]\ntext = "x"\nnext = "b"\n[[scenes.a.questions]]\nid = "q"\n'
        'question = "Q?"\n' + ENDING_B, "E022"),
    "next-and-choices": (
        '[scenes.a]\ntext = "x"\nnext = "b"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\n'
        'goto = "b"\n' + ENDING_B, "E017"),
    "return-and-goto": (
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ngoto = "b"\n'
        "return = true\n" + ENDING_B, "E017"),
    "return-false-alone": (
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\n'
        "return = false\n" + ENDING_B, "E017"),
    "rating-without-low-high": (
        '[scenes.a]\ntext = "x"\nending = true\n[scenes.a.ask]\nid = "q"\ntype = "rating"\n'
        'question = "How much?"\n', "E003"),
    "rating-with-empty-high": (
        '[scenes.a]\ntext = "x"\nending = true\n[scenes.a.ask]\nid = "q"\ntype = "rating"\n'
        'question = "How much?"\nlow = "little"\nhigh = ""\n', "E003"),
    "signals-on-a-text-question": (
        '[scenes.a]\ntext = "x"\nending = true\n[scenes.a.ask]\nid = "q"\ntype = "text"\n'
        'question = "Why?"\nsignals = { scope = 1 }\n', "E018"),
    "dead-end": ('[scenes.a]\ntext = "x"\nending = false\n', "E008"),
    "dead-end-empty-choices": ('[scenes.a]\ntext = "x"\nchoices = []\n', "E008"),
}
"""The rules the schema used to let through (issue 15), each with the validator's code."""

ACCEPTED: dict[str, str] = {
    "next-and-no-choices": '[scenes.a]\ntext = "x"\nnext = "b"\nchoices = []\n' + ENDING_B,
    "return-false-with-goto": (
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ngoto = "b"\n'
        "return = false\n" + ENDING_B),
    "text-question-with-no-signals": (
        '[scenes.a]\ntext = "x"\nending = true\n[scenes.a.ask]\nid = "q"\ntype = "text"\n'
        'question = "Why?"\nsignals = {}\n'),
    "detour-with-goto": (
        '[scenes.a]\ntext = "x"\n[[scenes.a.choices]]\nid = "c"\nlabel = "C"\ndetour = "m"\n'
        'goto = "b"\n[scenes.m]\ntext = "y"\n[[scenes.m.choices]]\nid = "back"\n'
        'label = "Back"\nreturn = true\n' + ENDING_B),
}
"""Near misses the validator accepts: the schema must accept them too."""


def _schema_errors(data: dict[str, object]) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema.schema("scenario"))
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def _both(tmp_path: Path, body: str, header: str = HEADER) -> tuple[set[str], list[str]]:
    """The validator's error codes, and the schema's complaints, for one scenario file."""
    path = write(tmp_path, body, header=header)
    codes = {d.code for d in load_path(path).errors}
    return codes, _schema_errors(tomllib.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("code", sorted(SCENARIO_CASES))
def test_every_diagnostic_example_through_both(tmp_path: Path, code: str) -> None:
    """The diagnostic table's example for a code: both reject it when the schema can express
    the rule; otherwise the schema accepts it (and the gap is named in SCHEMA_CANNOT)."""
    body, _ = SCENARIO_CASES[code]
    if code == "E001":
        # Not TOML: the validator says where; an editor's TOML parser does the same.
        path = write(tmp_path, body)
        assert {d.code for d in load_path(path).errors} == {"E001"}
        with pytest.raises(tomllib.TOMLDecodeError):
            tomllib.loads(path.read_text(encoding="utf-8"))
        return
    header = HEADER.replace("format = 1", "format = 2") if code == "E016" else HEADER
    codes, complaints = _both(tmp_path, body, header)
    if code.startswith("W"):
        assert not codes and complaints == [], (code, complaints)
    elif code in SCHEMA_EXPRESSES:
        assert code in codes and complaints, (code, codes, complaints)
    else:
        assert code in SCHEMA_CANNOT
        assert code in codes and complaints == [], (code, complaints)


@pytest.mark.parametrize("name", sorted(STRUCTURAL))
def test_structural_rules_rejected_by_both(tmp_path: Path, name: str) -> None:
    """next with choices, return with goto, a rating without its labels, signals on a text
    question, a dead end: the validator's error, and the schema rejects the file too."""
    body, code = STRUCTURAL[name]
    codes, complaints = _both(tmp_path, body)
    assert code in codes, codes
    assert complaints, f"the schema accepts {name}"


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_near_misses_accepted_by_both(tmp_path: Path, name: str) -> None:
    """What the validator accepts, the schema accepts: no false alarm in the editor."""
    codes, complaints = _both(tmp_path, ACCEPTED[name])
    assert codes == set() and complaints == []


def test_every_error_code_is_classified() -> None:
    """A new error code must say whether the schema can express it (and be tested so)."""
    errors = {code for code in CODES if code.startswith("E")}
    assert SCHEMA_EXPRESSES | set(SCHEMA_CANNOT) == errors
    assert not SCHEMA_EXPRESSES & set(SCHEMA_CANNOT)
