"""The line participants type to join, as the running server published it.

``workshop serve`` writes ``ROOM/join.txt`` once it listens (its one writer), with ``NAME``
where the handle goes; a dashboard opened on the host then shows the line participants really
type, whatever host name or port the server was given.

When the server also serves browsers beside SSH (``--web PORT``), it writes the browser link
to ``ROOM/web.txt`` too, so the dashboard shows both ways in; a server started without that
removes the file, so a link of an earlier run is never shown.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from workshop.record.atomic import write_atomic
from workshop.rooms.sanitize import sanitize

JOIN_FILE = "join.txt"
WEB_FILE = "web.txt"
PLACEHOLDER = "NAME"


def publish_join(room_dir: Path, line: str) -> None:
    """Write the join line (best effort: a dashboard falls back to its own options)."""
    with contextlib.suppress(OSError):
        write_atomic(room_dir / JOIN_FILE, (line.strip() + "\n").encode("utf-8"))


def read_join(room_dir: Path) -> str | None:
    """The published join line (cleaned of anything a terminal would obey), if any."""
    try:
        text = (room_dir / JOIN_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    line = sanitize(text, limit=120).strip()
    return line or None


def publish_web(room_dir: Path, link: str | None) -> None:
    """Write the browser link beside the join line (None: remove it; best effort)."""
    with contextlib.suppress(OSError):
        if link is None:
            (room_dir / WEB_FILE).unlink(missing_ok=True)
        else:
            write_atomic(room_dir / WEB_FILE, (link.strip() + "\n").encode("utf-8"))


def read_web(room_dir: Path) -> str | None:
    """The published browser link (cleaned like the join line), if any."""
    try:
        text = (room_dir / WEB_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    line = sanitize(text, limit=120).strip()
    return line or None


def export_line(room_dir: Path, handle: str) -> str:
    """The command that takes a participant's own notes home, for their screen.

    Built from the published join line when the room's server wrote one; otherwise (a room
    behind the system's OpenSSH, ``workshop ssh-session``) the same command with ``HOST``
    standing for the address the participant joined with.
    """
    line = read_join(room_dir)
    if line is None or PLACEHOLDER not in line:
        line = f"ssh {PLACEHOLDER}@HOST"
    return f"{line.replace(PLACEHOLDER, handle, 1)} export > notes.md"
