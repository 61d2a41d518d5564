"""Room exports with hostile shared answers: the CSV starts no formula, the Markdown shows
the words and nothing of them becomes HTML, an image, a link, a heading or a table."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.export.hostile import FORMULA, HOSTILE, shape, words
from tests.rooms.roomkit import join, make_room, play_opening
from workshop.export.escaping import visible
from workshop.rooms import Room, open_room
from workshop.rooms.export import answer_item, export_room
from workshop.rooms.sanitize import sanitize


def _room(root: Path, answers: tuple[str, ...], title: str = "Test room") -> Room:
    """A room where each answer is shared by its own participant."""
    room = make_room(root, title=title)
    for number, text in enumerate(answers):
        session = join(room, f"p{number:02d}")
        play_opening(session, text=text)
        session.share("tactical-example")
    return open_room(room.path)


def _stored(text: str) -> str:
    """A shared answer as the export receives it (controls already stripped)."""
    return sanitize(text, multiline=True, limit=2000).strip()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Room:
    return _room(tmp_path_factory.mktemp("hostile"), HOSTILE,
                 title="<script>alert(1)</script> # =title")


def test_no_csv_cell_starts_a_formula(hostile: Room) -> None:
    """Opened in a spreadsheet, no cell of the room's CSV is a formula: `=HYPERLINK(...)`,
    `+cmd|...`, `@SUM(...)`, `-2+3` and `=1+1` left after a stripped tab each start with a
    quote; the counts are still plain numbers."""
    rows = list(csv.reader(io.StringIO(export_room(hostile, "csv"), newline="")))
    for row in rows[1:]:
        for cell in row:
            assert not cell.lstrip(" \n\x0b\x0c").startswith(FORMULA), row
        assert row[0].isdigit() and row[-1].isdigit(), row
    labels = {row[5] for row in rows if row[2] == "shared"}
    for text in HOSTILE:
        stored = _stored(text)
        assert stored in labels or "'" + stored in labels, stored
    assert "'=1+1" in labels and "'-2+3" in labels and "'@SUM(1+1)" in labels


def test_the_markdown_shows_shared_answers_as_words(hostile: Room,
                                                    tmp_path: Path) -> None:
    """Rendered as GitHub would (raw HTML on), the room summary has exactly the headings,
    lists, tables and quotes of a room that shared plain words; every hostile answer reads as
    its words, and the room title is text too."""
    markdown = export_room(hostile, "md")
    benign = _room(tmp_path, tuple(f"plain words {n}" for n in range(len(HOSTILE))),
                   title="plain title")
    expected = shape(export_room(benign, "md"))
    del expected["heading: plain title"]
    found = shape(markdown)
    assert found.pop("heading: <script>alert(1)</script> # =title") == 1
    assert found == expected
    seen = words(markdown)
    for text in HOSTILE:
        assert " ".join(_stored(text).split()) in seen


def test_json_keeps_shared_answers_as_strings(hostile: Room) -> None:
    """The JSON export holds each shared answer exactly as stored, as a JSON string."""
    import json

    data = json.loads(export_room(hostile, "json"))
    shared = [a for step in data["steps"] for s in step["shared"] for a in s["answers"]]
    assert sorted(shared) == sorted(_stored(text) for text in HOSTILE)


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",))
               | st.sampled_from(list("\n\t\r*_`[]()<>#!&|\\-+=@.0123456789 ~:;$\"'/")),
               max_size=80)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_shared_answer_is_one_inert_list_item(text: str) -> None:
    """Whatever a participant shares, the summary lists it as one item of their words, all
    its lines inside it: no HTML, link, image, heading, table, code or quote."""
    stored = _stored(text)
    if stored.strip():
        markdown = answer_item(stored)
        assert shape(markdown) == {"bullet_list_open": 1}
        assert words(markdown) == " ".join(visible(stored).split())
