"""A player's own notes export (Markdown and HTML) with hostile text in every field a player
writes: it reads as the same words and nothing of it becomes HTML, an image, a link, a heading
or any other structure."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.export.hostile import FORMULA, HOSTILE, Tags, shape, words
from tests.record.helpers import STAFF_PATH, fixed_clock, mini, play
from workshop.export import render
from workshop.export.document import escape, quote
from workshop.export.escaping import FORMULA_START, MARKDOWN_SPECIAL, csv_cell, visible
from workshop.record import Session, SessionStore, read


def _session(root: Path, text: str) -> Session:
    """A finished staff-leaning session whose answers, reason and notes are all ``text``."""
    store = SessionStore(root, clock=fixed_clock())
    script = [(a, text if isinstance(v, str) and a.startswith("answer:") else v)
              for a, v in STAFF_PATH]
    session = play(store.create(mini()), script[:4])
    session.give_reason(text)
    play(session, script[4:])
    session.set_notes(text)
    return session


def _seen(text: str) -> str:
    return " ".join(visible(text).split())


@pytest.fixture(scope="module")
def benign(tmp_path_factory: pytest.TempPathFactory) -> Session:
    return _session(tmp_path_factory.mktemp("benign"), "plain words")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_the_markdown_notes_stays_words(tmp_path: Path, benign: Session,
                                                        text: str) -> None:
    """Rendered as GitHub would (raw HTML on), the notes show the player's words and exactly the
    headings, lists, quotes and code of notes full of plain words: no <script>, <img>, remote
    image, link, injected heading, table or code fence; no zero-width or bidi character."""
    markdown = render(_session(tmp_path, text), "md")
    assert shape(markdown) == shape(render(benign, "md"))
    assert _seen(text) in words(markdown)
    assert not any(ch in markdown for ch in "\u200b\u202e\u2066\u2069\x1b")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_the_html_notes_is_escaped(tmp_path: Path, benign: Session,
                                                   text: str) -> None:
    """The HTML page has the same tags as a page of plain words (line breaks aside): no script,
    img, link or iframe, no on* attribute, nothing loaded from elsewhere."""
    page = Tags(render(_session(tmp_path, text), "html"))
    lines = {"br", "p"}  # a text of several lines has line breaks, maybe paragraphs
    assert (page.tags - Counter(dict.fromkeys(lines, 10**6))
            == Tags(render(benign, "html")).tags - Counter(dict.fromkeys(lines, 10**6)))
    assert not {"script", "img", "a", "iframe", "link"} & set(page.tags)
    for tag, name, value in page.attributes:
        assert not name.startswith("on") and name not in {"src", "href"}, (tag, name)
        if name != "xmlns":
            assert "http" not in value and "javascript:" not in value, (tag, name, value)


def test_an_authors_script_is_not_live_html_either(benign: Session) -> None:
    """Content is its author's Markdown, but a <script> or remote image in a workshop title
    shows as text in the HTML page: no script or img tag, no src."""
    hostile = dataclasses.replace(
        benign.workshop, title="<script>alert(1)</script> ![x](http://evil/x.png) <b>bold</b>")
    page = render(benign.record, "html", workshop=hostile)
    tags = Tags(page)
    assert not {"script", "img", "b"} & set(tags.tags)
    assert all(name != "src" for _tag, name, _value in tags.attributes)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",))
               | st.sampled_from(list("\n\t\r*_`[]()<>#!&|\\-+=@.0123456789 ~:;$\"'/")),
               max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_quoted_is_one_inert_block_quote(text: str) -> None:
    """Whatever a player writes, its quote renders as one block quote of their words."""
    if _seen(text):
        markdown = quote(text)
        assert set(shape(markdown)) == {"blockquote_open"}
        assert words(markdown) == _seen(text)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_line_escaped_is_one_inert_list_item(text: str) -> None:
    """Whatever a player writes, escaped on a list line it renders as one item of their
    words."""
    line = _seen(text)
    if line:
        markdown = f"- {escape(line)}"
        assert shape(markdown) == {"bullet_list_open": 1}
        assert words(markdown) == line


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(-5, 5))
def test_any_csv_cell_is_no_formula(text: str, count: int) -> None:
    """Read back as a spreadsheet would read it, no cell starts a formula (not even after
    blanks), text keeps its words behind at most one quote, and numbers stay numbers."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow([csv_cell(text), csv_cell(count)])
    [cell, number] = next(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert not cell.lstrip(" \n\x0b\x0c").startswith(FORMULA)
    assert cell in {text, "'" + text}
    assert number == str(count)


def test_ids_from_a_hostile_record_file_stay_text(tmp_path: Path) -> None:
    """A record file whose id and track hold markup exports as notes that show that text:
    no <script> or <img> in the Markdown as a viewer renders it, no code span broken open."""
    session = _session(tmp_path, "plain words")
    path = next(tmp_path.rglob("*.toml"))
    text = path.read_text(encoding="utf-8")
    text = text.replace(f'id = "{session.id}"', 'id = "x`<img src=x onerror=alert(1)>`"', 1)
    text = text.replace('track = "full"\nnotes', 'track = "<script>alert(1)</script>"\nnotes', 1)
    path.write_text(text, encoding="utf-8")
    record = read(path)
    markdown = render(record, "md", workshop=mini())
    found = shape(markdown)
    assert not found["html_inline"] and not found["html_block"] and not found["image"]
    seen = words(markdown)
    assert "<script>alert(1)</script> · 3 of 3 scenarios" in seen
    assert "session x`<img src=x onerror=alert(1)>`" in seen
    assert not {"script", "img"} & set(Tags(render(record, "html", workshop=mini())).tags)


def test_the_docs_say_what_the_exports_escape() -> None:
    """docs/records.md lists the Markdown characters escaped and docs/facilitating.md the CSV
    formula starts, exactly as the code has them."""
    docs = Path(__file__).resolve().parents[2] / "docs"
    records = " ".join((docs / "records.md").read_text(encoding="utf-8").split())
    assert "`` " + " ".join(MARKDOWN_SPECIAL) + " ``" in records
    facilitating = " ".join((docs / "facilitating.md").read_text(encoding="utf-8").split())
    assert "`=`, `+`, `-`, `@`, a tab or a carriage return" in facilitating
    assert set("=+-@\t\r") <= FORMULA_START
