"""The facilitator's dashboard: ``workshop facilitate CODE``.

It shows the join command in large type, who is in and how far each step got, the current
step's live counts (bar charts; ratings with their mean) and the content's discussion notes;
its keys drive the room through the control file (:mod:`workshop.rooms.control`), which
every participant's session polls. All the logic lives in the core; this is a shell.
"""

from __future__ import annotations

import contextlib
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Footer

from workshop.errors import WorkshopError
from workshop.rooms import open_room
from workshop.rooms.control import Control
from workshop.rooms.events import FALLBACK_SECONDS, Waker, open_watch
from workshop.rooms.export import FORMATS, export_room
from workshop.rooms.joinline import read_join, read_web
from workshop.tui.dashboard.dialogs import LineDialog
from workshop.tui.dashboard.model import JoinInfo, RoomView
from workshop.tui.dashboard.widgets import (
    JoinBanner,
    LobbyPanel,
    ProgressPanel,
    SharedPanel,
    StatusLine,
    StepPanel,
)


@dataclass
class DashboardOptions:
    """What ``workshop facilitate`` (or the SSH server's facilitator session) passes."""

    room: str | Path
    """The room code, or its folder."""
    data_dir: Path | None = None
    host: str | None = None
    """The host name participants type (None: the line the server published, else this
    machine's name)."""
    port: int = 2222
    refresh: float = 1.0
    """Seconds between looks at the room folder when nothing announces changes (a room
    folder where no FIFO can be made); with the room's events, changes show at once and the
    folder is looked at only every ``max(refresh, FALLBACK_SECONDS)`` seconds anyway."""
    events: bool = True
    """Listen to the room's events (False: poll every ``refresh`` seconds, as before)."""


REDRAW_GAP = 0.03
"""Seconds at least between two redraws: a burst of choices folds into one."""


class DashboardApp(App[None]):
    """The facilitator's view of one room."""

    TITLE = "Staff Path Workshop: facilitator"

    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "dialogs.tcss"]
    """The layout (app.tcss) and the line dialog (dialogs.tcss), beside this module."""
    NARROW = 110
    SHORT = 30
    """Below this many rows the join banner collapses to one line by itself."""
    KEY_WORDS: ClassVar[dict[str, str]] = {
        "hold": "hold the room at this step, or release it",
        "hold_decision": "hold the room at one decision of this step, or release it",
        "toggle_keys": "this list of keys",
        "step(-1)": "previous step (a hold moves with it)",
        "step(1)": "next step (a hold moves with it)",
        "reveal": "reveal a decision of this step to those who chose (or hide it)",
        "projector": "the projector view, full screen (escape comes back)",
        "answers": "show or hide a shared answer on the projector",
        "toggle_banner": "collapse or expand the join banner",
        "timer": "start a timer (asks for minutes)",
        "add_minute": "one more minute on the timer",
        "stop_timer": "stop the timer",
        "broadcast": "send a line to everyone (empty clears it)",
        "lock": "lock or unlock joining",
        "remove": "remove a participant (or let them back in)",
        "export": "export the room: Markdown, HTML debrief, CSV or JSON",
        "quit": "quit the dashboard",
    }
    """What each key does, in the ``?`` list's words."""
    SCROLL_ACTIONS = frozenset({"scroll('up')", "scroll('down')", "scroll('page_up')",
                                "scroll('page_down')", "scroll('home')", "scroll('end')"})
    """Listed once in the ``?`` list as the scrolling keys, not one by one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "hold", "Hold/release"),
        Binding("H", "hold_decision", "Hold at a decision", show=False),
        # Early in the footer: at 80 columns the later keys do not fit, and this lists them all.
        Binding("question_mark", "toggle_keys", "Keys"),
        Binding("left", "step(-1)", "Step ←", key_display="←"),
        Binding("right", "step(1)", "Step →", key_display="→"),
        Binding("v", "reveal", "Reveal"),
        Binding("p", "projector", "Projector"),
        Binding("a", "answers", "Answers"),
        Binding("j", "toggle_banner", "Join banner"),
        Binding("t", "timer", "Timer"),
        Binding("plus,equals_sign", "add_minute", "+1 min"),
        Binding("s", "stop_timer", "Stop timer"),
        Binding("b", "broadcast", "Broadcast"),
        Binding("l", "lock", "Lock"),
        Binding("x", "remove", "Remove"),
        Binding("e", "export", "Export"),
        Binding("q", "quit", "Quit"),
        # Scrolling wherever the focus is (a panel reached by Tab has no scroll keys itself).
        Binding("up", "scroll('up')", "Scroll up", show=False),
        Binding("down", "scroll('down')", "Scroll down", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
        Binding("pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("home", "scroll('home')", "Top", show=False),
        Binding("end", "scroll('end')", "Bottom", show=False),
    ]
    """The facilitator's controls (each one writes the control file at once)."""

    def __init__(self, view: RoomView, *, refresh: float = 1.0, events: bool = True) -> None:
        super().__init__()
        self.view = view
        self.refresh_seconds = refresh
        self.events = events
        self.waker: Waker | None = None
        """Wakes the dashboard when the room changes (set up on mount)."""
        self.exports: list[Path] = []
        """Files written by the export key, newest last."""
        self.banner_choice: bool | None = None
        """The facilitator's own choice for the join banner (None: by the terminal's
        height)."""
        try:
            from workshop.tui.themes import setup_themes

            setup_themes(self, None)
        except WorkshopError:
            pass  # a broken theme file must not stop the session: the default theme serves

    def compose(self) -> ComposeResult:
        yield JoinBanner(self.view.join.line(), web=self.view.join.web, id="join")
        yield StatusLine(id="status")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield ProgressPanel(id="progress")
                yield LobbyPanel(id="lobby")
            with VerticalScroll(id="right"):
                yield StepPanel(id="step")
                yield SharedPanel(id="shared-answers")
        yield Footer()

    def _fit(self, width: int) -> None:
        """Side by side when wide; stacked, scrolling as one, when narrow."""
        narrow = width < self.NARROW
        main, right = self.query_one("#main"), self.query_one("#right")
        if narrow == main.has_class("-narrow") and getattr(self, "_fitted", False):
            return
        self._fitted = True
        main.set_class(narrow, "-narrow")
        # Neither scroller takes the focus: a focused scroller would take ←/→ (the step
        # keys) for scrolling sideways. The app's own keys scroll instead (action_scroll).
        main.can_focus = right.can_focus = False
        main.scroll_home(animate=False)

    def on_resize(self, event: events.Resize) -> None:
        # Runs before App's own handler, so self.size is still the old size here.
        self._fit(event.size.width)
        self._fold_banner(event.size.height)
        if getattr(self, "_drawn", False):
            self.call_after_refresh(self.redraw)  # the bars take the new width

    def _fold_banner(self, height: int) -> None:
        """Collapse the banner on a short terminal, unless the facilitator chose with j."""
        if self.banner_choice is None:
            self.query_one(JoinBanner).collapsed = height < self.SHORT

    def action_toggle_banner(self) -> None:
        """Collapse the join banner to one line, or expand it to large type again."""
        banner = self.query_one(JoinBanner)
        self.banner_choice = not banner.collapsed
        banner.collapsed = self.banner_choice

    def on_mount(self) -> None:
        self._fit(self.size.width)
        self._fold_banner(self.size.height)
        self.sub_title = f"{self.view.room.settings.title} ({self.view.room.code})"
        self.refresh_room()
        # A choice reaches the dashboard through the room's events FIFO (the server announces
        # each publication; without a server the participants' saves do); the slow fallback
        # look catches anything nobody announced. Nothing runs in between but the clock.
        watch = open_watch(self.view.room.path, "dashboard") if self.events else None
        fallback = max(self.refresh_seconds, FALLBACK_SECONDS) if watch else self.refresh_seconds
        self.waker = Waker(watch, self._interest(), fallback=fallback, min_gap=REDRAW_GAP)
        self.run_worker(self._follow_room(), name="room", group="room", exclusive=True)
        self.set_interval(1.0, self._tick, name="clock")

    def on_unmount(self) -> None:
        if self.waker is not None:
            self.waker.close()

    def _interest(self) -> set[str]:
        # With a server publishing, a saved record means nothing until it counted it.
        if self.view.source == "server":
            return {"aggregates", "presence", "control"}
        return {"record", "aggregates", "presence", "control"}

    async def _follow_room(self) -> None:
        assert self.waker is not None
        while True:
            await self.waker.wait()
            # The panels are gone while the app closes; a wake-up then has nothing to draw.
            with contextlib.suppress(NoMatches):
                self.refresh_room()
            self.waker.interest = self._interest()

    def _tick(self) -> None:
        """The timer counts down, and a stopped server shows, without a look at the room."""
        if getattr(self, "_drawn", False):
            with contextlib.suppress(NoMatches):  # the app is closing
                self.query_one(StatusLine).show(self.view)

    # -- drawing ------------------------------------------------------------------------

    def refresh_room(self) -> None:
        """Look at the room folder and redraw what changed (the timer every time)."""
        if self.view.refresh() or not getattr(self, "_drawn", False):
            self._drawn = True
            self.redraw()
        else:
            self.query_one(StatusLine).show(self.view)

    def redraw(self) -> None:
        """Redraw every panel from the view."""
        self.query_one(StatusLine).show(self.view)
        self.query_one(ProgressPanel).show(self.view)
        self.query_one(LobbyPanel).show(self.view)
        self.query_one(StepPanel).show(self.view)
        self.query_one(SharedPanel).show(self.view)

    def _write(self, change: Any, *args: Any) -> Control | None:
        try:
            control: Control = change(*args)
        except WorkshopError as error:
            self.notify(str(error), severity="error")
            return None
        self.view.set_control(control)
        self.redraw()
        return control

    # -- controls -----------------------------------------------------------------------

    def key_list(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every key of this dashboard, in the footer's order."""
        from workshop.tui.dashboard.keys import key_lines

        lines = []
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.action in self.SCROLL_ACTIONS:
                continue
            keys = " ".join(self.get_key_display(Binding(key, "")) for key in
                            binding.key.split(","))
            lines.append((keys, self.KEY_WORDS.get(binding.action, binding.description)))
        return key_lines(lines)

    def action_toggle_keys(self) -> None:
        """Show this dashboard's own list of keys (? again closes it)."""
        from workshop.tui.dashboard.keys import KeysDialog

        self.push_screen(KeysDialog(self.key_list()))

    def action_scroll(self, how: str) -> None:
        """Scroll the dashboard's scrolling part: everything below the banner when narrow,
        the current step's column when wide."""
        target = self.query_one("#main" if self.query_one("#main").has_class("-narrow")
                                else "#right")
        move = {"up": target.scroll_up, "down": target.scroll_down,
                "page_up": target.scroll_page_up, "page_down": target.scroll_page_down,
                "home": target.scroll_home, "end": target.scroll_end}[how]
        move(animate=False)

    def action_projector(self) -> None:
        """Open the projector view full screen (escape or p comes back)."""
        from workshop.tui.projector import ProjectorScreen
        from workshop.tui.projector.source import DashboardRoom

        self.push_screen(ProjectorScreen(DashboardRoom(self.view)))

    def action_answers(self) -> None:
        """Pick a shared answer to show on the projector view (or hide again)."""
        from workshop.tui.screens.dialogs import PickDialog

        control = self.view.control
        entries = [(answer.key, answer.text[:70] + ("…" if len(answer.text) > 70 else ""),
                    ("shown on the projector: pick to hide" if answer.key in control.shown
                     else "hidden: pick to show on the projector") + f" · {answer.question}")
                   for answer in self.view.shared()]
        self.push_screen(PickDialog("Show a shared answer on the projector", entries,
                                    empty="Nobody has shared an answer yet."),
                         self._answer_picked)

    def _answer_picked(self, key: str | None) -> None:
        if not key:
            return
        shown = key not in self.view.control.shown
        self._write(self.view.writer.show_answer, key, shown)
        self.notify("Shown on the projector." if shown else "Taken off the projector.")

    def action_hold(self) -> None:
        """Hold the room at the current step, or release it to free pace."""
        writer = self.view.writer
        if self.view.control.held:
            self._write(writer.release)
            self.notify("Released: everyone goes at their own pace.")
        else:
            control = self._write(writer.hold)
            if control is not None:
                self.notify(f"Holding the room at step {control.step + 1}.")

    def action_hold_decision(self) -> None:
        """Hold the room at one decision of the current step (pacing per decision)."""
        from workshop.tui.screens.dialogs import PickDialog

        item = self.view.current()
        control = self.view.control
        entries = []
        for dec in item.decisions:
            here = control.holds_decision(dec.scenario_id, dec.scene_id)
            entries.append((f"{dec.scenario_id}/{dec.scene_id}", dec.title,
                            "held here: pick to release" if here else
                            "pick to hold everyone at this decision until you release"))
        self.push_screen(PickDialog(f"Hold at a decision of step {item.index + 1}", entries,
                                    empty="This step has no decisions to hold at."),
                         self._hold_picked)

    def _hold_picked(self, key: str | None) -> None:
        if not key:
            return
        scenario_id, scene_id = key.split("/", 1)
        if self.view.control.holds_decision(scenario_id, scene_id):
            self._write(self.view.writer.release)
            self.notify("Released: everyone goes at their own pace.")
            return
        control = self._write(self.view.writer.hold_decision, self.view.control.step,
                              scenario_id, scene_id)
        if control is not None:
            self.notify("Holding the room at this decision: people read it and wait to "
                        "choose until you release (h).")

    def action_step(self, delta: int) -> None:
        """Move the current step (a hold moves with it)."""
        self._write(self.view.writer.go_to, self.view.control.step + delta)

    def action_reveal(self) -> None:
        """Pick a decision of the current step to reveal (or hide again)."""
        from workshop.tui.screens.dialogs import PickDialog

        item = self.view.current()
        control = self.view.control
        entries = []
        for dec in item.decisions:
            shown = control.is_revealed(dec.scenario_id, dec.scene_id)
            state = "revealed: pick to hide again" if shown else \
                "hidden: pick to reveal to those who chose"
            entries.append((f"{dec.scenario_id}/{dec.scene_id}", dec.title,
                            f"{state} · {dec.total} chose"))
        self.push_screen(PickDialog(f"Reveal a decision of step {item.index + 1}", entries,
                                    empty="This step has no decisions to reveal."),
                         self._reveal_picked)

    def _reveal_picked(self, key: str | None) -> None:
        if not key:
            return
        scenario_id, scene_id = key.split("/", 1)
        shown = not self.view.control.is_revealed(scenario_id, scene_id)
        self._write(self.view.writer.reveal, scenario_id, scene_id, shown)
        self.notify("Revealed to everyone who chose there." if shown else "Hidden again.")

    def action_timer(self) -> None:
        """Start a timer (asks for minutes)."""
        self.push_screen(LineDialog("Start a timer: how many minutes?", placeholder="5",
                                    hint="e.g. 5 or 2.5 · enter starts · esc cancels"),
                         self._timer_set)

    def _timer_set(self, text: str | None) -> None:
        if not text or not text.strip():
            return
        try:
            minutes = float(text.strip().replace(",", "."))
        except ValueError:
            self.notify(f"'{text[:20]}' is not a number of minutes", severity="error")
            return
        self._write(self.view.writer.start_timer, round(minutes * 60))

    def action_add_minute(self) -> None:
        """One more minute on the timer."""
        self._write(self.view.writer.add_minute)

    def action_stop_timer(self) -> None:
        """Take the timer away."""
        self._write(self.view.writer.stop_timer)

    def action_broadcast(self) -> None:
        """Send a line to every participant (empty clears it)."""
        from workshop.rooms.control import BROADCAST_LIMIT

        # The box opens empty (a new line is typed fresh, not edited onto the old one); the
        # line on screen now is quoted in the hint.
        current = self.view.control.broadcast
        hint = "enter sends · esc cancels · an empty line clears it"
        if current:
            hint = f"Now: {current[:60]}{'…' if len(current) > 60 else ''}\n{hint}"
        self.push_screen(LineDialog("Broadcast a line to everyone", max_length=BROADCAST_LIMIT,
                                    hint=hint), self._broadcast_set)

    def _broadcast_set(self, text: str | None) -> None:
        if text is not None:
            self._write(self.view.writer.say, text)

    def action_lock(self) -> None:
        """Lock joining (nobody already in is affected), or unlock it."""
        locked = not self.view.control.locked
        self._write(self.view.writer.lock, locked)
        self.notify("Locked: nobody new can join; those in can come back." if locked
                    else "Unlocked: new participants can join.")

    def action_remove(self) -> None:
        """Pick a participant to remove (or a removed one to let back in)."""
        from workshop.tui.screens.dialogs import PickDialog

        control = self.view.control
        entries = [(handle, handle, "removed: pick to let back in"
                    if control.is_removed(handle) else "pick to remove from the room")
                   for handle in self.view.handles]
        self.push_screen(PickDialog("Remove a participant", entries,
                                    empty="Nobody has joined yet."), self._remove_picked)

    def _remove_picked(self, handle: str | None) -> None:
        from workshop.tui.confirm import ConfirmDialog

        if not handle:
            return
        if self.view.control.is_removed(handle):
            self._write(self.view.writer.readmit, handle)
            self.notify(f"{handle} may join again.")
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                self.notify(f"{handle} stays in the room.")
                return
            self._write(self.view.writer.remove, handle)
            self.notify(f"Removed {handle}: their session ends; their key cannot join again "
                        "under any name; their record stays theirs.")

        # Removal ends someone's session in front of the room: ask first (issue 17).
        self.push_screen(ConfirmDialog(
            f"Remove {handle} from the room?", yes="Remove",
            detail="Their session ends now and their key cannot join again under any "
                   "handle (x lets them back in). Their record stays theirs."), answered)

    def action_export(self) -> None:
        """Export the room (Markdown, CSV or JSON) into the room folder."""
        from workshop.tui.screens.dialogs import PickDialog

        entries = [("md", "Markdown summary", "charts and discussion questions"),
                   ("csv", "CSV", "the anonymous counts, one row per option"),
                   ("json", "JSON", "the anonymous counts"),
                   ("html", "HTML debrief", "one page with charts, ready for slides")]
        self.push_screen(PickDialog("Export the room", entries), self._export_picked)

    def _export_picked(self, fmt: str | None) -> None:
        if fmt not in FORMATS:
            return
        self.export(fmt)

    def export(self, fmt: str) -> Path | None:
        """Write an export of the room now; returns the file (None on failure)."""
        room = self.view.room
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        path = room.path / "exports" / f"{room.code}-{stamp}.{fmt}"
        try:
            text = export_room(room, fmt, self.view.workshop)
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except WorkshopError as error:
            self.notify(str(error), severity="error")
            return None
        except OSError as error:
            self.notify(f"{path}: cannot be written: {error.strerror or error}",
                        severity="error")
            return None
        self.exports.append(path)
        self.notify(f"Exported to {path}", timeout=10)
        return path


def make_dashboard(options: DashboardOptions) -> DashboardApp:
    """Build the dashboard: open the room and load its content first.

    Raises:
        WorkshopError: no such room, or its content does not load — before anything is drawn.
    """
    room = open_room(options.room, options.data_dir)
    workshop = room.workshop()
    host = options.host or socket.gethostname() or "HOST"
    # Without --host, the line the running server published is the one people really type.
    published = read_join(room.path) if options.host is None else None
    web = read_web(room.path) if options.host is None else None
    view = RoomView(room, workshop, JoinInfo(host, options.port, published, web))
    return DashboardApp(view, refresh=options.refresh, events=options.events)
