"""End to end through `workshop serve` with the real OpenSSH client in tmux: what the
facilitator decides (in the control file) reaches a participant's screen."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ssh.conftest import Served, Tmux, needs_openssh, needs_tmux, start_server
from workshop.rooms import open_room
from workshop.rooms.control import ControlWriter

pytestmark = [needs_openssh, needs_tmux]

FIRST_SCENE = "Join Dana's incident channel"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = start_server(tmp_path / "data")
    yield server
    server.stop()


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    mux = Tmux()
    yield mux
    mux.close()


def _key(folder: Path, name: str) -> Path:
    path = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f",
                    str(path)], check=True)
    return path


def test_hold_and_broadcast_reach_a_participant_over_ssh(served: Served, tmux: Tmux,
                                                         tmp_path: Path) -> None:
    key = _key(tmp_path, "pat")
    tmux.new("pat", served.ssh_args("pat", key), served.env())
    tmux.wait_for("pat", FIRST_SCENE)
    screen = tmux.capture("pat")
    assert "Free pace" in screen

    room = open_room(served.room)
    writer = ControlWriter(room, steps=len(room.workshop().track(room.settings.track)
                                            .scenarios))
    writer.hold(0)
    writer.say("Pick one, then look up")
    screen = tmux.wait_for("pat", "Facilitator: Pick one, then look up")
    assert "Room held at step 1" in screen
    writer.say("\x1b]0;owned\x07Time to talk")  # cleaned before any screen shows it
    screen = tmux.wait_for("pat", "Facilitator: Time to talk")
    assert "owned" not in screen
    writer.release()
    tmux.wait_for("pat", "Free pace")
    tmux.send("pat", "q")
    tmux.wait_for("pat", "SSH-EXIT=0")
