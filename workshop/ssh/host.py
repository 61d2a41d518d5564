"""The small interfaces the SSH pieces meet through, so none imports the others' modules.

:class:`~workshop.ssh.server.RoomServer` makes a :class:`~workshop.ssh.auth.Gate` per
connection, and a gate makes a :class:`~workshop.ssh.session.ParticipantSession` per session
channel; both call back into the server, and a session asks its gate who it is. Each of them
sees the others only through these protocols, so the import graph is a line
(server → auth → session → host), not a circle.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from workshop.rooms import Bindings, Room
    from workshop.ssh.limits import Limits
    from workshop.ssh.options import ServeOptions


class GateView(Protocol):
    """What a session asks of the connection it belongs to."""

    handle: str | None
    new_resume_code: str | None
    new_code: tuple[str, str] | None
    claim_key: str | None
    proven_key: str | None

    def may_act(self) -> bool:
        """Whether this connection may act as its handle now."""
        ...

    def session_ended(self) -> None:
        """The connection's session channel has closed."""
        ...


class SessionView(Protocol):
    """What the server asks of a participant's session."""

    handle: str
    pid: int | None
    last_input: float
    closed: asyncio.Event

    async def stop(self, note: str, grace: float = 2.5) -> None:
        """Ask the app to save and quit, then hang up with ``note``."""
        ...

    def spawned(self, pid: int) -> None:
        """The zygote started the session's process."""
        ...

    def spawn_failed(self) -> None:
        """The zygote could not start it."""
        ...

    def child_exited(self, status: int) -> None:
        """The session's process ended."""
        ...


class RoomHost(Protocol):
    """What a connection and its session ask of the server."""

    options: ServeOptions
    room: Room
    bindings: Bindings
    limits: Limits
    start_slots: asyncio.Semaphore

    def log(self, text: str) -> None: ...

    def join_line(self, handle: str, command: str = "") -> str: ...

    def create_task(self, coro: Coroutine[Any, Any, Any]) -> None: ...

    def connection_opened(self, gate: Any) -> bool: ...

    def connection_closed(self, gate: Any) -> None: ...

    def authenticated(self, gate: Any, key: str, bound: bool) -> None: ...

    def session_opened(self, gate: Any) -> None: ...

    def admission_problem(self, handle: str, key: str | None = None) -> str: ...

    def passcode_known(self, answer: str) -> bool: ...

    async def check_passcode(self, answer: str) -> bool: ...

    def answer_turn(self, key: str, room: bool = True) -> float | None: ...

    def answer_right(self, key: str, room: bool = True) -> None: ...

    def bind(self, handle: str, proven_key: str | None, via: str,
             new_code: tuple[str, str] | None = None) -> tuple[bool, str | None]: ...

    async def bind_key(self, handle: str, key: str) -> bool: ...

    async def bind_code(self, handle: str, code_hash: str) -> bool: ...

    async def admit(self, session: Any) -> str: ...

    def release(self, session: Any) -> None: ...

    def welcome_with_code(self, handle: str, code: str) -> str: ...

    def spawn(self, session: Any, request: dict[str, Any], slave: int) -> None: ...

    def export_notes(self, handle: str) -> str: ...
