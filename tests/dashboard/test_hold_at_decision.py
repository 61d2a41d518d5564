"""A hold at one decision, seen from the participant's app (issue 17)."""

from __future__ import annotations

from pathlib import Path

from tests.dashboard.test_room_mode import banner, journey, participant, screen_of
from tests.rooms.roomkit import join, make_room
from workshop.rooms.control import ControlWriter


async def test_choosing_at_a_held_decision_waits_for_the_release(tmp_path: Path) -> None:
    """At the held decision the banner should say "HELD AT THIS DECISION", picking a choice
    should change nothing, and after the release the same key should choose."""
    room = make_room(tmp_path)
    ana = join(room, "ana")
    ana.answer("want-start", 3)
    ana.choose("continue")  # at the decision "news"
    ana.answer("tactical-example", "my words")  # its question answered: the choices show
    ana.save()
    writer = ControlWriter(room, steps=3)
    writer.hold_decision(0, "opening", "news")
    app = participant(room, ana, tmp_path)
    async with app.run_test(size=(100, 32)) as player:
        await player.pause()
        assert "HELD AT THIS DECISION" in banner(app)
        run = journey(app).run
        assert run is not None and run.scene.id == "news"
        before = len(run.path)
        await player.press("1")
        await player.pause()
        run = journey(app).run
        assert run is not None and run.scene.id == "news" and len(run.path) == before
        writer.release()
        screen_of(app).update_room()
        await player.press("1")
        await player.pause()
        run = journey(app).run
        assert run is not None and len(run.path) == before + 1


async def test_a_reveal_made_after_moving_on_waits_in_the_look_back(tmp_path: Path) -> None:
    """Someone already in step 2 when step 1's decision is revealed should find it under
    "How the room chose" in their look-back (b), titled with its question, their choice
    marked."""
    from tests.rooms.roomkit import play_opening, publish
    from workshop.tui.room.lookback import LookBackScreen

    room = make_room(tmp_path)
    ana = join(room, "ana")
    play_opening(ana, choice="go-deeper")
    play_opening(join(room, "bo"), choice="cross-team")
    ana.advance()
    ana.save()
    publish(room)
    ControlWriter(room, steps=3).reveal("opening", "news")
    app = participant(room, ana, tmp_path)
    async with app.run_test(size=(100, 32)) as player:
        await player.pause()
        assert journey(app).index == 1
        screen_of(app).update_room()
        await player.press("b")
        await player.pause()
        assert isinstance(app.screen, LookBackScreen)
        text = app.screen.text.plain
        title = room.workshop().scenarios["opening"].title
        assert "How the room chose (revealed)" in text
        assert f"{title} · " in text and "2 of 2 chose" in text
        assert "→ " in text
