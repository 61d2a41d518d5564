"""Pacing per decision (issue 17): hold at one decision, reveals that reach people later on."""

from __future__ import annotations

from pathlib import Path

import tomli_w

from tests.rooms.roomkit import join, make_room, play_opening, publish
from workshop.rooms.control import Control, ControlWriter, read_control
from workshop.rooms.pacing import held_at_decision, may_advance, reveal_for


def test_a_hold_at_a_decision_stops_choosing_there_and_nothing_else(tmp_path: Path) -> None:
    """Held at "opening/news", someone standing there should be held (they read it, they
    do not choose yet); someone still before it, or already past it, is not."""
    room = make_room(tmp_path)
    writer = ControlWriter(room, steps=3)
    at_news, before, past = join(room, "ana"), join(room, "ben"), join(room, "cy")
    at_news.answer("want-start", 3)
    at_news.choose("continue")  # now at the decision "news"
    play_opening(past)
    writer.hold_decision(0, "opening", "news")
    control = read_control(room)
    assert control.held and control.hold_at == "opening/news"
    assert held_at_decision(control, at_news.journey)
    assert not held_at_decision(control, before.journey)
    assert not held_at_decision(control, past.journey)
    assert may_advance(control, past.journey)  # past it: goes on to the next step freely
    writer.release()
    released = read_control(room)
    assert not held_at_decision(released, at_news.journey) and released.hold_at is None


def test_a_reveal_reaches_someone_who_has_moved_on_labelled_with_its_question(
        tmp_path: Path) -> None:
    """Someone who chose at step 1 and is now in step 2 should still see step 1's reveal,
    titled with the scenario and the scene, and "N of M chose" with the room as base."""
    room = make_room(tmp_path)
    writer = ControlWriter(room, steps=3)
    ana, ben = join(room, "ana"), join(room, "ben")
    play_opening(ana, choice="go-deeper")
    play_opening(ben, choice="cross-team")
    ana.advance()
    assert ana.journey.index == 1
    aggregates = publish(room)
    writer.reveal("opening", "news")
    reveal = reveal_for(read_control(room), ana.journey, aggregates)
    assert len(reveal.decisions) == 1
    decision, mine = reveal.decisions[0]
    assert mine == "go-deeper"
    assert decision.scenario_id == "opening" and decision.total == 2 and decision.base == 2
    scenario_title = room.workshop().scenarios["opening"].title
    assert decision.question.startswith(f"{scenario_title} · ")


def test_an_old_control_file_still_reads_and_new_keys_appear_only_when_used(
        tmp_path: Path) -> None:
    """A control.toml written before issue 17 should read as before; one written now has
    no new keys until a hold at a decision or a removal by key uses them."""
    room = make_room(tmp_path)
    old = {"schema_version": 1, "revision": 3, "step": 1, "held": True, "locked": False,
           "revealed": ["opening/news"], "removed": ["zed"]}
    (room.path / "control.toml").write_text(tomli_w.dumps(old), encoding="utf-8")
    control = read_control(room)
    assert control.held and control.hold_at is None and control.is_removed("zed")
    assert control.removed_keys == frozenset()
    data = Control().to_data()
    assert "hold_at" not in data and "removed_keys" not in data


def test_time_is_up_does_not_follow_the_room_to_the_next_step(tmp_path: Path) -> None:
    """A timer that ran out should be gone once the facilitator moves the step on (no "Time
    is up" on the new step); a timer still running carries on."""
    from datetime import UTC, datetime, timedelta

    room = make_room(tmp_path)
    moments = [datetime(2026, 12, 2, 10, 0, tzinfo=UTC)]
    writer = ControlWriter(room, steps=3, clock=lambda: moments[-1])
    writer.start_timer(60)
    moments.append(moments[-1] + timedelta(seconds=90))
    assert read_control(room).remaining(moments[-1]) == 0  # "Time is up"
    writer.go_to(1)
    assert read_control(room).deadline is None
    writer.start_timer(60)
    writer.go_to(2)
    assert read_control(room).remaining(moments[-1]) == 60
