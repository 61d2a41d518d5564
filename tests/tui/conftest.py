"""Shared set-up for the Textual app's tests: an isolated home, the factory, a player bot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from workshop.play import PlayOptions
from workshop.tui.app import WorkshopApp, make_app
from workshop.tui.screens.reflection import ReflectionScreen
from workshop.tui.screens.scene import SceneScreen
from workshop.tui.textual_internals import option_lines
from workshop.tui.widgets.choices import ChoiceList
from workshop.tui.widgets.prompt import AskPanel
from workshop.tui.widgets.rating import RatingPicker

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "first-workshop"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Records and settings go to a fresh folder; nothing of the user's is read."""
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path / "config"))
    yield tmp_path / "home"


@pytest.fixture
def data_dir(isolated_home: Path) -> Path:
    """The data folder the tests' apps use."""
    return isolated_home


def app_for(data_dir: Path, **fields: object) -> WorkshopApp:
    """The app exactly as the command line builds it."""
    return make_app(PlayOptions(data_dir=data_dir, **fields))  # type: ignore[arg-type]


def scene_screen(app: WorkshopApp) -> SceneScreen:
    """The current screen, which must be a scene."""
    screen = app.screen
    assert isinstance(screen, SceneScreen), screen
    return screen


async def click_choice(pilot: Pilot[object], choices: ChoiceList, index: int) -> None:
    """Click the first line of the choice at ``index`` (scrolled into view first)."""
    lines = option_lines(choices, index)
    assert lines, "this Textual cannot say where the choice is drawn"
    line = lines[0]
    choices.scroll_visible(animate=False, top=True)
    await pilot.pause()
    await pilot.click(choices, offset=(4, line))


async def step(pilot: Pilot[object], app: WorkshopApp, *, clicks: bool = False) -> None:
    """Do the obvious next thing: rate 4, write an answer, take the first choice, continue."""
    screen = scene_screen(app)
    asks = screen.query(AskPanel)
    if asks:
        panel = asks.first()
        if panel.ask.kind == "rating":
            if clicks:
                picker = panel.query_one(RatingPicker)
                picker.scroll_visible(animate=False)
                await pilot.pause()
                await pilot.click(picker, offset=picker.offset_of(4))
            else:
                await pilot.press("4")
        else:
            await pilot.press(*"my answer")
            if clicks:
                button = panel.query_one("#submit")
                button.scroll_visible(animate=False)
                await pilot.pause()
                await pilot.click(button)
            else:
                await pilot.press("ctrl+s")
    elif screen.view == "scene":
        choices = screen.query_one(ChoiceList)
        index = next(i for i, view in enumerate(choices.views) if view.enabled)
        if clicks:
            await click_choice(pilot, choices, index)
        else:
            await pilot.press(str(choices.views[index].number))
    else:
        button = screen.query_one("#continue")
        if clicks:
            button.scroll_visible(animate=False)
            await pilot.pause()
            await pilot.click(button)
        else:
            await pilot.press("enter")
    await settle(pilot)


async def settle(pilot: Pilot[object]) -> None:
    """Wait until the screen has handled everything the last input set off.

    Cheaper than ``pilot.pause()``, which also waits for the whole process to go idle: on a
    busy CI machine that made a playthrough several times slower.
    """
    for _ in range(3):
        await pilot._wait_for_screen()


async def play_to_reflection(pilot: Pilot[object], app: WorkshopApp, *,
                             clicks: bool = False, limit: int = 400) -> int:
    """Play until the reflection screen; returns the number of steps."""
    for count in range(limit):
        if isinstance(app.screen, ReflectionScreen):
            return count
        await step(pilot, app, clicks=clicks)
    raise AssertionError(f"no reflection after {limit} steps; on {app.screen}")
