"""The play screen's header: the scenario's title and the progress through the track.

One widget drawing one renderable (a two-column grid: the title, which wraps, and "scenario k
of n" with a bar), not a row of labels and a progress-bar widget: every widget on the play
screen is styled, laid out and drawn on its own, and a participant joining a room waits for
all of them before their first frame.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.renderables.bar import Bar
from textual.widget import Widget

from workshop.tui.widgets.geometry import content_width

BAR_WIDTH = 16
TITLE_ROOM = 20
"""Columns the title keeps before the bar, then the step, give way."""

WATCH_NOTICE = "watching files · nothing is saved"
"""The header's notice while ``--watch`` plays: edits reload, and no record is written."""


class ProgressHeader(Widget):
    """Title on the left; "scenario k of n" and a progress bar on the right; a notice (if
    any) on a line of its own below."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "progress-header--title", "progress-header--where", "progress-header--bar",
        "progress-header--notice",
    }

    DEFAULT_CSS = """
    ProgressHeader {
        height: auto;
        background: $panel;
        padding: 0 1;
    }
    ProgressHeader > .progress-header--title {
        text-style: bold;
        color: $text-primary;
    }
    ProgressHeader > .progress-header--where {
        color: $text-muted;
    }
    ProgressHeader > .progress-header--bar {
        color: $primary;
        background: $surface;
    }
    ProgressHeader > .progress-header--notice {
        color: $text-warning;
        text-style: bold;
    }
    """

    def __init__(self, *, notice: str = "", id: str | None = None) -> None:
        """Make the header.

        Args:
            notice: A standing line under the title, e.g. :data:`WATCH_NOTICE` ("" for none).
            id: The widget's id.
        """
        super().__init__(id=id)
        self.title = ""
        self.index = 0
        self.total = 0
        self.notice = notice

    @property
    def where(self) -> str:
        """``scenario k of n``."""
        return f"scenario {min(self.index + 1, self.total)} of {self.total}"

    def show(self, title: str, index: int, total: int, track: str) -> None:
        """Show the scenario's title and its place in the track.

        Args:
            title: The scenario's title.
            index: How many scenarios are done before this one.
            total: How many scenarios the track has.
            track: The track's title.
        """
        self.tooltip = f"{track}: {index} of {total} scenarios done"
        if (title, index, total) != (self.title, self.index, self.total):
            self.title, self.index, self.total = title, index, total
            self.refresh(layout=True)

    def render(self) -> RenderableType:
        title_style = self.get_component_rich_style("progress-header--title")
        where_style = self.get_component_rich_style("progress-header--where")
        bar_style = self.get_component_rich_style("progress-header--bar")
        title = Text(self.title, style=title_style)
        where = Text(self.where if self.total else "", style=where_style, no_wrap=True)
        bar = Bar(highlight_range=(0, BAR_WIDTH * (self.index / self.total if self.total else 0)),
                  highlight_style=Style.from_color(bar_style.color),
                  background_style=Style.from_color(bar_style.bgcolor), width=BAR_WIDTH)
        # The title keeps at least TITLE_ROOM columns: in a narrow terminal the bar goes
        # first, then "scenario k of n" moves under the title.
        width = content_width(self) or self.app.size.width
        right = len(where) + 1 + (BAR_WIDTH + 1 if self.total else 0)
        grid = Table.grid(expand=True, padding=(0, 1, 0, 0), pad_edge=False)
        grid.add_column(ratio=1)
        if width - right >= TITLE_ROOM:
            # Two cells between the title and the rest; one between "scenario k of n" and
            # the bar.
            grid.add_column(no_wrap=True, justify="right", width=len(where) + 1)
            grid.add_column(width=BAR_WIDTH, no_wrap=True)
            grid.add_row(title, Text(" ") + where, bar if self.total else "")
        elif width - len(where) - 2 >= TITLE_ROOM:
            grid.add_column(no_wrap=True, justify="right", width=len(where) + 1)
            grid.add_row(title, Text(" ") + where)
        else:
            grid.add_row(title)
            if self.total:
                grid.add_row(where)
        if not self.notice:
            return grid
        # Words, not only a colour: it must read the same in every theme and to a screen
        # reader. Under the grid, not in it: it takes the whole width, not the title's.
        notice_style = self.get_component_rich_style("progress-header--notice")
        return Group(grid, Text(f"● {self.notice}", style=notice_style))
