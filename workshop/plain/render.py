"""Writing the story out, line by line: Rich Markdown, or plain text for dumb terminals.

Plain mode is read top to bottom — often aloud by a screen reader — so the output has no boxes
or decoration that means nothing when spoken: headings are short lines, and Markdown is drawn
by Rich in a colour terminal or printed as written (it reads fine as text) when ``TERM=dumb``
or ``NO_COLOR`` is set.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from rich.console import Console
from rich.markdown import Markdown
from rich.text import Text

from workshop.text import terminal_safe


def wants_plain_text(file: TextIO | None = None) -> bool:
    """True when Markdown should be printed as written: ``TERM=dumb``, ``NO_COLOR``, or the
    output is not a terminal (a file or a pipe gets the Markdown itself)."""
    if os.environ.get("TERM") == "dumb" or os.environ.get("NO_COLOR"):
        return True
    stream = file or sys.stdout
    isatty = getattr(stream, "isatty", None)
    return not (isatty is not None and isatty())


class Renderer:
    """Prints headings, Markdown and notices to one stream.

    Everything it prints comes from content files or records, so every method cleans its text
    with :func:`~workshop.text.terminal_safe` first: no escape sequence in a scenario reaches
    the player's terminal.
    """

    def __init__(self, file: TextIO | None = None, *, plain: bool | None = None) -> None:
        self.plain = wants_plain_text(file) if plain is None else plain
        self.console = Console(
            file=file, highlight=False, emoji=False,
            no_color=self.plain or None, soft_wrap=self.plain,
        )

    def blank(self) -> None:
        """An empty line between blocks."""
        self.console.print()

    def heading(self, text: str) -> None:
        """A short bold line that introduces a block."""
        self.console.print(Text(terminal_safe(text), style="bold"))

    def markdown(self, text: str) -> None:
        """Scene text, consequences, reflections."""
        text = terminal_safe(text, multiline=True)
        if not text.strip():
            return
        if self.plain:
            self.console.print(Text(text.strip()))
        else:
            self.console.print(Markdown(text.strip(), justify="default"))

    def note(self, text: str) -> None:
        """A quiet line: progress, where things were saved, how to resume.

        Never wrapped by us, so a command in it stays one line to copy.
        """
        self.console.print(Text(terminal_safe(text, multiline=True), style="dim"),
                           soft_wrap=True)

    def aside(self, text: str) -> None:
        """A quiet sentence of prose (a scenario's summary, the workshop's promise): dim like
        a note, but wrapped between words so no word breaks at the terminal's edge."""
        self.console.print(Text(terminal_safe(text, multiline=True), style="dim"))

    def consequence(self, text: str) -> None:
        """What a choice led to, set apart from the scene text."""
        text = terminal_safe(text, multiline=True)
        if not text.strip():
            return
        if self.plain:
            self.console.print(Text(f"Consequence: {text.strip()}"))
        else:
            self.console.print(Markdown(text.strip(), style="italic", justify="default"))

    def error(self, text: str) -> None:
        """A problem the player should see."""
        self.console.print(Text(terminal_safe(text, multiline=True), style="bold red"))
