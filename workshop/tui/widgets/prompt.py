"""Reflection prompts: a free-text answer or a 1–5 rating, either of which can be skipped.

Nothing typed is lost: escape only asks (a second escape skips), what is in the box is kept as
a draft when the box loses the keyboard or the prompt is skipped, and the draft is put back in
the box the next time the question is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.message import Message
from textual.widgets import Button, Label, Static, TextArea

from workshop.record.limits import ANSWER_MAX_CHARS, too_long
from workshop.scenario.model import Ask
from workshop.tui.widgets.bounded import BoundedTextArea
from workshop.tui.widgets.focus import focus_now
from workshop.tui.widgets.rating import RatingPicker


class AskPanel(Vertical):
    """The question, then a text area with Submit and Skip, or a rating scale."""

    DEFAULT_CSS = """
    AskPanel {
        height: auto;
        border: round $primary 60%;
        border-title-color: $text-primary;
        padding: 0 1;
        margin-top: 1;
    }
    AskPanel #question {
        text-style: bold;
        margin-bottom: 1;
        width: 1fr;
    }
    AskPanel TextArea {
        height: 5;
    }
    AskPanel #buttons, AskPanel > #skip {
        height: auto;
        margin-top: 1;
    }
    AskPanel Button {
        margin-right: 2;
        min-width: 12;
    }
    AskPanel #skip-confirm {
        color: $text-warning;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Submit", priority=True),
        Binding("escape", "skip", "Skip…"),
        # The text area would take pgup/pgdn to move its cursor inside three lines: the
        # player wants to read the rest of the scene above the question instead.
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
    ]
    """ctrl+s submits a text answer; escape asks, and escape again skips the prompt (recorded as
    skipped, what was typed kept as a draft); pgup/pgdn scroll the scene even while the answer
    box has the keyboard."""

    @dataclass
    class Answered(Message):
        """The player answered the prompt."""

        ask_id: str
        value: str | int
        """The text, or the rating 1–5."""

    @dataclass
    class Skipped(Message):
        """The player skipped the prompt."""

        ask_id: str
        draft: str = ""
        """What was in the answer box, kept so it can be finished later."""

    @dataclass
    class DraftLeft(Message):
        """The answer box lost the keyboard with this text in it (the screen keeps it)."""

        ask_id: str
        draft: str

    def __init__(self, ask: Ask, *, draft: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.ask = ask
        self.draft = draft
        """The text the answer box starts with (a draft kept from earlier)."""
        self.confirming_skip = False
        """True after a first escape: a second one skips."""
        self.border_title = "Rate" if ask.kind == "rating" else "Your answer"

    def compose(self) -> ComposeResult:
        yield Label(self.ask.question, id="question")
        if self.ask.kind == "rating":
            yield RatingPicker(self.ask.low, self.ask.high, id="rating")
            # One button needs no row of its own (one widget fewer to start a session).
            yield Button("Skip (esc)", id="skip", compact=True)
        else:
            area = BoundedTextArea(self.draft, id="answer", soft_wrap=True,
                                   show_line_numbers=False, max_length=ANSWER_MAX_CHARS,
                                   what="Answers")
            area.placeholder = self.ask.placeholder or "Type your answer…"
            yield area
            with Horizontal(id="buttons"):
                yield Button("Submit (ctrl+s)", id="submit", variant="primary", compact=True)
                yield Button("Skip (esc)", id="skip", compact=True)
        yield Static("", id="skip-confirm", markup=False)

    def on_mount(self) -> None:
        self.query_one("#skip-confirm").display = False
        if self.draft and self.ask.kind == "text":
            # The cursor after the draft, where the player left off.
            self.query_one(TextArea).move_cursor(self.query_one(TextArea).document.end)

    @property
    def text(self) -> str:
        """What is in the answer box now ('' for a rating)."""
        if self.ask.kind != "text":
            return ""
        return self.query_one(TextArea).text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # ctrl+s means nothing on a rating: keep it out of the footer there.
        return not (action == "submit" and self.ask.kind != "text")

    def action_page(self, direction: int) -> None:
        """Scroll whatever scrolls around the panel (the scene's body) by a page."""
        for ancestor in self.ancestors:
            if isinstance(ancestor, ScrollableContainer):
                if direction > 0:
                    ancestor.scroll_page_down(animate=False)
                else:
                    ancestor.scroll_page_up(animate=False)
                return

    def focus_input(self) -> None:
        """Put the keyboard in the text area or on the scale."""
        target = "#rating" if self.ask.kind == "rating" else "#answer"
        focus_now(self.query_one(target))

    def rate(self, value: int) -> None:
        """Give a rating (what the digit keys do while a rating is asked)."""
        if self.ask.kind == "rating":
            self.query_one(RatingPicker).choose(value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        # The scene's text is shown from its top; once the player types, show the answer box.
        event.stop()
        self._cancel_skip()
        self.scroll_visible(animate=False)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # Leaving the box (notes, a dialog, the mouse elsewhere) keeps what it holds.
        if isinstance(event.widget, TextArea):
            self.post_message(self.DraftLeft(self.ask.id, self.text))

    def on_rating_picker_rated(self, event: RatingPicker.Rated) -> None:
        event.stop()
        self.post_message(self.Answered(self.ask.id, event.value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "submit":
            self.action_submit()
        elif event.button.id == "skip":
            # A click on Skip is deliberate: no second question.
            self.skip_now()

    def action_submit(self) -> None:
        if self.ask.kind != "text":
            return
        # ctrl+s is a priority key: the app takes it the moment it arrives, while a paste just
        # before it (one packet over SSH) may still wait in the answer box's queue. Read the
        # box once it has handled what came first: a callback on its own queue runs after it.
        self.query_one(TextArea).call_later(self._submit_text)

    def _submit_text(self) -> None:
        text = self.query_one(TextArea).text.strip()
        if not text:
            self.app.notify("Write something first, or press escape to skip.")
            return
        problem = too_long("Your answer", text, ANSWER_MAX_CHARS)
        if problem:  # kept in the box, to shorten
            self.app.notify(problem, severity="warning")
            return
        self.post_message(self.Answered(self.ask.id, text))

    def action_skip(self) -> None:
        """The first escape asks; the second one skips."""
        if self.confirming_skip:
            self.skip_now()
            return
        self.confirming_skip = True
        kept = " What you typed is kept as a draft." if self.text.strip() else ""
        confirm = self.query_one("#skip-confirm", Static)
        confirm.update(f"Skip this question? Press escape again to skip (you can answer it "
                       f"later with a).{kept} Keep typing to stay.")
        confirm.display = True
        confirm.scroll_visible(animate=False)

    def _cancel_skip(self) -> None:
        if self.confirming_skip:
            self.confirming_skip = False
            self.query_one("#skip-confirm").display = False

    def skip_now(self) -> None:
        """Skip the prompt, handing over what was typed as a draft."""
        self.confirming_skip = False
        self.post_message(self.Skipped(self.ask.id, self.text))
