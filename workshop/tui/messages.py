"""Messages the screens send to the app, which routes between screens.

Screens never switch to each other directly: they say what happened, and
:class:`~workshop.tui.app.WorkshopApp` decides where the player goes next.

Plain classes rather than dataclasses: this module is imported before the first frame, and
each dataclass costs about half a millisecond to build.
"""

from __future__ import annotations

from textual.message import Message

from workshop.play.session import PlaySession


class StartTrack(Message):
    """Start a new session on a track, or on one scenario."""

    def __init__(self, track_id: str | None = None, scenario_id: str | None = None) -> None:
        super().__init__()
        self.track_id = track_id
        """The track (None: the workshop's first track)."""
        self.scenario_id = scenario_id
        """Play only this scenario instead of a track."""


class OpenSession(Message):
    """Open a saved session: where it stopped, or its reflection when it is finished."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id


class TrackFinished(Message):
    """The last scenario of the track is over: time for the reflection."""

    def __init__(self, session: PlaySession) -> None:
        super().__init__()
        self.session = session


class ExportNotes(Message):
    """Write a session's notes to a file and show it (None: pick a session first)."""

    def __init__(self, session_id: str | None = None) -> None:
        super().__init__()
        self.session_id = session_id


class ShowHistory(Message):
    """Show the past sessions."""


class GoHome(Message):
    """Back to the home screen."""
