"""The keys, shown with `?`."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

KEYS = """\
# Keys

| key | what it does |
| --- | --- |
| `1`–`9` | pick a choice (or a rating, while one is asked) |
| `↑` `↓` `enter` | move through the choices and take one; the mouse works too |
| `enter` | continue after a consequence or an ending |
| `ctrl+s` | submit a written answer |
| `escape` | skip a prompt (it is recorded as skipped); close a dialog |
| `n` | show or hide your private notes (saved with the session) |
| `ctrl+z` | take back your last choice in this scenario |
| `page up` `page down` | scroll a long scene |
| `e` | on the reflection: export your notes to a Markdown file |
| `h` | on the reflection: back to the home screen |
| `ctrl+p` | command palette: export, history, home, notes, jump to a scenario, theme |
| `?` | this help |
| `q`, `ctrl+q` | quit; everything is saved and the resume command is printed |

Every choice and answer is saved as soon as you make it.
"""


class HelpScreen(ModalScreen[None]):
    """A table of every key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss(None)", "Close"),
    ]
    """escape, ? or q closes the help."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen #help {
        width: 1fr;
        max-width: 84;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
    }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="help"), VerticalScroll():
            yield Markdown(KEYS)
