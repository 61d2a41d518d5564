"""The footer follows the keys that apply, even though it rebuilds only when they change."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from workshop.tui.widgets.footer import Footer

from .conftest import EXAMPLE, app_for


def shown(app: object) -> list[str]:
    footer = app.screen.query_one(Footer)  # type: ignore[attr-defined]
    return [key.description for key in footer.query(FooterKey) if key.description]


async def test_the_footer_shows_hide_notes_only_while_the_notes_are_open(
        data_dir: Path) -> None:
    app = app_for(data_dir, content=EXAMPLE, play=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Notes" in shown(app) and "Hide notes" not in shown(app)
        await pilot.press("n")
        await pilot.pause()
        assert "Hide notes" in shown(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Hide notes" not in shown(app)
        # Each key is styled as the footer is: not compact.
        keys = app.screen.query_one(Footer).query(FooterKey)
        assert not any(key.compact for key in keys if not key.has_class("-command-palette"))
