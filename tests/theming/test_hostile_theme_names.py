"""A theme file's name cannot steer the terminal or inject markup (issue #12, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content

from workshop.play import PlayOptions
from workshop.tui.app import WorkshopApp, make_app

ESCAPES = "\\u001b]0;pwned\\u0007\\u001b[2J"  # as written in the TOML file


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path / "config"))
    (tmp_path / "config" / "themes").mkdir(parents=True)
    return tmp_path / "config"


def _theme(config: Path, file: str, name: str) -> Path:
    path = config / "themes" / file
    path.write_text(f'name = "{name}"\ndark = true\nprimary = "#123456"\n'
                    'foreground = "#ffffff"\nbackground = "#000000"\n', encoding="utf-8")
    return path


def _toasts(app: WorkshopApp) -> list[str]:
    """The notifications as the toasts show them (their markup read, as Textual does)."""
    return [Content.from_markup(n.message).plain for n in app._notifications]


async def test_escape_sequences_in_a_theme_name_stay_off_the_terminal(config: Path) -> None:
    """Regression for #12 item 7: you should see a warning naming the file and the bad name,
    with no ESC or BEL in it (the raw name set the terminal's title and cleared the screen)."""
    path = _theme(config, "pwned.toml", f"x{ESCAPES}y")
    app = make_app(PlayOptions(data_dir=config.parent / "home"))
    async with app.run_test() as pilot:
        await pilot.pause()
        toasts = _toasts(app)
    warning = next(t for t in toasts if "pwned.toml" in t)
    assert f"{path}:1: 'name' must be lowercase" in warning
    assert '"xy"' in warning
    assert "\x1b" not in warning and "\x07" not in warning


async def test_markup_in_a_theme_name_is_shown_literally(config: Path) -> None:
    """Regression for #12 item 7: you should see ``[bold red]x`` in the warning as typed,
    not a bold red x (notifications read their text as markup)."""
    _theme(config, "loud.toml", "[bold red]x")
    app = make_app(PlayOptions(data_dir=config.parent / "home"))
    async with app.run_test() as pilot:
        await pilot.pause()
        toasts = _toasts(app)
    warning = next(t for t in toasts if "loud.toml" in t)
    assert '"[bold red]x"' in warning
