"""Regression from the QA pass: prose in plain mode wraps between words at 80 columns."""

from __future__ import annotations

from pathlib import Path

from tests.plain.conftest import Output, ScriptedPrompter
from workshop.plain import run_plain
from workshop.play import PlayOptions


def test_a_scenario_summary_wraps_between_words(data_dir: Path) -> None:
    """At 80 columns the first scenario's summary reads "...What do you do with your next
    quarter?" with the line break between two words, never "What do yo" / "u do"."""
    out = Output(plain=False)
    run_plain(PlayOptions(data_dir=data_dir, track="quick"),
              prompter=ScriptedPrompter("^C"), out=out.renderer)
    lines = out.text.splitlines()
    # The resume command is kept on one line on purpose (to copy); prose must fit.
    assert all(len(line) <= 80 for line in lines if "workshop " not in line)
    assert "What do you do with your next quarter?" in " ".join(out.text.split())


def test_a_long_question_is_wrapped_between_words() -> None:
    """A long rating question at 80 columns reads "...nobody outside your team noticing..."
    with line breaks between words (under the question), never "noti" / "cing"; the
    instruction that follows gets a line of its own when it would not fit."""
    from workshop.plain.prompts import _message

    question = (
        "Picture your PR count halving next quarter, with nobody outside your team noticing "
        "the difference yet. How does that sit with you? (1 = Badly: code is how I know I "
        "did something, 5 = Fine: I would measure the quarter another way)"
    )
    text = _message(question, 76, "(a number or the arrow keys, then Enter)")
    lines = text.split("\n")
    assert len(lines) > 2 and all(len(line) <= 78 for line in lines)
    assert " ".join(text.split()) == question
    assert not text.endswith("\n")  # "way)" leaves room for the instruction
    crowded = _message("word " * 30, 76, "(a number or the arrow keys, then Enter)")
    assert crowded.endswith("\n")
    assert _message("What do you do?", 76, "(a number or the arrow keys, then Enter)") == (
        "What do you do?"
    )


def test_a_file_name_in_a_choice_is_never_broken_at_its_hyphens() -> None:
    """The export offer shows "Save them as a web page with charts:" and then the file name
    "staff-path-20261127-043010-8c42.html" whole, never "staff-" / "path-…"."""
    from workshop.plain.prompts import _wrap

    label = "Save them as a web page with charts: staff-path-20261127-043010-8c42.html"
    assert "staff-path-20261127-043010-8c42.html" in _wrap(label, 72).split("\n")[-1]
