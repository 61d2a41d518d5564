"""The browser's projector page shows the browser link too when the server serves browsers."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from tests.rooms.roomkit import join, make_room, play_opening, publish
from tests.web.webkit import start_projector
from workshop.rooms.joinline import publish_join, publish_web
from workshop.web.projector import projector_link


async def page_of(tmp_path: Path, *, web_link: str | None) -> str:
    """The projector page's HTML, served with the lines the running server published."""
    room = make_room(tmp_path)
    play_opening(join(room, "ana"))
    publish(room)
    publish_join(room.path, "ssh -p 2222 NAME@workshop.example")
    publish_web(room.path, web_link)
    runner, base, token = await start_projector(room)
    try:
        async with aiohttp.ClientSession() as client, \
                client.get(projector_link(base, token)) as response:
            assert response.status == 200
            return await response.text()
    finally:
        await runner.cleanup()


async def test_the_page_shows_the_browser_link_beside_the_ssh_line(tmp_path: Path) -> None:
    """The page should read "Join with" the ssh line, then "or in a browser" and the link."""
    html = await page_of(tmp_path, web_link="http://workshop.example:8080/")
    assert "ssh -p 2222 NAME@workshop.example" in html
    assert "or in a browser" in html
    assert '<p class="join" id="web">http://workshop.example:8080/</p>' in html


async def test_no_browser_link_when_the_server_serves_none(tmp_path: Path) -> None:
    html = await page_of(tmp_path, web_link=None)
    assert "ssh -p 2222 NAME@workshop.example" in html and "or in a browser" not in html
