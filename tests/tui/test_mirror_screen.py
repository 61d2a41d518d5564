"""The reflection screen as a mirror (issue 14), read at 80×24 as two opposite players and a
player with too little play: tensions first with their evidence, the want ratings side by side,
no placement on thin evidence."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, Markdown

from tests.reflection.autoplay import play_leaning
from workshop.record import SessionStore
from workshop.scenario import load_workshop
from workshop.tui.screens.reflection import ReflectionScreen

from .conftest import app_for

MISS = "I'd miss finishing things, the feeling of a merged PR."


def _session(data_dir: Path, lean: int, start: int, end: int, *,
             scenario: str | None = None) -> str:
    workshop = load_workshop()
    store = SessionStore.default(data_dir)
    created = (store.create(workshop, scenario_id=scenario) if scenario
               else store.create(workshop, "full"))
    return play_leaning(created, lean, want_start=start, want_end=end,
                        texts={"miss-most": MISS}).id


async def _screen_text(data_dir: Path, session_id: str) -> tuple[str, str, str]:
    """(headline, summary, the mirror's Markdown) as the screen shows them at 80×24."""
    app = app_for(data_dir, resume=session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReflectionScreen), screen
        title = str(screen.query_one("#situation-title", Label).content)
        summary = str(screen.query_one("#situation-summary", Label).content)
        text = screen.query_one("#reflection-text", Markdown).source
    return title, summary, text


async def test_the_senior_leaning_player_sees_tensions_first_with_evidence(
        data_dir: Path) -> None:
    """A player who loves hands-on code (wants the job 2, then 1) sees where they pull against
    themselves before anything else, each claim with the choices it rests on, then "At the
    start 2 → at the end 1" side by side with the choices that moved it, and their own words
    beside the claims they bear on."""
    title, _, text = await _screen_text(data_dir, _session(data_dir, -1, 2, 1))
    assert title == "Excellent at senior, and happy there"
    assert text.startswith("### Where you pull against yourself")
    tensions = text.split("###")[1]
    assert "· you chose “" in tensions
    ratings = text[text.index("Your rating at the start and at the end"):]
    assert "At the start **2** → at the end **1** (down 1)" in ratings
    assert "What moved it, between the two:" in ratings
    assert text.index("The choices that say most") > text.index("At the start")
    own = text[text.index("In your own words"):]
    assert MISS in own.replace("\\", "")
    assert "Where this leaves you" in text


async def test_the_staff_leaning_player_reads_a_different_mirror(data_dir: Path) -> None:
    """A player leaning staff at every choice (wants it 5, then 5) lands elsewhere, sees the
    ratings held steady, and shares almost nothing of the senior player's screen."""
    staff = await _screen_text(data_dir, _session(data_dir, +1, 5, 5))
    senior = await _screen_text(data_dir, _session(data_dir, -1, 2, 1))
    assert staff[0] == "Doing staff work, and wanting it"
    assert ("“How much do I want the staff job?” At the start **5** → at the end **5** "
            "(held steady)") in staff[2]
    # Evidence lines and next steps (both scripted players write the same answers, so their
    # own-words lines are left out of the count).
    lines = {line for line in staff[2].splitlines()
             if line.startswith("- ") and not line.startswith("- To “")}
    other = {line for line in senior[2].splitlines() if line.startswith("- ")}
    assert len(lines & other) <= len(lines) // 10, lines & other


async def test_too_little_play_says_so_and_places_nobody(data_dir: Path) -> None:
    """After one scenario that never asks how much they want the job, the screen says there is
    too little to go on yet and what more play would show; it names no situation and never
    says "across the scenarios"."""
    workshop = load_workshop()
    wants = {"want-start", "want-end"}
    scenario = next(sid for sid, sc in workshop.scenarios.items()
                    if not any(scene.ask is not None and scene.ask.id in wants
                               for scene in sc.scenes.values()))
    title, summary, text = await _screen_text(
        data_dir, _session(data_dir, +1, 5, 5, scenario=scenario))
    assert title == "Too little to go on yet"
    assert summary
    assert "At the start **not rated** → at the end **not rated**" in text
    assert "Where this leaves you" not in text
    assert "across the scenarios" not in (summary + text).lower()
