"""The scene's page at 80×24 (issue 16): a new scene opens at its top, the page keys scroll it
whatever has the keyboard, and choices under the fold are announced in words."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Static

from workshop.tui.app import WorkshopApp
from workshop.tui.screens.reflection import ReflectionScreen
from workshop.tui.screens.scene import SceneScreen
from workshop.tui.widgets.choices import ChoiceList

from .conftest import app_for, scene_screen, settle, step


def body_of(screen: SceneScreen) -> VerticalScroll:
    return screen.query_one("#body", VerticalScroll)


async def play_until_choices_below(pilot: Pilot[object], app: WorkshopApp) -> SceneScreen:
    """Play the quick track until a scene whose choices start under the fold."""
    for _ in range(200):
        screen = scene_screen(app)
        await pilot.pause()
        if screen.view == "scene" and screen.query_one("#below").display:
            return screen
        await step(pilot, app)
    raise AssertionError("no scene of the quick track has its choices under the fold")


async def test_every_new_scene_opens_at_its_top_with_its_title_in_view(data_dir: Path) -> None:
    """Each new scene (and each consequence) is shown from its first line, title visible.

    Scenario 4 of the quick track used to open scrolled to its choices, its heading hidden.
    """
    app = app_for(data_dir, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen: set[tuple[int, str, str]] = set()
        checked = 0
        while not isinstance(app.screen, ReflectionScreen):
            screen = scene_screen(app)
            await pilot.pause()
            key = (screen.session.journey.index, screen.run.scene_id, screen.view)
            if key not in seen:
                seen.add(key)
                body = body_of(screen)
                title = screen.query_one("#scene-text")
                assert body.scroll_y == 0, key
                assert body.region.y <= title.region.y < body.region.bottom, key
                checked += 1
            await step(pilot, app)
    assert checked > 20


async def test_page_keys_scroll_the_scene_while_the_choices_have_the_keyboard(
        data_dir: Path) -> None:
    """With the choice list focused, End, PgUp, PgDn and Home move the page itself.

    PgUp and Home used to move the choice list's highlight and leave the page where it was.
    """
    app = app_for(data_dir, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await play_until_choices_below(pilot, app)
        body = body_of(screen)
        assert isinstance(screen.focused, ChoiceList)
        await pilot.press("end")
        await settle(pilot)
        bottom = body.scroll_y
        assert bottom == body.max_scroll_y > 0
        await pilot.press("pageup")
        await settle(pilot)
        assert body.scroll_y < bottom
        await pilot.press("home")
        await settle(pilot)
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert body.scroll_y > 0
        assert isinstance(screen.focused, ChoiceList)


async def test_choices_below_the_fold_are_announced_until_scrolled_into_view(
        data_dir: Path) -> None:
    """At 80×24 a line says "↓ N choices below — PgDn or ↓"; it goes once they are in view."""
    app = app_for(data_dir, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await play_until_choices_below(pilot, app)
        line = screen.query_one("#below", Static)
        text = str(line.render())
        assert "below — PgDn or ↓" in text
        choices = screen.query_one(ChoiceList)
        count = int(text.split()[1])
        assert 1 <= count <= len(choices.views)
        assert line.region.height == 1 and line.region.bottom <= 23  # above the footer
        await pilot.press("end")
        await settle(pilot)
        await pilot.pause()
        assert not line.display
        # Back at the top, the choices are under the fold again: so is the line.
        await pilot.press("home")
        await settle(pilot)
        await pilot.pause()
        assert line.display
