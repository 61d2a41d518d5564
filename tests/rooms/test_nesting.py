"""Room files and the settings file nested thousands deep: one line each, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.rooms import Bindings, RoomError, create_room, list_rooms, open_room
from workshop.scenario import load_workshop
from workshop.settings import SettingsError, load_settings

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"
DEEP = "x = " + "[" * 5000 + "]" * 5000 + "\n"


def test_deep_room_settings_are_listed_as_broken(tmp_path: Path) -> None:
    """A room.toml holding a 5,000-deep array is one RoomError naming the file and its line,
    and the room list still shows the good room beside it."""
    good = create_room("Good", workshop=load_workshop(EXAMPLE), data_dir=tmp_path,
                       content=EXAMPLE)
    broken = tmp_path / "rooms" / "zzzzzz"
    broken.mkdir()
    (broken / "room.toml").write_text('title = "Deep"\n' + DEEP, encoding="utf-8")
    with pytest.raises(RoomError) as caught:
        open_room(broken)
    assert str(caught.value) == (f"{broken / 'room.toml'}: is not valid TOML: arrays or inline "
                                 "tables nested more than 32 levels deep (at line 2, column 37)")
    rooms = list_rooms(tmp_path)
    assert [r.code for r in rooms if not isinstance(r, RoomError)] == [good.code]


def test_deep_bindings_are_one_line(tmp_path: Path) -> None:
    """A bindings file with a 5,000-deep array is one RoomError, and is left untouched."""
    path = tmp_path / "bindings.toml"
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(RoomError) as caught:
        Bindings.load(path)
    assert "\n" not in str(caught.value) and "nested more than 32 levels deep" in str(
        caught.value)
    assert path.read_text(encoding="utf-8") == DEEP


def test_deep_settings_file_is_one_line(tmp_path: Path) -> None:
    """A settings.toml with a 5,000-deep array is one SettingsError (the app then starts
    without it)."""
    path = tmp_path / "settings.toml"
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert "\n" not in str(caught.value) and "nested more than 32 levels deep" in str(
        caught.value)
