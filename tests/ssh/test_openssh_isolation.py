"""End to end with the real OpenSSH client in tmux: a participant reaches nothing but their
own session (issue 12, item 1).

The server's data folder holds the facilitator's own private session (a note with a
distinctive string). A participant joins over ssh and goes through every entry the room's
command palette offers (ctrl+p): Export notes, Notes, Look back, Keys, Theme, Quit; asks it
for History, Home and Jump to scenario by name; and exports with ``ssh ... export``. No
screen shows the facilitator's session, its note or a server path; nothing outside the
participant's own record is written.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ssh.conftest import (
    EXAMPLE,
    Served,
    Tmux,
    needs_openssh,
    needs_tmux,
    start_server,
    wait_until,
)
from workshop.record import SessionStore
from workshop.scenario import load_workshop

pytestmark = [needs_openssh, needs_tmux]

FIRST_SCENE = "Join Dana's incident channel"
SECRET = "FACILITATOR-PRIVATE-5ZP"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, Path, str]]:
    data = tmp_path_factory.mktemp("isolation")
    own = SessionStore.default(data).create(load_workshop(EXAMPLE), "quick")
    own.set_notes(f"my own private note {SECRET}")
    server = start_server(data, max_sessions=3)
    yield server, own.path, own.id
    server.stop()


def outside_the_room(served: Served) -> dict[Path, bytes]:
    """Every file of the server's data folder that is not the room's."""
    room = served.room.resolve()
    return {p: p.read_bytes() for p in sorted(served.data_dir.rglob("*"))
            if p.is_file() and not p.resolve().is_relative_to(room)}


class Participant:
    """alice's terminal, checked for leaks on every look."""

    def __init__(self, tmux: Tmux, served: Served, own_id: str) -> None:
        self.tmux = tmux
        self.forbidden = (SECRET, own_id, str(served.data_dir), "History", "Jump to scenario",
                          "Back to the home screen", "Your past sessions", "Screenshot")
        self.seen: list[str] = []

    def wait_for(self, text: str) -> str:
        screen = self.tmux.wait_for("alice", text)
        self.check(screen)
        return screen

    def check(self, screen: str) -> None:
        self.seen.append(screen)
        leaks = [word for word in self.forbidden if word in screen]
        assert not leaks, f"{leaks} on alice's screen:\n{screen}"

    def palette(self, typed: str = "") -> str:
        self.tmux.send("alice", "C-p")
        screen = self.wait_for("Quit the application")
        if typed:
            self.tmux.send("alice", "-l", typed)
            screen = self.wait_for(typed)
        return screen

    def run(self, entry: str, then: str) -> str:
        """Pick a palette entry by name; returns the screen once ``then`` is on it."""
        self.palette(entry)
        self.tmux.send("alice", "Enter")
        return self.wait_for(then)

    def escape(self, gone: str) -> None:
        """Escape, then wait until ``gone`` has left the screen (a key sent sooner would
        read as part of an escape sequence)."""
        self.tmux.send("alice", "Escape")
        wait_until(lambda: gone not in self.tmux.capture("alice"), what=f"{gone!r} gone")
        self.check(self.tmux.capture("alice"))


def test_every_palette_entry_in_a_room_reaches_only_the_participants_session(
        served: tuple[Served, Path, str], tmux: Tmux, keys: dict[str, Path]) -> None:
    """A participant over ssh sees a palette of their own session's entries only; each one
    works, none shows or writes the facilitator's session, and export brings home only
    their own notes."""
    server, own_path, own_id = served
    before = outside_the_room(server)
    alice = Participant(tmux, server, own_id)
    tmux.new("alice", server.ssh_args("alice", keys["one"]), server.env(), width=100,
             height=40)
    alice.wait_for(FIRST_SCENE)

    # The palette as it opens: the room's entries, and nothing else.
    screen = alice.palette()
    for entry in ("Export notes", "Notes", "Look back", "Keys", "Theme", "Quit"):
        assert entry in screen, screen
    alice.escape("Quit the application")

    # Asked by name, what room mode does not offer is not found.
    for typed in ("history", "jump to", "home", "screenshot"):
        alice.palette(typed)
        wait_until(lambda: "No matches found" in tmux.capture("alice"),
                   what=f"no match for {typed!r}")
        alice.check(tmux.capture("alice"))
        alice.escape("No matches found")

    screen = alice.run("Export notes", "export > notes.md")
    assert "alice@127.0.0.1 export > notes.md" in screen.replace("\n", "")
    alice.escape("export > notes.md")

    alice.run("Notes", "saved with your session")
    tmux.send("alice", "-l", "alice-own-note")
    wait_until(lambda: "alice-own-note" in (server.room / "participants" / "alice.toml")
               .read_text(), what="alice's note saved")
    alice.escape("saved with your session")

    alice.run("Look back", "Your way so far")
    alice.escape("Your way so far")
    alice.run("Keys", "Every choice and answer is saved")
    alice.escape("Every choice and answer is saved")
    alice.run("Theme", "Search for themes")
    alice.escape("Search for themes")
    alice.run("Quit", "SSH-EXIT=")

    # Nothing outside the room changed; the room holds alice's record and nothing else.
    assert outside_the_room(server) == before
    assert own_path.read_bytes() == before[own_path]
    assert sorted(p.name for p in (server.room / "participants").iterdir()) == ["alice.toml"]
    record = tomllib.loads((server.room / "participants" / "alice.toml").read_text())
    assert "alice-own-note" in record["notes"] and record["room"] == server.code

    notes = server.ssh("alice", keys["one"], "export")
    assert notes.returncode == 0 and "alice-own-note" in notes.stdout
    assert SECRET not in notes.stdout and own_id not in notes.stdout
    assert str(server.data_dir) not in notes.stdout
    assert SECRET not in server.log()
