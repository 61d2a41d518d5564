"""End to end with the real OpenSSH client in tmux: two participants in one room.

They join, play with keys, one is resized, one drops and comes back to the same step, both
records and the room's aggregates are on disk, ``export`` brings the notes home, a third
person finds the room full, and ctrl+c on the server saves everything and leaves no process.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ssh.conftest import (
    Served,
    Tmux,
    alive,
    descendants,
    needs_openssh,
    needs_tmux,
    start_server,
    wait_until,
)

pytestmark = [needs_openssh, needs_tmux]

FIRST_SCENE = "Join Dana's incident channel"
MORNING = "Morning. The team reviews the night."


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = start_server(tmp_path_factory.mktemp("room"), max_sessions=2)
    yield server
    server.stop()


def _first_line_width(tmux: Tmux, name: str) -> int:
    return len(tmux.capture(name).splitlines()[0].rstrip())


def _record(served: Served, handle: str) -> dict:  # type: ignore[type-arg]
    return tomllib.loads((served.room / "participants" / f"{handle}.toml").read_text())


def test_host_key_fingerprint_is_printed_and_kept(served: Served) -> None:
    assert served.fingerprint.startswith("SHA256:")
    key = served.data_dir / "ssh" / "ssh_host_ed25519_key"
    assert key.exists() and key.stat().st_mode & 0o077 == 0


def test_two_participants_play_resize_drop_and_resume(served: Served, tmux: Tmux,
                                                      keys: dict[str, Path]) -> None:
    env = served.env()
    tmux.new("alice", served.ssh_args("alice", keys["one"]), env)
    tmux.new("bob", served.ssh_args("bob", keys["two"]), env)
    tmux.wait_for("alice", FIRST_SCENE)
    tmux.wait_for("bob", FIRST_SCENE)

    tmux.send("alice", "3")
    tmux.wait_for("alice", "You chose: Join Dana's incident channel")
    tmux.send("alice", "Enter")
    tmux.wait_for("alice", "Your notes from the night are already in the shared document.")
    tmux.send("bob", "2")
    tmux.wait_for("bob", "You chose: Add a retry")
    tmux.send("bob", "Enter")
    screen = tmux.wait_for("bob", MORNING)
    assert "Your notes from the night" not in screen  # bob's own path, not alice's

    # A third person finds the room full (--max-sessions 2).
    full = served.ssh("carol", keys["one"], extra=("-tt",))
    assert full.returncode == 255 and "This room is full" in full.stderr

    # The window grows and shrinks: the layout follows.
    assert _first_line_width(tmux, "bob") <= 100
    tmux.resize("bob", 130, 35)
    wait_until(lambda: _first_line_width(tmux, "bob") > 110, what="bob's wider layout")
    tmux.resize("bob", 80, 24)
    wait_until(lambda: _first_line_width(tmux, "bob") <= 80, what="bob's narrower layout")
    tmux.wait_for("bob", MORNING)

    # alice's client is killed; her app process goes away; she comes back to the same step.
    before = descendants(served.proc.pid)
    tmux.kill("alice")
    wait_until(lambda: "alice left" in served.log(), what="the server to notice alice left")
    wait_until(lambda: len(descendants(served.proc.pid)) < len(before),
               what="alice's session process to end")
    tmux.new("alice2", served.ssh_args("alice", keys["one"]), env)
    screen = tmux.wait_for("alice2", "Your notes from the night are already in the shared")
    assert MORNING in screen

    alice, bob = _record(served, "alice"), _record(served, "bob")
    assert alice["handle"] == "alice" and alice["room"] == served.code
    assert alice["journey"]["runs"]["the-outage"]["scene"] == "morning"
    assert ["page", "join-their-channel"] in alice["journey"]["runs"]["the-outage"]["path"]
    assert ["page", "patch-locally"] in bob["journey"]["runs"]["the-outage"]["path"]

    def aggregated() -> dict | None:  # type: ignore[type-arg]
        data = json.loads((served.room / "aggregates.json").read_text())
        outage = next(s for s in data["scenarios"] if s["id"] == "the-outage")
        return outage if outage["at"].get("morning") == 2 else None

    outage = wait_until(aggregated, what="the aggregates to count both")
    assert outage["choices"]["page"] == {"join-their-channel": 1,  # type: ignore[index]
                                         "patch-locally": 1}

    notes = served.ssh("alice", keys["one"], "export")
    assert notes.returncode == 0, notes.stderr
    assert "Your First Workshop" in notes.stdout and "\x1b" not in notes.stdout

    # A clean quit closes the channel with status 0.
    tmux.send("bob", "q")
    tmux.wait_for("bob", "SSH-EXIT=0")


def test_shutdown_saves_every_session_and_leaves_no_process(served: Served,
                                                            tmux: Tmux) -> None:
    tmux.wait_for("alice2", MORNING)
    processes = descendants(served.proc.pid)
    assert len(processes) >= 2  # the zygote and alice's session
    assert served.stop() == 0
    assert "Stopped." in "\n".join(served.output)
    screen = tmux.wait_for("alice2", "SSH-EXIT=")
    assert "The workshop server stopped. Everything you did is saved." in screen
    assert not [pid for pid in processes if alive(pid)]
    assert _record(served, "alice")["journey"]["runs"]["the-outage"]["scene"] == "morning"
