"""Asking the player: questionary prompts in a terminal, numbered lines everywhere else.

Plain mode asks three kinds of question — pick one option, type a line, yes or no — through a
:class:`Prompter`. :class:`QuestionaryPrompter` is the usual one (arrow keys, digit shortcuts,
greyed-out options with their reason). :class:`LinePrompter` prints numbered options and reads a
line: it is used when the terminal is dumb or input is not a terminal (a screen reader's
plainest mode, a pipe, a script). ``ctrl+c`` raises :class:`KeyboardInterrupt` from both.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TextIO


@dataclass(frozen=True, slots=True)
class Option:
    """One thing the player can pick."""

    label: str
    value: str
    disabled: str = ""
    """Why it cannot be picked now ('' when it can)."""
    key: str | None = None
    """Its shortcut key (digits for the story's choices, letters for actions)."""


class Prompter(Protocol):
    """The questions plain mode asks."""

    def select(self, question: str, options: Sequence[Option]) -> str:
        """Pick one enabled option; returns its value."""

    def text(self, question: str, hint: str = "") -> str:
        """Type one line (may be empty)."""

    def confirm(self, question: str, default: bool = True) -> bool:
        """Yes or no."""


def _lines(text: str, width: int) -> list[str]:
    """Lines of at most ``width``, broken at spaces only: a file name like
    ``staff-path-2026….md`` or "commit-shaped" stays whole."""
    return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)


def _message(question: str, width: int, after: str = "") -> str:
    """A question wrapped between words for questionary, which would let the terminal break
    it mid-word. Continuation lines sit under the question's first word (after ``? ``).
    When ``after`` (the instruction questionary prints behind the question) would not fit
    on the last line, it starts a line of its own."""
    lines = _lines(question, width) or [question]
    text = "\n  ".join(lines)
    if after and len(lines[-1]) + 1 + len(after) > width:
        text += "\n"
    return text


def _width() -> int:
    """Room for a question's words: the terminal less the ``? `` prompt and a margin."""
    return max(40, shutil.get_terminal_size((80, 24)).columns - 4)


def _wrap(label: str, width: int) -> str:
    """Wrap a long option label; continuation lines line up under the label's first word."""
    return "\n      ".join(_lines(label, width)) or label


class QuestionaryPrompter:
    """Prompts drawn by questionary (prompt_toolkit) in a real terminal."""

    def select(self, question: str, options: Sequence[Option]) -> str:
        """Arrow keys or the shown shortcut keys, then Enter."""
        import questionary

        # questionary draws each option on one line and cuts it at the terminal's edge, so
        # long labels are wrapped here, continuation lines indented under the label.
        width = max(40, shutil.get_terminal_size((80, 24)).columns - 8)
        choices = [
            questionary.Choice(title=_wrap(o.label, width), value=o.value,
                               disabled=o.disabled or None,
                               # One key press per shortcut: "10" and beyond are
                               # left to questionary (and the arrow keys).
                               shortcut_key=o.key if o.key and len(o.key) == 1 else True)
            for o in options
        ]
        instruction = "(a number or the arrow keys, then Enter)"
        answer = questionary.select(
            _message(question, _width(), instruction), choices=choices, use_shortcuts=True,
            use_jk_keys=False, instruction=instruction,
        ).unsafe_ask()
        return str(answer)

    def text(self, question: str, hint: str = "") -> str:
        """One line of free text."""
        import questionary

        width = _width()
        # The hint (an example answer) can be long too: wrapped, under the question.
        instruction = "\n  ".join(_lines(hint, width)) if hint else None
        message = _message(question, width) + ("\n" if instruction else "")
        answer = questionary.text(message, instruction=instruction).unsafe_ask()
        return str(answer or "")

    def confirm(self, question: str, default: bool = True) -> bool:
        """y or n."""
        import questionary

        return bool(questionary.confirm(_message(question, _width()),
                                        default=default).unsafe_ask())


class LinePrompter:
    """Numbered options and typed lines: works with any terminal, pipe or screen reader."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
        self._in = stdin
        self._out = stdout

    def _write(self, text: str) -> None:
        out = self._out or sys.stdout
        out.write(text)
        out.flush()

    def _read(self) -> str:
        line = (self._in or sys.stdin).readline()
        if not line:
            # End of input behaves like ctrl+c: save and stop, never loop forever.
            raise KeyboardInterrupt
        return line.rstrip("\r\n")

    def select(self, question: str, options: Sequence[Option]) -> str:
        """Print the options with their keys, read a key until it names an enabled option."""
        keys: dict[str, Option] = {}
        self._write(f"{question}\n")
        number = 0
        for option in options:
            if option.key is not None:
                key = option.key
            else:
                number += 1
                key = str(number)
            if option.disabled:
                self._write(f"  -  {option.label} (not available: {option.disabled})\n")
                continue
            keys[key.lower()] = option
            self._write(f"  {key}) {option.label}\n")
        while True:
            self._write("Your choice: ")
            answer = self._read().strip().lower()
            if answer in keys:
                return keys[answer].value
            self._write(f"Type one of: {', '.join(keys)}\n")

    def text(self, question: str, hint: str = "") -> str:
        """Read one line."""
        self._write(f"{question}\n")
        if hint:
            self._write(f"({hint})\n")
        self._write("> ")
        return self._read()

    def confirm(self, question: str, default: bool = True) -> bool:
        """Read y or n; an empty line takes the default."""
        suffix = "[Y/n]" if default else "[y/N]"
        while True:
            self._write(f"{question} {suffix} ")
            answer = self._read().strip().lower()
            if not answer:
                return default
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False


def dumb_terminal() -> bool:
    """True when the terminal cannot draw prompts: ``TERM=dumb`` or input is not a terminal."""
    return os.environ.get("TERM") == "dumb" or not sys.stdin.isatty()


def default_prompter() -> Prompter:
    """questionary in a capable terminal, numbered lines otherwise."""
    return LinePrompter() if dumb_terminal() else QuestionaryPrompter()
