"""Stylesheets parsed by one run are read back by the next, never served stale or broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.css.parse import parse as textual_parse
from textual.css.stylesheet import Stylesheet

from workshop.tui import css_cache

from .conftest import app_for


@pytest.fixture(autouse=True)
def fresh_parse_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts as a new process would: nothing parsed, Textual's own method."""
    monkeypatch.setattr(Stylesheet, "_parse_rules", Stylesheet._parse_rules)
    monkeypatch.setattr(css_cache, "_SHARED", {})
    monkeypatch.setattr(css_cache, "_state", {"loaded": 0})


async def _home_picture(data_dir: Path) -> str:
    app = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picture: str = app.export_screenshot()
    return picture


async def test_the_next_start_reads_the_saved_sheets_and_looks_the_same(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = await _home_picture(data_dir)
    saved = data_dir / "cache" / "css.pickle"
    assert saved.is_file(), "quitting did not keep the parsed stylesheets"

    # A new process: nothing parsed in memory; count what Textual parses from now on.
    monkeypatch.setattr(css_cache, "_SHARED", {})
    monkeypatch.setattr(css_cache, "_state", {"loaded": 0})
    parsed: list[str] = []
    monkeypatch.setattr("textual.css.stylesheet.parse", _counting(parsed, textual_parse))
    assert await _home_picture(data_dir) == first
    assert parsed == [], "a sheet saved by the last run was parsed again"


def _counting(calls: list[str], parse: object) -> object:
    def counted(scope: str, css: str, *args: object, **kwargs: object) -> object:
        calls.append(css[:40])
        return parse(scope, css, *args, **kwargs)  # type: ignore[operator]

    return counted


async def test_a_damaged_saved_file_means_parsing_as_usual(data_dir: Path) -> None:
    saved = data_dir / "cache" / "css.pickle"
    saved.parent.mkdir(parents=True)
    saved.write_bytes(b"\x80\x05 not a pickle at all")
    picture = await _home_picture(data_dir)
    assert "Staff&#160;Path&#160;Workshop" in picture
    assert css_cache.load_parsed_css(saved) > 0, "the damaged file was not replaced"


def test_an_edited_sheet_is_parsed_afresh(tmp_path: Path) -> None:
    saved = tmp_path / "css.pickle"
    where = ("app.tcss", "")

    def background(css: str) -> object:
        sheet = Stylesheet()
        sheet.add_source(css, read_from=where)
        sheet.parse()
        return sheet.rules[0].styles.background

    css_cache.share_parsed_css()
    blue = background("Screen { background: blue; }")
    assert css_cache.save_parsed_css(saved, Stylesheet()._variables)
    css_cache._SHARED.clear()
    assert css_cache.load_parsed_css(saved) == 1
    red = background("Screen { background: red; }")  # Same file, new text.
    assert red != blue
    assert background("Screen { background: blue; }") == blue
