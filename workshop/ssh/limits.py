"""Failed-login limits that slow guessing without locking a whole room out.

A room usually sits behind one NAT address, so a limit per address alone would let one
person's typos lock out everybody. Failures are counted per (address, handle), with a much
larger cap per address; both forget failures after a window.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class FailureLimiter:
    """Counts recent failed logins.

    Args:
        per_handle: Failures allowed per (address, handle) within the window.
        per_address: Failures allowed per address within the window (all handles).
        window: Seconds a failure is remembered.
        clock: Time source (tests inject one).
    """

    def __init__(self, per_handle: int = 5, per_address: int = 100, window: float = 600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_handle = per_handle
        self.per_address = per_address
        self.window = window
        self.clock = clock
        self._handle: dict[tuple[str, str], deque[float]] = {}
        self._address: dict[str, deque[float]] = {}

    def _recent(self, times: deque[float] | None) -> int:
        if not times:
            return 0
        cutoff = self.clock() - self.window
        while times and times[0] < cutoff:
            times.popleft()
        return len(times)

    def blocked(self, address: str, handle: str) -> bool:
        """True when this address may not try this handle now."""
        return (self._recent(self._handle.get((address, handle))) >= self.per_handle
                or self._recent(self._address.get(address)) >= self.per_address)

    def fail(self, address: str, handle: str) -> None:
        """Remember one failure."""
        now = self.clock()
        self._handle.setdefault((address, handle), deque()).append(now)
        self._address.setdefault(address, deque()).append(now)
        if len(self._handle) > 10_000:  # forget the oldest entries of a flood
            for key in list(self._handle)[:5_000]:
                del self._handle[key]

    def succeed(self, address: str, handle: str) -> None:
        """Forget this (address, handle)'s failures after a successful login."""
        self._handle.pop((address, handle), None)
