"""A paste followed at once by ctrl+s saves the pasted answer (seen over SSH, where a paste and
the key after it often arrive in one packet)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual import events
from textual.widgets import TextArea

from workshop.tui.widgets.prompt import AskPanel

from .conftest import EXAMPLE, app_for, scene_screen


async def test_ctrl_s_right_after_a_paste_saves_what_was_pasted(data_dir: Path) -> None:
    """Paste an answer and press ctrl+s before the app has drawn anything: the answer saved is
    the paste. Before, ctrl+s (a priority key, taken by the app at once) read the box before
    the box had taken the paste, said "Write something first" and saved nothing."""
    app = app_for(data_dir, content=EXAMPLE, track="full")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("4")  # the check-in's rating
        await pilot.pause()
        await pilot.press("1")  # "Go on": the written question
        await pilot.pause()
        area = scene_screen(app).query_one(AskPanel).query_one(TextArea)
        assert area.has_focus
        # As the terminal driver delivers them: both to the app, one after the other.
        app.post_message(events.Paste("Curiosity, mostly."))
        app.post_message(events.Key("ctrl+s", None))
        await pilot.pause()
        await pilot.pause()
    files = sorted((data_dir / "sessions").glob("*.toml"))
    record = tomllib.loads(files[0].read_text(encoding="utf-8"))
    assert record["journey"]["runs"]["check-in"]["answers"]["why-here"] == "Curiosity, mostly."
