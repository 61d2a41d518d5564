"""`workshop schema`: the JSON Schema matches the loader key for key, and the examples pass it."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.authoring.conftest import EXAMPLE, ROOT
from workshop.authoring import schema
from workshop.cli import main
from workshop.scenario.loader import MANIFEST, load_path

PROBE = "qqqqqqqqqq"
"""A key no table knows and nothing is close to, so the loader lists every key it knows."""

SCENARIO_PROBE = f"""
{PROBE} = 1
id = "s"
title = "t"
summary = "s"
section = "x"
minutes = 1
start = "a"
[scenes.a]
text = "a"
{PROBE} = 1
on_enter = {{ {PROBE} = 1 }}
[[scenes.a.parts]]
text = "p"
{PROBE} = 1
[scenes.a.ask]
id = "q"
type = "text"
question = "?"
{PROBE} = 1
[[scenes.a.choices]]
id = "c"
label = "l"
goto = "b"
{PROBE} = 1
[scenes.b]
text = "b"
ending = true
"""

MANIFEST_PROBE = f"""
{PROBE} = 1
id = "w"
title = "t"
version = "1"
scenarios = []
[[tracks]]
id = "t"
title = "t"
{PROBE} = 1
[[axes]]
id = "a"
group = "doing"
label = "l"
{PROBE} = 1
"""

# The loader names each table in its messages; map those names to the schema's tables.
WHAT = {
    "the scenario": "scenario",
    "scene 'a'": "scene",
    "choice 'c' in scene 'a'": "choice",
    "a text part of scene 'a'": "part",
    "the prompt in scene 'a'": "ask",
    "the workshop manifest": "workshop",
    "track 1": "track",
    "axis 1": "axis",
    "on_enter of scene 'a'": "on_enter",
}


def loader_keys(tmp_path: Path) -> dict[str, set[str]]:
    """Every table's keys as the loader itself lists them in its 'known keys' hint."""
    (tmp_path / "s.toml").write_text(SCENARIO_PROBE, encoding="utf-8")
    manifest_dir = tmp_path / "w"
    manifest_dir.mkdir()
    (manifest_dir / MANIFEST).write_text(MANIFEST_PROBE, encoding="utf-8")
    found: dict[str, set[str]] = {}
    for path in (tmp_path / "s.toml", manifest_dir):
        for d in load_path(path, validate=False).diagnostics:
            if d.code != "E002":
                continue
            what = re.sub(rf"^unknown key '{PROBE}' in ", "", d.message)
            assert d.hint.startswith("known keys: "), d.hint
            found[WHAT[what]] = set(d.hint.removeprefix("known keys: ").split(", "))
    return found


def test_schema_keys_are_exactly_the_loader_keys(tmp_path: Path) -> None:
    keys = loader_keys(tmp_path)
    assert set(keys) == set(schema.TABLES)
    for name, table in schema.TABLES.items():
        assert {key.name for key in table.keys} == keys[name], name


def _walk(data: dict[str, Any], node: dict[str, Any], defs: dict[str, Any], where: str,
          seen: set[str]) -> None:
    """Assert every key of ``data`` is a property of ``node`` (following $ref and maps)."""
    if "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[1]]
    if node.get("type") != "object":
        return
    props = node.get("properties")
    for key, value in data.items():
        if props is None:  # a map: scenes, variables, signals...
            child = node.get("additionalProperties")
            if isinstance(child, dict) and isinstance(value, dict):
                _walk(value, child, defs, f"{where}.{key}", seen)
            continue
        assert key in props, f"{where}.{key} is not in the schema"
        seen.add(f"{where}.{key}")
        child = props[key]
        if isinstance(value, dict):
            _walk(value, child, defs, f"{where}.{key}", seen)
        elif isinstance(value, list) and "items" in child:
            for item in value:
                if isinstance(item, dict):
                    _walk(item, child["items"], defs, f"{where}.{key}[]", seen)


def example_files() -> list[tuple[Path, schema.Kind]]:
    """The example workshop and the bundled one: the manifest and every scenario it lists."""
    files: list[tuple[Path, schema.Kind]] = []
    for folder in (EXAMPLE, ROOT / "scenarios" / "staff-path"):
        manifest = folder / MANIFEST
        files.append((manifest, "workshop"))
        listed = tomllib.loads(manifest.read_text(encoding="utf-8"))["scenarios"]
        files += [(folder / f"{name}.toml", "scenario") for name in listed]
    return files


def test_every_key_in_the_examples_is_in_the_schema() -> None:
    seen: set[str] = set()
    for path, kind in example_files():
        document = schema.schema(kind)
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        _walk(data, document, document["$defs"], path.name, seen)
    # The example workshop uses every feature, so the walk really went deep.
    assert "the-outage.toml.scenes.morning.choices[].requires" in seen
    assert "check-in.toml.scenes.rate.ask.low" in seen
    assert "workshop.toml.axes[].group" in seen


@pytest.mark.parametrize(("path", "kind"), example_files(), ids=lambda v: getattr(v, "name", v))
def test_example_files_validate_against_the_schema(path: Path, kind: schema.Kind) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema.schema(kind))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def test_a_misspelt_key_is_flagged_by_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    text = (EXAMPLE / "the-outage.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text.replace('goto = "morning"', 'gotoo = "morning"', 1))
    validator = jsonschema.Draft202012Validator(schema.schema("scenario"))
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("gotoo" in m for m in messages), messages


@pytest.mark.parametrize("kind", schema.KINDS)
def test_schema_is_valid_draft_2020_12(kind: schema.Kind) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    document = schema.schema(kind)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(document)


_RULES = {"if", "then", "else", "not", "allOf", "anyOf", "oneOf"}
"""Keywords whose subschemas state rules over a table's keys (parity with the validator),
not tables of their own."""


def _objects(node: Any, where: str = "#") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        if "properties" in node:
            found.append((where, node))
        for key, value in node.items():
            if key in _RULES:
                continue
            found += _objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _objects(value, f"{where}/{index}")
    return found


@pytest.mark.parametrize("kind", schema.KINDS)
def test_every_table_is_closed_and_every_key_described(kind: schema.Kind) -> None:
    tables = _objects(schema.schema(kind))
    assert len(tables) >= 3
    for where, table in tables:
        assert table["additionalProperties"] is False, where
        assert table.get("description"), where
        for key, prop in table["properties"].items():
            assert prop.get("description"), f"{where}/{key}"


@pytest.mark.parametrize("kind", schema.KINDS)
def test_shipped_files_are_the_generated_ones(kind: schema.Kind) -> None:
    """If this fails, run `python -m workshop.authoring.schema` and commit the files."""
    assert schema.path(kind).read_text(encoding="utf-8") == schema.text(kind)


def test_example_files_point_at_the_shipped_schemas() -> None:
    for path, kind in example_files()[:3]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#:schema "), path
        target = (path.parent / first.removeprefix("#:schema ")).resolve()
        assert target == schema.path(kind).resolve()


@pytest.mark.parametrize("kind", schema.KINDS)
def test_cli_prints_the_schema(capsys: pytest.CaptureFixture[str], kind: str) -> None:
    assert main(["schema", "--kind", kind]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == json.loads(schema.path(kind).read_text(encoding="utf-8"))


def test_cli_writes_the_schema_to_a_file(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    target = tmp_path / "scenario.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == schema.text("scenario")
    assert capsys.readouterr().out == ""


def test_cli_cannot_write_is_one_line_exit_2(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "x.json"
    assert main(["schema", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "x.json: cannot write the schema" in err
