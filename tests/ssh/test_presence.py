"""The server publishes who is connected (issue 17): online, offline since, server stopped."""

from __future__ import annotations

from pathlib import Path

import pytest

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


async def test_someone_who_comes_while_presence_is_written_is_written_next(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Presence is written off the event loop: a join that lands while a write is under way
    (that write does not hold it) leaves the next look due, and is announced then."""
    from types import SimpleNamespace

    from workshop.ssh import server as module

    fake = SimpleNamespace(room=SimpleNamespace(path=None), aggregator=SimpleNamespace(parts={}),
                           _presence_due=True, _presence_at=0.0, log=lambda text: None,
                           seen=lambda: {})
    announced: list[str] = []
    monkeypatch.setattr(module, "notify", lambda path, kind: announced.append(kind) or 1)

    async def write_while_someone_joins(room: object, seen: object, parts: object) -> None:
        fake._presence_due = True  # admit() of a new session, while the file is written

    monkeypatch.setattr(module, "write_presence_async", write_while_someone_joins)
    await module.RoomServer.publish_presence(fake)  # type: ignore[arg-type]
    assert fake._presence_due, "the join during the write was forgotten"
    assert announced == ["presence"]
    monkeypatch.setattr(module, "write_presence_async", lambda *args: _done())
    await module.RoomServer.publish_presence(fake)  # type: ignore[arg-type]
    assert not fake._presence_due and announced == ["presence", "presence"]


async def _done() -> None:
    return None
