"""Dialogs: pick one item from a list, and the result of an export."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

Item = tuple[str, str, str]
"""(id, title, detail) of an entry in a :class:`PickDialog`."""


def _without_front_matter(text: str) -> str:
    """The Markdown without its leading ``---`` metadata block (it reads badly rendered)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5:].lstrip("\n")
    return text


class PickDialog(ModalScreen[str | None]):
    """A titled list; returns the id picked, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Close")]
    """escape closes the dialog without picking."""

    DEFAULT_CSS = """
    PickDialog {
        align: center middle;
    }
    PickDialog #dialog {
        width: 1fr;
        max-width: 90;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    PickDialog #dialog-title {
        text-style: bold;
        width: 1fr;
        padding: 0 0 1 0;
    }
    PickDialog OptionList {
        height: auto;
        max-height: 1fr;
        border: none;
    }
    PickDialog #empty {
        color: $text-muted;
        padding: 1 0;
    }
    """

    def __init__(self, title: str, items: list[Item], empty: str = "Nothing here yet.") -> None:
        super().__init__()
        self.title_text = title
        self.items = items
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, id="dialog-title")
            if self.items:
                yield OptionList(*[self._option(item) for item in self.items], id="items")
            else:
                yield Static(self.empty, id="empty")
            yield Static("[dim]enter or click to pick · esc closes[/]")

    @staticmethod
    def _option(item: Item) -> Option:
        key, title, detail = item
        text = Text(title, style="bold")
        if detail:
            text.append(f"\n  {detail}", style="dim")
        return Option(text, id=key)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class ExportDialog(ModalScreen[None]):
    """Shows the file an export wrote (or, with ``heading``, how to get it), and a preview."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("enter", "dismiss(None)", "Close", show=False),
    ]
    """escape or enter closes."""

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
    }
    ExportDialog #dialog {
        width: 1fr;
        max-width: 100;
        height: 90%;
        border: thick $success;
        background: $surface;
        padding: 0 1;
    }
    ExportDialog #written {
        width: 1fr;
        text-style: bold;
        padding-bottom: 1;
    }
    ExportDialog #preview {
        height: 1fr;
        border: round $panel-lighten-2;
    }
    ExportDialog #close-row {
        height: auto;
        align-horizontal: right;
    }
    """

    def __init__(self, path: Path | None, text: str, *, heading: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.text = text
        self.heading = heading if heading is not None else f"Notes written to {path}"

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            written = Static(id="written", markup=False)
            written.update(self.heading)
            yield written
            with VerticalScroll(id="preview"):
                yield Markdown(_without_front_matter(self.text))
            with Horizontal(id="close-row"):
                yield Button("Close (esc)", id="close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#preview").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
