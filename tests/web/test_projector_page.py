"""The projector view in a browser: a read-only page behind the facilitator's link, live.

It shows the join line, the step, revealed charts and the answers the facilitator showed;
never a handle, an unrevealed count or an unshared (or unshown) answer; participant text is
inert. Driven in a real headless chromium (tests/web/conftest.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from playwright.async_api import Page, expect

from tests.rooms.roomkit import join, make_room, play_opening, publish
from tests.web.webkit import start_projector
from workshop.rooms import Room
from workshop.rooms.control import ControlWriter
from workshop.rooms.shared import answer_key
from workshop.web.projector import projector_line, projector_link

HANDLES = ("quetzalcoatl", "wombatine", "script-alert")
UNSHARED = "Zanzibar unshared thought"
UNSHOWN = "Patagonia shared but not shown"
SHOWN = ('Kilimanjaro <script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
         " shown \x1b[31mto the room")
SHOWN_AS_TEXT = ('Kilimanjaro <script>window.pwned = 1</script><img src=x '
                 'onerror="window.pwned = 2"> shown to the room')
BROADCAST = "Pick first, <b>then</b> look around"


def named_room(tmp_path: Path, *, reveal: bool) -> Room:
    """A named room (its aggregates name people in done_by) with every kind of secret, and
    a shown answer that tries to be markup."""
    room = make_room(tmp_path, anonymous=False, title="Staff path <i>May</i>")
    for handle, words, choice in zip(HANDLES, (UNSHARED, UNSHOWN, SHOWN),
                                     ("cross-team", "go-deeper", "cross-team"), strict=True):
        session = join(room, handle)
        play_opening(session, choice=choice, text=words)
        if words != UNSHARED:
            session.share("tactical-example")
        session.advance()
    assert "quetzalcoatl" in str(publish(room))  # the published file does name them
    writer = ControlWriter(room, steps=3)
    if reveal:
        writer.reveal("opening", "news")
    # The room publishes answers cleaned of escape sequences: the key is of what it published.
    writer.show_answer(answer_key("tactical-example", SHOWN_AS_TEXT))
    writer.say(BROADCAST)
    return room


@dataclass
class Served:
    room: Room
    base: str
    token: str

    @property
    def link(self) -> str:
        return projector_link(self.base, self.token)


async def serve(room: Room) -> AsyncIterator[Served]:
    runner, base, token = await start_projector(
        room, join_line="ssh -p 2222 NAME@workshop.example")
    try:
        yield Served(room, base, token)
    finally:
        await runner.cleanup()


@pytest.fixture
async def revealed(tmp_path: Path) -> AsyncIterator[Served]:
    async for served in serve(named_room(tmp_path, reveal=True)):
        yield served


@pytest.fixture
async def unrevealed(tmp_path: Path) -> AsyncIterator[Served]:
    async for served in serve(named_room(tmp_path, reveal=False)):
        yield served


async def shown_text(page: Page) -> str:
    return await page.inner_text("body")


async def test_the_page_shows_the_room_and_names_nobody(revealed: Served, page: Page) -> None:
    """The join line, the step, the revealed chart (one bar per option, the shares), the
    broadcast and the shown answer; no handle, no unshared or unshown answer."""
    response = await page.goto(revealed.link)
    assert response is not None and response.status == 200
    text = await shown_text(page)
    assert "ssh -p 2222 NAME@workshop.example" in text
    assert "Step 1 of 3: The feedback" in text
    assert "3 answered" in text and "67%" in text and "33%" in text
    assert await page.locator("figure svg rect").count() == 2
    assert BROADCAST in text
    assert SHOWN_AS_TEXT in text
    html = await page.content()
    for secret in (*HANDLES, UNSHARED, UNSHOWN):
        assert secret not in html


async def test_participant_text_stays_text(revealed: Served, page: Page) -> None:
    """A shown answer written as markup shows as the words typed: no script runs, no image
    loads, no escape sequence reaches the page; the broadcast's tags show as typed too."""
    await page.goto(revealed.link)
    await page.wait_for_timeout(300)  # the live stream has replaced the body at least once
    assert await page.evaluate("window.pwned") is None
    assert await page.locator("main script, main img").count() == 0
    assert "\x1b" not in await page.content()
    assert await page.locator("#broadcast b").count() == 0
    assert await page.title() == "Staff path <i>May</i>: projector"


async def test_an_unrevealed_decision_shows_no_count(unrevealed: Served, page: Page) -> None:
    """Before the reveal the decision's title shows, and no figure of it."""
    await page.goto(unrevealed.link)
    text = await shown_text(page)
    assert "The news" in text and "once the facilitator reveals them" in text
    assert "%" not in text and "answered" not in text
    assert await page.locator("svg").count() == 0


async def test_the_page_follows_the_room_without_a_reload(unrevealed: Served,
                                                          page: Page) -> None:
    """A reveal, a shown answer and a timer written by the facilitator's dashboard (the
    control file) appear on the open page by themselves, in the same page (no reload).

    (The page's Content-Security-Policy forbids eval, so the waits are Playwright's
    locator assertions.)"""
    await page.goto(unrevealed.link)
    await page.evaluate("window.sameDocument = true")
    assert "%" not in await shown_text(page)
    writer = ControlWriter(unrevealed.room, steps=3)
    writer.reveal("opening", "news")
    await expect(page.locator("main")).to_contain_text("67%", timeout=10_000)
    writer.show_answer(answer_key("tactical-example", UNSHOWN))
    await expect(page.locator("#shared")).to_contain_text(UNSHOWN, timeout=10_000)
    writer.start_timer(300)
    await page.wait_for_selector("#timer", timeout=10_000)
    assert (await page.inner_text("#timer")).startswith(("05:00", "04:5"))
    writer.go_to(1)
    await expect(page.locator("#step")).to_contain_text("Step 2 of 3", timeout=10_000)
    assert await page.evaluate("window.sameDocument") is True
    assert UNSHARED not in await page.content()


@pytest.mark.parametrize("query", ["", "?token=", "?token=wrong", "?tok=TOKEN"])
async def test_without_the_token_the_page_is_refused(revealed: Served, page: Page,
                                                     query: str) -> None:
    """No token, an empty one or a wrong one: 403 and one line saying why, nothing of the
    room."""
    response = await page.goto(f"{revealed.base}/projector{query.replace('TOKEN', revealed.token)}")
    assert response is not None and response.status == 403
    text = await shown_text(page)
    assert "projector link" in text and text.strip().count("\n") == 0
    assert "The feedback" not in text and "67%" not in text


async def test_the_live_stream_wants_the_token_too(revealed: Served) -> None:
    """The stream behind the page answers 403 without the token, and with it sends the body
    as Server-Sent Events."""
    async with aiohttp.ClientSession() as client:
        async with client.get(f"{revealed.base}/projector/events?token=nope") as refused:
            assert refused.status == 403
            assert "67%" not in await refused.text()
        url = f"{revealed.base}/projector/events?token={revealed.token}"
        async with client.get(url) as stream:
            assert stream.status == 200
            assert stream.headers["Content-Type"].startswith("text/event-stream")
            first = await stream.content.readuntil(b"\n\n")
            assert b"data: " in first and b"67%" in first


def test_the_facilitators_guide_shows_the_line_the_server_prints() -> None:
    """docs/facilitating.md shows the projector line in the words the server prints, and the
    page's path."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "facilitating.md").read_text(
        encoding="utf-8")
    assert "### The projector in a browser" in doc
    example = projector_line(projector_link("http://workshop.example.org:8080", "Xq3..."))
    assert example in doc


def test_a_missing_browser_is_named_so_ci_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without chromium the browser tests skip with a reason starting "needs ", the marker
    that turns a skip into a failure under CI=true (tests/conftest.py)."""
    from tests.web import conftest

    monkeypatch.setattr(conftest, "CHROMIUM", Path("/nonexistent/chromium"))
    problem = conftest.browser_problem()
    assert problem is not None and problem.startswith("needs chromium")


async def test_an_open_projector_does_not_hold_up_the_servers_shutdown(tmp_path: Path) -> None:
    """With the page's live stream open, stopping the server ends the stream and the server
    stops without sitting out its shutdown timeout (a minute here, as in aiohttp's
    run_app)."""
    room = named_room(tmp_path, reveal=True)
    runner, base, token = await start_projector(room, shutdown_timeout=60)
    async with aiohttp.ClientSession() as client:
        url = f"{base}/projector/events?token={token}"
        async with client.get(url) as stream:
            assert b"67%" in await stream.content.readuntil(b"\n\n")
            await asyncio.wait_for(runner.cleanup(), 20)
            await asyncio.wait_for(stream.content.read(), 20)  # to the stream's end
            assert stream.content.at_eof()
