"""Issue #16, item 3: a number means the same thing every time it is shown.

A choice keeps its number for its scene (a hidden or used choice leaves its number unused), and
on home the tracks keep theirs once "Continue where you stopped" exists (continue is c); the
whole home menu fits 80×24.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from workshop.tui.app import WorkshopApp
from workshop.tui.screens.home import HomeScreen
from workshop.tui.widgets.choices import ChoiceList

from .conftest import app_for, scene_screen, settle, step

ARTIFACT_WEEK = "Plan the artifact-shaped week. Hand the CSV export to Tomasz and the cache to Jin"


def numbered(app: WorkshopApp) -> dict[str, int]:
    """Each choice label on the scene screen with the number shown in front of it."""
    choices = scene_screen(app).query_one(ChoiceList)
    shown: dict[str, int] = {}
    for index, view in enumerate(choices.views):
        grid = choices.get_option_at_index(index).prompt
        number = str(grid.columns[0]._cells[0])  # type: ignore[union-attr]
        shown[view.label] = int(number)
    return shown


async def test_a_choice_keeps_its_number_after_a_detour(data_dir: Path) -> None:
    """You should see: "Plan the artifact-shaped week" is 3 before reading the invite and
    still 3 after the detour (1, the invite, is used up and its number left unused); pressing
    3 takes it."""
    app = app_for(data_dir, scenario="week-planning", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"five blocks", "ctrl+s")  # the written question first
        await settle(pilot)
        assert numbered(app)[ARTIFACT_WEEK] == 3
        await pilot.press("1")  # read the invite: a detour
        await settle(pilot)
        await step(pilot, app)  # back from the detour
        await settle(pilot)
        assert scene_screen(app).run.scene_id == "monday"
        shown = numbered(app)
        assert shown[ARTIFACT_WEEK] == 3
        assert 1 not in shown.values()
        await pilot.press("1")  # no choice 1 any more: nothing happens
        await settle(pilot)
        assert scene_screen(app).run.scene_id == "monday"
        await pilot.press("3")
        await settle(pilot)
        run = scene_screen(app).run
        assert run.path[-1] == ("monday", "artifact-week")


async def make_unfinished(data_dir: Path) -> None:
    """Start the quick track, take one step, quit: a session to continue."""
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await settle(pilot)
        await step(pilot, app)
        await pilot.press("ctrl+q")
        await pilot.pause()


async def test_home_keeps_track_numbers_and_fits_80x24(data_dir: Path) -> None:
    """You should see: with a session to continue, home shows every entry at 80×24 without
    scrolling; continue is c, and 2 is still the quick track (as it was before)."""
    await make_unfinished(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        menu = home.query_one("#menu", OptionList)
        keys = [str(menu.get_option_at_index(i).prompt).split()[0]
                for i in range(menu.option_count)]
        assert keys == ["c", "1", "2", "s", "h", "e", "q"]
        # Everything on screen: nothing to scroll, the hint above the footer.
        assert home.query_one("#home").max_scroll_y == 0
        hint = home.query_one("#home-hint")
        assert hint.region.bottom <= 23
        await pilot.press("2")
        await settle(pilot)
        # A session is unfinished: starting another asks first (y starts it).
        await pilot.press("y")
        await settle(pilot)
        assert scene_screen(app).session.journey.track.id == "quick"


async def test_c_continues_the_unfinished_session(data_dir: Path) -> None:
    """You should see: c on home opens the session you stopped, where you stopped."""
    await make_unfinished(data_dir)
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = scene_screen(app)
        assert screen.session.journey.track.id == "quick"
        run = screen.session.journey.run
        assert run is not None and (run.path or run.answers)
