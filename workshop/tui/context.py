"""What the app works with: the loaded workshop, the session store, and the current session.

:func:`build` does everything that can fail on bad input (loading content, finding the session
to resume) before any screen exists, so those errors print as one line and the full-screen UI
never starts (issue 5, item 9).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.errors import RecordError, UsageError
from workshop.scenario import load_workshop
from workshop.scenario.model import Workshop
from workshop.tui.session import PlaySession

if TYPE_CHECKING:
    from workshop.tui.app import AppOptions


@dataclass
class Context:
    """The workshop being played and where its sessions live."""

    options: AppOptions
    workshop: Workshop
    session: PlaySession | None = None
    """The session being played (or the one just finished)."""
    start_problems: list[str] = field(default_factory=list)
    """Lines to show once the app is up (e.g. why the resumed session cannot continue)."""

    _store: Any = None

    @property
    def saving(self) -> bool:
        """True when sessions are saved to disk (not in ``--watch`` mode)."""
        return not self.options.watch

    @property
    def store(self) -> Any:
        """The ``workshop.record.SessionStore`` (None in ``--watch`` mode: nothing is saved).

        Opened on first use, so the home screen draws before the records are imported.
        """
        if self._store is None and self.saving:
            from workshop.record import SessionStore

            self._store = SessionStore.default(self.options.data_dir, workshops=[self.workshop])
        return self._store

    def new_session(
        self, track_id: str | None = None, scenario_id: str | None = None
    ) -> PlaySession:
        """Start a session on a track (or one scenario) and make it the current one."""
        if self.store is None:
            from workshop.tui.scratch import ScratchSession

            session: PlaySession = ScratchSession.start(self.workshop, track_id, scenario_id)
        else:
            session = self.store.create(
                self.workshop, track_id, scenario_id=scenario_id,
                handle=self.options.handle, room=self.options.room,
            )
        self.session = session
        return session

    def open_session(self, session_id: str) -> PlaySession:
        """Open a saved session and make it the current one.

        Raises:
            RecordError: no such session, or its record cannot be read.
        """
        if self.store is None:
            raise RecordError("sessions are not saved while watching files")
        session: PlaySession = self.store.open(session_id, self.workshop)
        self.session = session
        return session

    def unfinished(self) -> PlaySession | None:
        """The most recent unfinished session of this workshop, if any."""
        if self.store is None:
            return None
        session: PlaySession | None = self.store.latest_unfinished(self.workshop.id)
        return session

    def summaries(self) -> list[Any]:
        """Past sessions, newest first."""
        if self.store is None:
            return []
        return list(self.store.summaries())

    def resume_command(self) -> str:
        """The command that continues the current session, for the message printed on quit."""
        session = self.session
        if session is None or session.finished or self.store is None:
            return ""
        parts = ["workshop"]
        if self.options.data_dir is not None:
            parts += ["--data-dir", _quote(self.options.data_dir)]
        # The record remembers a custom content folder, so the id is enough.
        parts += ["resume", session.id]
        return " ".join(parts)


def _quote(path: Path) -> str:
    import shlex

    return shlex.quote(str(path.expanduser().resolve()))


def build(options: AppOptions) -> Context:
    """Load the content and open the store; find the session to resume.

    Raises:
        UsageError: the content path does not exist, or a track or scenario is unknown.
        ContentError: the content does not validate.
        RecordError: the session to resume does not exist or cannot be read.
    """
    if options.room is not None:
        # Room mode: the SSH server may have put its preloaded copy in place of this name.
        workshop = load_workshop(options.content)
    else:
        from workshop.paths import data_dir
        from workshop.tui.content_cache import load_with_cache

        workshop = load_with_cache(options.content, data_dir(options.data_dir) / "cache")
    if options.track is not None:
        try:
            workshop.track(options.track)
        except KeyError:
            known = ", ".join(t.id for t in workshop.tracks) or "none"
            raise UsageError(f"no track '{options.track}' in {workshop.title}",
                             hint=f"tracks: {known}") from None
    if options.scenario is not None and options.scenario not in workshop.scenarios:
        known = ", ".join(workshop.scenarios)
        raise UsageError(f"no scenario '{options.scenario}' in {workshop.title}",
                         hint=f"scenarios: {known}")
    context = Context(options, workshop)
    if options.resume is not None:
        if not context.saving:
            raise UsageError("--watch cannot resume a saved session")
        if options.resume:
            context.open_session(options.resume)
        else:
            session = context.unfinished()
            if session is None:
                raise RecordError("no unfinished session to resume",
                                  hint="start one with 'workshop play'")
            context.session = session
        # The content changed since: the store restarted what it had to; say so once up.
        context.start_problems += list(getattr(context.session, "resume_problems", []))
    return context
