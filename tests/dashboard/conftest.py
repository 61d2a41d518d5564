"""The dashboard's tests: nothing of the user's settings or themes is read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Records and settings go to a fresh folder."""
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path / "config"))
    yield tmp_path / "home"
