"""Themes inside a running Textual app: registered, chosen, remembered, and failing politely."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from workshop.errors import UsageError
from workshop.settings import Settings, load_settings, save_settings
from workshop.tui.themes import check_theme_option, setup_themes


class _App(App[None]):
    def __init__(self, requested: str | None = None) -> None:
        super().__init__()
        self.errors = setup_themes(self, requested)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path))
    return tmp_path


async def test_default_theme_and_choice_is_remembered(config: Path) -> None:
    app = _App()
    assert app.errors == []
    assert app.theme == "staff-dark"
    assert {"staff-dark", "staff-light", "high-contrast", "colour-blind"} <= set(
        app.available_themes
    )
    async with app.run_test() as pilot:
        app.theme = "staff-light"
        await pilot.pause()
    assert load_settings().theme == "staff-light"
    assert _App().theme == "staff-light", "the next start uses the remembered theme"


async def test_theme_flag_overrides_and_is_not_saved(config: Path) -> None:
    save_settings(Settings(theme="staff-light"))
    app = _App("high-contrast")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.current_theme.name == "high-contrast"
    assert load_settings().theme == "staff-light"


async def test_broken_remembered_theme_falls_back_with_a_message(config: Path) -> None:
    (config / "themes").mkdir()
    broken = config / "themes" / "mine.toml"
    broken.write_text('name = "mine"\ndark = true\nprimary = "#12"\nforeground = "#fff"\n'
                      'background = "#000"\n', encoding="utf-8")
    save_settings(Settings(theme="mine"))
    app = _App()
    assert app.theme == "staff-dark"
    assert app.errors == [
        f"{broken}:3: 'primary' is not a colour: \"#12\" (use #rrggbb, #rgb, rgb(r, g, b) "
        "or a colour name such as white)"
    ]


async def test_unreadable_settings_are_reported_and_not_overwritten(config: Path) -> None:
    (config / "settings.toml").write_text("theme = [\n", encoding="utf-8")
    app = _App()
    assert app.theme == "staff-dark"
    assert len(app.errors) == 1 and "settings.toml: not valid TOML" in app.errors[0]
    async with app.run_test() as pilot:
        app.theme = "staff-light"
        await pilot.pause()
    assert (config / "settings.toml").read_text(encoding="utf-8") == "theme = [\n"


def test_unknown_theme_option_lists_the_themes(config: Path) -> None:
    check_theme_option(None)
    check_theme_option("colour-blind")
    check_theme_option("nord")  # Textual's own themes work too
    with pytest.raises(UsageError) as caught:
        check_theme_option("hi-contrast")
    error = caught.value
    assert error.exit_code == 2
    message = str(error)
    assert message.startswith("--theme: unknown theme 'hi-contrast'; known themes: staff-dark, ")
    assert "high-contrast" in message and "(did you mean 'high-contrast'?)" in message
    assert "\n" not in message


async def test_theme_flag_naming_a_broken_file_falls_back(config: Path) -> None:
    """--theme dusk with a broken dusk.toml: the default theme and the file's error, no exit."""
    (config / "themes").mkdir()
    broken = config / "themes" / "dusk.toml"
    broken.write_text('name = "dusk"\ndark = true\n', encoding="utf-8")
    check_theme_option("dusk")  # not a usage error: the file exists, it is just broken
    app = _App("dusk")
    assert app.theme == "staff-dark"
    assert app.errors == [
        f"{broken}: missing key 'primary' (a theme needs name, dark, primary, foreground, "
        "background)"
    ]
