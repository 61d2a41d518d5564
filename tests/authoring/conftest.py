"""Shared helpers for the authoring tool tests: the example workshop and tiny scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.scenario.loader import load_path
from workshop.scenario.model import Scenario

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "first-workshop"

HEADER = """\
format = 1
id = "{id}"
title = "{title}"
summary = "A scenario written for a test."
section = "Tests"
minutes = 1
start = "{start}"
"""


def scenario_file(tmp_path: Path, body: str, *, sid: str = "tiny", start: str = "a",
                  title: str = "Tiny") -> Path:
    """Write a scenario file with the usual header and ``body`` (scenes, variables)."""
    path = tmp_path / f"{sid}.toml"
    path.write_text(HEADER.format(id=sid, title=title, start=start) + body, encoding="utf-8")
    return path


def load_one(path: Path) -> Scenario:
    """Load a single valid scenario file."""
    result = load_path(path)
    assert not result.errors, [d.format() for d in result.errors]
    assert result.workshop is not None
    (scenario,) = result.workshop.scenarios.values()
    return scenario


def chain(length: int, *, skips: bool) -> str:
    """Scenes s0 → s1 → ... ending at the last; with ``skips`` each can also jump two ahead."""
    parts = []
    for i in range(length):
        parts.append(f'[scenes.s{i}]\ntext = "Scene {i}"\n')
        if i == length - 1:
            parts.append("ending = true\n")
            continue
        parts.append(f'[[scenes.s{i}.choices]]\nid = "a"\nlabel = "A"\ngoto = "s{i + 1}"\n')
        if skips and i + 2 < length:
            parts.append(f'[[scenes.s{i}.choices]]\nid = "b"\nlabel = "B"\ngoto = "s{i + 2}"\n')
    return "".join(parts)


@pytest.fixture
def outage() -> Scenario:
    """The example workshop's ``the-outage`` scenario (every feature of the format)."""
    result = load_path(EXAMPLE)
    assert result.workshop is not None and not result.errors
    return result.workshop.scenarios["the-outage"]
