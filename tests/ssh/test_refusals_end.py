"""Refusals end the connection with the reason, never with a password prompt (issue 17).

The real OpenSSH client runs in tmux *without* an askpass helper, so a password prompt would
show on its screen (and wait there). Removal binds to the key: the removed person cannot come
back under another handle with the same key.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ssh.conftest import Served, Tmux, needs_openssh, start_server, wait_until
from workshop.rooms import open_room
from workshop.rooms.control import ControlWriter, read_control

pytestmark = [needs_openssh]

PASSCODE = "sesame-42"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = start_server(tmp_path_factory.mktemp("room"), passcode=PASSCODE, max_sessions=1)
    yield server
    server.stop()


def _writer(served: Served) -> ControlWriter:
    return ControlWriter(open_room(served.room), 3)


def _ended(tmux: Tmux, name: str) -> str:
    """The screen once ssh has exited."""
    screen = tmux.wait_for(name, "SSH-EXIT=", timeout=30)
    tmux.kill(name)
    return screen


def _join(tmux: Tmux, served: Served, name: str, handle: str, key: Path | None) -> None:
    """Start ssh in tmux and type the passcode at the room's prompt."""
    tmux.new(name, served.ssh_args(handle, key), {})
    tmux.wait_for(name, "Room passcode:")
    tmux.send(name, PASSCODE, "Enter")


def test_a_locked_room_says_why_and_asks_for_no_password(served: Served, tmux: Tmux) -> None:
    """You should see the lock's reason and ssh ending, and no "password:" prompt."""
    _writer(served).lock()
    try:
        tmux.new("locked", served.ssh_args("newbie", None), {})
        screen = _ended(tmux, "locked")
    finally:
        _writer(served).lock(False)
    assert "The room is locked" in screen
    assert "password:" not in screen
    assert "SSH-EXIT=255" in screen


def test_wrong_passcodes_end_without_a_password_prompt(served: Served, tmux: Tmux) -> None:
    """After the last wrong passcode you should read "Too many tries" and ssh should end."""
    tmux.new("guess", served.ssh_args("frank", None), {})
    for attempt in range(3):
        wait_until(lambda n=attempt + 1: tmux.capture("guess").count("Room passcode:") >= n,
                   timeout=30, what=f"passcode prompt {attempt + 1}")
        tmux.send("guess", f"wrong-{attempt}", "Enter")
    screen = _ended(tmux, "guess")
    assert "Too many tries" in screen
    assert "password:" not in screen


def test_a_full_room_says_so_without_a_password_prompt(served: Served, tmux: Tmux,
                                                       keys: dict[str, Path]) -> None:
    """With the one seat taken, a newcomer should read "This room is full" and no prompt."""
    _join(tmux, served, "carol", "carol", keys["two"])
    wait_until(lambda: "carol joined" in served.log(), what="carol's session")
    try:
        tmux.new("dave", served.ssh_args("dave", None), {})
        screen = _ended(tmux, "dave")
    finally:
        tmux.kill("carol")
        wait_until(lambda: "carol left" in served.log(), what="carol leaving")
    assert "This room is full" in screen
    assert "password:" not in screen


def test_removal_binds_to_the_key(served: Served, tmux: Tmux, keys: dict[str, Path]) -> None:
    """A removed participant should read that they were removed (not how to resume), and
    coming back under another handle with the same key should be refused the same way."""
    _join(tmux, served, "ben", "ben", keys["one"])
    wait_until(lambda: "ben joined" in served.log(), what="ben's session")
    # A free handle is claimed (bound to its key) just after the session is admitted.
    wait_until(lambda: "bound ben to key" in served.log(), what="ben's key bound")
    control = _writer(served).remove("ben")
    assert control.removed_keys, "the key of the removed handle is kept"
    screen = _ended(tmux, "ben")
    assert "The facilitator removed you from this room" in screen
    assert "To continue where you stopped" not in screen

    tmux.new("ben-again", served.ssh_args("ben", keys["one"]), {})
    screen = _ended(tmux, "ben-again")
    assert "The facilitator removed you from this room" in screen
    assert "password:" not in screen

    _join(tmux, served, "ben2", "ben2", keys["one"])
    screen = _ended(tmux, "ben2")
    assert "The facilitator removed you from this room" in screen
    assert "password:" not in screen
    assert not (served.room / "participants" / "ben2.toml").exists()
    assert "ben2" not in (served.room / "bindings.toml").read_text()

    _writer(served).readmit("ben")
    assert not read_control(served.room).removed_keys
