"""Regressions from the QA pass: the reveal panel and the dashboard at 80 columns."""

from __future__ import annotations

from pathlib import Path

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


async def test_the_dashboard_lists_every_key_at_80_columns(tmp_path: Path) -> None:
    """At 80x24 the dashboard's footer cannot hold every key; "? Keys" shows early in it, and
    ? opens the dashboard's own list of them all (Broadcast, Lock, Remove and Export
    included); ? again closes it."""
    from tests.rooms.roomkit import make_room
    from workshop.tui.dashboard import DashboardOptions, make_dashboard
    from workshop.tui.dashboard.keys import KeysDialog

    room = make_room(tmp_path)
    app = make_dashboard(DashboardOptions(room.path, host="workshop.example", refresh=3600))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [binding.description for (_, binding, enabled, _) in
                 app.screen.active_bindings.values() if binding.show]
        assert shown.index("Keys") <= 2
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysDialog)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, KeysDialog)
