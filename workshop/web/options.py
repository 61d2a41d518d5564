"""How the browser join listens: its port, TLS, and which page origins may open a session."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field


@dataclass
class WebOptions:
    """``workshop serve --web PORT`` and its companions."""

    port: int
    """The HTTP(S) port (0: any free port; the one taken is printed)."""
    host: str = "127.0.0.1"
    """The address to listen on (the SSH server's ``--host``)."""
    ssl_context: ssl.SSLContext | None = None
    """Set from ``--tls-cert`` and ``--tls-key``: the site is served over HTTPS, its cookie is
    ``Secure``."""
    origins: frozenset[str] = field(default_factory=frozenset)
    """Page origins allowed besides the site's own (``--web-origin``), e.g. a reverse proxy's
    public ``https://workshop.example.org`` when it does not pass the Host header on."""
    hosts: frozenset[str] = field(default_factory=frozenset)
    """Names the site answers to besides its own (``--web-host``): every request must name one
    of them in its ``Host`` header (a guard against DNS rebinding, see :mod:`workshop.web.hosts`).
    """
    public_url: str | None = None
    """The link participants open, for printed lines (default: from host and port)."""
    cookie_days: int = 30
    """How long a browser keeps its token (and so can come back as its handle)."""


def load_tls(cert: str, key: str) -> ssl.SSLContext:
    """An HTTPS server context from PEM certificate (chain) and key files.

    Raises:
        OSError: a file cannot be read.
        ssl.SSLError: the files are not a certificate and its key.
    """
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    return context
