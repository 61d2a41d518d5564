"""The prompter: numbered options and typed lines, in every terminal."""

from __future__ import annotations

import io

import pytest

from workshop.plain.prompts import LinePrompter, Option

MANY = [Option(f"Choice {n}", f"c{n}", key=str(n)) for n in range(1, 12)]


def test_line_prompter_lists_keys_and_greyed_out_reasons() -> None:
    out = io.StringIO()
    prompter = LinePrompter(io.StringIO("2\n7\n3\n"), out)
    options = [Option("Alpha", "a", key="1"), Option("Beta", "b", "needs trust", key="2"),
               Option("Gamma", "g", key="3")]
    assert prompter.select("Pick", options) == "g"
    assert out.getvalue() == (
        "Pick\n  1) Alpha\n  -  Beta (not available: needs trust)\n  3) Gamma\n"
        "Your choice: Type one of: 1, 3\nYour choice: Type one of: 1, 3\nYour choice: "
    )


def test_line_prompter_reaches_past_nine_and_ends_on_eof() -> None:
    prompter = LinePrompter(io.StringIO("11\n"), io.StringIO())
    assert prompter.select("Pick", MANY) == "c11"
    with pytest.raises(KeyboardInterrupt):
        prompter.select("Pick", MANY)


def test_line_prompter_text_and_confirm() -> None:
    out = io.StringIO()
    prompter = LinePrompter(io.StringIO("some words\n\nmaybe\nn\n"), out)
    assert prompter.text("Why?", "Hint: Mine: ... / Theirs: ...") == "some words"
    assert out.getvalue() == "Why?\nHint: Mine: ... / Theirs: ...\nYour answer: ", "hint first"
    assert prompter.confirm("Skip?", default=True) is True
    assert prompter.confirm("Skip?", default=True) is False


def test_escape_and_arrow_keys_typed_into_a_line_are_not_words() -> None:
    """Escape or an arrow key pressed while typing reaches plain mode as characters; the
    answer you see is only the words ("draft"), and Escape alone is an empty line."""
    prompter = LinePrompter(io.StringIO("draft\x1b[A\x1b\n\x1b\n"), io.StringIO())
    assert prompter.text("Why?") == "draft"
    assert prompter.text("Why?") == ""


def test_long_options_wrap_between_words_under_their_label() -> None:
    """At 40 columns a long option reads on indented lines, every word whole."""
    out = io.StringIO()
    label = "Make your case: walk her through the reconciliation rewrite you shipped"
    prompter = LinePrompter(io.StringIO("1\n"), out, width=40)
    prompter.select("Pick", [Option(label, "a", key="1")])
    lines = out.getvalue().split("\n")[1:-1]
    assert lines[0].startswith("  1) Make your case:")
    assert all(len(line) <= 40 for line in lines)
    assert all(line.startswith("     ") for line in lines[1:])
    assert " ".join(" ".join(lines).split())[len("1) "):] == label
