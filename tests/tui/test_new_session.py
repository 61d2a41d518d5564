"""Starting something new while a session is unfinished (issue 16): the app asks first, and
home still offers to continue the unfinished track afterwards."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from workshop.tui.app import WorkshopApp
from workshop.tui.screens.confirm import ConfirmDialog
from workshop.tui.screens.home import HomeScreen

from .conftest import app_for, scene_screen, settle, step
from .test_palette import palette_rows


def records(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "sessions").glob("*.toml"))


def question(app: WorkshopApp) -> str:
    assert isinstance(app.screen, ConfirmDialog), app.screen
    return str(app.screen.query_one("#question", Static).render())


async def test_jumping_to_a_scenario_mid_track_asks_and_home_still_offers_the_track(
        data_dir: Path) -> None:
    """Mid-way through the quick track, "Jump to scenario" from the palette asks "You have
    an unfinished session (… scenario 1 of N). Start a new one anyway?"; n keeps playing the
    track; y starts the scenario; home then still offers to continue the quick track."""
    app = app_for(data_dir, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(3):
            await step(pilot, app)
        track_session = scene_screen(app).session
        title = track_session.journey.track.title
        total = len(track_session.journey.track.scenarios)

        await palette_rows(pilot, app, "jump")
        await pilot.press("enter")
        await pilot.pause()
        asked = question(app)
        assert asked.startswith(f"You have an unfinished session ({title}, scenario 1 of "
                                f"{total}). Start a new one anyway?")
        assert "stays in History" in asked
        await pilot.press("n")
        await pilot.pause()
        assert scene_screen(app).session.id == track_session.id
        assert len(records(data_dir)) == 1

        await palette_rows(pilot, app, "jump")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        detour = scene_screen(app).session
        assert detour.id != track_session.id
        assert detour.journey.track.id.startswith("scenario:")
        assert len(records(data_dir)) == 2

        await palette_rows(pilot, app, "home")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        menu = home.query_one("#menu", OptionList)
        first = menu.get_option_at_index(0)
        assert first.id == "continue"
        assert home.unfinished is not None and home.unfinished.id == track_session.id
        assert title in str(first.prompt)


async def test_starting_a_track_from_home_with_one_unfinished_asks_first(
        data_dir: Path) -> None:
    """With the quick track unfinished, picking a track on home asks before starting it;
    escape leaves everything as it was (still one session, still home)."""
    app = app_for(data_dir, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await step(pilot, app)
        await palette_rows(pilot, app, "home")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        menu = home.query_one("#menu", OptionList)
        track_entry = next(n for n in range(menu.option_count)
                           if (menu.get_option_at_index(n).id or "").startswith("track:"))
        await pilot.press(str(track_entry + 1))
        await pilot.pause()
        assert "You have an unfinished session" in question(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
        assert len(records(data_dir)) == 1
