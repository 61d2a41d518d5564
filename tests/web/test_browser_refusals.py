"""What a browser may not have: the facilitator's dashboard, a crash on a strange query."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from tests.web.test_site import StandIn
from workshop.web import identity
from workshop.web.options import WebOptions
from workshop.web.server import WebJoin


@pytest.fixture
async def site(tmp_path: Path) -> AsyncIterator[tuple[WebJoin, TestClient[Any, Any]]]:
    # The stand-in admits every name, as a server with --facilitator-key does 'facilitator'.
    join = WebJoin(StandIn(tmp_path), WebOptions(port=0))  # type: ignore[arg-type]
    async with TestClient(TestServer(join.application())) as client:
        yield join, client


async def test_the_facilitator_name_is_never_a_browser_s(
        site: tuple[WebJoin, TestClient[Any, Any]]) -> None:
    """You should be told 'facilitator' is reserved, get no cookie and no session page: over
    SSH that name opens the dashboard (lock, remove, export) for a listed key, and a browser
    has no key. Before, the join form bound it to the browser and /play served the session,
    whose app was the facilitator's dashboard."""
    join, client = site
    response = await client.post("/join", data={"handle": "facilitator"},
                                 allow_redirects=False)
    assert response.status == 403
    assert "reserved for the facilitator" in await response.text()
    assert not response.cookies
    # A cookie made up for the name opens nothing either.
    client.session.cookie_jar.update_cookies(
        {identity.cookie_name(join.door.room.code):
         identity.cookie_value("facilitator", identity.new_token())})
    page = await client.get("/play", allow_redirects=False)
    assert page.status in (303, 403)
    assert "textual-terminal" not in await page.text()


async def test_a_font_size_that_only_looks_like_a_number_is_ignored(
        site: tuple[WebJoin, TestClient[Any, Any]]) -> None:
    """/play?fontsize=² gives the page at the default size, not a server error (Python
    calls '²' a digit but int() refuses it)."""
    _join, client = site
    response = await client.post("/join", data={"handle": "ines"}, allow_redirects=False)
    assert response.status == 303
    page = await client.get("/play?fontsize=²", allow_redirects=False)
    assert page.status == 200
    assert 'data-font-size="16"' in await page.text()


def test_an_ipv6_address_is_bracketed_in_the_printed_link(tmp_path: Path) -> None:
    """Served on ::1, the link participants are given is http://[::1]:PORT/, one they can
    open (http://::1:PORT/ is not a URL a browser takes)."""
    join = WebJoin(StandIn(tmp_path), WebOptions(port=0, host="::1"))  # type: ignore[arg-type]
    join.port = 8080
    assert join.link() == "http://[::1]:8080/"


def test_joining_under_another_handle_warns_what_is_left_behind() -> None:
    """The join page of a browser that already holds a handle says that joining under another
    one leaves the first for good, and to download its notes first (a browser holds one
    handle per room; before, the page only said 'Or join under another handle')."""
    from workshop.web import pages

    page = pages.join_page("Room", "abc234", passcode=False, current="ines")
    assert "leaves <strong>ines</strong> for good" in page
    assert "download its notes first" in page
