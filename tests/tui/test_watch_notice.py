"""`workshop play PATH --watch` says so on screen (issue 16): the scene's header carries
"watching files · nothing is saved"; a saved session's header does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.tui.widgets.header import ProgressHeader

from .conftest import EXAMPLE, app_for, scene_screen


def header_rows(app: object) -> list[str]:
    header = scene_screen(app).query_one(ProgressHeader)  # type: ignore[arg-type]
    return [strip.text.rstrip() for strip in header.render_lines(header.region.reset_offset)]


@pytest.mark.parametrize("size", [(80, 24), (40, 24)], ids=["80x24", "40x24"])
async def test_watching_shows_in_the_header(data_dir: Path, size: tuple[int, int]) -> None:
    """Playing with --watch, the header's last line reads "● watching files · nothing is
    saved" under the scenario's title, whole, even in a narrow terminal."""
    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True, watch=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        rows = header_rows(app)
        assert rows[-1].strip() == "● watching files · nothing is saved"
        assert rows[0].strip()  # the title still comes first


async def test_a_saved_session_has_no_watch_notice(data_dir: Path) -> None:
    """Without --watch the header shows the title and the progress only."""
    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not any("watching" in row for row in header_rows(app))
