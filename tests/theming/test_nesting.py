"""A theme file nested thousands deep fails politely: the app starts with the default theme."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.play import PlayOptions
from workshop.settings import Settings, save_settings
from workshop.theming import DEFAULT_THEME, load_themes
from workshop.tui.app import make_app

DEEP = 'name = "deep"\ndark = true\nprimary = ' + "[" * 3000 + "]" * 3000 + "\n"
"""The issue's case: a theme file with a 3,000-deep array."""


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path / "config"))
    (tmp_path / "config" / "themes").mkdir(parents=True)
    return tmp_path / "config"


def test_deep_theme_is_one_line_and_the_rest_load(config: Path) -> None:
    """load_themes reports the deep file in one line with its line and column, and loads
    every other theme."""
    path = config / "themes" / "deep.toml"
    path.write_text(DEEP, encoding="utf-8")
    specs, errors = load_themes()
    assert [str(e) for e in errors] == [
        f"{path}:3: cannot be used: arrays or inline tables nested more than 32 levels deep"
    ]
    assert DEFAULT_THEME in specs and "deep" not in specs


async def test_app_starts_with_the_default_theme(config: Path) -> None:
    """With a 3,000-deep theme file in the themes folder, chosen in the settings, the app
    starts (it used to stop with RecursionError), on the default theme, and says why."""
    (config / "themes" / "deep.toml").write_text(DEEP, encoding="utf-8")
    save_settings(Settings(theme="deep"))
    app = make_app(PlayOptions(data_dir=config.parent / "home"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        shown = [n.message for n in app._notifications]
        assert any("deep.toml:3: cannot be used: arrays or inline tables nested" in m
                   for m in shown), shown
