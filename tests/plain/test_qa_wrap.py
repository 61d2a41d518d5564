"""Regression from the QA pass: prose in plain mode wraps between words at 80 columns."""

from __future__ import annotations

from pathlib import Path

from tests.plain.conftest import Output, ScriptedPrompter
from workshop.plain import run_plain
from workshop.play import PlayOptions


def test_a_scenario_summary_wraps_between_words(data_dir: Path) -> None:
    """At 80 columns the first scenario's summary reads "...What do you do with your next
    quarter?" with the line break between two words, never "What do yo" / "u do"."""
    out = Output(width=80)
    run_plain(PlayOptions(data_dir=data_dir, track="quick"),
              prompter=ScriptedPrompter("^C"), out=out.renderer)
    lines = out.text.splitlines()
    # The resume command is kept on one line on purpose (to copy); prose must fit.
    assert all(len(line) <= 80 for line in lines if "workshop " not in line)
    assert "What do you do with your next quarter?" in " ".join(out.text.split())
