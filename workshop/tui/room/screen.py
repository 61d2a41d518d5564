"""The scene screen in room mode: the same play, plus the room around it.

It adds a banner (hold, timer, broadcast), a reveal panel under the scene, a read-only look
back (b), and sharing a text answer anonymously (s). Pacing is kept by
:class:`~workshop.tui.room.paced.PacedSession`: only leaving a held step is refused, so
nothing the participant is typing or choosing is ever interrupted — the screen never moves by
itself when the facilitator changes something.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Button, Static

from workshop.errors import WorkshopError
from workshop.rooms.events import FALLBACK_SECONDS, Waker, open_watch
from workshop.rooms.pacing import land_late_joiner, may_advance, reveal_for, waiting
from workshop.tui.confirm import ConfirmDialog
from workshop.tui.dialog import Dialog
from workshop.tui.room.link import RoomLink
from workshop.tui.room.lookback import LookBackScreen
from workshop.tui.room.paced import HELD_MESSAGE, PacedSession
from workshop.tui.room.widgets import RevealPanel, RoomBanner
from workshop.tui.screens.scene import SceneScreen

LOOK_GAP = 0.5
"""Seconds at least between two looks at the room: in a rush of choices the counts are
published many times a second, and 200 sessions need not each redraw every one."""
CLOCK_SECONDS = 0.5
"""The timer's hand, ticking only while the facilitator's timer runs (no file is read)."""
REMOVED_MESSAGE = "The facilitator removed you from this room. Your record is kept."
REMOVAL_GRACE = 5.0
"""Seconds the removal message stays on screen before the session closes."""


class RemovedScreen(Dialog[None]):
    """Covers the scene with why the session is about to close (no keys do anything).

    Styled by screen.tcss beside this module (the app reads every sheet at start).
    """

    def compose(self) -> ComposeResult:
        yield Static(REMOVED_MESSAGE + "\n\nThis session closes in a few seconds.",
                     markup=False, classes="dialog")


class RoomSceneScreen(SceneScreen):
    """A participant's scene screen inside a room."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "look_back", "Look back"),
        Binding("s", "share", "Share answer"),
    ]
    """b shows your way so far; s shares (or unshares) your text answer, anonymously."""

    room_fallback: ClassVar[float] = FALLBACK_SECONDS
    """Seconds between looks at the room when nothing announced a change (a room served by
    the system's OpenSSH has no server to announce the counts; tests set it to an hour)."""

    def __init__(self, session: Any, room_dir: Path, handle: str) -> None:
        self.link = RoomLink(room_dir, handle)
        self.record_session: Any = session
        """The participant's ``workshop.record.Session`` (saves, shares)."""
        super().__init__(PacedSession(session, self.link), undo=False)
        self._drawn: tuple[object, ...] = ()
        self._removed = False
        self.waker: Waker | None = None
        self._clock: Timer | None = None

    def compose(self) -> ComposeResult:
        # The banner under the header is composed with the scene, not mounted afterwards:
        # each later mount is one more layout pass before the participant's first frame.
        # The reveal panel is made the first time there is something to reveal.
        for widget in super().compose():
            yield widget
            if widget.id == "header":
                yield RoomBanner(id="room-banner")

    async def on_mount(self) -> None:
        # Runs before SceneScreen.on_mount (Textual calls each class's handler, subclass
        # first): a late joiner is placed on the room's step before the first scene shows.
        journey = self.session.journey
        if land_late_joiner(journey, self.link.control):
            try:
                self.record_session.save()
            except WorkshopError as error:
                self.notify(str(error), severity="error")
        self.update_room(force=True)
        # Woken when the facilitator changes the room or the server publishes the counts
        # (room events); otherwise nothing runs but a slow look and, while a timer runs, its
        # hand. The participant's own moves redraw through show_scene and _after_prompt.
        watch = open_watch(self.link.room_dir, "participant")
        self.waker = Waker(watch, {"aggregates", "control"}, fallback=self.room_fallback,
                           min_gap=LOOK_GAP, deaf_in_gap=True)
        self._retune()
        self.run_worker(self._follow_room(), group="room", exclusive=True)

    def on_unmount(self) -> None:
        # The FIFO goes with the session (a session killed outright leaves one that nobody
        # reads: the next writer removes it).
        if self.waker is not None:
            self.waker.close()
            self.waker = None

    async def _follow_room(self) -> None:
        waker = self.waker
        assert waker is not None
        while not self._removed:
            await waker.wait()
            self.update_room()

    def _retune(self) -> bool:
        """Take the published counts' wake-ups only while something is revealed (the counts
        show only in a reveal); True when the FIFO changed its role."""
        watch = self.waker.watch if self.waker is not None else None
        role = "reveal" if self.link.control.revealed else "participant"
        if watch is None or watch.role == role:
            return False
        watch.retitle(role)
        return True

    def _tick(self) -> None:
        self.update_room(look=False)

    def _keep_clock(self) -> None:
        """Run the timer's hand while the facilitator's timer counts down, and only then."""
        running = bool(self.link.control.remaining())
        if running and self._clock is None:
            self._clock = self.set_interval(CLOCK_SECONDS, self._tick, name="room-clock")
        elif not running and self._clock is not None:
            self._clock.stop()
            self._clock = None

    def update_room(self, force: bool = False, *, look: bool = True) -> None:
        """Look at the room (``look``); redraw the banner and the reveal when something
        shown changed."""
        if look:
            self.link.poll()  # every facilitator change bumps the revision compared below
            if self._retune():
                self.link.poll()  # what was published while the FIFO changed its role
        control = self.link.control
        self._keep_clock()
        if control.is_removed(self.link.handle):
            if not self._removed:
                self._removed = True
                self.save_notes()
                # Say why on the participant's own screen (over SSH nothing printed after
                # the app ends reaches them), then close the session.
                self.app.push_screen(RemovedScreen())
                self.set_timer(REMOVAL_GRACE, lambda: self.app.exit(REMOVED_MESSAGE))
            return
        journey = self.session.journey
        run = journey.run
        # What the widgets depend on: the control, the revealed counts (counts nobody sees
        # change nothing on screen), where the participant is, the timer.
        reveal = reveal_for(control, journey, self.link.aggregates)
        state = (control.revision, reveal, journey.index,
                 len(run.path) if run else -1, len(run.answers) if run else -1,
                 control.remaining())
        if not force and state == self._drawn:
            return
        self._drawn = state
        try:
            self._label_continue()
            self.query_one(RoomBanner).show(control, journey)
            panels = self.query(RevealPanel)
            if panels:
                panels.first().show(reveal)
            elif reveal:
                # At the end of the body, under whatever the step shows.
                panel = RevealPanel(id="reveal")
                self.query_one("#body").mount(panel)
                panel.show(reveal)
        except NoMatches:  # a screen being torn down has no widgets left
            return

    def _label_continue(self) -> None:
        """While held at the end of the step, the button says so; released, it says where
        it goes again (the participant still presses it: nobody is moved by the room)."""
        if self.view != "ending":
            return
        journey = self.session.journey
        found = self.query("#continue")
        if not found:
            return
        button = found.first(Button)
        if waiting(self.link.control, journey):
            button.label = "Waiting for the room (b: look back)"
        else:
            last = journey.index + 1 >= len(journey.track.scenarios)
            button.label = "See your reflection ⏎" if last else "Next scenario ⏎"

    async def action_continue(self) -> None:
        """Enter or a click on Continue: a held room stops the step's end here, kindly."""
        self.link.poll()
        if self.view == "ending" and not may_advance(self.link.control,
                                                     self.session.journey):
            self.refuse(HELD_MESSAGE, title="Waiting for the room", timeout=6)
            return
        await super().action_continue()

    async def show_scene(self) -> None:
        await super().show_scene()
        if self.is_mounted and self.query(RoomBanner):
            self.update_room(force=True)

    async def _after_prompt(self) -> None:
        # An ending's question answered: its Continue must say at once if the room is held.
        await super()._after_prompt()
        if self.is_mounted and self.query(RoomBanner):
            self.update_room(force=True)

    def action_look_back(self) -> None:
        """Show the participant's own way so far."""
        reveal = reveal_for(self.link.control, self.session.journey, self.link.aggregates)
        self.app.push_screen(LookBackScreen(self.session.journey, reveal))

    def _text_answer(self) -> str | None:
        run = self.session.journey.run
        if run is None:
            return None
        # The last written answer given in this scene (a scene may ask several questions).
        answered = [ask.id for ask in run.asks
                    if ask.kind == "text" and isinstance(run.answers.get(ask.id), str)]
        return answered[-1] if answered else None

    def action_share(self) -> None:
        """Share the current scene's text answer with the room, anonymously (or stop)."""
        ask_id = self._text_answer()
        inner = self.record_session
        if ask_id is None or not hasattr(inner, "share"):
            self.refuse("Answer a written question first; then s shares it, without your "
                        "name.")
            return
        shared = ask_id not in inner.shared

        def apply(yes: bool | None = True) -> None:
            if not yes:
                self.notify("Not shared: your answer stays private to you.")
                return
            try:
                inner.share(ask_id, shared)
            except WorkshopError as error:
                self.notify(str(error), severity="error")
                return
            self.notify("Shared with the room, without your name: the facilitator's summary "
                        "may quote it." if shared else "No longer shared: it stays private to "
                        "you.")

        if not shared:
            apply()  # taking a share back needs no question: it only makes it private again
            return
        # Sharing puts your words in front of the room: ask first (issue 17).
        self.app.push_screen(ConfirmDialog(
            "Share this answer with the room?", yes="Share",
            detail="It is shown without your name; the facilitator may put it on the "
                   "projector and in the room's summary. s again takes it back."), apply)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "share":
            return self._text_answer() is not None
        return super().check_action(action, parameters)
