"""Rich renderables for the reflection: the doing × wanting plot and a bar per axis.

They know nothing of Textual: they draw plain numbers on −1..1 (the reflection's scale), so
the same objects could print in plain mode or an export.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text


def _cell(value: float, size: int) -> int:
    """The cell (0..size-1) of a value on −1..1."""
    value = max(-1.0, min(1.0, value))
    return round((value + 1) / 2 * (size - 1))


@dataclass
class TwoAxisPlot:
    """Doing (across) against wanting (up), with the player's point and earlier ones."""

    doing: float | None
    wanting: float | None
    earlier: Sequence[tuple[float | None, float | None]] = field(default_factory=list)
    """Earlier sessions' (doing, wanting), drawn fainter."""
    width: int = 33
    height: int = 11
    point_style: str = "bold reverse"
    earlier_style: str = "dim"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width, height = self.width, self.height
        mid_x, mid_y = width // 2, height // 2
        grid = [[" "] * width for _ in range(height)]
        styles: dict[tuple[int, int], str] = {}
        for y in range(height):
            grid[y][mid_x] = "│"
        for x in range(width):
            grid[mid_y][x] = "─"
        grid[mid_y][mid_x] = "┼"
        for doing, wanting in self.earlier:
            if doing is None or wanting is None:
                continue
            x, y = _cell(doing, width), height - 1 - _cell(wanting, height)
            grid[y][x] = "○"
            styles[(x, y)] = self.earlier_style
        if self.doing is not None and self.wanting is not None:
            x, y = _cell(self.doing, width), height - 1 - _cell(self.wanting, height)
            grid[y][x] = "●"
            styles[(x, y)] = self.point_style
        yield Text("wanting the job ▲", style="bold")
        for y, row in enumerate(grid):
            line = Text()
            for x, char in enumerate(row):
                line.append(char, styles.get((x, y), "dim" if char in "│─┼" else ""))
            yield line
        yield Text("senior-shaped ◀ doing ▶ staff-shaped".center(width), style="bold")
        if self.doing is None or self.wanting is None:
            yield Text("(not enough evidence yet to place your point)", style="italic")


@dataclass
class AxisBars:
    """One line per axis: its label and a bar growing from the middle toward either end."""

    rows: Sequence[tuple[str, float | None]]
    """(label, reading on −1..1 or None when nothing on the path spoke to it)."""
    bar: int = 21
    label_width: int = 30
    positive_style: str = "bold green"
    negative_style: str = "bold magenta"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        label_width = max(10, min(self.label_width, options.max_width - self.bar - 8))
        middle = self.bar // 2
        for label, value in self.rows:
            line = Text(label[:label_width].ljust(label_width) + " ")
            if value is None:
                line.append("·".center(self.bar), style="dim")
                line.append("  not on your path", style="dim italic")
                yield line
                continue
            cell = _cell(value, self.bar)
            for x in range(self.bar):
                low, high = sorted((cell, middle))
                if low <= x <= high and x != middle:
                    style = self.positive_style if x > middle else self.negative_style
                    line.append("█", style=style)
                elif x == middle:
                    line.append("│", style="dim")
                else:
                    line.append("·", style="dim")
            line.append(f" {value:+.1f}")
            yield line
