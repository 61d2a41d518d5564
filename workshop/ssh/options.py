"""How ``workshop serve`` runs: its options, apart from the server so the pieces that read
them (connections, sessions) need not import the server itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workshop.rooms import Room
from workshop.ssh.limits import Limits
from workshop.ssh.memory import SESSION_MEMORY_MB
from workshop.web.options import WebOptions


@dataclass
class ServeOptions:
    """How ``workshop serve`` runs."""

    room: Room
    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 2222
    max_sessions: int = 100
    """Interactive participants at once; more are refused with a 'room is full' message."""
    public_host: str | None = None
    """The host name to print in join lines (default: the listening address or hostname)."""
    login_timeout: float = 60.0
    idle_timeout: float = 1800.0
    keepalive_interval: float = 30.0
    aggregate_interval: float = 1.0
    facilitator_keys: frozenset[str] = frozenset()
    """Fingerprints of the keys that may connect as ``facilitator`` (the dashboard)."""
    limits: Limits = field(default_factory=Limits)
    """Connection and guessing limits (issue 12): timeouts, caps, passcode backoff."""
    session_memory_mb: int = SESSION_MEMORY_MB
    """Resident memory (MB) a participant's session may use; over it, that session is saved
    and closed with a note (see :mod:`workshop.ssh.memory`)."""
    memory_interval: float = 2.0
    """Seconds between checks of every session's memory."""
    web: WebOptions | None = None
    """The browser join (``--web PORT``): the same sessions served to a browser."""
    ssh: bool = True
    """Listen for SSH (False with ``--no-ssh``: browsers only)."""
