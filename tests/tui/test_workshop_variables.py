"""The Textual app shows workshop-level variables carried from one scenario to the next."""

from __future__ import annotations

from pathlib import Path

from workshop.tui.widgets.choices import ChoiceList
from workshop.tui.widgets.scenetext import SceneText

from .conftest import app_for, scene_screen, settle

SHARED = Path(__file__).resolve().parents[1] / "engine" / "shared_state"


async def test_the_second_talk_reads_what_the_first_set(data_dir: Path) -> None:
    """Telling Maya (choice 1) and moving on: the second talk names her, thanks you, and
    the 'ask her to help' choice is open."""
    app = app_for(data_dir, content=SHARED, track="full", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = scene_screen(app)
        assert screen.run is not None and screen.run.scenario.id == "first"
        await pilot.press("1")
        await settle(pilot)
        while scene_screen(app).run.scenario.id == "first":
            await pilot.press("enter")  # past the consequence and the ending
            await settle(pilot)
        screen = scene_screen(app)
        source = screen.query_one("#scene-text", SceneText).source
        assert "Maya is back. Your mentor: Maya." in source
        assert "She thanks you for telling her early." in source
        views = screen.query_one(ChoiceList).views
        assert [(v.id, v.enabled) for v in views] == [("ask-help", True), ("alone", True)]


async def test_watch_reload_replays_with_the_carried_values(
        tmp_path: Path, data_dir: Path) -> None:
    """`--watch`: an edit to the second talk reloads it; the replay still carries what the
    first talk set (goodwill 2, Maya thanked), not the declared values."""
    import os
    import shutil

    folder = tmp_path / "authoring"
    shutil.copytree(SHARED, folder)
    second = folder / "second.toml"
    app = app_for(data_dir, content=folder, track="full", play=True, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        while scene_screen(app).run.scenario.id == "first":
            await pilot.press("enter")
            await settle(pilot)
        second.write_text(second.read_text().replace("Maya is back.", "Maya is back again."),
                          encoding="utf-8")
        stat = second.stat()
        os.utime(second, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
        await app._check_files()
        await pilot.pause()
        screen = scene_screen(app)
        source = screen.query_one("#scene-text", SceneText).source
        assert "Maya is back again. Your mentor: Maya." in source
        assert screen.run.variables["goodwill"] == 2
