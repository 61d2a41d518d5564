"""One room, both ways in: two participants with the real OpenSSH client, two in browsers.

The dashboard's presence counts all four, the aggregates count their choices together, and a
handle a browser holds cannot be taken over SSH.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ssh.conftest import Served, Tmux, needs_openssh, needs_tmux, wait_until
from tests.web.webkit import Browser, web_server
from workshop.rooms import open_room
from workshop.rooms.presence import read_presence

pytestmark = [needs_openssh, needs_tmux]

FIRST_SCENE = "Join Dana's incident channel"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, str]]:
    server, link = web_server(tmp_path_factory.mktemp("room"), max_sessions=4)
    yield server, link
    server.stop()


async def test_ssh_and_browser_participants_are_one_room(served: tuple[Served, str],
                                                         tmux: Tmux,
                                                         keys: dict[str, Path]) -> None:
    """You should see four people online on the dashboard, and a fifth refused as full."""
    server, link = served
    env = server.env()
    tmux.new("sam", server.ssh_args("sam", keys["one"]), env)
    tmux.new("sue", server.ssh_args("sue", keys["two"]), env)
    async with Browser(link) as bea, Browser(link) as bo, Browser(link) as late:
        assert (await bea.join("bea"))[0] == 303
        assert (await bo.join("bo"))[0] == 303
        bea_page, bo_page = await bea.open(), await bo.open()
        await bea_page.wait_for(FIRST_SCENE)
        await bo_page.wait_for(FIRST_SCENE)
        tmux.wait_for("sam", FIRST_SCENE)
        tmux.wait_for("sue", FIRST_SCENE)

        room = open_room(server.room)

        def online() -> set[str]:
            presence = read_presence(room)
            return {h for h, seen in (presence.seen if presence else {}).items() if seen.online}

        assert wait_until(lambda: online() == {"sam", "sue", "bea", "bo"},
                          what="all four online in presence.json")

        # Everyone chooses; the room's counts hold both ways in.
        tmux.send("sam", "3")
        tmux.send("sue", "2")
        await bea_page.press("3")
        await bo_page.press("2")

        def counted() -> dict | None:  # type: ignore[type-arg]
            data = json.loads((server.room / "aggregates.json").read_text())
            outage = next(s for s in data["scenarios"] if s["id"] == "the-outage")
            page = outage["choices"].get("page", {})
            return page if sum(page.values()) == 4 else None

        choices = wait_until(counted, what="the aggregates to count four choices")
        assert choices == {"join-their-channel": 2, "patch-locally": 2}

        # The room is full (--max-sessions 4) for a fifth, in a browser as over SSH.
        status, page = await late.join("lee")
        assert status == 403 and "This room is full" in page
        refused = server.ssh("lea", keys["one"], extra=("-tt",))
        assert refused.returncode == 255 and "This room is full" in refused.stderr

        # A browser's handle cannot be taken over SSH, with or without a key.
        for key in (keys["one"], None):
            taken = server.ssh("bea", key, extra=("-tt",))
            assert taken.returncode == 255
            assert "tied to a browser" in taken.stderr
        await bea_page.close()
        await bo_page.close()
