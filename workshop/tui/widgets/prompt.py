"""Reflection prompts: a free-text answer or a 1–5 rating, either of which can be skipped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.message import Message
from textual.widgets import Button, Label, TextArea

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
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Submit", priority=True),
        Binding("escape", "skip", "Skip"),
        # The text area would take pgup/pgdn to move its cursor inside three lines: the
        # player wants to read the rest of the scene above the question instead.
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
    ]
    """ctrl+s submits a text answer; escape skips the prompt (recorded as skipped);
    pgup/pgdn scroll the scene even while the answer box has the keyboard."""

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

    def __init__(self, ask: Ask, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ask = ask
        self.border_title = "Rate" if ask.kind == "rating" else "Your answer"

    def compose(self) -> ComposeResult:
        yield Label(self.ask.question, id="question")
        if self.ask.kind == "rating":
            yield RatingPicker(self.ask.low, self.ask.high, id="rating")
            # One button needs no row of its own (one widget fewer to start a session).
            yield Button("Skip (esc)", id="skip", compact=True)
        else:
            area = BoundedTextArea(id="answer", soft_wrap=True, show_line_numbers=False,
                                   max_length=ANSWER_MAX_CHARS, what="Answers")
            area.placeholder = self.ask.placeholder or "Type your answer…"
            yield area
            with Horizontal(id="buttons"):
                yield Button("Submit (ctrl+s)", id="submit", variant="primary", compact=True)
                yield Button("Skip (esc)", id="skip", compact=True)

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
        self.scroll_visible(animate=False)

    def on_rating_picker_rated(self, event: RatingPicker.Rated) -> None:
        event.stop()
        self.post_message(self.Answered(self.ask.id, event.value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "submit":
            self.action_submit()
        elif event.button.id == "skip":
            self.action_skip()

    def action_submit(self) -> None:
        if self.ask.kind != "text":
            return
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
        self.post_message(self.Skipped(self.ask.id))
