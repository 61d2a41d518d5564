"""The server follows the room through its events pipe: a saved record wakes it, it announces
each publication of the counts, and its pipe leaves with it (issue 17, item 6)."""

from __future__ import annotations

import select
from pathlib import Path

from tests.ssh.conftest import start_server, wait_until
from workshop.rooms import open_room, participant_session
from workshop.rooms.aggregates import read_aggregates
from workshop.rooms.events import listeners, open_watch


def test_the_server_listens_and_announces_its_publications(tmp_path: Path) -> None:
    """You should see the server's pipe in events/ while it serves, an 'aggregates' wake-up
    after a participant's save, the new count in aggregates.json, and no pipe after ctrl+c."""
    served = start_server(tmp_path)
    room = open_room(served.room)
    try:
        assert [p.name for p in listeners(room.path) if p.name.startswith("server-")]
        with open_watch(room.path, "test") as watch:
            session = participant_session(room, "ana")  # as a session saves (simulated)
            run = session.journey.run
            assert run is not None
            session.choose(next(view.id for view in run.choices() if view.enabled))
            kinds: set[str] = set()
            while "aggregates" not in kinds:
                ready, _, _ = select.select([watch], [], [], 20)
                assert ready, "the server never announced a publication"
                kinds |= watch.drain()
        data = read_aggregates(room)
        assert data is not None and data["participants"] == 1
    finally:
        served.stop()
    wait_until(lambda: not [p for p in listeners(room.path) if p.name.startswith("server-")],
               timeout=10, what="the server's pipe removed")

