"""A participant's session inside a room: one record per handle, named after the handle."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from workshop.errors import RecordError
from workshop.record import Session, SessionStore
from workshop.rooms.names import normalize_handle
from workshop.rooms.room import Room
from workshop.scenario.model import Workshop


class _RoomStore(SessionStore):
    """The room's participants folder, where a new record takes the handle as its id."""

    def __init__(self, root: Path, handle: str, workshop: Workshop) -> None:
        super().__init__(root, workshops=[workshop])
        self._handle = handle

    def _new_id(self, moment: datetime) -> str:
        # One record per handle: the file name is the (validated) handle itself.
        return self._handle


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
