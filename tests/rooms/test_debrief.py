"""The debrief: a summary at the top of the Markdown export and a one-page HTML report."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rooms.roomkit import join, make_room, play_opening
from workshop.cli import main
from workshop.rooms import Room, open_room
from workshop.rooms.aggregates import read_aggregates
from workshop.rooms.control import ControlWriter
from workshop.rooms.export import export_room
from workshop.rooms.shared import answer_key

SECRET = "unshared Zanzibar words"
SHOWN = "shown Kilimanjaro thought"
HIDDEN = "shared but hidden Patagonia idea"
HANDLES = ("quetzal", "wombat", "aardvark")


def _small_room(tmp_path: Path) -> Room:
    """Three people: two finish the opening and share an answer; one rates the end too."""
    room = make_room(tmp_path)
    sessions = {}
    for handle, choice, rating in [("quetzal", "cross-team", 2), ("wombat", "cross-team", 4),
                                   ("aardvark", "go-deeper", 3)]:
        session = join(room, handle)
        text = {"quetzal": SHOWN, "wombat": HIDDEN}.get(handle, SECRET)
        play_opening(session, choice=choice, rating=rating, text=text)
        sessions[handle] = session
    for handle in ("quetzal", "wombat"):
        sessions[handle].share("tactical-example")
    return room


def _show(room: Room, text: str) -> None:
    from tests.rooms.roomkit import publish

    publish(room)
    ControlWriter(room, 4).show_answer(answer_key("tactical-example", text))


def test_markdown_starts_with_a_summary_of_the_room(tmp_path: Path) -> None:
    """The Markdown export opens with '## Summary': 3 joined, the opening ratings 2/3/4 as a
    distribution, how many answered each decision ('3 of 3' at the news), the discussion
    questions, and what the records say about time."""
    room = _small_room(tmp_path)
    _show(room, SHOWN)
    text = export_room(open_room(room.path), "md")
    summary = text.split("## Summary", 1)[1].split("\n## ", 1)[0]
    assert "**Joined:** 3 · **finished:** 0" in summary
    assert "| At the start | 0 | 1 | 1 | 1 | 0 |" in summary
    assert "| At the end | 0 | 0 | 0 | 0 | 0 |" in summary
    assert "Nobody has given both the opening and the closing rating yet." in summary
    assert "| 1. The feedback | The news | 3 of 3 |" in summary
    assert "2 shared with the room, 1 shown on the projector." in summary
    assert "Kilimanjaro" in summary and "Patagonia" not in summary
    assert "Who in the room has been called local?" in summary
    assert "Records keep no time per step" in summary
    assert text.index("## Summary") < text.index("## 1. The feedback")


def test_html_debrief_is_one_self_contained_page(tmp_path: Path) -> None:
    """`room export -f html` writes one page: inline SVG charts, no script, no outside
    resource, the summary first."""
    room = _small_room(tmp_path)
    out = tmp_path / "debrief.html"
    assert main(["room", "export", room.code, "--format", "html", "-o", str(out),
                 "--data-dir", str(tmp_path)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert page.count("<svg") >= 4
    assert "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    assert "src=" not in page and "<link" not in page
    assert page.index("Summary") < page.index("1. The feedback")
    assert "3</strong> joined" in page


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_debrief_names_nobody_and_quotes_no_unshown_answer(tmp_path: Path,
                                                               fmt: str) -> None:
    """No handle and no unshared answer in either; the HTML page quotes only the shared
    answer the facilitator showed."""
    room = _small_room(tmp_path)
    _show(room, SHOWN)
    page = export_room(open_room(room.path), fmt)
    for handle in HANDLES:
        assert handle not in page
    assert "Zanzibar" not in page
    if fmt == "html":
        assert "Patagonia" not in page


def test_html_escapes_a_hostile_title_and_shared_answer(tmp_path: Path) -> None:
    """A room title or a shown answer with markup shows as text, never as live HTML."""
    room = make_room(tmp_path, title="<script>alert(1)</script>")
    session = join(room, "quetzal")
    play_opening(session, text="<img src=x onerror=alert(2)>")
    session.share("tactical-example")
    _show(room, "<img src=x onerror=alert(2)>")
    page = export_room(open_room(room.path), "html")
    assert "<script>" not in page and "<img" not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_the_shift_counts_people_who_rated_twice(tmp_path: Path) -> None:
    """Up / same / down over the people who gave both ratings; the closing distribution."""
    room = make_room(tmp_path, track="short")
    for handle, start, end in [("quetzal", 2, 4), ("wombat", 3, 3), ("aardvark", 5, 1)]:
        session = join(room, handle)
        play_opening(session, rating=start)
        session.advance()
        session.answer("days", "a quiet one")
        session.choose("aim-staff")
        session.answer("want-end", end)
    text = export_room(open_room(room.path), "md")
    assert "Of the 3 who rated at the start and at the end, 1 went up, 1 stayed the same " \
        "and 1 went down." in text
    assert "| At the end | 1 | 0 | 1 | 1 | 0 |" in text
    assert read_aggregates(room) is None  # an export computes; it publishes nothing


def test_a_removed_person_leaves_the_summary(tmp_path: Path) -> None:
    """After the facilitator removes someone, the summary counts 2 joined and their opening
    rating is gone from the distribution."""
    room = _small_room(tmp_path)
    ControlWriter(room, 4).remove("aardvark")  # rated 3 at the start
    text = export_room(open_room(room.path), "md")
    summary = text.split("## Summary", 1)[1].split("\n## ", 1)[0]
    assert "**Joined:** 2" in summary
    assert "| At the start | 0 | 1 | 0 | 1 | 0 |" in summary
    assert "| 1. The feedback | The news | 2 of 2 |" in summary
