"""Issue #16, items 1-2: nothing typed is lost, and Enter never takes a choice by accident.

Played at 80×24 as a new player would: escape in a written answer asks before it skips, what was
typed is kept in the record (and put back after a skip, a quit or a resume), a skipped question
can be answered later with ``a``, and Enter pressed to go on never picks choice 1.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import TextArea

from workshop.tui.app import WorkshopApp
from workshop.tui.widgets.choices import ChoiceList
from workshop.tui.widgets.footer import Footer
from workshop.tui.widgets.prompt import AskPanel

from .conftest import EXAMPLE, app_for, scene_screen, settle


def only_record(data_dir: Path) -> dict[str, object]:
    files = sorted((data_dir / "sessions").glob("*.toml"))
    assert len(files) == 1, files
    return tomllib.loads(files[0].read_text(encoding="utf-8"))


def footer_keys(app: WorkshopApp) -> dict[str, bool]:
    """The footer's descriptions, each with whether it is enabled (not dimmed)."""
    shown, _palette = app.screen.query_one(Footer).entries()
    return {entry.description: entry.enabled for entry in shown}


async def to_written_question(pilot: Pilot[object], app: WorkshopApp) -> AskPanel:
    """From the start of the full track: rate 4, go on, and stop at the written question."""
    await pilot.pause()
    await pilot.press("4", "1")
    await settle(pilot)
    panel = scene_screen(app).query_one(AskPanel)
    assert panel.ask.kind == "text"
    return panel


async def test_escape_asks_first_and_keeps_the_draft(data_dir: Path) -> None:
    """You should see: the first escape asks (the box stays, with your words); the second
    skips, and your half-typed words are in the record as a draft, not thrown away."""
    app = app_for(data_dir, content=EXAMPLE, track="full", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_written_question(pilot, app)
        await pilot.press(*"half a thought")
        await pilot.press("escape")
        await settle(pilot)
        panel = scene_screen(app).query_one(AskPanel)
        assert panel.query_one(TextArea).text == "half a thought"
        confirm = str(panel.query_one("#skip-confirm").render())
        assert "escape again" in confirm and "draft" in confirm
        # Typing on means "stay": the question is not armed to skip any more.
        await pilot.press("!")
        await settle(pilot)
        assert not panel.confirming_skip
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert not scene_screen(app).query(AskPanel)
    record = only_record(data_dir)
    assert record["journey"]["runs"]["check-in"]["skipped"] == ["why-here"]  # type: ignore[index]
    assert record["drafts"] == {"check-in": {"why-here": "half a thought!"}}


async def test_a_skipped_question_is_answered_later_with_a(data_dir: Path) -> None:
    """You should see: after a skip the footer offers "a Answer skipped"; a brings the question
    back with your draft in the box, and submitting records it as answered, draft gone."""
    app = app_for(data_dir, content=EXAMPLE, track="full", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_written_question(pilot, app)
        assert "Answer skipped" not in footer_keys(app)
        await pilot.press(*"because", "escape", "escape")
        await settle(pilot)
        assert footer_keys(app).get("Answer skipped") is True
        await pilot.press("a")
        await settle(pilot)
        panel = scene_screen(app).query_one(AskPanel)
        assert panel.query_one(TextArea).text == "because"
        await pilot.press(*" I was asked", "ctrl+s")
        await settle(pilot)
        assert not scene_screen(app).query(AskPanel)
        assert "Answer skipped" not in footer_keys(app)
    record = only_record(data_dir)
    run = record["journey"]["runs"]["check-in"]  # type: ignore[index]
    assert run["answers"]["why-here"] == "because I was asked"
    assert run["skipped"] == []
    assert "drafts" not in record


async def test_after_undo_a_skipped_question_can_still_be_answered(data_dir: Path) -> None:
    """You should see: skip, choose, take it back with ctrl+z and choose again: the question
    is not "skipped" for good; a still brings it back to answer."""
    app = app_for(data_dir, content=EXAMPLE, track="full", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_written_question(pilot, app)
        await pilot.press("escape", "escape")
        await settle(pilot)
        screen = scene_screen(app)
        number = next(v.number for v in screen.query_one(ChoiceList).views if v.enabled)
        await pilot.press(str(number))
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        run = scene_screen(app).run
        assert run.scene.ask is not None and run.scene.ask.id == "why-here"
        await pilot.press("a", *"now I know", "ctrl+s")
        await settle(pilot)
    record = only_record(data_dir)
    run_data = record["journey"]["runs"]["check-in"]  # type: ignore[index]
    assert run_data["answers"]["why-here"] == "now I know"


async def test_the_draft_survives_quit_and_resume(data_dir: Path) -> None:
    """You should see: words typed but not submitted are saved when you quit, and are back in
    the box when you resume the session."""
    app = app_for(data_dir, content=EXAMPLE, track="full", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_written_question(pilot, app)
        await pilot.press(*"unfinished words")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert only_record(data_dir)["drafts"] == {"check-in": {"why-here": "unfinished words"}}
    again = app_for(data_dir, content=EXAMPLE, resume="", play=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = scene_screen(again).query_one(AskPanel)
        assert panel.query_one(TextArea).text == "unfinished words"


async def test_leaving_the_answer_box_saves_the_draft(data_dir: Path) -> None:
    """You should see: opening the notes (the box loses the keyboard) saves the draft."""
    app = app_for(data_dir, content=EXAMPLE, track="full", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await to_written_question(pilot, app)
        await pilot.press(*"draft one")
        # The notes pane takes the keyboard from the box, as a click elsewhere would.
        await scene_screen(app).action_toggle_notes()
        await settle(pilot)
        assert not panel.query_one(TextArea).has_focus
        assert only_record(data_dir)["drafts"] == {"check-in": {"why-here": "draft one"}}


async def test_enter_pressed_to_go_on_never_takes_a_choice(data_dir: Path) -> None:
    """You should see: after a consequence, pressing Enter again and again moves on to the
    next scene and stops there: no choice is taken until you press its number (or highlight
    it with the arrows first), and the footer's Enter entry is dimmed until then."""
    app = app_for(data_dir, content=EXAMPLE, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")  # "Add a retry": a consequence follows
        await settle(pilot)
        assert scene_screen(app).view == "consequence"
        assert footer_keys(app).get("Continue") is True
        for _ in range(5):
            await pilot.press("enter")
            await settle(pilot)
        screen = scene_screen(app)
        assert screen.view == "scene"
        assert screen.run.scene_id == "morning"
        assert screen.run.path == [("page", "patch-locally")]
        assert screen.query_one(ChoiceList).highlighted is None
        assert footer_keys(app).get("Take highlighted") is False
        assert any("highlighted" in n.message for n in app._notifications)
        # Highlighted with the arrow keys, Enter takes it.
        await pilot.press("down", "enter")
        await settle(pilot)
        assert len(scene_screen(app).run.path) == 2
