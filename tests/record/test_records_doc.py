"""docs/records.md states what the program does: the data folder, and a record that reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from platformdirs import windows

from workshop.paths import APP_NAME, bundled_workshop_dir
from workshop.record.schema import parse
from workshop.rooms.names import normalize_room_code
from workshop.scenario import load_workshop

DOC = (Path(__file__).resolve().parents[2] / "docs" / "records.md").read_text(encoding="utf-8")


def _annotated_record() -> str:
    found = re.search(r"```toml\n(.*?)```", DOC, re.DOTALL)
    assert found, "docs/records.md has no annotated record"
    return found.group(1)


def test_the_windows_data_folder_is_the_one_platformdirs_gives(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows the records live in %LOCALAPPDATA%\\staff-workshop\\staff-workshop
    (platformdirs puts the app's folder inside its author's): the docs say so."""
    monkeypatch.setattr(windows, "get_win_folder", lambda _name: "%LOCALAPPDATA%")
    folder = windows.Windows(APP_NAME).user_data_dir.replace("/", "\\")
    assert folder == "%LOCALAPPDATA%\\staff-workshop\\staff-workshop"
    assert f"`{folder}` on Windows" in " ".join(DOC.split())


def test_the_annotated_record_reads_with_a_real_room_code_and_scenario_version() -> None:
    """The sample record reads as a record; its room code is a code the program accepts
    (6 characters), and each scenario version is the bundled scenario's own."""
    record = parse(_annotated_record().encode())
    assert record.room is not None
    assert normalize_room_code(record.room) == record.room
    workshop = load_workshop(bundled_workshop_dir())
    assert record.workshop_id == workshop.id
    assert record.scenario_versions
    for scenario_id, version in record.scenario_versions.items():
        assert version == workshop.scenarios[scenario_id].version, scenario_id
