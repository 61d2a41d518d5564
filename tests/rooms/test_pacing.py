"""Pacing and reveal for one participant: held, late, and never shown a count too early."""

from __future__ import annotations

from pathlib import Path

from tests.rooms.roomkit import join, make_room, play_opening, publish
from workshop.rooms.control import ControlWriter, read_control
from workshop.rooms.pacing import land_late_joiner, may_advance, reveal_for, revealable, waiting


def test_a_hold_stops_nobody_before_the_step_and_everyone_at_it(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    writer = ControlWriter(room, steps=3)
    session = join(room, "ana")
    assert may_advance(read_control(room), session.journey)  # free pace
    writer.hold(0)
    held = read_control(room)
    assert not may_advance(held, session.journey)
    assert not waiting(held, session.journey)  # still playing the step: nothing stops that
    play_opening(session)
    assert waiting(held, session.journey)
    writer.go_to(1)  # the hold moves on with the facilitator
    assert may_advance(read_control(room), session.journey)
    writer.release()
    assert may_advance(read_control(room), session.journey)


def test_a_late_joiner_lands_on_the_current_step(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    ControlWriter(room, steps=3).go_to(1)
    control = read_control(room)
    late = join(room, "late")
    assert land_late_joiner(late.journey, control)
    late.save()
    again = join(room, "late")
    assert again.journey.index == 1 and again.journey.scenario is not None
    assert again.journey.scenario.id == "the-week"


def test_someone_who_played_is_never_moved(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    early = join(room, "early")
    early.answer("want-start", 3)
    ControlWriter(room, steps=3).go_to(2)
    assert not land_late_joiner(early.journey, read_control(room))
    assert early.journey.index == 0


def test_reveal_shows_nothing_to_someone_who_has_not_chosen(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    writer = ControlWriter(room, steps=3)
    chooser, waiter = join(room, "chooser"), join(room, "waiter")
    play_opening(chooser, choice="go-deeper")
    waiter.answer("want-start", 2)
    waiter.choose("continue")  # at the decision, not chosen yet
    aggregates = publish(room)
    writer.reveal("opening", "news")
    control = read_control(room)
    assert not revealable(control, waiter.journey, "opening", "news")
    assert not reveal_for(control, waiter.journey, aggregates)
    shown = reveal_for(control, chooser.journey, aggregates)
    (decision, mine), = shown.decisions
    assert mine == "go-deeper"
    assert {b.key: b.count for b in decision.bars} == {"go-deeper": 1, "cross-team": 0}
    # Once the waiter has chosen, they see it too.
    waiter.answer("tactical-example", "x")
    waiter.choose("cross-team")
    assert reveal_for(control, waiter.journey, publish(room))


def test_nothing_is_shown_before_the_facilitator_reveals(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    session = join(room, "ana")
    play_opening(session)
    assert not reveal_for(read_control(room), session.journey, publish(room))


def test_a_revealed_rating_shows_only_to_those_who_rated(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    writer = ControlWriter(room, steps=3)
    rater, skipper = join(room, "rater"), join(room, "skipper")
    rater.answer("want-start", 5)
    skipper.skip("want-start")
    writer.reveal("opening", "before")
    control = read_control(room)
    aggregates = publish(room)
    shown = reveal_for(control, rater.journey, aggregates)
    (rating, mine), = shown.ratings
    assert mine == 5 and rating.mean == 5.0
    assert not reveal_for(control, skipper.journey, aggregates)


def test_a_late_joiner_does_not_count_as_done_with_steps_they_skipped(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    ControlWriter(room, steps=3).go_to(1)
    late = join(room, "late")
    assert land_late_joiner(late.journey, read_control(room))
    late.save()
    data = publish(room)
    opening, week = data["scenarios"][0], data["scenarios"][1]  # type: ignore[index]
    assert opening["done"] == 0 and week["here"] == 1
