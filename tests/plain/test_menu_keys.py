"""Plain mode's start menu: the numbers you type for a track never move."""

from __future__ import annotations

import io
from pathlib import Path

from tests.plain.conftest import EXAMPLE, ScriptedPrompter
from workshop.plain import run_plain
from workshop.plain.prompts import LinePrompter
from workshop.plain.render import Renderer
from workshop.play import PlayOptions


def _menu(data_dir: Path) -> str:
    out = io.StringIO()
    run_plain(PlayOptions(content=EXAMPLE, data_dir=data_dir),
              prompter=LinePrompter(io.StringIO("q\n"), out, width=None),
              out=Renderer(out, width=None))
    return out.getvalue()


def test_track_numbers_stay_when_a_session_is_unfinished(data_dir: Path) -> None:
    """The menu lists "1) Full track" and "2) Quick track" before and after a session is
    left unfinished; continuing it is "c) Continue where you stopped", not a new number 1."""
    before = _menu(data_dir)
    run_plain(PlayOptions(content=EXAMPLE, data_dir=data_dir, track="quick"),
              prompter=ScriptedPrompter("^C"), out=Renderer(io.StringIO(), width=None))
    after = _menu(data_dir)
    for text in (before, after):
        assert "  1) Full track" in text and "  2) Quick track" in text
    assert "  c) Continue where you stopped: Quick track" in after
    assert "Continue where you stopped" not in before
