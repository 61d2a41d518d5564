"""What a participant sees of the room: a banner (hold, timer, broadcast) and the reveal."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from workshop.engine import Journey
from workshop.rooms.control import Control
from workshop.rooms.pacing import Reveal, held_at_decision, waiting
from workshop.rooms.projector import clock
from workshop.rooms.summary import Bar, bar
from workshop.tui.widgets.geometry import content_width


class RoomBanner(Static):
    """One or two lines: the room's pace, the timer, and the facilitator's broadcast."""

    DEFAULT_CSS = """
    RoomBanner {
        height: auto;
        background: $boost;
        padding: 0 1;
    }
    """

    text: Text = Text()

    def show(self, control: Control, journey: Journey, now: datetime | None = None) -> None:
        """Redraw from the control state and where the participant is."""
        text = Text()
        index = min(control.step, len(journey.track.scenarios) - 1)
        # The timer comes first and every state's words are short: the whole line fits 80
        # columns, so the timer never wraps onto a line of its own (issue 17).
        left = control.remaining(now)
        if left is not None:
            text.append(" Time is up " if left == 0 else f" Timer {clock(left)} ",
                        style="bold reverse" if left == 0 else "bold")
            text.append(" ")
        if waiting(control, journey):
            text.append(" WAITING ", style="bold reverse")
            text.append(" Held here for the room; b looks back. ")
        elif held_at_decision(control, journey):
            text.append(" HELD AT THIS DECISION ", style="bold reverse")
            text.append(" You choose once it is released. ")
        elif control.held and control.hold_at is not None:
            text.append(" Room held at a decision ", style="bold reverse")
            text.append(" Take your time. ")
        elif control.held:
            text.append(f" Room held at step {index + 1} ", style="bold reverse")
            text.append(" Take your time. ")
        else:
            text.append("Free pace. ", style="dim")
        if control.broadcast:
            text.append("\n")
            text.append("Facilitator: ", style="bold")
            text.append(control.broadcast)  # cleaned by the control file's reader
        if text == self.text:
            return  # nothing new: no bytes to a participant's terminal
        self.text = text
        self.update(text)


def _bars(text: Text, bars: tuple[Bar, ...], mine: str | None, label_width: int) -> None:
    total = sum(b.count for b in bars)
    most = max((b.count for b in bars), default=0)
    for item in bars:
        own = item.key == mine
        label = item.label if len(item.label) <= label_width \
            else item.label[: label_width - 1] + "…"
        text.append("→ " if own else "  ", style="bold")
        text.append(f"{label:<{label_width}} ", style="bold" if own else "")
        text.append(f"{bar(item.count, most, 16):<16}", style="bold")
        share = f"{item.count / total:4.0%}" if total else ""
        text.append(f" {item.count:>3} {share}\n")


class RevealPanel(Static):
    """How the room chose at the decisions the facilitator revealed, for someone who chose."""

    DEFAULT_CSS = """
    RevealPanel {
        height: auto;
        margin-top: 1;
        border: round $accent;
        border-title-align: left;
        padding: 0 1;
    }
    """

    text: Text = Text()
    shown: Reveal | None = None

    # A row is "→ " + label + " " + 16 bar cells + count (4) + share (5): 28 besides the label.
    ROW_EXTRA = 28

    def on_resize(self) -> None:
        # The label width depends on the panel's width: draw the rows again for the new one.
        if self.shown is not None:
            self.text = Text()
            self.show(self.shown)

    def show(self, reveal: Reveal) -> None:
        """Redraw (hidden when there is nothing this participant may see)."""
        self.shown = reveal
        text = Text()
        # Before the first layout the panel has no size yet: guess from the screen (the
        # scene's padding, the panel's border and padding and a scrollbar take about 12).
        room = content_width(self) or (self.app.size.width - 12)
        width = max(12, min(44, room - self.ROW_EXTRA))
        for decision, mine in reveal.decisions:
            # Labelled with its question: a reveal may reach someone steps later (issue 17).
            base = f" of {decision.base}" if decision.base else ""
            text.append(f"{decision.question}: {decision.total}{base} chose\n", style="bold")
            _bars(text, decision.bars, mine, width)
        for rating, mine_value in reveal.ratings:
            mean = f", mean {rating.mean:.1f}" if rating.mean is not None else ""
            text.append(f"{rating.question} ({rating.total} rated{mean})\n", style="bold")
            _bars(text, rating.bars, str(mine_value), 3)
        text.rstrip()
        self.display = bool(reveal)
        if text == self.text:
            return  # the counts of other decisions changed, not these
        self.text = text
        self.border_title = "How the room chose (→ yours)"
        self.update(text)
