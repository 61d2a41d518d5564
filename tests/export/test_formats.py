"""Every export format holds what it promises; golden files pin the exact output."""

from __future__ import annotations

import html
import json
import os
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.export.helpers import TRICKY, sessions
from tests.record.helpers import MINI
from workshop.errors import UsageError
from workshop.export import FORMATS, render
from workshop.record import Session

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _later(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Session, list[Session]]:
    _, earlier, later = sessions(tmp_path, monkeypatch)
    return later, [earlier]


def _text_of(markdown: str) -> str:
    """What a reader sees: the CommonMark rendering with tags stripped, spaces collapsed."""
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


def _split_front_matter(markdown: str) -> tuple[dict[str, object], str]:
    assert markdown.startswith("---\n")
    head, body = markdown[4:].split("\n---\n", 1)
    fields = {}
    for line in head.splitlines():
        key, value = line.split(": ", 1)
        fields[key] = json.loads(value)
    return fields, body


def test_markdown_is_commonmark_with_every_part(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    later, history = _later(tmp_path, monkeypatch)
    markdown = render(later, "md", history=history)
    fields, body = _split_front_matter(markdown)
    assert fields == {
        "title": "Mini Workshop: reflection notes", "date": "2026-01-05",
        "session": later.id, "workshop": "mini", "workshop_version": "0.1.0",
        "track": "full", "schema_version": 1, "status": "finished",
        "situation": "staff-and-wanting",
    }
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    for heading in ("The bottom line", "Where my choices lean", "Evidence inventory (to fill in)",
                    "Next steps", "Decision log", "Energy map", "My answers, in my own words",
                    "My notes", "Since last time", "Part 1 · To share", "Part 2 · Private"):
        assert heading in headings
    text = _text_of(body)
    # the bottom line: both want ratings and the place
    assert "Want, at the start 3 / 5" in text and "Want, at the end 5 / 5 (up 2)" in text
    assert "Doing it and wanting it" in text
    # the decision log: situation, option, reason, what the article says
    assert ("The news: The committee calls your work excellent but local. I chose: Take on "
            "the handoff between two teams that nobody owns My reason: Two teams kept paging "
            "each other, and nobody owned the handoff. What this choice tends to mean: An orphaned "
            "problem between teams") in text
    # every free-text answer, word for word, even one full of Markdown
    for run in later.journey.runs.values():
        for value in run.answers.values():
            if isinstance(value, str):
                assert " ".join(value.split()) in text
    assert " ".join(TRICKY.split()) in text
    assert "Bring this to the 1:1 on the 14th. Ask about the CI fleet." in text
    # the inventory has past-tense prompts with places to fill, next steps, the question
    assert "I drove ___ across ___ teams. Artifact: ___" in text
    assert "Mini question for the manager?" in text
    assert "Senior: Happy at senior" not in text and "placed then as Happy at senior" in text


def test_shareable_markdown_leaves_out_everything_private(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    later, history = _later(tmp_path, monkeypatch)
    markdown = render(later, "md", shareable=True, history=history)
    fields, body = _split_front_matter(markdown)
    assert fields["part"] == "shareable"
    text = _text_of(body)
    assert "Doing it and wanting it" in text and "Mini question for the manager?" in text
    for private in ("Part 2", "Decision log", "nobody owned the handoff", "CI fleet",
                    "not a heading", "Energy map", "Since last time", "I tuned our own"):
        assert private not in text


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "link", "img", "iframe", "object", "embed"):
            self.found.append(tag)
        self.svgs += tag == "svg"
        for name, value in attrs:
            if name in ("src", "href", "srcset", "xlink:href", "action", "poster"):
                self.found.append(f"{tag}[{name}={value}]")
            if name == "style" and value and "url(" in value:
                self.found.append(f"{tag}[style]")


def test_html_is_one_file_with_no_outside_references(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    later, history = _later(tmp_path, monkeypatch)
    page = render(later, "html", history=history)
    parser = _References()
    parser.feed(page)
    assert parser.found == []
    style = page[page.index("<style>"):page.index("</style>")]
    assert "url(" not in style and "@import" not in style
    assert parser.svgs == 2  # the axes and the doing/wanting map
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert " ".join(TRICKY.split()) in text
    assert "Part 2 · Private" in text and "Doing it and wanting it" in text
    shared = render(later, "html", shareable=True, history=history)
    assert "Part 2" not in shared and "CI fleet" not in shared


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_data_exports_hold_the_record_and_the_profile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    later, history = _later(tmp_path, monkeypatch)
    text = render(later, fmt, history=history)
    data = json.loads(text) if fmt == "json" else tomllib.loads(text)
    assert data["record"] == later.record.to_data()
    assert data["profile"]["doing"] == 1.0 and data["profile"]["want_end"] == 5
    assert data["profile"]["axes"]["scope"]["score"] == 1.0
    assert data["reflection"]["situation"]["id"] == "staff-and-wanting"
    assert data["reflection"]["comparison"]["previous"] == history[0].id
    shared_text = render(later, fmt, shareable=True)
    shared = json.loads(shared_text) if fmt == "json" else tomllib.loads(shared_text)
    assert "CI fleet" not in shared_text and "nobody owned" not in shared_text
    assert "not a heading" not in shared_text
    assert shared["record"]["journey"]["runs"]["opening"]["answers"] == {"want-start": 3}


def test_an_unknown_format_is_a_usage_error(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    later, _ = _later(tmp_path, monkeypatch)
    with pytest.raises(UsageError, match=r"unknown export format 'pdf'.*md, html, json, toml"):
        render(later, "pdf")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """The exact export of a fixed session; regenerate with UPDATE_GOLDEN=1 and read the diff."""
    later, history = _later(tmp_path, monkeypatch)
    text = render(later, fmt, history=history).replace(str(MINI), "<MINI>")
    golden = GOLDEN / f"session{FORMATS[fmt].suffix}"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
