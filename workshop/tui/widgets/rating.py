"""A 1–5 rating: digits, arrows + Enter, or a click; both end labels always visible."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Click, MouseMove
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from workshop.tui.widgets.geometry import content_width


class RatingPicker(Widget, can_focus=True):
    """The scale 1 to 5 with the labels of both ends.

    One widget drawing its rows itself (the scale, then the end labels), not a widget per
    number and label: a rating is often the first thing a room's participants see, and each
    widget is styled, laid out and drawn on its own before that first frame.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rating--option", "rating--current", "rating--current-focused", "rating--hover",
        "rating--ends",
    }

    DEFAULT_CSS = """
    RatingPicker {
        height: auto;
        padding: 0 1;
    }
    RatingPicker > .rating--option {
        background: $boost;
        text-style: bold;
    }
    RatingPicker > .rating--current {
        background: $block-cursor-blurred-background;
    }
    RatingPicker > .rating--current-focused {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    RatingPicker > .rating--hover {
        background: $primary 40%;
    }
    RatingPicker > .rating--ends {
        color: $text-muted;
    }
    """

    CELL: ClassVar[int] = 5
    """Columns of one number of the scale (fewer, down to 3, in a narrow terminal)."""
    GAP: ClassVar[int] = 2
    """Columns between two numbers (fewer, down to 0, in a narrow terminal)."""
    ENDS_WIDTH: ClassVar[int] = 37
    """The end labels, side by side, span the scale's width."""

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

    hover: reactive[int | None] = reactive(None)
    """The number under the mouse."""

    def __init__(self, low: str, high: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.low = low or "low"
        self.high = high or "high"

    def stacked(self, width: int | None = None) -> bool:
        """Whether the end labels go on lines of their own (at ``width`` columns, or now).

        Two short labels fit under the ends of the scale; a long one squeezed into half of
        the scale's width would wrap into a narrow, hard-to-read column, and so would both
        in a narrow terminal.
        """
        width = content_width(self) if width is None else width
        return (max(len(self.low), len(self.high)) > self.SIDE_BY_SIDE
                or 0 < width < self.ENDS_WIDTH)

    def ends(self, width: int | None = None) -> list[str]:
        """The end labels' rows as drawn (before wrapping to the widget's width)."""
        low, high = f"1 = {self.low}", f"5 = {self.high}"
        if self.stacked(width):
            return [low, high]
        half = self.ENDS_WIDTH // 2
        return [f"{low:<{half}}{high:>{self.ENDS_WIDTH - half}}"]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # The scale's row, then the end labels' rows as they wrap at this width (worked out
        # here: while the screen is laid out the widget's own size is not known yet).
        console = self.app.console
        return 1 + sum(len(Text(row).wrap(console, width)) if width else 1
                       for row in self.ends(width))

    def offset_of(self, value: int) -> tuple[int, int]:
        """Where the number ``value`` is drawn, from the widget's top left (for clicks)."""
        cell, gap = self._spacing()
        left = self.styles.padding.left
        return (left + (value - 1) * (cell + gap) + 1, 0)

    def value_at(self, x: int, y: int) -> int | None:
        """The number drawn at a point of the widget (None between and below them)."""
        if y != 0:
            return None
        cell, gap = self._spacing()
        x -= self.styles.padding.left
        value, inside = divmod(x, cell + gap)
        if x < 0 or inside >= cell or not 0 <= value < 5:
            return None
        return value + 1

    def _spacing(self) -> tuple[int, int]:
        """Columns of a number and between two numbers: the scale keeps to one row."""
        width = content_width(self)
        cell, gap = self.CELL, self.GAP
        while width and 5 * cell + 4 * gap > width and (cell > 3 or gap > 0):
            if gap > 0:
                gap -= 1
            else:
                cell -= 1
        return cell, gap

    def render(self) -> Text:
        cell, gap = self._spacing()
        option = self.get_component_rich_style("rating--option")
        current = self.get_component_rich_style(
            "rating--current-focused" if self.has_focus else "rating--current")
        hover = self.get_component_rich_style("rating--hover")
        text = Text(end="")
        for value in range(1, 6):
            style = option
            if value == self.hover:
                style += hover
            if value == self.current:
                style += current
            text.append(f" {value} ".ljust(cell), style)
            if value < 5:
                text.append(" " * gap)
        ends = self.get_component_rich_style("rating--ends")
        for row in self.ends():
            text.append("\n")
            text.append(row, ends)
        return text

    def watch_current(self, value: int) -> None:
        self.refresh()

    def watch_hover(self, value: int | None) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_mouse_move(self, event: MouseMove) -> None:
        self.hover = self.value_at(event.x, event.y)

    def on_leave(self) -> None:
        self.hover = None

    def on_click(self, event: Click) -> None:
        value = self.value_at(event.x, event.y)
        if value is not None:
            event.stop()
            self.choose(value)

    def action_move(self, step: int) -> None:
        self.current = max(1, min(5, self.current + step))

    def action_select(self) -> None:
        self.choose(self.current)

    def choose(self, value: int) -> None:
        """Give this rating (what a digit key or a click does)."""
        if 1 <= value <= 5:
            self.current = value
            self.post_message(self.Rated(value))
