"""The footer follows the keys that apply, and a click on a key presses it."""

from __future__ import annotations

from pathlib import Path

from workshop.tui.widgets.footer import Footer
from workshop.tui.widgets.notes import NotesPane

from .conftest import EXAMPLE, app_for, scene_screen


def footer_of(app: object) -> Footer:
    return app.screen.query_one(Footer)  # type: ignore[attr-defined,no-any-return]


def shown(app: object) -> list[str]:
    keys, _palette = footer_of(app).entries()
    return [key.description for key in keys if key.description]


def line(app: object) -> str:
    footer = footer_of(app)
    return "".join(segment.text for segment in footer.render_line(0))


async def test_the_footer_shows_hide_notes_only_while_the_notes_are_open(
        data_dir: Path) -> None:
    app = app_for(data_dir, content=EXAMPLE, play=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Notes" in shown(app) and "Hide notes" not in shown(app)
        assert " n Notes " in line(app)
        await pilot.press("n")
        await pilot.pause()
        assert "Hide notes" in shown(app)
        assert "Hide notes" in line(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Hide notes" not in shown(app)


async def test_a_click_on_a_key_in_the_footer_presses_it(data_dir: Path) -> None:
    app = app_for(data_dir, content=EXAMPLE, play=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = line(app)
        column = text.index(" n Notes") + 1
        await pilot.click(Footer, offset=(column, 0))
        await pilot.pause()
        assert scene_screen(app).query_one(NotesPane).display


async def test_the_command_palette_key_sits_at_the_right_end(data_dir: Path) -> None:
    app = app_for(data_dir, content=EXAMPLE, play=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = line(app)
        assert len(text) == 100
        assert text.rstrip().endswith("▏^p palette")
