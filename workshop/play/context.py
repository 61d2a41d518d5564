"""The session context every shell plays through: folders, content, store, current session.

The command line calls :func:`build` once and hands the context to a shell (the Textual app,
plain mode, or an SSH participant's app). :func:`build` does everything that can fail on bad
input (loading content, finding the session to resume) before any screen exists, so those
errors print as one line and no full-screen UI starts. Nothing here imports a UI framework.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.errors import RecordError, UsageError
from workshop.paths import Folders
from workshop.play.options import PlayOptions
from workshop.play.session import PlaySession
from workshop.scenario import load_workshop
from workshop.scenario.outline import Outline, outline

if TYPE_CHECKING:
    from workshop.scenario.model import Workshop
    from workshop.theming import ThemeLoad


class PlayContext:
    """The workshop being played and where its sessions live.

    Args:
        options: how the app was started.
        workshop: the loaded workshop, or a function that loads it when it is first needed
            (then ``content_outline`` is required: the home screen draws from it alone).
        content_outline: the workshop's outline, when the workshop itself is not loaded yet.
        folders: the run's folders, when the caller resolved them already.
    """

    def __init__(self, options: PlayOptions, workshop: Workshop | Callable[[], Workshop],
                 content_outline: Outline | None = None, *,
                 folders: Folders | None = None) -> None:
        self.options = options
        self.folders = folders or Folders(options.data_dir)
        """Every folder this run uses, resolved once."""
        self._workshop: Workshop | None = None
        self._load: Callable[[], Workshop] | None = None
        if callable(workshop):
            if content_outline is None:
                raise TypeError("a workshop loaded later needs its outline now")
            self._load = workshop
            self.outline = content_outline
        else:
            self.workshop = workshop
        self.session: PlaySession | None = None
        """The session being played (or the one just finished)."""
        self.start_problems: list[str] = []
        """Lines to show once the app is up (e.g. why the resumed session cannot continue)."""
        self._store: Any = None
        self._themes: ThemeLoad | None = None

    @property
    def workshop(self) -> Workshop:
        """The whole workshop (loaded from the cache on first use)."""
        if self._workshop is None:
            assert self._load is not None
            self._workshop = self._load()
            self._load = None
        return self._workshop

    @workshop.setter
    def workshop(self, workshop: Workshop) -> None:
        self._workshop = workshop
        self._load = None
        self.outline = outline(workshop)

    @property
    def in_room(self) -> bool:
        """True in room mode: the app serves one participant's own session and nothing else."""
        return self.options.room is not None and bool(self.options.handle)

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
            if self.in_room:
                # Room mode sees the participant's own record and nothing else (issue 12):
                # never the data folder, whose sessions are the server user's.
                from workshop.rooms.participants import participant_store

                assert self.options.room is not None and self.options.handle
                self._store = participant_store(Path(self.options.room), self.options.handle,
                                                self.workshop)
            else:
                from workshop.record import SessionStore

                self._store = SessionStore(self.folders.records, workshops=[self.workshop])
        return self._store

    @property
    def themes(self) -> ThemeLoad:
        """The bundled and user theme files, read once per run (and per SSH server process)."""
        if self._themes is None:
            from workshop.theming import load_themes

            self._themes = load_themes()
        return self._themes

    def new_session(
        self, track_id: str | None = None, scenario_id: str | None = None
    ) -> PlaySession:
        """Start a session on a track (or one scenario) and make it the current one."""
        if self.store is None:
            from workshop.play.scratch import ScratchSession

            session: PlaySession = ScratchSession.start(self.workshop, track_id, scenario_id)
        else:
            session = self.store.create(
                self.workshop, track_id, scenario_id=scenario_id,
                handle=self.options.handle,
                room=self.options.room.name if self.options.room is not None else None,
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

    def unfinished(self, *, any_workshop: bool = False) -> PlaySession | None:
        """The most recent unfinished session of this workshop (or of any), if any."""
        if self.store is None:
            return None
        session: PlaySession | None = self.store.latest_unfinished(
            None if any_workshop else self.workshop.id)
        return session

    def to_continue(self) -> PlaySession | None:
        """The session home offers to continue: the latest unfinished whole track, else the
        latest unfinished single scenario (a detour never hides an unfinished track)."""
        if self.store is None:
            return None
        session: PlaySession | None = self.store.latest_unfinished(self.workshop.id,
                                                                   tracks_first=True)
        return session

    def summaries(self) -> list[Any]:
        """Past sessions, newest first."""
        if self.store is None:
            return []
        return list(self.store.summaries())

    def resume_command(self) -> str:
        """The command that continues the current session, for the message printed on quit."""
        session = self.session
        if session is None or session.finished or self.store is None or self.in_room:
            # A participant comes back with ssh, not with a command on the server.
            return ""
        return resume_command(session.id, self.options.data_dir, plain=self.options.plain)


def resume_command(session_id: str, data_dir: Path | None = None, *, plain: bool = False) -> str:
    """The command that continues a session, quoted for a POSIX shell.

    The record remembers a custom content folder, so the id (and the data folder, when it is
    not the default one) is enough.
    """
    import shlex

    parts = ["workshop"]
    if data_dir is not None:
        parts += ["--data-dir", str(Path(data_dir).expanduser().resolve())]
    parts += ["resume", session_id]
    if plain:
        parts.append("--plain")
    return shlex.join(parts)


def build(options: PlayOptions, *, workshop: Workshop | None = None) -> PlayContext:
    """Load the content and open the store; find the session to resume.

    Args:
        options: How the run was asked for.
        workshop: Content already loaded (the SSH server's preloaded workshop): used as is.

    Raises:
        UsageError: the content path does not exist, or a track or scenario is unknown.
        ContentError: the content does not validate.
        RecordError: the session to resume does not exist or cannot be read.
    """
    if workshop is not None:
        context = PlayContext(options, workshop)
    elif options.room is not None:
        context = PlayContext(options, load_workshop(options.content))
    else:
        from workshop.play.content_cache import load_with_cache

        folders = Folders(options.data_dir)
        content = load_with_cache(options.content, folders.cache)
        context = PlayContext(options, content.workshop, content.outline, folders=folders)
    known_tracks = [track.id for track in context.outline.tracks]
    if options.track is not None and options.track not in known_tracks:
        raise UsageError(f"no track '{options.track}' in {context.outline.title}",
                         hint=f"tracks: {', '.join(known_tracks) or 'none'}")
    known_scenarios = [scenario.id for scenario in context.outline.scenarios]
    if options.scenario is not None and options.scenario not in known_scenarios:
        raise UsageError(f"no scenario '{options.scenario}' in {context.outline.title}",
                         hint=f"scenarios: {', '.join(known_scenarios)}")
    if options.resume is not None:
        if not context.saving:
            raise UsageError("--watch cannot resume a saved session")
        if options.resume:
            context.open_session(options.resume)
        else:
            # Without --content, the latest unfinished session of any workshop: its record
            # knows the content it was played with.
            session = context.unfinished(any_workshop=options.content is None)
            if session is None:
                play = "workshop play --plain" if options.plain else "workshop play"
                raise RecordError("no unfinished session to resume",
                                  path=context.folders.records, hint=f"start one with '{play}'")
            if session.workshop.id != context.outline.id:
                context.workshop = session.workshop
            context.session = session
        # The content changed since: the store restarted what it had to; say so once up.
        context.start_problems += list(getattr(context.session, "resume_problems", []))
    return context
