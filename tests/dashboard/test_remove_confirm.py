"""Removing someone from the dashboard asks first (issue 17)."""

from __future__ import annotations

from pathlib import Path

from tests.rooms.roomkit import join, make_room
from workshop.rooms.control import read_control
from workshop.tui.dashboard import DashboardOptions, make_dashboard
from workshop.tui.dashboard.dialogs import ConfirmDialog
from workshop.tui.dashboard.widgets import LobbyPanel


async def test_x_then_enter_asks_and_a_second_enter_removes_nobody(tmp_path: Path) -> None:
    """x, Enter should open "Remove ana from the room?" and another Enter should cancel it:
    nobody is removed by two habitual key presses. y removes."""
    room = make_room(tmp_path)
    join(room, "ana")
    app = make_dashboard(DashboardOptions(room.path, host="workshop.example", port=2222,
                                          refresh=3600))
    async with app.run_test(size=(120, 40)) as pilot:
        app.refresh_room()
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Remove ana from the room?" in app.screen.question
        await pilot.press("enter")
        await pilot.pause()
        assert not read_control(room).is_removed("ana")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert read_control(room).is_removed("ana")
        app.refresh_room()
        await pilot.pause()
        assert "ana ✗" in app.query_one(LobbyPanel).text.plain
