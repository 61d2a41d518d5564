"""A browser, as far as the server can tell: the join form, a cookie jar, and a small client
of textual-serve's WebSocket protocol that keeps what the page's terminal would show.

The server under test is a real ``workshop serve --web`` (tests.ssh.conftest's helper), so a
session is a real child of the zygote running Textual's web driver.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from tests.ssh.conftest import Served, free_port, start_server

ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]P_^].*?(?:\x07|\x1b\\)|\x1b[ -/]*[0-~]")


def web_server(data_dir: Path, *, passcode: str | None = None, max_sessions: int = 10,
               no_ssh: bool = False, extra: tuple[str, ...] = ()) -> tuple[Served, str]:
    """Serve a room on the example workshop with ``--web`` on a free port; (server, link)."""
    extra = ("--web", str(free_port()), *extra) + (("--no-ssh",) if no_ssh else ())
    served = start_server(data_dir, passcode=passcode, max_sessions=max_sessions, extra=extra)
    for line in served.output:
        if line.startswith("Browsers join at:"):
            return served, line.split(":", 1)[1].strip().rstrip("/")
    served.stop()
    pytest.fail("no 'Browsers join at:' line:\n" + "\n".join(served.output))


@dataclass
class Screen:
    """One open session page: what its terminal was sent, escape sequences taken out."""

    ws: aiohttp.ClientWebSocketResponse
    raw: bytearray = field(default_factory=bytearray)
    first_frame: float | None = None
    closed: bool = False
    opened: float = field(default_factory=time.monotonic)

    @property
    def text(self) -> str:
        """Everything drawn so far, as plain text (lines run together)."""
        return ESCAPES.sub(b"", bytes(self.raw)).decode("utf-8", "replace")

    async def _pump(self, timeout: float) -> None:
        try:
            message = await self.ws.receive(timeout=timeout)
        except TimeoutError:
            return
        if message.type == aiohttp.WSMsgType.BINARY:
            if self.first_frame is None and len(message.data) > 10:
                self.first_frame = time.monotonic() - self.opened
            self.raw += message.data
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                              aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.ERROR):
            self.closed = True

    async def wait_for(self, text: str, timeout: float = 30, after: int = 0) -> str:
        """Read until ``text`` is drawn (after the first ``after`` characters)."""
        deadline = time.monotonic() + timeout
        while text not in self.text[after:]:
            if self.closed or time.monotonic() > deadline:
                pytest.fail(f"{text!r} never appeared; the page showed:\n{self.text[-2000:]}")
            await self._pump(0.5)
        return self.text

    async def wait_closed(self, timeout: float = 30) -> str:
        """Read until the server closes the session."""
        deadline = time.monotonic() + timeout
        while not self.closed:
            if time.monotonic() > deadline:
                pytest.fail("the session was not closed")
            await self._pump(0.5)
        return self.text

    async def press(self, keys: str) -> int:
        """Send keys as the page does; returns the text length before them (for ``after``)."""
        mark = len(self.text)
        await self.ws.send_str(json.dumps(["stdin", keys]))
        return mark

    async def close(self) -> None:
        """Close the page."""
        await self.ws.close()


class Browser:
    """A browser with its own cookie jar (two Browsers are two people)."""

    def __init__(self, link: str) -> None:
        self.link = link
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    async def __aenter__(self) -> Browser:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.close()

    async def join(self, handle: str, passcode: str | None = None,
                   origin: str | None = None) -> tuple[int, str]:
        """Send the join form; (status, page text) without following the redirect."""
        form = {"handle": handle}
        if passcode is not None:
            form["passcode"] = passcode
        response = await self.http.post(self.link + "/join", data=form,
                                        headers={"Origin": origin or self.link},
                                        allow_redirects=False)
        return response.status, await response.text()

    async def open(self, origin: str | None = None, size: tuple[int, int] = (100, 30)) \
            -> Screen:
        """Open the session's WebSocket as the play page does."""
        url = self.link.replace("http", "ws", 1) + f"/ws?width={size[0]}&height={size[1]}"
        opened = time.monotonic()
        ws = await self.http.ws_connect(url, headers={"Origin": origin or self.link})
        screen = Screen(ws, opened=opened)
        await screen.ws.send_str(json.dumps(["resize", {"width": size[0], "height": size[1]}]))
        return screen

    async def get(self, path: str) -> tuple[int, str, aiohttp.ClientResponse]:
        """GET a page of the site."""
        response = await self.http.get(self.link + path, allow_redirects=False)
        return response.status, await response.text(), response


async def settle(seconds: float = 0.2) -> None:
    """Give the server a moment (to write a record, publish presence)."""
    await asyncio.sleep(seconds)


async def start_projector(room: Any, *, shutdown_timeout: float = 1,
                          **options: Any) -> tuple[web.AppRunner, str, str]:
    """Serve only the projector's routes for ``room`` on a free loopback port.

    Returns:
        (the runner, to ``cleanup()``; the site's base URL; the facilitator's token).
    """
    from workshop.web.projector import add_projector_routes, new_projector_token

    app = web.Application()
    token = new_projector_token()
    add_projector_routes(app, room, room.workshop(), token, interval=0.1, **options)
    runner = web.AppRunner(app, shutdown_timeout=shutdown_timeout)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}", token
