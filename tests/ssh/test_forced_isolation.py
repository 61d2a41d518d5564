"""``workshop ssh-session`` (sshd's ForceCommand) keeps a participant inside their session
too (issue 12, item 1): its folders are the room's, its palette the room's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ssh.conftest import EXAMPLE, Tmux, needs_tmux, wait_until
from tests.ssh.test_forced_command import _forced
from workshop.record import SessionStore
from workshop.rooms import Room, create_room
from workshop.scenario import load_workshop

SECRET = "FACILITATOR-PRIVATE-8RW"


@pytest.fixture
def room(tmp_path: Path) -> Room:
    return create_room("Forced", workshop=load_workshop(EXAMPLE), track="quick",
                       data_dir=tmp_path, content=EXAMPLE)


@needs_tmux
def test_a_forced_command_session_sees_its_own_session_only(room: Room) -> None:
    """Under sshd's ForceCommand the palette offers no History, Export notes shows the
    `ssh gus@HOST export > notes.md` line, and the participant's settings land in the room:
    the account's own records are neither shown nor written."""
    data = room.path.parent.parent
    own = SessionStore.default(data).create(load_workshop(EXAMPLE), "quick")
    own.set_notes(f"private {SECRET}")
    before = sorted(p for p in data.rglob("*") if not p.is_relative_to(room.path))
    tmux = Tmux()
    try:
        tmux.new("gus", _forced(room, "gus", None), {}, height=40)
        tmux.wait_for("gus", "Join Dana's incident channel")
        tmux.send("gus", "C-p")
        screen = tmux.wait_for("gus", "Quit the application")
        assert "Export notes" in screen and "History" not in screen
        tmux.send("gus", "-l", "export notes")
        tmux.wait_for("gus", "How to take your notes home")
        tmux.send("gus", "Enter")
        screen = tmux.wait_for("gus", "export > notes.md")
        assert "ssh gus@HOST export > notes.md" in screen.replace("\n", "")
        assert SECRET not in screen and str(data) not in screen
        tmux.send("gus", "Escape")
        wait_until(lambda: "export > notes.md" not in tmux.capture("gus"), what="dialog gone")
        tmux.send("gus", "q")
        tmux.wait_for("gus", "SSH-EXIT=0")
    finally:
        tmux.close()
    assert sorted(p for p in data.rglob("*") if not p.is_relative_to(room.path)) == before
    assert (room.path / "config" / "gus").is_dir()
