"""Regression from the QA pass: `workshop validate` checks a workshop's reflection.toml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.scenario.helpers import EXAMPLE
from workshop.cli import main


def test_a_broken_reflection_toml_is_an_error_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """An author who writes `format = 2024-01-02` (or a backwards range) in reflection.toml
    sees `reflection.toml:3: error E020: key 'format' must be a whole number, not date` from
    `workshop validate`, exit 1, instead of "valid" and a reflection that fails at the end."""
    folder = tmp_path / "w"
    shutil.copytree(EXAMPLE, folder)
    reflection = folder / "reflection.toml"
    text = reflection.read_text(encoding="utf-8")
    reflection.write_text(text.replace("format = 1\n", "format = 2024-01-02\n"), encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    line = text.splitlines().index("format = 1") + 1
    assert f"{reflection}:{line}: error E020: key 'format' must be a whole number" in out
    reflection.write_text(text, encoding="utf-8")
    assert main(["validate", str(folder)]) == 0
