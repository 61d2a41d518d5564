"""A refused action's pop-up fits a 40-column phone screen and a second refusal replaces the
first instead of stacking (issue 17, the small ones)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from workshop.tui.widgets.choices import ChoiceList

from .conftest import EXAMPLE, app_for, scene_screen

SIZE = (40, 20)


async def _refuse_twice(pilot: Pilot[Any]) -> None:
    """Reach the scene with a greyed-out choice, then press that choice twice."""
    await pilot.pause()
    await pilot.press("2", "enter")  # retry locally (trust −1), continue to the morning
    await pilot.pause()
    choices = scene_screen(pilot.app).query_one(ChoiceList)  # type: ignore[arg-type]
    assert not choices.views[0].enabled
    await pilot.press("1")
    await pilot.pause()
    await pilot.press("1")
    await pilot.pause()


async def test_a_refusal_fits_forty_columns_and_does_not_pile_up(data_dir: Path) -> None:
    """You should see one pop-up, inside the screen, its reason wrapped over several lines."""
    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _refuse_twice(pilot)
        toasts = list(app.screen.query("Toast"))
        assert len(toasts) == 1
        region = toasts[0].region
        assert region.x >= 0 and region.right <= SIZE[0]
        assert region.height > 3  # wrapped inside, not cut off at the edge
        text = str(toasts[0].render())
        assert "Not available" in text


def test_a_refusal_at_forty_columns_snapshot(data_dir: Path, snap_compare: Any) -> None:
    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True)

    async def run_before(pilot: Pilot[Any]) -> None:
        await _refuse_twice(pilot)
        assert len(app.screen.query("Toast")) == 1

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
