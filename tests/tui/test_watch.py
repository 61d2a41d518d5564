"""`workshop play PATH --watch`: edits reload and land on the same scene; a broken edit shows
its errors and the last good version keeps running."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from workshop.tui.widgets.scenetext import SceneText

from .conftest import EXAMPLE, app_for, scene_screen


def touch_later(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


async def test_reload_replays_choices_and_keeps_the_last_good_version(
        tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "authoring"
    shutil.copytree(EXAMPLE, folder)
    outage = folder / "the-outage.toml"
    app = app_for(data_dir, content=folder, track="quick", play=True, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3", "enter")  # join the channel (trust 2), continue to the morning
        await pilot.pause()
        assert scene_screen(app).run.scene_id == "morning"

        touch_later(outage, outage.read_text().replace(
            "Morning. The team reviews the night.", "Morning. Coffee, then the review."))
        await app._check_files()
        await pilot.pause()
        screen = scene_screen(app)
        assert screen.run.scene_id == "morning"
        assert screen.run.variables["trust"] == 2
        assert "Coffee, then the review." in screen.query_one("#scene-text", SceneText).source

        touch_later(outage, outage.read_text().replace('start = "page"', 'start = "nowhere"'))
        await app._check_files()
        await pilot.pause()
        screen = scene_screen(app)
        errors = screen.query_one("#reload-errors")
        assert errors.display
        assert "the-outage.toml" in str(errors.render())
        assert screen.run.scene_id == "morning"
        await pilot.press("1")  # the last good version still plays: write the postmortem
        await pilot.pause()
    assert not (data_dir / "sessions").exists()  # watching saves nothing
