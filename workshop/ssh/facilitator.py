"""The facilitator over SSH: ``ssh -p PORT facilitator@HOST`` opens the dashboard.

``workshop serve --facilitator-key FILE`` names the public keys (one per line, as in a
``.pub`` or ``authorized_keys`` file without options) allowed to connect as the reserved user
name ``facilitator``. That user is let in by one of those keys only — never a passcode or a
resume code — and gets the dashboard (:mod:`workshop.tui.dashboard`) instead of a
participant's session. The name is reserved either way: no participant can take it.

The server also publishes its join line in ``ROOM/join.txt`` (its one writer), so a dashboard
opened on the host shows the line participants really type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop.errors import UsageError
from workshop.rooms.joinline import publish_join, read_join
from workshop.rooms.names import FACILITATOR

__all__ = ["FACILITATOR", "dashboard_app", "load_keys", "publish_join", "read_join"]


def load_keys(path: Path) -> frozenset[str]:
    """The SHA256 fingerprints of the public keys in a file, one key per line.

    Raises:
        UsageError: the file cannot be read, a line is not a public key, or it holds none.
    """
    import asyncssh

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise UsageError(f"cannot be read: {error.strerror or error}", path=path,
                         hint="give a file of public keys, e.g. ~/.ssh/id_ed25519.pub") \
            from None
    except UnicodeDecodeError:
        raise UsageError("is not a text file of public keys", path=path) from None
    found: set[str] = set()
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        try:
            key = asyncssh.import_public_key(text)
        except (asyncssh.KeyImportError, ValueError):
            raise UsageError("is not an SSH public key", path=path, place=str(number),
                             hint="one key per line, as in a .pub file (no options)") \
                from None
        found.add(str(key.get_fingerprint("sha256")))
    if not found:
        raise UsageError("holds no public key", path=path,
                         hint="put the facilitator's .pub key in it")
    return frozenset(found)


def dashboard_app(room_dir: Path, data_dir: Path | None) -> Any:
    """The dashboard for a facilitator's SSH session (in the forked child)."""
    from workshop.tui.dashboard import DashboardOptions, make_dashboard

    return make_dashboard(DashboardOptions(room_dir, data_dir))
