"""A room session's unexpected errors in the room's log: one short line each, and the full
traceback once per distinct error.

A participant can make the same error happen again and again (and in parallel). Printing a
Rich traceback with local variables for each would put record contents in the log and cost
megabytes and seconds of CPU per crash (issue 12, item 2). Instead every error gets an id, a
short hash of its type and the places (file:line) it went through: the log gets one line with
that id, and the full traceback (:func:`traceback.format_exception`, which shows no local
variables) is written only the first time the room sees that id. The participant is told the
id, so what they report can be found in the log.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import traceback
from datetime import UTC, datetime
from pathlib import Path

SEEN_DIR = "errors"
"""Under the room folder: one empty file per error id already written out in full."""


def error_id(error: BaseException) -> str:
    """A short id that is the same for the same error raised at the same places.

    It hashes the exception's type and the file and line of every frame (not the message,
    which may hold a participant's text and would make each occurrence look new).
    """
    parts = [f"{type(error).__module__}.{type(error).__qualname__}"]
    parts += [f"{frame.filename}:{frame.lineno}"
              for frame in traceback.extract_tb(error.__traceback__)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:10]


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return ""
    last = frames[-1]
    return f" at {Path(last.filename).name}:{last.lineno}"


def _first_time(room_dir: Path, ident: str) -> bool:
    """True for the first caller to see this id in this room (across processes)."""
    folder = room_dir / SEEN_DIR
    try:
        folder.mkdir(exist_ok=True)
        # O_EXCL makes "first" hold across the many session processes of one room.
        os.close(os.open(folder / ident, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    except OSError:
        # Nowhere to remember it: write the traceback rather than lose it.
        return True
    return True


def log_error(room_dir: Path, log_path: Path | None, who: str, error: BaseException) -> str:
    """Log an unexpected error of a room session; returns its id.

    Writes one line naming the id, the exception's type and where it was raised (never its
    message, nor any local variable); then, the first time this room sees the id, the full
    traceback. Never raises.

    Args:
        room_dir: The room's folder (where the ids already written out are remembered).
        log_path: The room's log (None: nothing is written, the id is still returned).
        who: Who hit it, for the line (e.g. ``"alice pid 1234"``).
        error: The exception.
    """
    ident = error_id(error)
    if log_path is None:
        return ident
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
    lines = [f"{stamp} [{who}] error {ident}: {type(error).__name__}{_where(error)}"]
    if _first_time(room_dir, ident):
        lines[0] += " (traceback follows, written once)"
        lines.append("".join(traceback.format_exception(error)).rstrip())
        lines.append(f"-- end of error {ident}")
    with contextlib.suppress(OSError), open(log_path, "a", encoding="utf-8") as log:
        log.write("\n".join(lines) + "\n")
    return ident
