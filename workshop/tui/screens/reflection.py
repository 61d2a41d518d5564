"""The reflection at the end of a track (placeholder until workshop.reflection lands)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label

from workshop.tui.messages import ExportNotes, GoHome
from workshop.tui.session import PlaySession


class ReflectionScreen(Screen[None]):
    """Where the player stands on doing and wanting, with evidence and next steps."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export notes"),
        Binding("h", "home", "Home"),
    ]

    def __init__(self, session: PlaySession, history: list[Any]) -> None:
        super().__init__()
        self.session = session
        self.history = history

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label("Your reflection", id="reflection-title")
        yield Footer()

    def action_export(self) -> None:
        self.post_message(ExportNotes(self.session.id))

    def action_home(self) -> None:
        self.post_message(GoHome())
