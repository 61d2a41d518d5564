"""Plain mode says when an answer is over its cap and asks again (issue 12, item 8)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.plain.conftest import EXAMPLE, Output, ScriptedPrompter
from workshop.plain import run_plain
from workshop.play import PlayOptions


def test_an_answer_over_the_cap_is_asked_again(data_dir: Path) -> None:
    """A 5,000-character answer: you read 'Your answer: 5,000 characters, over the limit of
    4,000' and the question comes again; the shorter answer is saved (before, the record
    layer's refusal ended the session)."""
    prompter = ScriptedPrompter("track:full", "4", "go-on", "w" * 5_000, "Short now.", "1",
                                "1", "join-their-channel", "write-postmortem")
    out = Output()
    code = run_plain(PlayOptions(content=EXAMPLE, data_dir=data_dir), prompter=prompter,
                     out=out.renderer)
    assert code == 0
    assert "Your answer: 5,000 characters, over the limit of 4,000" in out.text
    [path] = sorted((data_dir / "sessions").glob("*.toml"))
    record = tomllib.loads(path.read_text(encoding="utf-8"))
    assert record["journey"]["runs"]["check-in"]["answers"]["why-here"] == "Short now."
