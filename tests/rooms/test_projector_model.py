"""The projector's rules as plain data (workshop.rooms.projector), shared by the terminal
view and the browser page: what a wall may show, and what it never may."""

from __future__ import annotations

from pathlib import Path

from tests.rooms.roomkit import join, make_room, play_opening, publish
from workshop.rooms.control import ControlWriter
from workshop.rooms.projector import PublishedState, projection
from workshop.rooms.shared import answer_key


def test_a_projection_holds_counts_only_of_revealed_decisions_and_only_shown_answers(
        tmp_path: Path) -> None:
    """Unrevealed: the decision's title and no bar; ratings: questions, never counts;
    answers: only those the facilitator showed; the broadcast cleaned of escapes."""
    room = make_room(tmp_path, anonymous=False)
    for handle, words in (("adazq", "first shared words"), ("gracezq", "second shared words")):
        session = join(room, handle)
        play_opening(session, text=words)
        session.share("tactical-example")
    publish(room)
    writer = ControlWriter(room, steps=3)
    writer.show_answer(answer_key("tactical-example", "second shared words"))
    writer.say("look \x1b[2J up")
    state = PublishedState(room)
    assert state.poll() is True
    assert state.poll() is False  # nothing changed: nothing read again
    workshop = room.workshop()
    track = workshop.track(room.settings.track)
    view = projection(state.aggregates, state.control, workshop, track, "ssh NAME@host")
    assert [(d.title, d.revealed, d.bars, d.total) for d in view.decisions] == \
        [("The news", False, (), 0)]
    assert all(isinstance(q, str) for q in view.ratings)
    assert [a.text for a in view.answers] == ["second shared words"]
    assert view.broadcast == "look  up" and view.remaining is None
    assert "adazq" not in repr(view) and "gracezq" not in repr(view)

    writer.reveal("opening", "news")
    assert state.poll() is True
    view = projection(state.aggregates, state.control, workshop, track, "")
    assert view.decisions[0].revealed and view.decisions[0].total == 2
