"""Sharing a written answer asks first (issue 17)."""

from __future__ import annotations

from pathlib import Path

from tests.dashboard.test_room_mode import participant
from tests.rooms.roomkit import join, make_room
from workshop.tui.confirm import ConfirmDialog


async def test_s_asks_before_sharing_and_enter_keeps_the_answer_private(tmp_path: Path) -> None:
    """s should ask "Share this answer with the room?"; Enter (or n) keeps it private; only y
    shares it."""
    room = make_room(tmp_path)
    fa = join(room, "fa")
    fa.answer("want-start", 3)
    fa.choose("continue")
    fa.answer("tactical-example", "what I fixed")
    fa.save()
    app = participant(room, fa, tmp_path)
    async with app.run_test(size=(100, 32)) as player:
        await player.press("s")
        await player.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await player.press("enter")
        await player.pause()
        assert join(room, "fa").shared == set()
        await player.press("s")
        await player.pause()
        await player.press("y")
        await player.pause()
        assert join(room, "fa").shared == {"tactical-example"}
