"""Small builders shared by the scenario and engine tests: files written into ``tmp_path``."""

from __future__ import annotations

from pathlib import Path

from workshop.scenario.loader import LoadResult, load_path
from workshop.scenario.model import Scenario, Workshop

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "first-workshop"

HEADER = """\
format = 1
id = "s"
title = "A test"
summary = "Written for a test."
section = "Tests"
minutes = 1
start = "a"
"""
"""Seven lines: a body written after it starts on line 8."""

MANIFEST = """\
format = 1
id = "w"
title = "A test workshop"
version = "1"
scenarios = ["s"]

[[axes]]
id = "scope"
group = "doing"
label = "Scope"
"""
"""A manifest listing one scenario ``s`` and one axis ``scope`` (ten lines)."""


def write(tmp_path: Path, body: str, *, name: str = "s.toml", header: str = HEADER) -> Path:
    """Write a scenario file: the usual header, then ``body``."""
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    """Every diagnostic for ``path`` as printed, in the order found."""
    return [d.format() for d in load_path(path).diagnostics]


def load(path: Path) -> LoadResult:
    """Load and validate, asserting there is no error."""
    result = load_path(path)
    assert not result.errors, [d.format() for d in result.errors]
    assert result.workshop is not None
    return result


def scenario(tmp_path: Path, body: str) -> Scenario:
    """A valid single scenario from ``body`` (scenes and variables after the header)."""
    workshop = load(write(tmp_path, body)).workshop
    assert workshop is not None
    (only,) = workshop.scenarios.values()
    return only


def example() -> Workshop:
    """The example workshop under docs/examples/first-workshop."""
    workshop = load(EXAMPLE).workshop
    assert workshop is not None
    return workshop
