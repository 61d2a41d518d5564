"""The play screen's header: the scenario's title and the progress through the track."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label, ProgressBar


class ProgressHeader(Widget):
    """Title on the left; "scenario k of n" and a progress bar on the right."""

    DEFAULT_CSS = """
    ProgressHeader {
        height: auto;
        background: $panel;
        padding: 0 1;
    }
    ProgressHeader #header-row {
        height: auto;
    }
    ProgressHeader #title {
        text-style: bold;
        color: $text-primary;
        width: 1fr;
        height: auto;
        padding-right: 2;
    }
    ProgressHeader #progress-row {
        height: 1;
        width: auto;
    }
    ProgressHeader #where {
        color: $text-muted;
        padding-right: 1;
    }
    ProgressHeader ProgressBar Bar {
        width: 16;
    }
    """

    def compose(self) -> ComposeResult:
        with Horizontal(id="header-row"):
            yield Label("", id="title")
            with Horizontal(id="progress-row"):
                yield Label("", id="where")
                yield ProgressBar(show_eta=False, show_percentage=False, id="bar")

    def show(self, title: str, index: int, total: int, track: str) -> None:
        """Show the scenario's title and its place in the track.

        Args:
            title: The scenario's title.
            index: How many scenarios are done before this one.
            total: How many scenarios the track has.
            track: The track's title.
        """
        self.query_one("#title", Label).update(title)
        self.tooltip = f"{track}: {index} of {total} scenarios done"
        where = f"scenario {min(index + 1, total)} of {total}"
        self.query_one("#where", Label).update(where)
        self.query_one("#bar", ProgressBar).update(total=total, progress=index)
