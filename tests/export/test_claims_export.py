"""The JSON export carries the mirror's claims with their evidence, and nothing private."""

from __future__ import annotations

import json
from pathlib import Path

from tests.reflection.autoplay import play_path
from workshop.export import render
from workshop.record import SessionStore
from workshop.scenario import load_workshop

SECRET = "I'd miss finishing things, and I have never told my manager."


def test_json_export_lists_claims_with_ids_and_no_answer_text(tmp_path: Path) -> None:
    """`workshop export --format json` shows reflection.claims as {kind, title, text,
    evidence: [{scenario, scene, choice|ask}]}; a written answer appears in evidence by its
    id only, and the shareable export has the same claims without the answer anywhere."""
    workshop = load_workshop()
    session = play_path(SessionStore(tmp_path).create(workshop, "full"), doing=-1, wanting=-1,
                        want_start=2, want_end=1, texts={"miss-most": SECRET})
    full = json.loads(render(session, "json"))
    claims = full["reflection"]["claims"]
    kinds = {c["kind"] for c in claims}
    assert {"moved", "pattern", "own-words"} <= kinds
    for claim in claims:
        assert set(claim) == {"kind", "title", "text", "evidence"} and claim["evidence"]
        for cite in claim["evidence"]:
            assert {"scenario", "scene"} <= set(cite) and set(cite) - {"scenario", "scene"} in (
                {"choice"}, {"ask"})
    assert any(c["evidence"] == [{"scenario": "less-fun-list", "scene": "the-honest-part",
                                  "ask": "miss-most"}] for c in claims)
    assert full["reflection"]["destination"] == "senior" and full["reflection"]["enough"]
    assert full["reflection"]["telling"] and full["reflection"]["moved_by"]
    shareable = render(session, "json", shareable=True)
    assert SECRET not in shareable
    assert json.loads(shareable)["reflection"]["claims"] == claims
