"""Group workshops: rooms on disk, who holds which handle, and the room's aggregates.

Core code: no Textual, questionary or asyncssh here. The SSH server (``workshop.ssh``), the
``workshop room`` commands and the Textual app in room mode all go through this package.
"""

from __future__ import annotations

from workshop.rooms.aggregates import Aggregator, contribution, read_aggregates
from workshop.rooms.bindings import Binding, Bindings
from workshop.rooms.names import (
    HANDLE_RULE,
    check_handle,
    new_resume_code,
    new_room_code,
    normalize_handle,
    normalize_resume_code,
    normalize_room_code,
)
from workshop.rooms.participants import participant_session, read_participant
from workshop.rooms.room import Room, RoomError, RoomSettings, create_room, list_rooms, open_room
from workshop.rooms.sanitize import display_safe, escape_markup, sanitize
from workshop.rooms.secrets import hash_secret, verify_secret

__all__ = [
    "HANDLE_RULE",
    "Aggregator",
    "Binding",
    "Bindings",
    "Room",
    "RoomError",
    "RoomSettings",
    "check_handle",
    "contribution",
    "create_room",
    "display_safe",
    "escape_markup",
    "hash_secret",
    "list_rooms",
    "new_resume_code",
    "new_room_code",
    "normalize_handle",
    "normalize_resume_code",
    "normalize_room_code",
    "open_room",
    "participant_session",
    "read_aggregates",
    "read_participant",
    "sanitize",
    "verify_secret",
]
