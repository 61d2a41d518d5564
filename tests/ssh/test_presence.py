"""The server publishes who is connected (issue 17): online, offline since, server stopped."""

from __future__ import annotations

from pathlib import Path

from tests.ssh.conftest import Tmux, needs_openssh, start_server, wait_until
from workshop.rooms import open_room
from workshop.rooms.presence import read_presence

pytestmark = [needs_openssh]


def test_presence_follows_joins_leaves_and_the_server_stopping(
        tmp_path: Path, tmux: Tmux, keys: dict[str, Path]) -> None:
    """A participant should show online while connected, offline (with since when) after
    leaving, and once the server stops its heartbeat should stop too."""
    served = start_server(tmp_path)
    room = open_room(served.room)
    try:
        tmux.new("ana", served.ssh_args("ana", keys["one"]), {})
        wait_until(lambda: "ana joined" in served.log(), what="ana's session")

        def ana_online() -> bool:
            presence = read_presence(room)
            return presence is not None and "ana" in presence.seen \
                and presence.seen["ana"].online

        wait_until(ana_online, timeout=15, what="ana online in presence.json")
        presence = read_presence(room)
        assert presence is not None and not presence.stale()
        tmux.kill("ana")

        def ana_offline() -> bool:
            presence = read_presence(room)
            return presence is not None and not presence.seen["ana"].online \
                and presence.seen["ana"].since is not None

        wait_until(ana_offline, timeout=15, what="ana offline in presence.json")
    finally:
        served.stop()
    presence = read_presence(room)
    assert presence is not None and presence.heartbeat is not None
    assert not any(seen.online for seen in presence.seen.values())
