"""A detour's return is never used up, and the graph says so."""

from __future__ import annotations

from pathlib import Path

from workshop.authoring import graph
from workshop.scenario import load_workshop

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"


def test_a_return_choice_is_marked_as_lasting_not_once_only() -> None:
    """In `workshop graph`, the return from a side scene shows ↻ (offered again), not ○."""
    scenario = load_workshop(EXAMPLE).scenarios["the-outage"]
    back = next(c for c in scenario.scenes["gossip"].choices if c.returns)
    marks = graph.choice_marks(back)
    assert graph.STICKY in marks and graph.ONCE not in marks
