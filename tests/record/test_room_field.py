"""The record's ``room`` field is always a string: the room's code, never a path."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.record.helpers import mini
from workshop.record import SessionStore


def test_a_session_started_with_a_room_folder_saves_the_rooms_code(tmp_path: Path) -> None:
    """A room session that starts a track saves at once, its record naming the room's code.

    Regression (issue 12, item 2): room mode handed the room's folder (a Path) to the store,
    and the first save failed with "Object of type 'PosixPath' is not TOML serializable";
    the participant's session crashed. You should see a record with ``room = "abc234"`` and
    no server path in it.
    """
    room = tmp_path / "srv" / "rooms" / "abc234"
    store = SessionStore(tmp_path / "records")
    session = store.create(mini(), room=room, handle="alice")
    data = tomllib.loads(session.path.read_text(encoding="utf-8"))
    assert data["room"] == "abc234"
    assert str(tmp_path) not in session.path.read_text(encoding="utf-8")
    assert store.open(session.id).room == "abc234"
