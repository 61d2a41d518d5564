"""The settings file: remembered between runs, written atomically, never silently lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.settings import Settings, SettingsError, load_settings, save_settings


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.toml") == Settings()


def test_round_trip_keeps_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.toml"
    path.parent.mkdir()
    path.write_text('future = { x = 1 }\ntheme = "staff-light"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.theme == "staff-light"
    settings.theme = "high-contrast"
    save_settings(settings, path)
    again = load_settings(path)
    assert again.theme == "high-contrast"
    assert again.extra == {"future": {"x": 1}}
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"], "no temp file left"


def test_default_location_follows_workshop_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path / "cfg"))
    written = save_settings(Settings(theme="colour-blind"))
    assert written == tmp_path / "cfg" / "settings.toml"
    assert load_settings().theme == "colour-blind"


def test_broken_settings_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("theme = [\n", encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not valid TOML:")
    assert message.endswith("(fix or delete the file)") and "\n" not in message


def test_wrong_type_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("theme = 3\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="'theme' must be a string"):
        load_settings(path)


def test_unwritable_folder_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(SettingsError, match="cannot write the settings file"):
        save_settings(Settings(theme="x"), blocker / "settings.toml")
