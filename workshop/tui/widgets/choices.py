"""The numbered choice list: digits, arrows + Enter, or a click pick a choice."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.containers import ScrollableContainer
from textual.events import Show
from textual.geometry import Region
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop.engine import ChoiceView
from workshop.tui.textual_internals import option_lines


class ChoiceList(OptionList):
    """The choices of the current scene, numbered from 1; greyed-out ones say why."""

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 999;
        border: none;
        padding: 0;
        background: transparent;
        margin-top: 1;
    }
    ChoiceList:focus {
        border: none;
        background-tint: transparent;
    }
    ChoiceList > .option-list--option {
        padding: 0 1;
    }
    """

    @dataclass
    class Picked(Message):
        """The player picked an enabled choice."""

        choice_id: str
        """The id of the choice taken."""

    @dataclass
    class Refused(Message):
        """The player picked a greyed-out choice."""

        reason: str
        """Why it cannot be taken."""

    def __init__(self, views: list[ChoiceView], *, id: str | None = None) -> None:
        self.views = views
        super().__init__(*[self._option(n, view) for n, view in enumerate(views, 1)], id=id)

    def set_views(self, views: list[ChoiceView]) -> None:
        """Show these choices instead, the first enabled one highlighted."""
        self.views = views
        self.clear_options()
        self.add_options([self._option(n, view) for n, view in enumerate(views, 1)])
        self.highlighted = next((i for i, view in enumerate(views) if view.enabled), None)

    @staticmethod
    def _option(number: int, view: ChoiceView) -> Option:
        # A two-column grid keeps a long label's second line under its first word.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=2, no_wrap=True)
        grid.add_column(ratio=1)
        label = Text(view.label)
        if not view.enabled:
            label.append(f"\n⊘ {view.reason or 'not available now'}", style="italic")
        grid.add_row(Text(f"{number}" if number <= 9 else "", style="bold"), label)
        return Option(grid, id=view.id, disabled=not view.enabled)

    def on_show(self, event: Show) -> None:  # type: ignore[override]
        # OptionList scrolls its highlight into view whenever it is shown again: for a new
        # scene that scrolled the whole page down to the first choice, hiding the scene's
        # title (issue 16). The scene screen decides where a new scene starts: its top.
        # Textual runs this public handler before the base class's private one.
        event.prevent_default()

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Keep the highlighted choice on screen by scrolling the page it sits in."""
        super().scroll_to_highlight(top)
        highlighted = self.highlighted
        parent = self.parent
        if highlighted is None or not isinstance(parent, ScrollableContainer):
            return
        lines = option_lines(self, highlighted)
        if lines is None:
            # This Textual cannot say where the option is: the whole list, then.
            self.scroll_visible(animate=False, immediate=True)
        elif lines:
            top_line = self.virtual_region.y + lines[0]
            region = Region(0, top_line, 1, len(lines))
            parent.scroll_to_region(region, animate=False, immediate=True)

    def pick(self, number: int) -> None:
        """Pick the choice shown with this number (what the digit keys do)."""
        if not 1 <= number <= len(self.views):
            return
        view = self.views[number - 1]
        self.highlighted = number - 1 if view.enabled else self.highlighted
        if view.enabled:
            self.post_message(self.Picked(view.id))
        else:
            self.post_message(self.Refused(view.reason or "not available now"))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Picked(event.option.id))
