"""Issue 15 (C1) in the Textual app: a question on an ending is asked, and a scene with several
questions asks them one after another, each answer or skip recorded under its own id."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from tests.format11 import CONTENT
from workshop.tui.app import WorkshopApp
from workshop.tui.widgets.prompt import AskPanel
from workshop.tui.widgets.scenetext import SceneText

from .conftest import EXAMPLE, app_for, scene_screen, settle

ENDING_ASK = """
[scenes.done.ask]
id = "closing-word"
type = "text"
question = "One word for how you start?"
"""


def only_record(data_dir: Path) -> dict[str, Any]:
    files = sorted((data_dir / "sessions").glob("*.toml"))
    assert len(files) == 1, files
    return tomllib.loads(files[0].read_text(encoding="utf-8"))


def example_with_ending_question(tmp_path: Path) -> Path:
    """The example workshop (format 1), its check-in ending given a closing question."""
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    with (content / "check-in.toml").open("a", encoding="utf-8") as file:
        file.write(ENDING_ASK)
    return content


async def to_check_in_ending(pilot: Pilot[object], app: WorkshopApp) -> None:
    """Rate 4, go on, write an answer, continue: the check-in's ending is next."""
    await pilot.pause()
    await pilot.press("4", "1")
    await settle(pilot)
    await pilot.press(*"curious", "ctrl+s")
    await settle(pilot)
    await pilot.press("1")
    await settle(pilot)
    assert scene_screen(app).run.scene_id == "done"


def shown(app: WorkshopApp, selector: str) -> str:
    widget = scene_screen(app).query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


async def test_a_question_on_an_ending_is_asked_and_recorded(tmp_path: Path,
                                                             data_dir: Path) -> None:
    """You should see: the ending's question before "Next scenario", your answer listed
    above the ending's note once given, and the answer in your record."""
    app = app_for(data_dir, content=example_with_ending_question(tmp_path), track="full",
                  play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_check_in_ending(pilot, app)
        screen = scene_screen(app)
        panel = screen.query_one(AskPanel)
        assert panel.ask.id == "closing-word"
        assert not screen.query("#continue") or not screen.query_one("#continue").display
        # Enter writes in the answer box; it does not leave the scenario.
        await pilot.press(*"ready", "enter", "ctrl+s")
        await settle(pilot)
        assert not screen.query(AskPanel)
        assert screen.view == "ending"
        assert "One word for how you start?" in shown(app, "#answered")
        assert "This is an ending." in shown(app, "#ending-note")
        await pilot.press("enter")
        await settle(pilot)
        assert scene_screen(app).run.scenario.id == "the-outage"
    runs = only_record(data_dir)["journey"]["runs"]
    assert runs["check-in"]["answers"]["closing-word"] == "ready"


async def test_a_skipped_ending_question_is_recorded_and_can_be_answered(
    tmp_path: Path, data_dir: Path
) -> None:
    """You should see: a skip recorded as skipped, the ending shown, and a bringing the
    question back on the ending."""
    app = app_for(data_dir, content=example_with_ending_question(tmp_path), track="full",
                  play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_check_in_ending(pilot, app)
        await pilot.press("escape", "escape")
        await settle(pilot)
        screen = scene_screen(app)
        assert screen.view == "ending"
        assert "— skipped" in shown(app, "#answered")
        assert only_record(data_dir)["journey"]["runs"]["check-in"]["skipped"] == [
            "closing-word"]
        await pilot.press("a")
        await settle(pilot)
        assert screen.query_one(AskPanel).ask.id == "closing-word"
        await pilot.press(*"late", "ctrl+s")
        await settle(pilot)
        assert screen.view == "ending"
    run = only_record(data_dir)["journey"]["runs"]["check-in"]
    assert run["answers"]["closing-word"] == "late" and run["skipped"] == []


async def test_two_questions_are_asked_one_after_another(data_dir: Path) -> None:
    """You should see: the first rating, then the second with the first answer listed above
    it, then the scene's choices; both ratings in the record under their own ids."""
    app = app_for(data_dir, content=CONTENT, track="full", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = scene_screen(app)
        assert screen.query_one(AskPanel).ask.id == "want-start"
        await pilot.press("4")
        await settle(pilot)
        assert screen.query_one(AskPanel).ask.id == "energy-start"
        assert shown(app, "#answered") == "✓ How much do you want the staff job, today?  4 of 5"
        assert not screen.query_one("#choices").display
        await pilot.press("2")
        await settle(pilot)
        assert not screen.query(AskPanel)
        assert screen.query_one("#choices").display
        assert "energy do you bring to this hour?  2 of 5" in shown(app, "#answered")
    runs = only_record(data_dir)["journey"]["runs"]
    assert runs["check-in"]["answers"] == {"want-start": 4, "energy-start": 2}


async def test_else_text_shows_in_the_app(data_dir: Path) -> None:
    """You should see: the part's else line on the ending reached the slow way."""
    app = app_for(data_dir, content=CONTENT, track="full", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("2", "1")
        await settle(pilot)
        await pilot.press(*"why not", "ctrl+s")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        text = scene_screen(app).query_one("#scene-text", SceneText).source
        assert "You took the slow way" in text and "straight to the end" not in text


def test_second_question_snapshot(data_dir: Path, snap_compare: Any) -> None:
    """At 80×24: the scene, the first rating listed as given, the second rating's scale."""
    app = app_for(data_dir, content=CONTENT, track="full", play=True)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert scene_screen(pilot.app).query_one(AskPanel).ask.id == "energy-start"
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_answered_ending_snapshot(data_dir: Path, snap_compare: Any) -> None:
    """At 80×24: an ending whose question was answered, the answer above the ending's note."""
    app = app_for(data_dir, content=CONTENT, track="full", play=True)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("4", "3", "2")
        await pilot.pause()
        await pilot.press(*"steady", "ctrl+s")
        await pilot.pause()
        screen = scene_screen(pilot.app)
        assert screen.view == "ending" and not screen.query(AskPanel)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
