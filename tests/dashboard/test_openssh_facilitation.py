"""End to end through `workshop serve` with the real OpenSSH client in tmux: what the
facilitator decides (in the control file) reaches a participant's screen."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ssh.conftest import (
    Served,
    Tmux,
    needs_openssh,
    needs_tmux,
    start_server,
)
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
    tmux.wait_for("pat", "Free pace")

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

    # Locking keeps newcomers out; removing ends a session and keeps it out.
    writer.lock()
    late = served.ssh("newbie", _key(tmp_path, "newbie"), extra=("-tt",))
    assert late.returncode == 255 and "The room is locked" in late.stderr
    writer.remove("pat")
    tmux.wait_for("pat", "removed you from this room")
    again = served.ssh("pat", key, extra=("-tt",))
    assert again.returncode == 255 and "removed you from this room" in again.stderr


def _serve_with_facilitator(data_dir: Path, keys_file: Path) -> Served:
    return start_server(data_dir, extra=("--facilitator-key", str(keys_file)))


def test_the_facilitator_runs_the_room_from_the_dashboard_over_ssh(tmux: Tmux,
                                                                  tmp_path: Path) -> None:
    facilitator, stranger, participant = (_key(tmp_path, n) for n in ("fac", "x", "pat"))
    keys_file = tmp_path / "facilitators.pub"
    keys_file.write_text(Path(f"{facilitator}.pub").read_text())
    data = tmp_path / "data"
    data.mkdir()
    served = _serve_with_facilitator(data, keys_file)
    try:
        # Nobody else can be the facilitator: not another key, not without a key.
        refused = served.ssh("facilitator", stranger, extra=("-tt",))
        assert refused.returncode == 255
        refused = served.ssh("facilitator", None, extra=("-tt",))
        assert refused.returncode == 255

        tmux.new("pat", served.ssh_args("pat", participant), served.env())
        tmux.wait_for("pat", FIRST_SCENE)
        tmux.new("fac", served.ssh_args("facilitator", facilitator), served.env(),
                 width=120, height=40)
        screen = tmux.wait_for("fac", "Progress per step")
        assert "pat" in tmux.wait_for("fac", "In the room (1)")
        assert "Join with" in screen
        tmux.send("fac", "h")
        tmux.wait_for("pat", "Room held at step 1")
        tmux.send("fac", "b")
        tmux.wait_for("fac", "Broadcast a line to everyone")
        tmux.send("fac", "-l", "Discuss in pairs")
        tmux.send("fac", "Enter")
        tmux.wait_for("pat", "Facilitator: Discuss in pairs")
        tmux.send("fac", "q")
        tmux.wait_for("fac", "SSH-EXIT=0")
        tmux.send("pat", "q")
        tmux.wait_for("pat", "SSH-EXIT=0")
    finally:
        served.stop()
