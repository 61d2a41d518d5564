"""The projector view's text, from anonymous data only (no Textual here, only Rich).

What it shows: the join line, the current step and its questions, the charts of decisions
the facilitator revealed (large: a label line and a thick bar with the share in figures), the
shared answers the facilitator chose to show, the timer and the broadcast line. What it never
shows: a handle (it never reads one: ``done_by`` in a named room's aggregates is ignored), a
count of a decision not revealed, a rating's counts (ratings have no reveal), or a shared
answer the facilitator did not show.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text

from workshop.rooms.control import Control
from workshop.rooms.projector import clock, projection
from workshop.rooms.summary import Bar
from workshop.scenario.model import Track, Workshop
from workshop.tui.dashboard import bigtext

TALL = 30
"""From this many rows the join line and the timer are drawn in large type."""


def big_or_plain(line: str, width: int, tall: bool, style: str = "bold") -> Text:
    """``line`` in large type when it fits and the screen is tall, else as it is."""
    if tall and bigtext.width(line) <= width:
        return Text("\n".join(bigtext.render(line)) + "\n", style=style)
    # Too wide for one line of large type: the command, then the address, each large.
    command, _, address = line.rpartition(" ")
    if tall and command and max(bigtext.width(command), bigtext.width(address)) <= width:
        rows = [*bigtext.render(command), *bigtext.render(address)]
        return Text("\n".join(rows) + "\n", style=style)
    return Text(line + "\n", style=style)


def chart(bars: tuple[Bar, ...], width: int, *, tall: bool = False) -> Text:
    """A revealed decision, large: each option's full label, then its share and a bar (three
    rows high, the share in large type, when the screen is tall)."""
    text = Text()
    total = sum(b.count for b in bars)
    most = max((b.count for b in bars), default=0)
    for item in bars:
        share = f"{item.count / total:.0%}" if total else "-"
        text.append(f"{item.label}\n", style="bold")
        # The figure first and fixed: a long bar can never push it onto the next line.
        figures = bigtext.render(f"{share:>4}") if tall else [f"{share:>5}"]
        room = max(10, width - len(figures[0]) - 2)
        cells = round(item.count / most * room) if most else 0
        for row in figures:
            text.append(f"{row}  ", style="bold")
            text.append("█" * cells + "\n", style="bold")
    return text


def projector_text(aggregates: dict[str, Any] | None, control: Control, workshop: Workshop,
                   track: Track, join_line: str, *, width: int, height: int,
                   web_link: str = "", now: datetime | None = None) -> Text:
    """Everything the projector view shows, sized for ``width`` × ``height`` cells.

    What may be shown is decided by :func:`workshop.rooms.projector.projection` (the
    browser's projector page draws the same); this only lays it out.
    """
    tall = height >= TALL
    view = projection(aggregates, control, workshop, track, join_line, web_link=web_link,
                      now=now)
    text = Text()
    text.append("Join with\n", style="dim")
    text.append_text(big_or_plain(join_line, width, tall))
    if view.web_link:
        text.append("or in a browser\n", style="dim")
        text.append_text(big_or_plain(view.web_link, width, tall))
    left = view.remaining
    if left is not None:
        text.append("\n")
        if left == 0:
            text.append("Time is up\n", style="bold reverse")
        else:
            text.append_text(big_or_plain(clock(left), width, tall))
    if view.broadcast:
        text.append(f"\n{view.broadcast}\n", style="bold")
    text.append(f"\nStep {view.step + 1} of {view.steps}: {view.title}\n",
                style="bold underline")
    for dec in view.decisions:
        text.append(f"\n{dec.title}\n", style="bold")
        if dec.revealed:
            text.append(f"{dec.total} answered\n", style="dim")
            text.append_text(chart(dec.bars, width, tall=tall))
        else:
            text.append("The room's answers show here once the facilitator reveals them.\n",
                        style="dim")
    for question in view.ratings:
        text.append(f"\n{question}\n", style="bold")
    if view.answers:
        text.append("\nShared by the room\n", style="bold underline")
        for answer in view.answers:
            text.append(f"{answer.question}\n", style="dim")
            text.append(f"“{answer.text}”\n\n")
    return text
