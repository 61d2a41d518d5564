"""Answers and notes stop at their documented caps, and the player is told (issue 12, item 8)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual import events
from textual.widgets import TextArea

from workshop.record.limits import ANSWER_MAX_CHARS, NOTES_MAX_CHARS
from workshop.tui.widgets.prompt import AskPanel

from .conftest import EXAMPLE, app_for, scene_screen


def only_record(data_dir: Path) -> dict[str, object]:
    files = sorted((data_dir / "sessions").glob("*.toml"))
    assert len(files) == 1, files
    return tomllib.loads(files[0].read_text(encoding="utf-8"))


async def test_a_paste_over_the_answer_cap_is_cut_with_a_message(data_dir: Path) -> None:
    """Pasting 10,000 characters into a written answer: the box keeps the first 4,000, you
    read 'Answers are limited to 4,000 characters: 6,000 did not fit', and ctrl+s saves
    those 4,000 (before, the whole paste went into the box and the record)."""
    app = app_for(data_dir, content=EXAMPLE, track="full")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("4")  # the check-in's rating
        await pilot.pause()
        await pilot.press("1")  # "Go on": the written question
        await pilot.pause()
        screen = scene_screen(app)
        area = screen.query_one(AskPanel).query_one(TextArea)
        assert area.has_focus
        pasted = "".join(chr(ord("a") + n % 26) for n in range(10_000))
        area.post_message(events.Paste(pasted))
        await pilot.pause()
        assert area.text == pasted[:ANSWER_MAX_CHARS]
        messages = [str(n.message) for n in app._notifications]
        assert any("Answers are limited to 4,000 characters: 6,000 did not fit" in m
                   for m in messages), messages
        await pilot.press("x")  # typing at the cap adds nothing
        await pilot.pause()
        assert len(area.text) == ANSWER_MAX_CHARS
        await pilot.press("ctrl+s")
        await pilot.pause()
    runs = only_record(data_dir)["journey"]["runs"]  # type: ignore[index]
    assert runs["check-in"]["answers"]["why-here"] == pasted[:ANSWER_MAX_CHARS]


async def test_notes_stop_at_their_cap(data_dir: Path) -> None:
    """Pasting 25,000 characters into the notes keeps 20,000 and says so; they are saved."""
    app = app_for(data_dir, content=EXAMPLE, track="full")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        area = scene_screen(app).query_one("#notes-text", TextArea)
        area.post_message(events.Paste("n" * 25_000))
        await pilot.pause()
        assert len(area.text) == NOTES_MAX_CHARS
        assert any("Notes are limited to 20,000 characters" in str(n.message)
                   for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
    assert only_record(data_dir)["notes"] == "n" * NOTES_MAX_CHARS
