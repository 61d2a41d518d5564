"""The numbered choice list: digits, arrows + Enter, or a click pick a choice."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop.engine import ChoiceView


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
        key = f"{number}" if number <= 9 else " "
        text = Text.assemble((f"{key} ", "bold"), " ", view.label)
        if not view.enabled:
            text.append(f"\n    ⊘ {view.reason or 'not available now'}", style="italic")
        return Option(text, id=view.id, disabled=not view.enabled)

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
