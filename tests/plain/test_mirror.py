"""Plain mode's reflection reads as the same mirror as the app (issue 14), line by line."""

from __future__ import annotations

from pathlib import Path

from tests.reflection.autoplay import play_leaning
from workshop.plain.reflect import reflection_markdown
from workshop.record import SessionStore
from workshop.scenario import load_workshop


def _text(tmp_path: Path, lean: int, start: int, end: int, scenario: str | None = None) -> str:
    workshop = load_workshop()
    store = SessionStore(tmp_path / "sessions")
    created = (store.create(workshop, scenario_id=scenario) if scenario
               else store.create(workshop, "full"))
    session = play_leaning(created, lean, want_start=start, want_end=end)
    return reflection_markdown(session, store)


def test_plain_mode_leads_with_the_tensions_and_the_ratings_side_by_side(
        tmp_path: Path) -> None:
    """A senior-leaning player (2, then 1) reads the tensions first, each with a line per
    choice it rests on, then "At the start 2 → at the end 1" and what moved it, before the
    readings in numbers; the senior place's next steps are its own."""
    text = _text(tmp_path, -1, 2, 1)
    lines = text.splitlines()
    assert lines[0].startswith("**Excellent at senior, and happy there.**")
    tensions = text.index("### Where you pull against yourself")
    ratings = text.index("At the start **2** → at the end **1** (down 1)")
    assert tensions < ratings < text.index("**Where you stand**")
    assert "· you chose “" in text[tensions:ratings]
    assert "The one cross-team problem to own" not in text
    assert "**A question for your manager**: What does an excellent senior engineer" in text


def test_plain_mode_with_too_little_play_places_nobody(tmp_path: Path) -> None:
    """After one scenario without a want rating, plain mode says there is too little to go on
    yet instead of naming a place, and gives no next steps for a place."""
    workshop = load_workshop()
    wants = {"want-start", "want-end"}
    scenario = next(sid for sid, sc in workshop.scenarios.items()
                    if not any(scene.ask is not None and scene.ask.id in wants
                               for scene in sc.scenes.values()))
    text = _text(tmp_path, +1, 5, 5, scenario=scenario)
    assert text.startswith("**Too little to go on yet**")
    assert "Where this leaves you" not in text
    assert "across the scenarios" not in text.lower()
