"""A room on disk: its folder, its settings file, creating, opening and listing rooms.

A room is a folder ``rooms/CODE/`` under the data folder::

    room.toml            settings and facilitator state   writer: `room create`, later the
                                                            facilitator
    bindings.toml        handle -> key fingerprint or     writer: the SSH server
                         resume-code hash
    participants/H.toml  one session record per handle    writer: that participant's session
    aggregates.json      how the room chose, published    writer: the SSH server
    server.log           what the server saw              writer: the SSH server

Each file has exactly one writer and is replaced atomically, so any number of processes can
read the room while it runs.
"""

from __future__ import annotations

import secrets
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from workshop import tomlread
from workshop.errors import UsageError, WorkshopError
from workshop.paths import rooms_dir
from workshop.record.atomic import write_atomic
from workshop.rooms.names import CODE_ALPHABET, new_room_code, normalize_room_code
from workshop.rooms.secrets import hash_secret
from workshop.scenario.model import Workshop

SETTINGS_FILE = "room.toml"
BINDINGS_FILE = "bindings.toml"
AGGREGATES_FILE = "aggregates.json"
PARTICIPANTS_DIR = "participants"
LOG_FILE = "server.log"
ROOM_SCHEMA = 1


class RoomError(WorkshopError):
    """A room that cannot be found, read or written."""


@dataclass
class RoomSettings:
    """What ``room.toml`` holds."""

    code: str
    title: str
    workshop_id: str
    track: str
    created: str
    content: str | None = None
    """The content folder when the workshop is not the bundled one."""
    passcode_hash: str | None = None
    """scrypt hash of the passcode (None: an open room)."""
    anonymous: bool = True
    """Aggregates count people; only a named room lists who is done by handle."""
    locked: bool = False
    """A locked room lets participants who already joined back in, and nobody new."""
    pacing: dict[str, Any] = field(default_factory=dict)
    """Reserved for the facilitator (part 2): hold points."""
    reveal: dict[str, Any] = field(default_factory=dict)
    """Reserved for the facilitator (part 2): which decisions the room may see."""
    broadcast: dict[str, Any] = field(default_factory=dict)
    """Reserved for the facilitator (part 2): a line shown to everyone."""
    timer: dict[str, Any] = field(default_factory=dict)
    """Reserved for the facilitator (part 2): a countdown."""

    def to_data(self) -> dict[str, Any]:
        """Plain TOML data."""
        data: dict[str, Any] = {
            "schema_version": ROOM_SCHEMA,
            "code": self.code,
            "title": self.title,
            "created": self.created,
            "workshop": self.workshop_id,
            "track": self.track,
            "anonymous": self.anonymous,
            "locked": self.locked,
        }
        if self.content is not None:
            data["content"] = self.content
        if self.passcode_hash is not None:
            data["passcode_hash"] = self.passcode_hash
        for key in ("pacing", "reveal", "broadcast", "timer"):
            data[key] = dict(getattr(self, key))
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any], path: Path) -> RoomSettings:
        """Check and build settings.

        Raises:
            RoomError: a key is missing or of the wrong type.
        """

        def get(key: str, kind: type, default: Any = ...) -> Any:
            if key not in data:
                if default is ...:
                    raise RoomError(f"'{key}' is missing", path=path)
                return default
            value = data[key]
            if not isinstance(value, kind):
                raise RoomError(f"'{key}' must be {kind.__name__}", path=path)
            return value

        return cls(
            code=get("code", str), title=get("title", str), workshop_id=get("workshop", str),
            track=get("track", str), created=get("created", str),
            content=get("content", str, None), passcode_hash=get("passcode_hash", str, None),
            anonymous=get("anonymous", bool, True), locked=get("locked", bool, False),
            pacing=get("pacing", dict, {}), reveal=get("reveal", dict, {}),
            broadcast=get("broadcast", dict, {}), timer=get("timer", dict, {}),
        )


@dataclass
class Room:
    """A room folder and its settings."""

    path: Path
    settings: RoomSettings

    @property
    def code(self) -> str:
        """The room code (the folder's name)."""
        return self.settings.code

    @property
    def participants_dir(self) -> Path:
        """Where the participants' session records are."""
        return self.path / PARTICIPANTS_DIR

    @property
    def bindings_path(self) -> Path:
        """The handle bindings (written by the server only)."""
        return self.path / BINDINGS_FILE

    @property
    def aggregates_path(self) -> Path:
        """The published aggregates (written by the server only)."""
        return self.path / AGGREGATES_FILE

    @property
    def log_path(self) -> Path:
        """The server's log for this room."""
        return self.path / LOG_FILE

    @property
    def has_passcode(self) -> bool:
        """True when joining asks for a passcode."""
        return self.settings.passcode_hash is not None

    def participant_path(self, handle: str) -> Path:
        """The record file of a (validated) handle."""
        return self.participants_dir / f"{handle}.toml"

    def handles(self) -> list[str]:
        """Handles with a record in the room, sorted."""
        if not self.participants_dir.is_dir():
            return []
        return sorted(p.stem for p in self.participants_dir.glob("*.toml")
                      if not p.name.startswith("."))

    def workshop(self) -> Workshop:
        """Load the room's workshop content.

        Raises:
            ContentError: the content no longer loads.
            RoomError: the content is a different workshop than the room was made for.
        """
        from workshop.scenario import load_workshop

        content = Path(self.settings.content) if self.settings.content else None
        if content is not None and not content.exists():
            raise RoomError(f"the room's content folder {content} is gone", path=self.path /
                            SETTINGS_FILE, hint="put it back, or create a new room")
        workshop = load_workshop(content)
        if workshop.id != self.settings.workshop_id:
            raise RoomError(f"the content is now workshop '{workshop.id}', not "
                            f"'{self.settings.workshop_id}'", path=self.path / SETTINGS_FILE)
        return workshop

    def save_settings(self) -> None:
        """Write ``room.toml`` atomically (the room's creator and facilitator only)."""
        write_atomic(self.path / SETTINGS_FILE,
                     tomli_w.dumps(self.settings.to_data()).encode("utf-8"))


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


MIN_PASSCODE = 6
"""Shortest passcode a room accepts: a short one is guessed before the backoff bites."""


def new_passcode() -> str:
    """A passcode for ``room create --generate-passcode``: 12 letters and digits, grouped."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def create_room(title: str, *, workshop: Workshop, track: str | None = None,
                passcode: str | None = None, anonymous: bool = True,
                data_dir: Path | None = None, content: Path | None = None) -> Room:
    """Create a room folder with a fresh code.

    Raises:
        UsageError: an empty title, an unknown track, or a passcode that is too short.
        RoomError: the folder cannot be written.
    """
    title = " ".join(title.split())
    if not title:
        raise UsageError("a room needs a title", hint="workshop room create 'Staff path, May'")
    try:
        chosen = workshop.track(track)
    except KeyError:
        known = ", ".join(t.id for t in workshop.tracks) or "none"
        raise UsageError(f"no track '{track}' in {workshop.title}", hint=f"tracks: {known}")\
            from None
    if passcode is not None and len(passcode.strip()) < MIN_PASSCODE:
        raise UsageError(f"a passcode needs at least {MIN_PASSCODE} characters",
                         hint="or let one be made with --generate-passcode")
    root = rooms_dir(data_dir)
    try:
        root.mkdir(parents=True, exist_ok=True)
        while True:
            code = new_room_code()
            path = root / code
            try:
                path.mkdir()
                break
            except FileExistsError:
                continue
        (path / PARTICIPANTS_DIR).mkdir()
    except OSError as error:
        raise RoomError(f"cannot create the room folder: {error.strerror or error}",
                        path=root) from None
    settings = RoomSettings(
        code=code, title=title, workshop_id=workshop.id, track=chosen.id, created=_now(),
        content=str(content.resolve()) if content is not None else None,
        passcode_hash=hash_secret(passcode) if passcode is not None else None,
        anonymous=anonymous,
    )
    room = Room(path, settings)
    room.save_settings()
    return room


def room_path(code: str, data_dir: Path | None = None) -> Path:
    """The folder of a room code (normalized; it may not exist)."""
    return rooms_dir(data_dir) / normalize_room_code(code)


def open_room(code_or_path: str | Path, data_dir: Path | None = None) -> Room:
    """Open a room by code, or by its folder.

    Raises:
        UsageError: not a room code.
        RoomError: no such room, or its settings cannot be read.
    """
    path = code_or_path if isinstance(code_or_path, Path) else room_path(code_or_path, data_dir)
    settings_path = path / SETTINGS_FILE
    try:
        raw = settings_path.read_bytes()
    except FileNotFoundError:
        raise RoomError(f"no room '{path.name}'", path=path.parent,
                        hint="run 'workshop room list' to see the rooms") from None
    except OSError as error:
        raise RoomError(f"cannot be read: {error.strerror or error}", path=settings_path)\
            from None
    try:
        data = tomlread.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RoomError(f"is not valid TOML: {error}", path=settings_path) from None
    return Room(path, RoomSettings.from_data(data, settings_path))


def list_rooms(data_dir: Path | None = None) -> list[Room | RoomError]:
    """Every room under the data folder, newest first; unreadable ones as their error."""
    root = rooms_dir(data_dir)
    if not root.is_dir():
        return []
    found: list[Room | RoomError] = []
    for path in sorted(root.iterdir()):
        if not path.is_dir() or path.name.startswith("."):
            continue
        try:
            found.append(open_room(path))
        except RoomError as error:
            found.append(error)
    found.sort(key=lambda r: r.settings.created if isinstance(r, Room) else "", reverse=True)
    return found
