"""Playing in the Textual app, driven with the pilot: keys, clicks, quit and resume, notes,
undo, skip and rating. Each test checks what a player would notice, and the record on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path

from workshop.engine import Run
from workshop.record import SessionStore
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.reflection import ReflectionScreen
from workshop.tui.widgets.choices import ChoiceList
from workshop.tui.widgets.notes import NotesPane
from workshop.tui.widgets.prompt import AskPanel
from workshop.tui.widgets.rating import RatingPicker

from .conftest import EXAMPLE, app_for, click_choice, play_to_reflection, scene_screen, step


def only_record(data_dir: Path) -> dict[str, object]:
    files = sorted((data_dir / "sessions").glob("*.toml"))
    assert len(files) == 1, files
    return tomllib.loads(files[0].read_text(encoding="utf-8"))


async def test_quick_track_from_home_to_reflection_with_keys_only(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # Home lists the full track first, then the quick one: digit 2 starts the quick track.
        await pilot.press("2")
        await pilot.pause()
        assert scene_screen(app).session.journey.track.id == "quick"
        await play_to_reflection(pilot, app)
        assert isinstance(app.screen, ReflectionScreen)
        assert app.screen.query("#plot") and app.screen.query("#reflection-text")
        # One key exports the notes and shows the file written, with a preview.
        await pilot.press("e")
        await pilot.pause()
        written = str(app.screen.query_one("#written").render()).replace("\n", "")
        assert app.screen.query("#preview Markdown")
    record = only_record(data_dir)
    assert record["status"] == "finished"
    assert record["track"] == "quick"
    exported = sorted((data_dir / "exports").glob("*.md"))
    assert len(exported) == 1
    assert str(exported[0]) in written
    assert "Staff Path Workshop" in exported[0].read_text(encoding="utf-8")


async def test_quick_track_with_clicks(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu")
        await pilot.click(menu, offset=(6, 3))  # the quick track's line in the menu
        await pilot.pause()
        assert scene_screen(app).session.journey.track.id == "quick"
        await play_to_reflection(pilot, app, clicks=True)
    assert only_record(data_dir)["status"] == "finished"


async def test_quit_midway_then_resume_lands_on_the_same_scene(data_dir: Path) -> None:
    app = app_for(data_dir, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(9):
            await step(pilot, app)
        screen = scene_screen(app)
        run = screen.session.journey.run
        assert run is not None
        where = (screen.session.journey.index, run.scene_id, dict(run.variables))
        session_id = screen.session.id
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value is not None
    assert f"workshop --data-dir {data_dir} resume {session_id}" in app.return_value

    again = app_for(data_dir, resume=session_id)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = scene_screen(again)
        run = screen.session.journey.run
        assert run is not None
        assert (screen.session.journey.index, run.scene_id, dict(run.variables)) == where


async def test_resume_without_id_opens_the_latest_unfinished(data_dir: Path) -> None:
    app = app_for(data_dir, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await step(pilot, app)
        session_id = scene_screen(app).session.id
        await pilot.press("ctrl+q")
    again = app_for(data_dir, resume="")
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert scene_screen(again).session.id == session_id


async def test_notes_are_saved_into_the_record(data_dir: Path) -> None:
    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert scene_screen(app).query_one(NotesPane).display
        await pilot.press(*"ask Dana about caches")
        await pilot.press("escape")  # hides the pane and saves
        await pilot.pause()
        assert not scene_screen(app).query_one(NotesPane).display
    assert only_record(data_dir)["notes"] == "ask Dana about caches"


async def test_undo_takes_back_the_last_choice(data_dir: Path) -> None:
    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")  # "Add a retry": trust −1, consequence shown
        await pilot.pause()
        assert scene_screen(app).view == "consequence"
        await pilot.press("ctrl+z")
        await pilot.pause()
        screen = scene_screen(app)
        run = screen.session.journey.run
        assert run is not None
        assert (screen.view, run.scene_id, run.variables["trust"], run.path) == (
            "scene", "page", 0, [])
    record = only_record(data_dir)
    assert record["journey"]["runs"]["the-outage"]["path"] == []  # type: ignore[index]


async def test_greyed_out_choice_shows_its_reason_and_cannot_be_taken(data_dir: Path) -> None:
    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter")  # retry locally (trust −1), continue to the morning
        await pilot.pause()
        choices = scene_screen(app).query_one(ChoiceList)
        greyed = choices.views[0]
        assert not greyed.enabled
        label = choices.get_option_at_index(0).prompt.columns[1]._cells[0]  # type: ignore[union-attr]
        assert "needs trust ≥ 2 with Dana's team" in str(label)
        await pilot.press("1")
        await pilot.pause()
        await click_choice(pilot, choices, 0)
        run = scene_screen(app).session.journey.run
        assert run is not None and run.scene_id == "morning"
        assert any("Not available" in n.message for n in app._notifications)


async def test_skip_and_rating(data_dir: Path) -> None:
    app = app_for(data_dir, content=EXAMPLE, track="full", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = scene_screen(app).query_one(AskPanel)
        assert panel.ask.kind == "rating"
        # Both end labels are on screen, under the scale.
        picker = panel.query_one(RatingPicker)
        rows = [strip.text for strip in picker.render_lines(picker.region.reset_offset)]
        assert "1" in rows[0] and "5" in rows[0]
        assert "Not at all" in rows[1] and "Very much" in rows[1]
        await pilot.click(picker, offset=picker.offset_of(2))
        await pilot.pause()
        await pilot.press("1")  # "Go on"
        await pilot.pause()
        assert scene_screen(app).query_one(AskPanel).ask.kind == "text"
        await pilot.press("escape", "escape")  # the first one asks, the second skips
        await pilot.pause()
        assert not scene_screen(app).query(AskPanel)
        assert "skipped" in str(scene_screen(app).query_one("#answered").render())
    run = only_record(data_dir)["journey"]["runs"]["check-in"]  # type: ignore[index]
    assert run["answers"] == {"want-start": 2}
    assert run["skipped"] == ["why-here"]


async def test_history_opens_a_finished_session_on_its_reflection(data_dir: Path) -> None:
    workshop_store = SessionStore.default(data_dir)
    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await play_to_reflection(pilot, app)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.screen.query_one("#menu").focus()
        await pilot.press("h")  # history: each entry has its key
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
    assert len(workshop_store.summaries()) == 1


def test_replaying_a_run_keeps_the_example_playable() -> None:
    """The example content the tests lean on still has the shape they expect."""
    from workshop.scenario import load_workshop

    workshop = load_workshop(EXAMPLE)
    run = Run.replay(workshop.scenarios["the-outage"], ["patch-locally"])
    assert not run.choices()[0].enabled


async def test_command_palette_offers_history_and_notes(data_dir: Path) -> None:
    from textual.command import CommandPalette

    from workshop.tui.screens.dialogs import PickDialog

    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"notes")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert scene_screen(app).query_one(NotesPane).display
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"history")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)


async def test_question_mark_shows_the_keys(data_dir: Path) -> None:
    from workshop.tui.screens.help import HelpScreen

    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert scene_screen(app).view == "scene"


async def test_resizing_moves_the_notes_beside_the_scene(data_dir: Path) -> None:
    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        screen = scene_screen(app)
        notes, body = screen.query_one(NotesPane), screen.query_one("#body")
        assert notes.region.y > body.region.y  # narrow: under the scene
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert notes.region.x > body.region.x and notes.region.y == body.region.y


async def test_submitting_a_written_answer_shows_the_choices(data_dir: Path) -> None:
    """Regression: removing the answer box while it was being drawn crashed the app
    ("No 'text-area--gutter' key"). You should see your answer above the choices."""
    app = app_for(data_dir, content=EXAMPLE, track="full", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3", "1")  # rate 3, "Go on"
        await pilot.pause()
        await pilot.press(*"curiosity", "ctrl+s")
        await pilot.pause()
        screen = scene_screen(app)
        assert not screen.query(AskPanel)
        assert "curiosity" in str(screen.query_one("#answered").render())
        assert screen.query_one(ChoiceList).display
