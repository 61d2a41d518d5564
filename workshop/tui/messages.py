"""Messages the screens send to the app, which routes between screens.

Screens never switch to each other directly: they say what happened, and
:class:`~workshop.tui.app.WorkshopApp` decides where the player goes next.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from workshop.tui.session import PlaySession


@dataclass
class StartTrack(Message):
    """Start a new session on a track, or on one scenario."""

    track_id: str | None = None
    """The track (None: the workshop's first track)."""
    scenario_id: str | None = None
    """Play only this scenario instead of a track."""


@dataclass
class OpenSession(Message):
    """Open a saved session: where it stopped, or its reflection when it is finished."""

    session_id: str


@dataclass
class TrackFinished(Message):
    """The last scenario of the track is over: time for the reflection."""

    session: PlaySession


@dataclass
class ExportNotes(Message):
    """Write a session's notes to a file and show it (None: pick a session first)."""

    session_id: str | None = None


@dataclass
class ShowHistory(Message):
    """Show the past sessions."""


@dataclass
class GoHome(Message):
    """Back to the home screen."""
