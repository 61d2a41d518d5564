"""`workshop schema -o -` prints the schema (issue 16: "-" means standard output)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop.cli import main


def test_schema_to_dash_prints_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """`workshop schema -o -` prints the JSON Schema, as without -o, and writes no file
    named "-"."""
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["$schema"]
    assert not (tmp_path / "-").exists()
