"""A browser's identity: a random token in a cookie, bound (hashed) to the handle it joined as.

As the SSH server binds a handle to the key it first joined with, the browser join binds it to
a token of 32 random bytes that only that browser holds (an ``HttpOnly``, ``SameSite=Strict``
cookie, ``Secure`` over TLS). The room's bindings file keeps its SHA-256 only: a token is as
strong as a key and needs no slow hash, and a copy of the file lets nobody in. A free handle
is bound only when its first session starts (:class:`Claims`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable

from workshop.rooms import Bindings
from workshop.rooms.names import check_handle

PREFIX = "sha256:"


def new_token() -> str:
    """A fresh token (URL-safe, no '.')."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the bindings file keeps of a token."""
    return PREFIX + hashlib.sha256(token.encode("utf-8")).hexdigest()


def cookie_name(room_code: str) -> str:
    """The cookie of one room (a browser may be in several rooms of one server host)."""
    return f"workshop-{room_code.lower()}"


def cookie_value(handle: str, token: str) -> str:
    """``HANDLE.TOKEN`` (a handle holds no '.')."""
    return f"{handle}.{token}"


def parse_cookie(value: str | None) -> tuple[str, str] | None:
    """(handle, token) from a cookie value, or None when it cannot be one."""
    if not value or "." not in value or len(value) > 200:
        return None
    handle, _, token = value.partition(".")
    if check_handle(handle) != handle or not token:
        return None
    return handle, token


def holds(bindings: Bindings, handle: str, token: str) -> bool:
    """Whether ``token`` is the one ``handle`` is bound to."""
    binding = bindings.get(handle)
    if binding is None or binding.token_hash is None:
        return False
    return hmac.compare_digest(token_hash(token).encode(), binding.token_hash.encode())


class Claims:
    """Free handles a browser has asked for, not yet played: bound when a session starts.

    As over SSH, a handle is claimed only when an interactive session starts: pressing Join
    gives the browser its token and remembers the claim here, in memory; opening the session
    binds the handle (the first claim to get there wins). A flood of joins that never play
    claims nothing and writes nothing to the bindings file.

    Args:
        limit: Claims kept at most (the oldest go first).
        ttl: Seconds a claim lasts.
        clock: Time source (tests inject one).
    """

    def __init__(self, limit: int = 2000, ttl: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.ttl = ttl
        self.clock = clock
        self._claims: dict[tuple[str, str], float] = {}

    def add(self, handle: str, token: str) -> None:
        """Remember that the holder of ``token`` asked for ``handle``."""
        now = self.clock()
        for key, at in list(self._claims.items()):
            if now - at > self.ttl:
                del self._claims[key]
        while len(self._claims) >= self.limit:
            del self._claims[next(iter(self._claims))]
        self._claims[(handle, token_hash(token))] = now

    def holds(self, handle: str, token: str) -> bool:
        """Whether ``token`` asked for ``handle`` (recently enough)."""
        at = self._claims.get((handle, token_hash(token)))
        return at is not None and self.clock() - at <= self.ttl

    def settle(self, handle: str) -> None:
        """The handle is bound now: every claim on it is void."""
        for key in [key for key in self._claims if key[0] == handle]:
            del self._claims[key]
