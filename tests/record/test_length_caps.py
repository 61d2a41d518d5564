"""Free text in a record has a documented cap; a longer value is refused with a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.record.helpers import STAFF_PATH, mini, play
from workshop.errors import RecordError
from workshop.record import SessionStore, read
from workshop.record.limits import ANSWER_MAX_CHARS, NOTES_MAX_CHARS


def test_an_answer_over_the_cap_is_refused_and_the_record_is_unchanged(tmp_path: Path) -> None:
    """A 4,001-character answer: you see 'Your answer: 4,001 characters, over the limit of
    4,000', no path, and the record on disk is exactly as before (nothing cut in silence)."""
    session = play(SessionStore(tmp_path).create(mini()), STAFF_PATH[:2])
    before = session.path.read_bytes()
    with pytest.raises(RecordError) as refused:
        session.answer("tactical-example", "x" * (ANSWER_MAX_CHARS + 1))
    assert str(refused.value).startswith("Your answer: 4,001 characters, over the limit of "
                                         "4,000.")
    assert str(tmp_path) not in str(refused.value)
    assert session.path.read_bytes() == before
    session.answer("tactical-example", "y" * ANSWER_MAX_CHARS)  # the cap itself is fine
    assert read(session.path).journey["runs"]["opening"]["answers"]["tactical-example"] \
        == "y" * ANSWER_MAX_CHARS


def test_notes_and_reasons_over_their_caps_are_refused(tmp_path: Path) -> None:
    """Notes over 20,000 characters and a reason over 4,000 are refused with a message; the
    notes saved before stay."""
    session = play(SessionStore(tmp_path).create(mini()), STAFF_PATH[:4])
    session.set_notes("kept")
    with pytest.raises(RecordError, match="Your notes: 20,001 characters"):
        session.set_notes("n" * (NOTES_MAX_CHARS + 1))
    with pytest.raises(RecordError, match="over the limit of 4,000"):
        session.give_reason("r" * (ANSWER_MAX_CHARS + 1))
    assert read(session.path).notes == "kept"


def test_the_docs_state_the_caps() -> None:
    """docs/playing.md and docs/deploy.md give the caps the code enforces."""
    docs = Path(__file__).resolve().parents[2] / "docs"
    for name in ("playing.md", "deploy.md"):
        text = docs.joinpath(name).read_text(encoding="utf-8")
        assert f"{ANSWER_MAX_CHARS:,} characters" in text, name
        assert f"{NOTES_MAX_CHARS:,}" in text, name
