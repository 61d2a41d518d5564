"""The dashboard's panels. Each one draws from a :class:`RoomView` and holds no state."""

from __future__ import annotations

import textwrap
from datetime import datetime

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from workshop.rooms.control import Control
from workshop.rooms.presence import Activity, chosen_line
from workshop.rooms.projector import clock
from workshop.rooms.sanitize import sanitize
from workshop.rooms.summary import Bar, Step, bar
from workshop.tui.dashboard import bigtext
from workshop.tui.dashboard.model import RoomView


def timer_text(control: Control, now: datetime | None = None) -> str:
    """The timer as a participant or facilitator reads it ("" without a timer)."""
    left = control.remaining(now)
    if left is None:
        return ""
    return "Timer: time is up" if left == 0 else f"Timer: {clock(left)} left"


class JoinBanner(Widget):
    """The join command, in large type when it fits, for reading out or projecting."""

    DEFAULT_CSS = """
    JoinBanner {
        height: auto;
        border: round $accent;
        border-title-align: center;
        content-align: center middle;
        text-align: center;
    }
    JoinBanner.-collapsed {
        border: none;
        height: 1;
        padding: 0 1;
    }
    """

    collapsed: reactive[bool] = reactive(False, layout=True)
    """One plain line instead of large type (the j key; by itself on a short terminal)."""

    def __init__(self, line: str, *, web: str | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.line = line
        self.web = web
        """The browser link, when the server serves browsers beside SSH (both ways in)."""
        self.border_title = "Join with"

    def watch_collapsed(self, collapsed: bool) -> None:
        self.set_class(collapsed, "-collapsed")

    def render(self) -> RenderableType:
        if self.collapsed:
            text = Text.assemble(("Join with: ", "dim"), (self.line, "bold"))
            if self.web:
                text.append_text(Text.assemble(("  or ", "dim"), (self.web, "bold")))
            hint = "   (j: large type)"
            # One row: the ways in come first; the hint only where it fits beside them.
            if not self.web or text.cell_len + len(hint) <= (self.size.width or 80) - 2:
                text.append(hint, "dim")
            return text
        big = self._big()
        if not self.web:
            return big
        # The ssh line stays the large one (it is what people copy letter by letter); the
        # link is one line under it, so the banner grows by two rows, not by four.
        return Text.assemble(big, "\n\n", ("or open in a browser: ", "dim"),
                             (self.web, "bold"))

    def _big(self) -> Text:
        """The join line in large type, on two lines or plain when it does not fit."""
        room = (self.size.width or self.app.size.width) - 2
        if bigtext.width(self.line) <= room:
            return Text("\n".join(bigtext.render(self.line)), style="bold")
        # Too wide for one line of large type: the command, then the address, each large.
        command, _, address = self.line.rpartition(" ")
        if max(bigtext.width(command), bigtext.width(address)) <= room:
            return Text("\n".join([*bigtext.render(command), *bigtext.render(address)]),
                        style="bold")
        return Text(self.line, style="bold")


class Panel(Static):
    """A panel drawn from one Rich text; :attr:`text` keeps it for readers and tests."""

    can_focus = True
    """Tab goes from panel to panel, scrolling each one into view."""

    text: Text = Text()

    def draw(self, text: Text) -> None:
        """Show a text (an unchanged one is left alone: each update lays the screen out
        again, which costs more than building the text, and a busy room redraws often)."""
        if text == self.text and self.is_mounted:
            return
        # Same lines, none wrapping: the panel keeps its size, so skip the layout pass
        # (a count going from 9 to 10 should not lay out two hundred handles again).
        layout = not _same_shape(self.text, text, self.content_size.width)
        self.text = text
        self.update(text, layout=layout)


def _same_shape(old: Text, new: Text, width: int) -> bool:
    """True when ``new`` takes exactly the rows ``old`` took at ``width`` cells."""
    if width <= 0:
        return False
    before, after = old.plain.split("\n"), new.plain.split("\n")
    return len(before) == len(after) and all(
        cell_len(a) == cell_len(b) or (cell_len(a) <= width and cell_len(b) <= width)
        for a, b in zip(before, after, strict=True))


class StatusLine(Panel):
    """Room, counts, pacing, timer, lock and the broadcast line."""

    can_focus = False
    """Always in view: nothing to scroll to."""

    DEFAULT_CSS = """
    StatusLine {
        /* auto: at 80 columns the counts wrap, and the broadcast line must stay in view. */
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $panel;
    }
    """

    def show(self, view: RoomView, now: datetime | None = None) -> None:
        """Redraw from the room."""
        control = view.control
        _joined, finished = view.counts
        total = len(view.track.scenarios)
        text = Text()
        text.append(f"Room {view.room.code}", style="bold")
        text.append(f" · {sanitize(view.room.settings.title, limit=60)} · ")
        count = view.headcount()
        text.append(f"{count.people} in, {count.online} online, {count.waiting} waiting, "
                    f"{finished} finished")
        if view.server_stopped:
            text.append(" SERVER STOPPED ", style="bold reverse")
        text.append(f" · step {min(control.step, total - 1) + 1}/{total} ")
        if control.held:
            text.append(" HELD AT A DECISION " if control.hold_at else " HELD ",
                        style="bold reverse")
        else:
            text.append(" free pace ", style="dim")
        timer = timer_text(control, now)
        if timer:
            text.append(f" {timer} ", style="bold")
        if control.locked:
            text.append(" LOCKED ", style="bold reverse")
        if view.source == "dashboard":
            text.append(" (own counts: no server publishing)", style="dim")
        text.append("\n")
        if control.broadcast:
            text.append("Broadcast: ", style="bold")
            text.append(control.broadcast)
        else:
            text.append("No broadcast line (b to send one).", style="dim")
        self.draw(text)


HEAD = 11
"""Cells of a chart row before its bar: two spaces, the count (3) and the share (4), blanks."""


def bar_line(item: Bar, total: int, most: int, *, width: int, label: str | None = None) -> str:
    """One option's figures first (so they can never wrap away from it), then its bar, then
    ``label`` (None: the option's own)."""
    share = f"{item.count / total:4.0%}" if total else "   –"
    tail = item.label if label is None else label
    return f"  {item.count:>3} {share} {bar(item.count, most, width):<{width}} {tail}".rstrip()


def chart_rows(bars: tuple[Bar, ...], room: int) -> list[str]:
    """A chart in ``room`` cells: one row per option when every label fits beside a bar,
    else each label whole on its own lines above its figures and bar. Never a cut count."""
    total = sum(b.count for b in bars)
    most = max((b.count for b in bars), default=0)
    longest = max((len(b.label) for b in bars), default=0)
    if HEAD + 6 + 1 + longest <= room:
        width = min(30, room - HEAD - 1 - longest)
        return [bar_line(item, total, most, width=width) for item in bars]
    width = max(6, min(30, room - HEAD))
    rows: list[str] = []
    for item in bars:
        rows += textwrap.wrap(item.label, max(10, room - 4), initial_indent="  ",
                              subsequent_indent="    ")
        rows.append(bar_line(item, total, most, width=width, label=""))
    return rows


def _bars(text: Text, bars: tuple[Bar, ...], room: int) -> None:
    for item_row in chart_rows(bars, room):
        text.append(item_row + "\n")


class ProgressPanel(Panel):
    """Where the room is: one line per step, done and here."""

    def show(self, view: RoomView) -> None:
        """Redraw from the room."""
        control = view.control
        joined, _ = view.counts
        text = Text("Progress per step\n", style="bold")
        width = 8
        for item in view.steps():
            current = item.index == control.step
            marker = "‖" if current and control.held else ("▶" if current else " ")
            title = item.title if len(item.title) <= 18 else item.title[:17] + "…"
            text.append(f"{marker}{item.index + 1:>2} {title:<18} ",
                        style="bold" if current else "")
            text.append(f"{bar(item.done, max(1, joined), width):<{width}}", style="bold")
            text.append(f" {item.done:>3} done", style="")
            text.append(f" {item.here:>3} now\n", style="dim" if not item.here else "")
        self.draw(text)


class LobbyPanel(Panel):
    """Who is in: every handle with a record (removed ones marked)."""

    def show(self, view: RoomView) -> None:
        """Redraw from the room."""
        control = view.control
        handles = view.handles
        text = Text(f"In the room ({len(handles)})\n", style="bold")
        if not handles:
            text.append(f"Nobody yet. Read out: {view.join.line()}\n", style="dim")
        named = not view.room.settings.anonymous
        done: dict[str, int] = {}
        if named:
            for item in view.steps():
                for handle in item.done_by:
                    done[handle] = done.get(handle, 0) + 1
        line = ""
        state = {person.handle: person for person in view.people()}
        for handle in handles:
            label = handle + (f" ({done.get(handle, 0)})" if named else "")
            person = state.get(handle)
            if control.is_removed(handle):
                label += " ✗"
            elif person is not None and not person.online and view.presence is not None:
                label += " (offline)"  # words, not colour: readable on any screen
            elif person is not None and person.activity is not Activity.WORKING:
                label += f" ({person.activity})"
            if len(line) + len(label) + 2 > 40:
                text.append(line.rstrip(", ") + "\n")
                line = ""
            line += label + ", "
        if line:
            text.append(line.rstrip(", ") + "\n")
        if named and handles:
            text.append("(n): steps done", style="dim")
        self.draw(text)


class StepPanel(Panel):
    """The current step: live counts per decision, ratings with their mean, the notes."""

    def show(self, view: RoomView, item: Step | None = None) -> None:
        """Redraw from the room."""
        item = item or view.current()
        control = view.control
        text = Text()
        text.append(f"Step {item.index + 1}: {item.title}\n", style="bold")
        count = view.headcount()
        text.append(f"{item.done} done, {item.here} here, {count.waiting} waiting at the hold"
                    "\n\n", style="dim")
        # The panel may not be laid out yet on the first draw: size it from the screen. One
        # cell less than the panel: a line that fills it exactly would wrap under a scrollbar.
        screen = self.app.size.width
        room = max(30, (self.size.width or screen - (58 if screen >= 110 else 4)) - 1)
        for index, dec in enumerate(item.decisions, start=1):
            shown = control.is_revealed(dec.scenario_id, dec.scene_id)
            text.append(f"{index}. {dec.title} ", style="bold")
            text.append("[revealed]" if shown else "[hidden]",
                        style="bold reverse" if shown else "dim")
            text.append(f"  {chosen_line(dec.total, count)}\n")
            _bars(text, dec.bars, room)
            if dec.note:
                text.append(f"  Discuss: {dec.note}\n", style="italic")
            text.append("\n")
        for rate in item.ratings:
            mean = f"mean {rate.mean:.1f}" if rate.mean is not None else "no ratings yet"
            text.append(f"Rating: {rate.question}\n", style="bold")
            text.append(f"  1 = {rate.low or 'low'} … 5 = {rate.high or 'high'} · "
                        f"{rate.total} rated · {mean}\n", style="dim")
            _bars(text, rate.bars, room)
            text.append("\n")
        others = [(title, note) for title, note in item.notes
                  if note not in {d.note for d in item.decisions}]
        if others:
            text.append("Discussion notes\n", style="bold")
            for title, note in others:
                text.append(f"  {title}: ", style="bold")
                text.append(f"{note}\n", style="italic")
        if not (item.decisions or item.ratings or others):
            text.append("Nothing to count in this step.", style="dim")
        self.draw(text)


class SharedPanel(Panel):
    """Answers shared with the room, live, each marked shown or hidden on the projector."""

    def show(self, view: RoomView) -> None:
        """Redraw from the room."""
        answers = view.shared()
        shown = view.control.shown
        text = Text(f"Shared answers ({len(answers)}, "
                    f"{sum(a.key in shown for a in answers)} on the projector)\n", style="bold")
        if not answers:
            text.append("None yet. Participants choose to share an answer; a to show one.",
                        style="dim")
        question = ""
        for answer in answers:
            if answer.question != question:
                question = answer.question
                text.append(f"{question}\n", style="italic")
            on = answer.key in shown
            text.append(" shown " if on else " hidden ", style="bold reverse" if on else "dim")
            text.append(f" {sanitize(answer.text, multiline=True)}\n")
        if answers:
            text.append("a: show or hide one on the projector (p)", style="dim")
        self.draw(text)
