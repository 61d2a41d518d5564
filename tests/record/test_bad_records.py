"""A record that cannot be read gives a clear error naming the file and is never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.record.helpers import STAFF_PATH, mini, play
from workshop.errors import RecordError
from workshop.record import SessionStore


def _saved(tmp_path: Path) -> tuple[SessionStore, Path]:
    store = SessionStore(tmp_path)
    session = play(store.create(mini()), STAFF_PATH[:5])
    return store, session.path


def _corrupt(raw: bytes) -> bytes:
    return b"\x00\xff\xfe garbage \x81" + raw[10:]


def _truncated(raw: bytes) -> bytes:
    return raw[: len(raw) // 2 - 7]


def _newer(raw: bytes) -> bytes:
    return raw.replace(b"schema_version = 1", b"schema_version = 7")


def _hand_edited_index(raw: bytes) -> bytes:
    return raw.replace(b"index = 1", b'index = "second"')


def _hand_edited_status(raw: bytes) -> bytes:
    return raw.replace(b'status = "in-progress"', b'status = "half-done"')


def _hand_edited_date(raw: bytes) -> bytes:
    return raw.replace(b'created = "2', b'created = "last Tuesday 2')


def _hand_edited_variable(raw: bytes) -> bytes:
    return raw.replace(b"[journey.runs.opening.variables]\n",
                       b"[journey.runs.opening.variables]\nmood = [1, 2]\n")


def _empty(raw: bytes) -> bytes:
    return b""


def _not_a_record(raw: bytes) -> bytes:
    return b'title = "my shopping list"\n'


CASES = [
    (_corrupt, r"not UTF-8 text"),
    (_truncated, r"not valid TOML"),
    (_newer, r"newer version of the workshop \(record schema 7; this version reads up to 1\)"),
    (_hand_edited_index, r"'journey.index' must be a whole number, not str"),
    (_hand_edited_status, r"'status' is 'half-done'; it must be one of in-progress, finished"),
    (_hand_edited_date, r"'created' is 'last Tuesday .*not a timestamp"),
    (_hand_edited_variable, r"'journey.runs.opening.variables.mood' must be text, a number"),
    (_empty, r"is empty"),
    (_not_a_record, r"has no 'schema_version'"),
]


@pytest.mark.parametrize(("damage", "message"), CASES, ids=[c[0].__name__[1:] for c in CASES])
def test_bad_record_gives_its_error_and_stays_untouched(
    tmp_path: Path, damage: object, message: str
) -> None:
    store, path = _saved(tmp_path)
    assert callable(damage)
    bad = damage(path.read_bytes())
    path.write_bytes(bad)
    with pytest.raises(RecordError, match=message) as caught:
        store.open(path.stem)
    text = str(caught.value)
    assert str(path) in text and "\n" not in text
    # listed as broken in the history, with the reason
    (row,) = store.summaries()
    assert row.broken and row.problem is not None and row.id == path.stem
    # resume passes over it, and a new session starts beside it
    assert store.latest_unfinished() is None
    fresh = store.create(mini())
    fresh.answer("want-start", 2)
    assert fresh.path != path
    assert len(store.summaries()) == 2
    assert path.read_bytes() == bad


def test_a_session_never_saves_over_a_file_that_broke_while_open(tmp_path: Path) -> None:
    store, path = _saved(tmp_path)
    session = store.open(path.stem)
    path.write_bytes(b"[[[ scribbled on by an editor")
    with pytest.raises(RecordError, match="can no longer be read"):
        session.choose("ship")
    assert path.read_bytes() == b"[[[ scribbled on by an editor"


def test_a_session_never_saves_over_a_file_another_program_changed(tmp_path: Path) -> None:
    store, path = _saved(tmp_path)
    first = store.open(path.stem)
    second = SessionStore(tmp_path).open(path.stem)
    second.choose("write")
    written = path.read_bytes()
    with pytest.raises(RecordError, match="changed by another program"):
        first.choose("ship")
    assert path.read_bytes() == written
