"""A participant's session inside a room: one record per handle, named after the handle."""

from __future__ import annotations

from datetime import datetime
from os import PathLike
from pathlib import Path

from workshop.errors import RecordError
from workshop.record import Session, SessionStore
from workshop.record.store import SUFFIX
from workshop.rooms.events import notify
from workshop.rooms.names import normalize_handle
from workshop.rooms.room import PARTICIPANTS_DIR, Room
from workshop.scenario.model import Workshop

HOME_DIR = "config"
"""Under the room folder: one folder per handle that is that participant's whole data folder
(settings, caches, ``HOME``), so a room session never reads or writes the server user's."""


class ParticipantStore(SessionStore):
    """One participant's view of the room: their own record, and nothing else.

    Listing, opening and finding sessions see only ``participants/HANDLE.toml``: any other
    id or path is "no session", so whatever a screen asks for, a participant cannot reach
    another record (isolation by construction, issue 12). A new record takes the handle as
    its id, and is created only when the participant has none yet.
    """

    def __init__(self, root: Path, handle: str, workshop: Workshop) -> None:
        super().__init__(root, workshops=[workshop])
        self._handle = handle

    @property
    def own_path(self) -> Path:
        """The participant's record file."""
        return self.root / f"{self._handle}{SUFFIX}"

    def _files(self) -> list[Path]:
        return [self.own_path] if self.own_path.is_file() else []

    def locate(self, session_id: str) -> Path:
        """The participant's own record, asked for by its id (the handle) or its path.

        Raises:
            RecordError: any other id or path, or no record yet.
        """
        own = session_id == self._handle or (
            session_id.endswith(SUFFIX) and Path(session_id).resolve() == self.own_path.resolve())
        if not own or not self.own_path.is_file():
            raise RecordError(f"no session '{session_id}' in this room",
                              hint="a room session sees only its own record")
        return self.own_path

    def create(self, workshop: Workshop, track_id: str | None = None, *,
               scenario_id: str | None = None, handle: str | None = None,
               room: str | PathLike[str] | None = None) -> Session:
        """Start the participant's record (refused when they already have one).

        Raises:
            RecordError: the participant's record exists (it would be overwritten).
            UsageError: no such track or scenario.
        """
        if self.own_path.exists():
            raise RecordError("you already have a session in this room",
                              hint="it continues where you stopped")
        return super().create(workshop, track_id, scenario_id=scenario_id, handle=handle,
                              room=room)

    def saved(self, path: Path) -> None:
        """Wake the room's listeners (the server, a dashboard): a choice shows at once."""
        notify(self.root.parent, "record")

    def _new_id(self, moment: datetime) -> str:
        # One record per handle: the file name is the (validated) handle itself.
        return self._handle


_RoomStore = ParticipantStore


def participant_home(room_dir: Path, handle: str) -> Path:
    """A participant's own data folder inside the room (settings, caches, ``HOME``)."""
    return room_dir / HOME_DIR / handle


def participant_store(room_dir: Path, handle: str, workshop: Workshop) -> ParticipantStore:
    """The store a room session uses: the handle's own record in the room, nothing else.

    Raises:
        UsageError: the handle is not valid.
    """
    return ParticipantStore(room_dir / PARTICIPANTS_DIR, normalize_handle(handle), workshop)


def participant_session(room: Room, handle: str, workshop: Workshop | None = None) -> Session:
    """Open the handle's record in the room, or start it on the room's track.

    This is what room mode of every interface calls (the SSH server's sessions, the
    ``ssh-session`` command behind a system OpenSSH, and the Textual app in room mode).

    Raises:
        UsageError: the handle is not valid.
        RecordError: the record exists but cannot be read (it is left untouched).
        ContentError: the room's content does not load.
    """
    handle = normalize_handle(handle)
    workshop = workshop or room.workshop()
    store = _RoomStore(room.participants_dir, handle, workshop)
    path = room.participant_path(handle)
    if path.exists():
        return store.open(handle, workshop)
    session = store.create(workshop, room.settings.track, handle=handle, room=room.code)
    if session.path != path:  # pragma: no cover - guards against a change in the store
        raise RecordError("the record was not created under the participant's handle",
                          path=session.path)
    return session


def read_participant(room: Room, handle: str, workshop: Workshop | None = None) -> Session:
    """Open an existing participant's session (for ``export``).

    Raises:
        RecordError: the participant has no record yet, or it cannot be read.
    """
    handle = normalize_handle(handle)
    path = room.participant_path(handle)
    if not path.exists():
        raise RecordError(f"'{handle}' has not played in room {room.code} yet",
                          hint="join the room first, then export")
    workshop = workshop or room.workshop()
    return _RoomStore(room.participants_dir, handle, workshop).open(handle, workshop)
