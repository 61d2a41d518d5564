"""The site on its own (aiohttp's test server, a stand-in room server): headers, files, the
WebSocket's Origin rule, and the projector page's hook."""

from __future__ import annotations

import asyncio
import sys
import types
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from tests.ssh.conftest import EXAMPLE
from workshop.rooms import Bindings, create_room
from workshop.scenario import load_workshop
from workshop.web.options import WebOptions
from workshop.web.server import WebJoin


class StandIn:
    """A room server that admits everyone and starts nothing."""

    def __init__(self, folder: Path) -> None:
        self.workshop = load_workshop(EXAMPLE)
        self.room = create_room("Site", workshop=self.workshop, data_dir=folder,
                                content=EXAMPLE)
        self.bindings = Bindings.load(self.room.bindings_path)
        self.start_slots = asyncio.Semaphore(1)
        self.stopping = False
        self.limits = types.SimpleNamespace(fail_delay=0.0)
        self.lines: list[str] = []

    def log(self, text: str) -> None:
        self.lines.append(text)

    def admission_problem(self, handle: str, key: str | None = None) -> str:
        return ""

    def passcode_known(self, answer: str) -> bool:
        return True

    def export_notes(self, handle: str) -> str:
        return f"# notes of {handle}\n"


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[TestClient[Any, Any]]:
    join = WebJoin(StandIn(tmp_path), WebOptions(port=0))  # type: ignore[arg-type]
    async with TestClient(TestServer(join.application())) as test_client:
        yield test_client


async def test_pages_carry_a_strict_policy(client: TestClient[Any, Any]) -> None:
    """Our scripts only, no framing, no referrer, the form page never cached."""
    response = await client.get("/")
    assert response.status == 200
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    # "no-referrer" would make browsers send "Origin: null" with the join form (refused).
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


async def test_the_front_end_is_textual_serve_s(client: TestClient[Any, Any]) -> None:
    assert (await client.get("/static/js/textual.js")).status == 200
    assert (await client.get("/static/css/xterm.css")).status == 200
    script = await client.get("/join/play.js")
    assert script.status == 200 and "sessionWebsocketUrl" in await script.text()
    assert (await client.get("/static/../server.py")).status in (403, 404)


async def test_a_websocket_without_an_origin_is_refused(client: TestClient[Any, Any]) -> None:
    response = await client.get("/ws", headers={"Connection": "Upgrade",
                                                "Upgrade": "websocket",
                                                "Sec-WebSocket-Version": "13",
                                                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
    assert response.status == 403


async def test_the_projector_page_is_mounted_when_installed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the projector module (issue 18, item 4) installed, its page is served on this
    site and `serve` prints its facilitator link."""
    calls: list[tuple[Any, ...]] = []
    fake = types.ModuleType("workshop.web.projector")

    def add_projector_routes(app: web.Application, room: Any, workshop: Any, token: str, *,
                             join_line: str | None = None, interval: float = 0.5) -> None:
        calls.append((room, workshop, token))

        async def page(request: web.Request) -> web.Response:
            return web.Response(text="projector")

        app.router.add_get("/projector", page)

    fake.add_projector_routes = add_projector_routes  # type: ignore[attr-defined]
    fake.new_projector_token = lambda: "tok"  # type: ignore[attr-defined]
    fake.projector_link = lambda base, token: f"{base.rstrip('/')}/projector?token={token}"  # type: ignore[attr-defined]
    fake.projector_line = lambda link: f"Projector (facilitator only): {link}"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "workshop.web.projector", fake)
    # An earlier test's site imported the real module, which is now also an attribute of
    # the package (where `from workshop.web import projector` looks first).
    import workshop.web

    monkeypatch.setattr(workshop.web, "projector", fake, raising=False)
    door = StandIn(tmp_path)
    join = WebJoin(door, WebOptions(port=8080))  # type: ignore[arg-type]
    async with TestClient(TestServer(join.application())) as test_client:
        assert await (await test_client.get("/projector")).text() == "projector"
    assert calls == [(door.room, door.workshop, "tok")]
    assert join.projector_line() == \
        "Projector (facilitator only): http://127.0.0.1:8080/projector?token=tok"
