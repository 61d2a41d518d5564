"""Format 1.1 scene features in the loader, the validator and the JSON Schema (issue 15, C1):
``[[questions]]``, ``else`` on text parts, and the errors an author gets for each misuse."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from tests.format11 import CONTENT
from tests.scenario.helpers import HEADER, write
from workshop.authoring import schema
from workshop.scenario.loader import load_path

HEADER_11 = HEADER.replace("format = 1", 'format = "1.1"')

TWO_QUESTIONS = """
[scenes.a]
text = "Two things."
next = "b"

[[scenes.a.questions]]
id = "q1"
type = "rating"
question = "How much?"
low = "little"
high = "lots"

[[scenes.a.questions]]
id = "q2"
type = "text"
question = "Why?"

[scenes.b]
text = "Done."
ending = true
"""

ELSE_PART = """
[variables]
calm = true

[scenes.a]
text = "Morning."
ending = true

[[scenes.a.parts]]
if = "calm"
text = "All is quiet."
else = "Everything is on fire."
"""


def messages(path: Path) -> list[str]:
    """Every diagnostic for ``path`` as printed, the file named as in its folder."""
    return [d.format().replace(f"{path.parent}/", "") for d in load_path(path).diagnostics]


def test_the_fixture_workshop_is_clean() -> None:
    """You should see: 0 errors, 0 warnings for a workshop using every C1 feature."""
    result = load_path(CONTENT)
    assert [d.format() for d in result.diagnostics] == []
    assert result.workshop is not None
    rate = result.workshop.scenarios["check-in"].scenes["rate"]
    assert [ask.id for ask in rate.asks] == ["want-start", "energy-start"]
    (part,) = result.workshop.scenarios["check-in"].scenes["done"].parts
    assert part.otherwise == "You took the slow way through the questions."


def test_questions_load_in_order(tmp_path: Path) -> None:
    result = load_path(write(tmp_path, TWO_QUESTIONS, header=HEADER_11))
    assert not result.diagnostics
    assert result.workshop is not None
    scene = result.workshop.scenarios["s"].scenes["a"]
    assert [(a.id, a.kind) for a in scene.asks] == [("q1", "rating"), ("q2", "text")]
    assert result.workshop.ask("q2")[1].id == "a"


def test_the_single_ask_table_is_still_read(tmp_path: Path) -> None:
    body = '[scenes.a]\ntext = "x"\nending = true\n[scenes.a.ask]\nid = "q"\ntype = "text"\n' \
           'question = "?"\n'
    result = load_path(write(tmp_path, body))
    assert not result.diagnostics and result.workshop is not None
    assert [a.id for a in result.workshop.scenarios["s"].scenes["a"].asks] == ["q"]


def test_both_ask_and_questions_is_an_error(tmp_path: Path) -> None:
    body = TWO_QUESTIONS.replace('next = "b"\n', 'next = "b"\n[scenes.a.ask]\nid = "q0"\n'
                                 'type = "text"\nquestion = "?"\n', 1)
    assert messages(write(tmp_path, body, header=HEADER_11)) == [
        "s.toml:17: error E017: scene 'a' has both 'ask' and 'questions' (use one: move the "
        "'ask' table into [[scenes.ID.questions]] as its first entry)"
    ]


def test_a_question_id_twice_in_a_scene_is_an_error(tmp_path: Path) -> None:
    body = TWO_QUESTIONS.replace('id = "q2"', 'id = "q1"')
    assert messages(write(tmp_path, body, header=HEADER_11)) == [
        "s.toml:21: error E005: question id 'q1' is used twice in scene 'a' (each question "
        "needs its own id: answers are stored under it)"
    ]


def test_a_question_id_used_in_another_scenario_is_an_error_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "workshop.toml").write_text(
        'format = 1\nid = "w"\ntitle = "w"\nversion = "1"\nscenarios = ["s", "t"]\n',
        encoding="utf-8")
    write(tmp_path, TWO_QUESTIONS, header=HEADER_11)
    other = '[scenes.a]\ntext = "x"\nending = true\n[scenes.a.ask]\nid = "q2"\ntype = "text"\n' \
            'question = "?"\n'
    write(tmp_path, other, name="t.toml", header=HEADER.replace('id = "s"', 'id = "t"'))
    found = [d.format().replace(f"{tmp_path}/", "") for d in load_path(tmp_path).diagnostics]
    assert found == ["t.toml:12: error E005: prompt id 'q2' is also used in scenario 's' "
                     "(prompt ids must be unique across the workshop)"]


def test_signals_on_a_written_question_point_at_that_question(tmp_path: Path) -> None:
    body = TWO_QUESTIONS.replace('question = "Why?"', 'question = "Why?"\nsignals = { x = 1 }')
    assert messages(write(tmp_path, body, header=HEADER_11)) == [
        "s.toml:24: error E018: only ratings carry signals (scene 'a')"
    ]


def test_a_rating_question_missing_its_labels_names_the_question(tmp_path: Path) -> None:
    body = TWO_QUESTIONS.replace('low = "little"\n', '')
    assert messages(write(tmp_path, body, header=HEADER_11)) == [
        "s.toml:13: error E003: rating in scene 'a' is missing 'low' (label the 1 end of "
        "the scale)"
    ]


def test_else_without_if_is_an_error_at_its_line(tmp_path: Path) -> None:
    body = ELSE_PART.replace('if = "calm"\n', "")
    found = messages(write(tmp_path, body, header=HEADER_11))
    assert found[0] == ("s.toml:18: error E003: a text part of scene 'a' has 'else' but no "
                        "'if' (add if = \"...\": 'else' is shown when that condition is false)")


def test_else_text_is_checked_for_variables(tmp_path: Path) -> None:
    body = ELSE_PART.replace("Everything is on fire.", "{mood} everywhere.")
    assert messages(write(tmp_path, body, header=HEADER_11)) == [
        "s.toml:19: error E010: text interpolates undefined variable '{mood}' (declare it "
        "under [variables], or write {{ for a literal brace)"
    ]


@pytest.mark.parametrize(("body", "line", "feature"), [
    (ELSE_PART, 19, "'else' on a text part"),
    (TWO_QUESTIONS, 13, "several questions in one scene ([[questions]])"),
])
def test_a_format_1_file_using_a_1_1_feature_is_told_to_say_so(
    tmp_path: Path, body: str, line: int, feature: str
) -> None:
    assert messages(write(tmp_path, body)) == [
        f"s.toml:{line}: error E022: {feature} needs format 1.1, but this file is format 1 "
        '(write format = "1.1" at the top of the file)'
    ]


def test_format_1_1_is_read_and_other_strings_are_refused(tmp_path: Path) -> None:
    assert messages(write(tmp_path, ELSE_PART, header=HEADER_11)) == []
    bad = HEADER.replace("format = 1", 'format = "1.2"')
    (first,) = messages(write(tmp_path, ELSE_PART, header=bad))
    assert first.startswith('s.toml:1: error E016: format "1.2" is not supported')


def _schema_errors(path: Path) -> list[str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(json.loads(schema.text("scenario")))
    return [error.message for error in validator.iter_errors(data)]


def test_the_schema_accepts_what_the_loader_accepts(tmp_path: Path) -> None:
    assert _schema_errors(CONTENT / "check-in.toml") == []
    assert _schema_errors(write(tmp_path, TWO_QUESTIONS, header=HEADER_11)) == []


@pytest.mark.parametrize("body", [
    ELSE_PART.replace('if = "calm"\n', ""),
    TWO_QUESTIONS.replace('next = "b"\n', 'next = "b"\n[scenes.a.ask]\nid = "q0"\n'
                          'type = "text"\nquestion = "?"\n', 1),
])
def test_the_schema_refuses_what_the_validator_refuses(tmp_path: Path, body: str) -> None:
    """Editor completion can be trusted: both misuses are flagged by the schema too."""
    path = write(tmp_path, body, header=HEADER_11)
    assert any(d.severity == "error" for d in load_path(path).diagnostics)
    assert _schema_errors(path)


def test_questions_written_as_one_table_get_one_line(tmp_path: Path) -> None:
    """``[scenes.a.questions]`` (single brackets) is a type error on its line, not a crash."""
    body = TWO_QUESTIONS.replace("[[scenes.a.questions]]", "[scenes.a.questions]", 1).split(
        "[[scenes.a.questions]]")[0] + '\n[scenes.b]\ntext = "Done."\nending = true\n'
    (first,) = messages(write(tmp_path, body, header=HEADER_11))
    assert first.startswith("s.toml:13: error E004: 'questions' in scene 'a' must be an array")


def test_else_must_be_text(tmp_path: Path) -> None:
    body = ELSE_PART.replace('else = "Everything is on fire."', "else = 3")
    assert messages(write(tmp_path, body, header=HEADER_11)) == [
        "s.toml:19: error E004: 'else' in a text part of scene 'a' must be a string, not an "
        "integer"
    ]


@pytest.mark.parametrize("body", [ELSE_PART, TWO_QUESTIONS])
def test_the_schema_refuses_a_1_1_feature_in_a_format_1_file(tmp_path: Path, body: str) -> None:
    assert _schema_errors(write(tmp_path, body))
    assert _schema_errors(write(tmp_path, body, header=HEADER_11)) == []
