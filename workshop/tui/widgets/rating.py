"""A 1–5 rating: digits, arrows + Enter, or a click; both end labels always visible."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label, Static


class RatingOption(Static):
    """One number of the scale, clickable."""

    def __init__(self, value: int) -> None:
        super().__init__(f" {value} ", id=f"rate-{value}", classes="rating-option")
        self.value = value

    def on_click(self, event: Click) -> None:
        event.stop()
        picker = self.query_ancestor(RatingPicker)
        picker.choose(self.value)


class RatingPicker(Widget, can_focus=True):
    """The scale 1 to 5 with the labels of both ends."""

    DEFAULT_CSS = """
    RatingPicker {
        height: auto;
        padding: 0 1;
    }
    RatingPicker #scale {
        height: 1;
        width: auto;
    }
    RatingPicker .rating-option {
        width: 5;
        margin-right: 2;
        background: $boost;
        text-style: bold;
    }
    RatingPicker .rating-option.-current {
        background: $block-cursor-blurred-background;
    }
    RatingPicker:focus .rating-option.-current {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    RatingPicker .rating-option:hover {
        background: $primary 40%;
    }
    RatingPicker #ends {
        height: auto;
        width: 37;
        color: $text-muted;
    }
    RatingPicker #low, RatingPicker #high {
        width: 1fr;
    }
    RatingPicker #high {
        text-align: right;
    }
    RatingPicker #ends.-stacked {
        layout: vertical;
        width: 1fr;
    }
    RatingPicker #ends.-stacked #low, RatingPicker #ends.-stacked #high {
        width: 1fr;
        text-align: left;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Lower", show=False),
        Binding("right", "move(1)", "Higher", show=False),
        Binding("enter", "select", "Rate", show=False),
    ]
    """Arrows move along the scale; Enter gives the highlighted rating."""

    SIDE_BY_SIDE: ClassVar[int] = 14
    """The longest end label still shown under its end of the scale."""

    current: reactive[int] = reactive(3)
    """The highlighted number."""

    @dataclass
    class Rated(Message):
        """The player gave a rating."""

        value: int
        """From 1 to 5."""

    def __init__(self, low: str, high: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.low = low or "low"
        self.high = high or "high"

    def compose(self) -> ComposeResult:
        with Horizontal(id="scale"):
            for value in range(1, 6):
                yield RatingOption(value)
        # Two short labels fit under the ends of the scale; a long one squeezed into half
        # of 37 columns wraps into a narrow, hard-to-read column, so both go on lines of
        # their own.
        stacked = max(len(self.low), len(self.high)) > self.SIDE_BY_SIDE
        with Horizontal(id="ends", classes="-stacked" if stacked else ""):
            yield Label(f"1 = {self.low}", id="low")
            yield Label(f"5 = {self.high}", id="high")

    def watch_current(self, value: int) -> None:
        for option in self.query(RatingOption):
            option.set_class(option.value == value, "-current")

    def on_mount(self) -> None:
        self.watch_current(self.current)

    def action_move(self, step: int) -> None:
        self.current = max(1, min(5, self.current + step))

    def action_select(self) -> None:
        self.choose(self.current)

    def choose(self, value: int) -> None:
        """Give this rating (what a digit key or a click does)."""
        if 1 <= value <= 5:
            self.current = value
            self.post_message(self.Rated(value))
