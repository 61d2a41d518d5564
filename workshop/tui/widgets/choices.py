"""The numbered choice list: a digit, a click, or Enter on a choice highlighted by the arrows.

The rule for Enter (the same on every screen, see ``docs/playing.md``): Enter continues, and
picks a choice only once the player has highlighted it with the arrow keys or the mouse. The
list therefore starts with nothing highlighted, so the Enter that went on past a consequence,
pressed once too often, can never take choice 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.events import Show
from textual.geometry import Region
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop.engine import CONTINUE, ChoiceView
from workshop.tui.textual_internals import option_lines


class ChoiceList(OptionList, inherit_bindings=False):
    """The choices of the current scene, each with its stable number; greyed-out ones say why.

    A choice's number is its place in the scene (:attr:`ChoiceView.number`): a hidden or used
    choice leaves its number unused, so a choice keeps its number every time it is shown.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # OptionList's keys declared again (not inherited) so the footer reads the rule in
        # order: the digits, then Enter.
        Binding("1", "pick_number(1)", "Choose", key_display="1-9"),
        Binding("enter", "select", "Take highlighted"),
        *[Binding(str(n), f"pick_number({n})", show=False) for n in range(2, 10)],
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
    ]
    """A digit takes the choice with that number; Enter takes the highlighted choice (shown
    dimmed while nothing is highlighted)."""

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

    @dataclass
    class NothingHighlighted(Message):
        """Enter was pressed while no choice was highlighted (nothing is taken)."""

    def __init__(self, views: list[ChoiceView], *, id: str | None = None) -> None:
        self.views = views
        super().__init__(*[self._option(view) for view in views], id=id)

    def set_views(self, views: list[ChoiceView]) -> None:
        """Show these choices instead, with nothing highlighted.

        The one exception is a scene's lone Continue (a scene with ``next``): there Enter
        continues, as it does everywhere else.
        """
        self.views = views
        self.clear_options()
        self.add_options([self._option(view) for view in views])
        lone_continue = len(views) == 1 and views[0].id == CONTINUE
        self.highlighted = 0 if lone_continue else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Shown dimmed in the footer until a choice is highlighted: Enter then takes nothing.
        if action == "select" and self.highlighted is None:
            return None
        return True

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.refresh_bindings()

    def on_key(self, event: events.Key) -> None:
        # A disabled binding lets its key pass unnoticed: say how to choose instead.
        if event.key == "enter" and self.highlighted is None:
            event.stop()
            event.prevent_default()
            self.post_message(self.NothingHighlighted())

    @staticmethod
    def _option(view: ChoiceView) -> Option:
        # A two-column grid keeps a long label's second line under its first word.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=2, no_wrap=True)
        grid.add_column(ratio=1)
        label = Text(view.label)
        if not view.enabled:
            label.append(f"\n⊘ {view.reason or 'not available now'}", style="italic")
        number = view.number
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

    def action_pick_number(self, number: int) -> None:
        self.pick(number)

    def pick(self, number: int) -> bool:
        """Pick the choice shown with this number (what the digit keys do).

        Returns False when no choice shown has that number.
        """
        index = next((i for i, view in enumerate(self.views) if view.number == number), None)
        if index is None:
            return False
        view = self.views[index]
        self.highlighted = index if view.enabled else self.highlighted
        if view.enabled:
            self.post_message(self.Picked(view.id))
        else:
            self.post_message(self.Refused(view.reason or "not available now"))
        return True

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Picked(event.option.id))
