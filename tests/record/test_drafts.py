"""Issue #16, item 1 in the record layer: drafts are kept, and a skipped question is answered
later as if answered in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.engine import ChoiceError
from workshop.errors import RecordError
from workshop.record import Session, SessionStore
from workshop.record.schema import dump, parse, read

from .helpers import mini


def skipped_then_moved_on(tmp_path: Path) -> Session:
    """A session that skipped the opening's written question (with a draft) and moved on."""
    store = SessionStore(tmp_path)
    session = store.create(mini())
    session.answer("want-start", 3)
    session.choose("continue")
    session.skip("tactical-example", "the build cache, but")
    session.choose("cross-team")
    session.advance()
    return session


def test_a_skip_keeps_the_draft_and_resume_gives_it_back(tmp_path: Path) -> None:
    """You should see: the words typed before skipping are in the record's drafts table and
    come back from a resumed session."""
    path = skipped_then_moved_on(tmp_path).path
    assert read(path).drafts == {"opening": {"tactical-example": "the build cache, but"}}
    again = SessionStore(tmp_path).open(str(path))
    assert again.draft("tactical-example", "opening") == "the build cache, but"


def test_answering_a_skipped_question_later_records_it_in_place(tmp_path: Path) -> None:
    """You should see: a question skipped in the first scenario, answered from a later one,
    is recorded in its scenario's answers, no longer skipped, its draft gone."""
    path = skipped_then_moved_on(tmp_path).path
    session = SessionStore(tmp_path).open(str(path))
    session.answer_later("opening", "tactical-example", "the build cache, but wider")
    record = read(path)
    run = record.journey["runs"]["opening"]
    assert run["answers"]["tactical-example"] == "the build cache, but wider"
    assert run["skipped"] == []
    assert record.drafts == {}
    assert record.answers()["tactical-example"] == "the build cache, but wider"


def test_answering_later_refuses_a_question_never_reached(tmp_path: Path) -> None:
    """You should see: a clear error for a question of a scenario not played, or one its
    scenario never asked; nothing is saved."""
    path = skipped_then_moved_on(tmp_path).path
    session = SessionStore(tmp_path).open(str(path))
    before = path.read_bytes()
    with pytest.raises(ChoiceError, match="has not been played"):
        session.answer_later("closing", "want-end", 4)
    with pytest.raises(ChoiceError, match="asks 'nope'"):
        session.answer_later("opening", "nope", "x")
    assert path.read_bytes() == before


def test_a_record_without_drafts_reads_as_before_and_bad_drafts_are_named(
        tmp_path: Path) -> None:
    """You should see: drafts are optional (no migration); a drafts table that is not text
    gives one line naming the file and the key."""
    path = skipped_then_moved_on(tmp_path).path
    record = read(path)
    record.drafts = {}
    assert "drafts" not in dump(record).decode()
    assert parse(dump(record)).drafts == {}
    path.write_bytes(dump(record) + b"\n[drafts.opening]\nwhy-here = 3\n")
    with pytest.raises(RecordError, match=r"'drafts\.opening' must be a table of text") as error:
        read(path)
    assert str(path) in str(error.value)
