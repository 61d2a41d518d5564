"""`--facilitator-key FILE` parsing and the join line the server publishes for the dashboard."""

from __future__ import annotations

from pathlib import Path

import asyncssh
import pytest

from tests.rooms.roomkit import make_room
from workshop.errors import UsageError
from workshop.rooms.joinline import publish_join, read_join
from workshop.ssh.facilitator import load_keys
from workshop.tui.dashboard import DashboardOptions, make_dashboard


def _key_line() -> tuple[str, str]:
    key = asyncssh.generate_private_key("ssh-ed25519")
    return (key.export_public_key().decode().strip(),
            str(key.convert_to_public().get_fingerprint("sha256")))


def test_keys_are_read_one_per_line(tmp_path: Path) -> None:
    (one, first), (two, second) = _key_line(), _key_line()
    path = tmp_path / "facilitators.pub"
    path.write_text(f"# the facilitators\n{one}\n\n{two} laptop\n")
    assert load_keys(path) == {first, second}


@pytest.mark.parametrize(("text", "problem"), [
    ("", "holds no public key"),
    ("# only a comment\n", "holds no public key"),
    ("ssh-ed25519 not-base64!\n", ":1: is not an SSH public key"),
])
def test_a_bad_key_file_is_named_with_its_line(tmp_path: Path, text: str,
                                               problem: str) -> None:
    path = tmp_path / "keys.pub"
    path.write_text(text)
    with pytest.raises(UsageError, match=problem) as info:
        load_keys(path)
    assert str(path) in str(info.value)


def test_a_missing_key_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot be read"):
        load_keys(tmp_path / "nope.pub")


async def test_the_dashboard_shows_the_line_the_server_published(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    publish_join(room.path, "ssh -p 2299 NAME@room.example\x1b]0;x\x07")
    assert read_join(room.path) == "ssh -p 2299 NAME@room.example"
    app = make_dashboard(DashboardOptions(room.path, refresh=3600))
    assert app.view.join.line() == "ssh -p 2299 NAME@room.example"
    # An explicit --host wins over what the server published.
    app = make_dashboard(DashboardOptions(room.path, host="other.example", port=22,
                                          refresh=3600))
    assert app.view.join.line("ana") == "ssh ana@other.example"
