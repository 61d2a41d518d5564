"""A room on disk: settings, participants' records, bindings."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from workshop.errors import UsageError
from workshop.rooms import (
    Bindings,
    RoomError,
    create_room,
    list_rooms,
    open_room,
    participant_session,
    read_participant,
    verify_secret,
)
from workshop.scenario import load_workshop

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"


@pytest.fixture(scope="module")
def workshop():  # type: ignore[no-untyped-def]
    return load_workshop(EXAMPLE)


def test_create_stores_a_hash_never_the_passcode(tmp_path: Path, workshop) -> None:  # type: ignore[no-untyped-def]
    room = create_room("  Staff   path, May ", workshop=workshop, track="quick",
                       passcode="open-sesame", data_dir=tmp_path, content=EXAMPLE)
    text = (room.path / "room.toml").read_text()
    assert "open-sesame" not in text
    data = tomllib.loads(text)
    assert data["title"] == "Staff path, May" and data["track"] == "quick"
    assert data["anonymous"] is True and data["locked"] is False
    assert verify_secret("open-sesame", data["passcode_hash"])
    assert not verify_secret("open-sesam", data["passcode_hash"])
    assert room.path.parent == tmp_path / "rooms" and room.path.name == room.code
    again = open_room(room.code.upper(), tmp_path)
    assert again.settings.title == "Staff path, May" and again.has_passcode


def test_bad_inputs_are_one_line_errors(tmp_path: Path, workshop) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="no track 'nope'"):
        create_room("x", workshop=workshop, track="nope", data_dir=tmp_path)
    with pytest.raises(UsageError, match="needs a title"):
        create_room("   ", workshop=workshop, data_dir=tmp_path)
    with pytest.raises(UsageError, match="at least 6"):
        create_room("x", workshop=workshop, passcode="abc", data_dir=tmp_path)
    with pytest.raises(RoomError, match="no room 'zzzzzz'"):
        open_room("zzzzzz", tmp_path)
    with pytest.raises(UsageError, match="not a room code"):
        open_room("../../etc", tmp_path)


def test_broken_settings_are_listed_not_fatal(tmp_path: Path, workshop) -> None:  # type: ignore[no-untyped-def]
    good = create_room("Good", workshop=workshop, data_dir=tmp_path, content=EXAMPLE)
    broken = tmp_path / "rooms" / "zzzzzz"
    broken.mkdir()
    (broken / "room.toml").write_text("title = [")
    rooms = list_rooms(tmp_path)
    assert [r.code for r in rooms if not isinstance(r, RoomError)] == [good.code]
    errors = [r for r in rooms if isinstance(r, RoomError)]
    assert len(errors) == 1 and "room.toml" in str(errors[0])


def test_one_record_per_handle_resumes_exactly(tmp_path: Path, workshop) -> None:  # type: ignore[no-untyped-def]
    room = create_room("R", workshop=workshop, track="quick", data_dir=tmp_path,
                       content=EXAMPLE)
    session = participant_session(room, "Alice", workshop)
    assert session.path == room.participants_dir / "alice.toml"
    session.choose("join-their-channel")
    again = participant_session(room, "alice", workshop)
    assert again.journey.run is not None and again.journey.run.scene_id == "morning"
    assert room.handles() == ["alice"]
    assert read_participant(room, "alice", workshop).handle == "alice"
    with pytest.raises(UsageError):
        participant_session(room, "../alice", workshop)
    assert not (tmp_path / "rooms" / "alice.toml").exists()


def test_a_handle_binds_once(tmp_path: Path) -> None:
    path = tmp_path / "bindings.toml"
    bindings = Bindings.load(path)
    bindings.bind("alice", key="SHA256:abc")
    bindings.bind("bob", code_hash="scrypt$x")
    with pytest.raises(RoomError, match="already taken"):
        bindings.bind("alice", key="SHA256:other")
    loaded = Bindings.load(path)
    assert loaded.get("alice").key == "SHA256:abc"  # type: ignore[union-attr]
    assert loaded.get("bob").code_hash == "scrypt$x"  # type: ignore[union-attr]
    path.write_text("[handles.eve]\nbound = ''\n")
    with pytest.raises(RoomError, match="neither 'key' nor 'code_hash'"):
        Bindings.load(path)
