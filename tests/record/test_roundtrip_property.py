"""Any answer or note a player can type survives the trip to disk and back exactly."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.record.helpers import mini
from workshop.record import SessionStore, dump, parse, read

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
_WORKSHOP = mini()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=TEXT, notes=TEXT, reason=TEXT)
@example(answer="line one\r\nline two", notes="\r", reason="0\r\n")  # CRLF stays CRLF
def test_free_text_round_trips(tmp_path: Path, answer: str, notes: str, reason: str) -> None:
    store = SessionStore(tmp_path)
    session = store.create(_WORKSHOP)
    session.answer("want-start", 3)
    session.choose("continue")
    session.answer("tactical-example", answer)
    session.choose("cross-team")
    session.set_notes(notes)
    session.give_reason(reason)
    record = read(session.path)
    assert record.answers()["tactical-example"] == answer
    assert record.notes == notes
    # a blank reason is no reason: it is not stored
    stored = record.reasons.get("opening", {}).get("news/cross-team")
    assert stored == (reason if reason.strip() else None)
    assert parse(dump(record)) == record
    session.path.unlink()
