"""Regression from the QA pass: a participant's reveal panel fits an 80-column terminal."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll

from workshop.rooms.pacing import Reveal
from workshop.rooms.summary import Bar, Decision
from workshop.tui.room.widgets import RevealPanel

LONG = "Make your case: walk her through the reconciliation rewrite and the eleven features"


class OnePanel(App[None]):
    # Like the scene's body: padded, with room for a scrollbar.
    CSS = "VerticalScroll { padding: 0 2; scrollbar-gutter: stable; }"

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield RevealPanel()

    def on_mount(self) -> None:
        # Shown as soon as it is mounted, before it has a size (as the room screen does).
        decision = Decision("s", "meeting", "10:00, a small meeting room",
                            (Bar("case", LONG, 1), Bar("ask", "Ask what they read", 1)))
        self.query_one(RevealPanel).show(Reveal(decisions=((decision, "case"),)))


async def test_each_choice_of_a_reveal_reads_on_one_line_at_80_columns() -> None:
    """At 80x24, "How the room chose" shows each choice as one row ending in its count and
    share ("  1  50%"); the share never drops onto a line of its own."""
    app = OnePanel()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(RevealPanel)
        await pilot.pause()
        lines = [line.rstrip() for line in panel.text.plain.splitlines()]
        assert len(lines) == 3  # the title and one row per choice
        assert lines[1].startswith("→ Make your case") and lines[1].endswith("1  50%")
        assert all(len(line) <= panel.size.width for line in lines)
