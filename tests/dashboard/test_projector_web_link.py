"""The projector view shows the browser link too when the server serves browsers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.dashboard.test_projector import HANDLES, named_room, shown_text
from workshop.rooms import Room
from workshop.rooms.joinline import publish_join, publish_web
from workshop.tui.dashboard import DashboardOptions, make_dashboard
from workshop.tui.projector import ProjectorOptions, ProjectorScreen, make_projector

JOIN = "ssh -p 2222 NAME@workshop.example"
WEB = "http://workshop.example:8080/"


def served_both_ways(room: Room) -> None:
    """What ``workshop serve --web 8080`` publishes in the room folder."""
    publish_join(room.path, JOIN)
    publish_web(room.path, WEB)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_projector_shows_the_browser_link_beside_the_ssh_line(
        tmp_path: Path, size: tuple[int, int]) -> None:
    """Under "Join with" and the ssh line the wall should read "or in a browser" and the
    link the server published; still no handle."""
    room = named_room(tmp_path)
    served_both_ways(room)
    app = make_projector(ProjectorOptions(room.path))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = shown_text(app)
        assert "or in a browser" in text and WEB in text
        assert not any(handle in text for handle in HANDLES)


async def test_no_browser_link_when_the_server_serves_none(tmp_path: Path) -> None:
    """A server started without --web removes the link: the wall shows the ssh line only."""
    room = named_room(tmp_path)
    served_both_ways(room)
    publish_web(room.path, None)
    app = make_projector(ProjectorOptions(room.path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "or in a browser" not in shown_text(app)


async def test_the_dashboards_projector_shows_the_browser_link_too(tmp_path: Path) -> None:
    """p in the dashboard opens the same view, with the same two ways in as its banner."""
    room = named_room(tmp_path)
    served_both_ways(room)
    app = make_dashboard(DashboardOptions(room.path, refresh=3600))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen)
        assert WEB in app.screen.text.plain


def test_projector_with_browser_link_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              snap_compare: Any) -> None:
    """At 80x24: "Join with", the ssh line, "or in a browser" and the link, plain."""
    room = named_room(tmp_path, monkeypatch)
    served_both_ways(room)
    assert snap_compare(make_projector(ProjectorOptions(room.path)), terminal_size=(80, 24))
