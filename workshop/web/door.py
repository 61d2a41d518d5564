"""What the browser join asks of the room server: the same admission, limits and bindings.

The room server (:class:`workshop.ssh.server.RoomServer`) meets this protocol, so a browser
participant is admitted, counted, throttled and bound exactly as an SSH one, and this package
needs nothing from the SSH shell (no import of asyncssh, no import circle).
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

from workshop.rooms import Bindings, Room
from workshop.scenario.model import Workshop


class Limits(Protocol):
    """The one limit read here directly (the rest act through the door's methods)."""

    @property
    def fail_delay(self) -> float:
        """Seconds a wrong answer waits before it is told so."""
        ...


class Door(Protocol):
    """The room server, as the browser join sees it."""

    room: Room
    workshop: Workshop
    bindings: Bindings
    start_slots: asyncio.Semaphore
    stopping: bool

    @property
    def limits(self) -> Limits:
        """Connection and guessing limits."""
        ...

    def log(self, text: str) -> None:
        """One line in the room's server log."""
        ...

    def join_line(self, handle: str, command: str = "") -> str:
        """The ssh command for a handle (the server's notes name it)."""
        ...

    def admission_problem(self, handle: str, key: str | None = None) -> str:
        """Why this handle cannot join now ('' when it can)."""
        ...

    async def admit(self, session: Any) -> str:
        """Count a session that starts ('' when it may), taking over an older one."""
        ...

    def release(self, session: Any) -> None:
        """A session ended."""
        ...

    def passcode_known(self, answer: str) -> bool:
        """Whether an answer is a passcode already proved (or the room has none)."""
        ...

    async def check_passcode(self, answer: str) -> bool:
        """Whether an answer is the room's passcode."""
        ...

    def answer_turn(self, key: str, room: bool = True) -> float | None:
        """Seconds to wait before checking an answer, or None when refused at once."""
        ...

    def answer_right(self, key: str, room: bool = True) -> None:
        """A right answer: its turn no longer counts as a failure."""
        ...

    def spawn(self, session: Any, request: dict[str, Any], slave: int) -> None:
        """Ask the zygote for a session process on this file descriptor."""
        ...

    def export_notes(self, handle: str) -> str:
        """A participant's notes as Markdown (blocking: run it in a thread)."""
        ...
