"""The browser join answers only to its own names: a guard against DNS rebinding.

A page on ``evil.example`` can have its name point at the workshop's address a moment later
(DNS rebinding); the browser then sends that page's requests to the workshop as
``Host: evil.example`` and, since the page and the workshop now seem one site, lets the page
read the answers. Checking ``Origin`` does not help (the browser calls it same-origin). So
every request, the WebSocket and the projector page included, must name the server's own
host; any other name gets a one-line 421.

Its own names:

* the ``--public-url``'s host, and each ``--web-origin``'s host (what a reverse proxy sends);
* the address it listens on (``--host``), and ``localhost``, ``127.0.0.1`` and ``::1`` when
  that is a loopback address;
* listening on every address (``0.0.0.0``, ``::``): the machine's name (the printed link's),
  its full name, ``localhost``, and any address typed as numbers (a bare address is no name
  that someone else's DNS can point elsewhere);
* every ``--web-host NAME`` given (a DNS alias, say).

Ports are not compared: a name is the server's own on any port (an SSH tunnel's, a proxy's).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware

WILDCARDS = frozenset({"", "0.0.0.0", "::"})
"""Listening addresses that mean "every address of this machine"."""
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
"""The names a loopback server answers to."""
NAME = re.compile(r"^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?"
                  r"(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$")
"""A DNS name, lowercase, without the final dot."""


def host_name(value: str | None) -> str | None:
    """The name in a ``Host`` header (or a URL's netloc): lowercase, no port, no final dot,
    an IPv6 address without its brackets; None when it is not a name or an address."""
    if not value:
        return None
    value = value.strip().lower()
    if value.startswith("["):
        address, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not re.fullmatch(r":\d{1,5}", rest)):
            return None
        return address if _is_address(address) else None
    name, colon, port = value.rpartition(":") if ":" in value else (value, "", "")
    if colon and not port.isdigit():
        return None
    name = name.rstrip(".")
    if _is_address(name) or NAME.match(name):
        return name
    return None


def valid_name(value: str) -> bool:
    """Whether ``--web-host`` was given a host name or an address (no scheme, no port)."""
    return _is_address(value.strip("[]")) or bool(NAME.match(value.lower().rstrip(".")))


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class HostCheck:
    """The names this server answers to.

    Args:
        names: The names (lowercase, no port).
        any_address: Whether a bare IP address is taken too (listening on every address).
    """

    names: frozenset[str]
    any_address: bool = False

    @classmethod
    def build(cls, bound: str, *, public_url: str | None = None,
              origins: Iterable[str] = (), extra: Iterable[str] = ()) -> HostCheck:
        """The check for a server listening on ``bound`` (see the module's list)."""
        names: set[str] = set()
        for url in (public_url, *origins):
            if url:
                name = host_name(urlsplit(url).netloc)
                if name:
                    names.add(name)
        for value in extra:
            if valid_name(value):
                names.add(value.strip("[]").lower().rstrip("."))
        bound = bound.strip("[]").lower()
        wildcard = bound in WILDCARDS
        if wildcard:
            names.add("localhost")
            for name in (socket.gethostname(), socket.getfqdn()):
                checked = host_name(name)
                if checked:
                    names.add(checked)
        else:
            names.add(bound)
            if _loopback(bound):
                names |= LOOPBACK_NAMES
        return cls(frozenset(names), any_address=wildcard)

    def allows(self, header: str | None) -> bool:
        """Whether a request with this ``Host`` header is meant for this server."""
        name = host_name(header)
        if name is None:
            return False
        return name in self.names or (self.any_address and _is_address(name))


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def middleware(check: HostCheck, log: Callable[[str], None]) -> Middleware:
    """An aiohttp middleware answering 421 to a request for another name (logged once per
    name, up to 20 names, so a flood of them cannot fill the room's log)."""
    logged: set[str] = set()

    @web.middleware
    async def host_check(request: web.Request, handler: Handler) -> web.StreamResponse:
        header = request.headers.get("Host")
        if check.allows(header):
            return await handler(request)
        shown = (header or "(none)").encode("ascii", "replace").decode()[:80]
        if shown not in logged and len(logged) < 20:
            logged.add(shown)
            log(f"refused a browser request for host {shown!r}: not one of this server's "
                "names (add it with --web-host if it is)")
        return web.Response(status=421, text=f"This workshop is not served under the name "
                            f"{shown!r}: open the link the facilitator gave.\n")

    return host_check
