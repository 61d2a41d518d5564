"""The join banner shows both ways in when the server serves SSH and browsers: the ssh line in
large type and the browser link under it; folded, both on its one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.dashboard.test_laptop import busy_room
from workshop.rooms import Room
from workshop.rooms.joinline import publish_join, publish_web, read_web
from workshop.tui.dashboard import DashboardApp, DashboardOptions, make_dashboard
from workshop.tui.dashboard.widgets import JoinBanner

SSH = "ssh -p 2222 NAME@workshop.example"
LINK = "http://workshop.example:8080/"


def served_both_ways(room: Room) -> DashboardApp:
    """The dashboard of a room whose server published the ssh line and the browser link."""
    publish_join(room.path, SSH)
    publish_web(room.path, LINK)
    return make_dashboard(DashboardOptions(room.path, refresh=3600))


def banner_text(app: DashboardApp) -> str:
    return str(app.query_one(JoinBanner).render())


async def test_the_banner_shows_the_ssh_line_and_the_browser_link(tmp_path: Path) -> None:
    """You should see the ssh line in large type and 'or open in a browser: LINK' under it;
    with j, one line holding both."""
    app = served_both_ways(busy_room(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        banner = app.query_one(JoinBanner)
        shown = banner_text(app)
        assert f"or open in a browser: {LINK}" in shown
        assert SSH not in shown and "┏━╸" in shown  # the ssh line in large type
        # Two lines of large type (too wide for one at 120), a gap, the link, the frame.
        assert banner.outer_size.height == 6 + 2 + 2
        await pilot.press("j")
        await pilot.pause()
        assert banner.collapsed and banner.outer_size.height == 1
        assert f"Join with: {SSH}  or {LINK}" in banner_text(app)


async def test_folded_at_80_columns_both_ways_in_fit(tmp_path: Path) -> None:
    """At 80x24 the folded banner holds both ways in whole (the j hint gives way)."""
    app = served_both_ways(busy_room(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = app.query_one(JoinBanner)
        assert banner.collapsed
        line = banner_text(app)
        assert SSH in line and LINK in line and "(j: large type)" not in line
        assert len(line) <= 78


async def test_without_a_browser_link_the_banner_is_as_before(tmp_path: Path) -> None:
    room = busy_room(tmp_path)
    publish_join(room.path, SSH)
    publish_web(room.path, LINK)
    publish_web(room.path, None)  # a later server without --web takes the link away
    assert read_web(room.path) is None
    app = make_dashboard(DashboardOptions(room.path, refresh=3600))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "browser" not in banner_text(app) and "http" not in banner_text(app)


def test_dashboard_snapshot_both_ways_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         snap_compare: Any) -> None:
    assert snap_compare(served_both_ways(busy_room(tmp_path, monkeypatch)),
                        terminal_size=(120, 40))
