"""A session of the bundled workshop played to the end exports as notes worth keeping."""

from __future__ import annotations

import html
import re
from pathlib import Path

from markdown_it import MarkdownIt

from tests.reflection.autoplay import play_leaning
from workshop.export import render
from workshop.record import SessionStore
from workshop.scenario import load_workshop


def test_a_played_quick_track_exports_every_answer_and_decision(tmp_path: Path) -> None:
    workshop = load_workshop()
    store = SessionStore(tmp_path)
    texts = {"tactical-example": "The cache warm-up: *only* my team's service.\n"
             "Sideways: a shared warm-up for - every - team."}
    session = play_leaning(store.create(workshop, "quick"), +1, want_start=2, want_end=4,
                           texts=texts)
    markdown = render(session, "md")
    rendered = MarkdownIt("commonmark").enable("table").render(markdown.split("\n---\n", 1)[1])
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())
    answers = [v for run in session.journey.runs.values() for v in run.answers.values()
               if isinstance(v, str)]
    assert len(answers) >= 3
    for answer in answers:
        assert " ".join(answer.split()) in text
    decisions = sum(1 for line in markdown.splitlines() if re.match(r"^\d+\. \*\*", line))
    chosen = markdown.count("- I chose: ")
    assert decisions == chosen >= 10
    # an axis's general line is said once per reflection, so a choice without a note of its
    # own may have no line; the telling choices (indented by two) carry theirs too
    notes = re.findall(r"^ {3,}- What this choice tends to mean: ", markdown, re.M)
    assert 0 < len(notes) <= chosen
    assert "What the article says" not in markdown
    assert "Want, at the start | 2 / 5" in markdown and "4 / 5 (up 2)" in markdown
    for heading in ("Staff-scale projects", "Cross-team influence", "Multiplier work",
                    "Next 30 days", "By 60 days", "By 90 days"):
        assert f"### {heading}" in markdown


def test_an_unfinished_session_does_not_claim_a_closing_rating(tmp_path: Path) -> None:
    """Notes exported midway say there is no closing rating yet, not 'I rated it ... at the end'."""
    workshop = load_workshop()
    session = SessionStore(tmp_path).create(workshop, "quick")
    session.answer("want-start", 3)
    markdown = render(session, "md")
    assert "rated it at the start of the track and again at the end" not in markdown
    assert "no closing rating yet" in markdown
    assert "Want, at the start | 3 / 5" in markdown
