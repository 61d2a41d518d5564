"""The two prompters: numbered lines for dumb terminals and pipes, questionary otherwise."""

from __future__ import annotations

import io

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from workshop.plain.prompts import LinePrompter, Option, QuestionaryPrompter

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
    prompter = LinePrompter(io.StringIO("some words\n\nmaybe\nn\n"), io.StringIO())
    assert prompter.text("Why?", "hint") == "some words"
    assert prompter.confirm("Skip?", default=True) is True
    assert prompter.confirm("Skip?", default=True) is False


@pytest.mark.parametrize(("keys", "expected"), [
    ("3\r", "c3"),                 # a digit jumps to the choice, Enter takes it
    ("\x1b[B\x1b[B\r", "c3"),      # arrow keys
    ("\x1b[A\r", "c11"),           # up from the first wraps to the last (past nine)
])
def test_questionary_select_with_many_choices(keys: str, expected: str) -> None:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            assert QuestionaryPrompter().select("Pick", MANY) == expected


def test_questionary_greyed_out_choice_is_skipped_and_ctrl_c_interrupts() -> None:
    options = [Option("Alpha", "a", key="1"), Option("Beta", "b", "needs trust", key="2"),
               Option("Gamma", "g", key="3")]
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("\x1b[B\r")     # down from Alpha skips the greyed-out Beta
        assert QuestionaryPrompter().select("Pick", options) == "g"
        pipe.send_text("2\r")          # Beta's key does nothing; Enter takes Alpha
        assert QuestionaryPrompter().select("Pick", options) == "a"
        pipe.send_text("\x03")
        with pytest.raises(KeyboardInterrupt):
            QuestionaryPrompter().select("Pick", options)
        pipe.send_text("my answer\r")
        assert QuestionaryPrompter().text("Why?") == "my answer"
