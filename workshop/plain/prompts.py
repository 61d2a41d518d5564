"""Asking the player: numbered lines, read one typed line at a time.

Plain mode asks three kinds of question — pick one option, type a line, yes or no — through a
:class:`Prompter`. :class:`LinePrompter` prints the options with the number (or letter) to type
and reads an ordinary line of input, in every terminal: it never draws a menu, moves the cursor,
asks the terminal where the cursor is or turns its line wrapping off (as an arrow-key menu
does), so a screen reader hears each line once and a pipe or script works the same.
``ctrl+c`` raises :class:`KeyboardInterrupt`.
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TextIO

from workshop.plain.render import terminal_width

_TYPED_ESCAPES = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|O.|.)?|[\x00-\x08\x0b-\x1f\x7f]")
"""Keys a line of input may carry as characters: Escape, arrow keys, other control keys."""


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


class LinePrompter:
    """Numbered options and typed lines: works with any terminal, pipe or screen reader."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None, *,
                 width: int | None = 0) -> None:
        """Args:
        stdin: Where answers come from (default: standard input).
        stdout: Where questions go (default: standard output).
        width: Wrap long options at this many columns; None never wraps; 0 (the default)
            asks the terminal, as the story text does.
        """
        self._in = stdin
        self._out = stdout
        self._width = terminal_width(stdout) if width == 0 else width

    def _write(self, text: str) -> None:
        out = self._out or sys.stdout
        out.write(text)
        out.flush()

    def _line(self, text: str, indent: str = "") -> None:
        """One line of output, wrapped between words when the width is known."""
        if self._width is None:
            self._write(f"{text}\n")
            return
        lines = textwrap.wrap(text, self._width, subsequent_indent=indent,
                              break_on_hyphens=False, break_long_words=False) or [text]
        self._write("".join(f"{line}\n" for line in lines))

    def _read(self) -> str:
        line = (self._in or sys.stdin).readline()
        if not line:
            # End of input behaves like ctrl+c: save and stop, never loop forever.
            raise KeyboardInterrupt
        # Escape or an arrow key typed into the line reaches us as characters: they are
        # not words (an Escape alone is an empty answer, which asks before skipping).
        return _TYPED_ESCAPES.sub("", line.rstrip("\r\n"))

    def select(self, question: str, options: Sequence[Option]) -> str:
        """Print the options with their keys, read a key until it names an enabled option.

        The number shown is the number typed: an option's own ``key`` when it has one.
        """
        keys: dict[str, Option] = {}
        self._line(question)
        number = 0
        for option in options:
            if option.key is not None:
                key = option.key
            else:
                number += 1
                key = str(number)
            if option.disabled:
                self._line(f"  -  {option.label} (not available: {option.disabled})", " " * 5)
                continue
            keys[key.lower()] = option
            self._line(f"  {key}) {option.label}", " " * (len(key) + 4))
        while True:
            self._write("Your choice: ")
            answer = self._read().strip().lower()
            if answer in keys:
                return keys[answer].value
            self._write(f"Type one of: {', '.join(keys)}\n")

    def text(self, question: str, hint: str = "") -> str:
        """Read one line; the hint (an example answer) is a line of its own before the
        prompt, never text in front of what the player types."""
        self._line(question)
        if hint:
            self._line(hint)
        self._write("Your answer: ")
        return self._read()

    def confirm(self, question: str, default: bool = True) -> bool:
        """Read y or n; an empty line takes the default."""
        suffix = "(Y/n)" if default else "(y/N)"
        while True:
            self._write(f"{question} {suffix} ")
            answer = self._read().strip().lower()
            if not answer:
                return default
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False


def default_prompter() -> Prompter:
    """Numbered lines, in every terminal (plain mode never draws an arrow-key menu)."""
    return LinePrompter()
