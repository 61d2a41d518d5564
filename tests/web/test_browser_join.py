"""End to end with a real ``workshop serve --web``: browsers join, play, come back, take their
notes, and are refused exactly where an SSH participant would be.

The client here speaks textual-serve's WebSocket protocol as the page's script does (keys as
``["stdin", ...]``, sizes as ``["resize", ...]``) and keeps what the terminal was sent.
"""

from __future__ import annotations

import asyncio
import tomllib
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.ssh.conftest import Served, alive, descendants, wait_until
from tests.web.webkit import Browser, Screen, settle, web_server
from workshop.rooms import open_room, read_participant
from workshop.rooms.bindings import Bindings
from workshop.rooms.control import ControlWriter
from workshop.rooms.presence import read_presence

FIRST_SCENE = "Join Dana's incident channel"
CHOSEN = "You chose: Join Dana's incident channel"
NEXT_SCENE = "Your notes from the night are already in the shared"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, str]]:
    served, link = web_server(tmp_path_factory.mktemp("room"), max_sessions=3)
    yield served, link
    served.stop()


def _record(served: Served, handle: str) -> dict:  # type: ignore[type-arg]
    return tomllib.loads((served.room / "participants" / f"{handle}.toml").read_text())


async def test_join_play_with_keys_reload_and_resume(site: tuple[Served, str]) -> None:
    """You should see the first scene, your choice taking effect, and after closing the page
    and opening it again, the same step; the record is the SSH participant's kind."""
    served, link = site
    async with Browser(link) as browser:
        status, _ = await browser.join("alice")
        assert status == 303
        cookie = next(iter(browser.http.cookie_jar))
        assert cookie["httponly"] and cookie["samesite"] == "Strict"
        assert not cookie["secure"]  # plain HTTP here; Secure under --tls-cert

        page = await browser.open()
        await page.wait_for(FIRST_SCENE)
        assert page.first_frame is not None
        await page.wait_for(CHOSEN, after=await page.press("3"))
        await page.wait_for(NEXT_SCENE, after=await page.press("\r"))
        await page.close()
        wait_until(lambda: "alice left" in served.log(), what="the server to see alice leave")

        again = await browser.open()
        await again.wait_for(NEXT_SCENE)
        await again.close()
    alice = _record(served, "alice")
    assert alice["handle"] == "alice" and alice["room"] == served.code
    assert alice["journey"]["runs"]["the-outage"]["scene"] == "morning"
    assert ["page", "join-their-channel"] in alice["journey"]["runs"]["the-outage"]["path"]
    binding = Bindings.load(served.room / "bindings.toml").get("alice")
    assert binding is not None and binding.token_hash is not None
    assert binding.token_hash.startswith("sha256:") and cookie.value.split(".")[1] \
        not in (served.room / "bindings.toml").read_text()


async def test_notes_download_is_what_ssh_export_gives(site: tuple[Served, str]) -> None:
    """You should get a Markdown file of your own notes, as `ssh HANDLE@HOST export` prints."""
    served, link = site
    async with Browser(link) as browser:
        await browser.join("nora")
        page = await browser.open()
        await page.wait_for(FIRST_SCENE)
        await page.close()
        status, text, response = await browser.get("/notes")
    assert status == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="notes-nora.md"'
    assert response.content_type == "text/markdown"
    from workshop.export import render  # type: ignore[attr-defined,unused-ignore]

    room = open_room(served.room)
    assert text == render(read_participant(room, "nora", room.workshop()), "md")
    assert "\x1b" not in text


async def test_another_browser_cannot_take_a_handle(site: tuple[Served, str]) -> None:
    """You should see 'already taken', and a forged cookie opens no session."""
    _served, link = site
    async with Browser(link) as owner, Browser(link) as other:
        assert (await owner.join("omar"))[0] == 303
        screen = await owner.open()  # the handle is bound as its first session starts
        await screen.wait_for(FIRST_SCENE)
        await screen.close()
        status, page = await other.join("omar")
        assert status == 403 and "already taken" in page
        other.http.cookie_jar.update_cookies(
            {next(iter(owner.http.cookie_jar)).key: "omar.not-the-token"})
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await other.open()
        assert refused.value.status == 403
        status, _, response = await other.get("/play")
        assert status == 303 and response.headers["Location"] == "/"
        status, _, response = await other.get("/notes")
        assert status == 303


async def test_a_handle_is_bound_when_its_first_session_starts(
        site: tuple[Served, str]) -> None:
    """Pressing Join claims nothing on disk; of two browsers that asked for one free handle,
    the first to open its session holds it, and the other is sent back to the join page."""
    served, link = site
    async with Browser(link) as first, Browser(link) as second:
        assert (await first.join("cleo"))[0] == 303
        assert (await second.join("cleo"))[0] == 303
        bindings = served.room / "bindings.toml"
        assert not bindings.exists() or "cleo" not in bindings.read_text()
        status, _, _ = await second.get("/notes")
        assert status == 303  # no notes for a handle not played yet
        opened = await asyncio.gather(second.open(), first.open(), return_exceptions=True)
        played, refused = [], []
        for browser, screen in zip((second, first), opened, strict=True):
            if isinstance(screen, aiohttp.WSServerHandshakeError):
                refused.append(browser)
                continue
            assert isinstance(screen, Screen), screen
            while FIRST_SCENE not in screen.text and not screen.closed:
                await screen._pump(0.5)
            if screen.closed:
                assert "The handle 'cleo' was just taken by someone else" in screen.text
                refused.append(browser)
            else:
                played.append((browser, screen))
        assert len(played) == 1 and len(refused) == 1
        page_open, loser = played[0][1], refused[0]
        await settle(0.5)
        assert not page_open.closed  # the holder's session was not disturbed
        status, _, response = await loser.get("/play")
        assert status == 303 and response.headers["Location"] == "/"
        status, page = await loser.join("cleo")
        assert status == 403 and "already taken" in page
        await page_open.close()
    assert "cleo" in (served.room / "bindings.toml").read_text()


async def test_a_foreign_origin_is_refused(site: tuple[Served, str]) -> None:
    """A page on another site can neither open your session nor send the join form."""
    _served, link = site
    async with Browser(link) as browser:
        assert (await browser.join("fay"))[0] == 303
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await browser.open(origin="http://evil.example")
        assert refused.value.status == 403
        for origin in ("http://evil.example", "null"):
            status, page = await browser.join("fay2", origin=origin)
            assert status == 403 and "own page" in page


@pytest.mark.parametrize("typed", [
    "<script>alert(1)</script>", "\x1b]0;pwned\x07", "Robert'); DROP", "a" * 60, "",
])
async def test_hostile_handles_are_shown_inert(site: tuple[Served, str], typed: str) -> None:
    """You should see the handle rule, the typed text escaped, and nothing bound."""
    served, link = site
    async with Browser(link) as browser:
        status, page = await browser.join(typed)
    assert status == 400 and "cannot be a handle in this room" in page
    assert "<script>" not in page and "\x1b" not in page and "\x07" not in page
    if typed.startswith("<"):
        assert "&lt;script&gt;" in page
    assert "pwned" not in (served.room / "bindings.toml").read_text()


async def test_a_locked_room_refuses_newcomers_not_those_already_in(
        site: tuple[Served, str]) -> None:
    """You should see 'The room is locked' as a newcomer; a joined browser still plays."""
    served, link = site
    room = open_room(served.room)
    async with Browser(link) as known, Browser(link) as newcomer:
        assert (await known.join("kim"))[0] == 303
        screen = await known.open()
        await screen.wait_for(FIRST_SCENE)
        await screen.close()
        writer = ControlWriter(room, 3)
        writer.lock()
        try:
            status, page = await newcomer.join("newbie")
            assert status == 403 and "The room is locked" in page
            status, _ = await known.join("kim")  # coming back: no passcode, not new
            assert status == 303
            screen = await known.open()
            await screen.wait_for(FIRST_SCENE)
            await screen.close()
        finally:
            writer.lock(False)


async def test_the_room_counts_browser_participants(site: tuple[Served, str]) -> None:
    """The dashboard's presence file shows a browser participant online, then gone."""
    served, link = site
    room = open_room(served.room)
    async with Browser(link) as browser:
        await browser.join("pia")
        screen = await browser.open()
        await screen.wait_for(FIRST_SCENE)

        def online() -> bool:
            presence = read_presence(room)
            return bool(presence and presence.seen.get("pia") and presence.seen["pia"].online)

        wait_until(online, what="pia online in presence.json")
        await screen.close()
        wait_until(lambda: not online(), what="pia offline in presence.json")
    await settle()


async def test_a_second_page_takes_over_the_first(site: tuple[Served, str]) -> None:
    """Opening the session in a second tab closes the first, as a second ssh does."""
    _served, link = site
    async with Browser(link) as browser:
        await browser.join("tia")
        first = await browser.open()
        await first.wait_for(FIRST_SCENE)
        second = await browser.open()
        await second.wait_for(FIRST_SCENE)
        await first.wait_closed()
        await second.close()


def test_no_ssh_serves_browsers_only(tmp_path: Path) -> None:
    """With --no-ssh nothing listens for SSH; the page works."""
    import asyncio
    import socket

    served, link = web_server(tmp_path, no_ssh=True)
    try:
        assert not [line for line in served.output if line.startswith("Participants join with")]
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", served.port), 2):
            pass

        async def play() -> None:
            async with Browser(link) as browser:
                assert (await browser.join("una"))[0] == 303
                screen = await browser.open()
                await screen.wait_for(FIRST_SCENE)
                await screen.close()

        asyncio.run(play())
    finally:
        served.stop()


async def test_a_huge_paste_is_cut_and_the_session_stays(site: tuple[Served, str]) -> None:
    """A 4 MB paste (one message from the page) is cut as over SSH, not the end of the
    session: the app still answers keys, and the log notes the cut."""
    served, link = site
    async with Browser(link) as browser:
        await browser.join("pam")
        screen = await browser.open()
        await screen.wait_for(FIRST_SCENE)
        await screen.press("\x1b[200~" + "x" * (4 * 1024 * 1024) + "\x1b[201~")
        await screen.press("a" * (512 * 1024))  # a key flood: mostly dropped
        await settle(0.5)
        await screen.wait_for(CHOSEN, after=await screen.press("3"))
        await screen.close()
    assert wait_until(lambda: "pam: a paste was cut by" in served.log(),
                      what="the cut paste in server.log")


def test_shutdown_saves_and_leaves_no_process(site: tuple[Served, str]) -> None:
    """ctrl+c on the server: every browser session's process is gone, the server says so."""
    served, link = site
    import asyncio

    async def open_one() -> tuple[Browser, object]:
        browser = Browser(link)
        await browser.join("sam")
        screen = await browser.open()
        await screen.wait_for(FIRST_SCENE)
        return browser, screen

    loop = asyncio.new_event_loop()
    try:
        browser, screen = loop.run_until_complete(open_one())
        processes = descendants(served.proc.pid)
        assert len(processes) >= 2  # the zygote and sam's session
        assert served.stop() == 0
        text = loop.run_until_complete(screen.wait_closed())  # type: ignore[attr-defined]
        assert "The workshop server stopped. Everything you did is saved." in text
        loop.run_until_complete(browser.__aexit__())
    finally:
        loop.close()
    assert "Stopped." in "\n".join(served.output)
    assert not [pid for pid in processes if alive(pid)]


def test_an_idle_page_is_closed_with_a_browser_s_way_back(tmp_path: Path) -> None:
    """After --idle-timeout without a key, the page reads why and how to come back (its own
    page, not an ssh command), and the session process ends."""
    import asyncio

    served, link = web_server(tmp_path, extra=("--idle-timeout", "2"))
    try:
        async def idle() -> str:
            async with Browser(link) as browser:
                await browser.join("ida")
                screen = await browser.open()
                await screen.wait_for(FIRST_SCENE)
                return await screen.wait_closed()

        text = asyncio.run(idle())
    finally:
        served.stop()
    assert "Closed after a long time without a key press" in text
    assert "opening the workshop's page again brings you back" in text and "ssh " not in text
