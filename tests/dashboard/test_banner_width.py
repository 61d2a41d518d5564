"""The participant's room banner at 80 columns (issue 17's small ones)."""

from __future__ import annotations

from pathlib import Path

from tests.dashboard.test_room_mode import participant, screen_of
from tests.rooms.roomkit import join, make_room, play_opening
from workshop.rooms.control import ControlWriter
from workshop.tui.room.widgets import RoomBanner


async def test_waiting_with_a_long_timer_fits_one_line_at_80_columns(tmp_path: Path) -> None:
    """Held, waiting, with a 1:30:00 timer, the banner should be one line at 80 columns: the
    timer never wraps onto a line of its own."""
    room = make_room(tmp_path)
    ana = join(room, "ana")
    play_opening(ana)
    ana.save()
    writer = ControlWriter(room, steps=3)
    writer.hold(0)
    writer.start_timer(90 * 60)
    app = participant(room, ana, tmp_path)
    async with app.run_test(size=(80, 24)) as player:
        screen_of(app).update_room(force=True)
        await player.pause()
        widget = screen_of(app).query_one(RoomBanner)
        assert "WAITING" in widget.text.plain and "Timer 1:" in widget.text.plain
        assert widget.size.height == 1, widget.text.plain
