"""Several questions in one scene and a question on an ending, as a reader of the record sees
them: the journey view, the reflection and the Markdown export (issue 15, C1)."""

from __future__ import annotations

from pathlib import Path

from tests.format11 import CONTENT
from workshop.export import render
from workshop.record import Session, SessionStore, read
from workshop.record.view import JourneyView
from workshop.scenario import load_workshop

_WORKSHOP = load_workshop(CONTENT)


def _played(tmp_path: Path) -> Session:
    """The check-in with both ratings, the energy one skipped then answered, and the ending's
    question answered; then the outage to its end."""
    session = SessionStore(tmp_path).create(_WORKSHOP, "full")
    session.answer("want-start", 4)
    session.skip("energy-start")
    session.choose("go-on")
    session.answer("why-here", "A friend asked me to.")
    session.choose("continue")
    session.answer("closing-word", "Curious")
    session.advance()
    session.choose("join-their-channel")
    session.choose("write-postmortem")
    session.advance()
    return session


def test_the_view_lists_every_answer_and_skip_of_a_scene(tmp_path: Path) -> None:
    session = SessionStore(tmp_path).create(_WORKSHOP, "full")
    session.answer("want-start", 4)
    session.skip("energy-start")
    session.choose("hurry")
    session.answer("closing-word", "Ready")
    view = JourneyView.from_record(read(session.path), _WORKSHOP)
    rate, done = view.scenarios[0].steps
    assert [(a.ask_id, a.value) for a in rate.answers] == [("want-start", 4)]
    assert rate.skips == ("energy-start",)
    assert done.scene_id == "done"
    assert [(a.ask_id, a.value) for a in done.answers] == [("closing-word", "Ready")]


def test_both_ratings_and_the_ending_answer_reach_the_export(tmp_path: Path) -> None:
    """You should see in the notes: both ratings of the first scene in the energy map, and
    the ending's question with your word under your own answers."""
    session = _played(tmp_path)
    session.answer_later("check-in", "energy-start", 2)
    markdown = render(session, "md", history=[])
    assert "How much energy do you bring to this hour?" in markdown
    assert "One word for how you start?" in markdown and "Curious" in markdown
