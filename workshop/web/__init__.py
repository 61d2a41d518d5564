"""The browser join (``workshop serve --web PORT``): the same participant session, in a browser.

A small aiohttp site of ours asks for a handle (and the room's passcode), binds the handle to a
random token kept in a cookie, and opens textual-serve's terminal page; its WebSocket is relayed
to a session process forked by the same zygote the SSH server uses, running Textual's web
driver. Admission, passcode limits and bindings are the room server's own (:class:`Door`).

The read-only projector page (:mod:`workshop.web.projector`) is mounted on the same site.

This package is core by the layer rule: it imports aiohttp and textual_serve, never Textual or
asyncssh; the child's entry point is :func:`workshop.ssh.participant.child_main`.
"""

from __future__ import annotations

from workshop.web.door import Door
from workshop.web.options import WebOptions

__all__ = ["Door", "WebOptions"]
