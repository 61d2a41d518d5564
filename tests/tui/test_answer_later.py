"""Issue #16, item 1 on the reflection: a question skipped on the way can still be answered."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import TextArea

from workshop.tui.screens.answer_later import AnswerDialog
from workshop.tui.screens.reflection import ReflectionScreen
from workshop.tui.widgets.footer import Footer

from .conftest import EXAMPLE, app_for, play_to_reflection, settle


def footer_descriptions(app: object) -> list[str]:
    shown, _palette = app.screen.query_one(Footer).entries()  # type: ignore[attr-defined]
    return [entry.description for entry in shown]


async def test_a_skipped_question_is_answered_from_the_reflection(data_dir: Path) -> None:
    """You should see: on the reflection, "a Answer skipped" in the footer; a opens the
    question you skipped with your draft in the box; submitting records the answer in its
    scenario, and the footer entry goes away (nothing left to answer)."""
    app = app_for(data_dir, content=EXAMPLE, track="full", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4", "1")
        await settle(pilot)
        await pilot.press(*"a first", "escape", "escape")
        await settle(pilot)
        await play_to_reflection(pilot, app)
        assert isinstance(app.screen, ReflectionScreen)
        assert "Answer skipped" in footer_descriptions(app)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AnswerDialog)
        assert dialog.query_one(TextArea).text == "a first"
        await pilot.press(*" thought", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        assert "Answer skipped" not in footer_descriptions(app)
    files = sorted((data_dir / "sessions").glob("*.toml"))
    record = tomllib.loads(files[0].read_text(encoding="utf-8"))
    run = record["journey"]["runs"]["check-in"]
    assert run["answers"]["why-here"] == "a first thought"
    assert run["skipped"] == []
    assert "drafts" not in record
