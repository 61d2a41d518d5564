"""End to end in a real headless chromium against a real ``workshop serve --web``.

A participant's whole way through the page, as a person does it: the join form (with the
passcode where the room has one), the first scene drawn in the page's terminal, a choice taken
with a key and another with a mouse click, a reload that comes back at the same step, the
notes downloaded from the page's bar, and the reason a locked room gives, on the page.

What the terminal shows is read from xterm.js's own buffer (the cells it draws, whatever its
renderer: WebGL, canvas or DOM). textual-serve's script keeps its terminal to itself, so an
init script (run before the page's own, allowed by any content security policy) notes the
object as the script stores it. The rig (Debian's chromium, driven by Playwright) is
tests/web/conftest.py's; the server is tests/web/webkit.py's.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.ssh.conftest import Served
from tests.web.webkit import web_server
from workshop.rooms import open_room
from workshop.rooms.control import ControlWriter

if TYPE_CHECKING:
    from playwright.async_api import Page

FIRST_SCENE = "Join Dana's incident channel and offer what you see"
BY_KEY = "You chose: Join Dana's incident channel"
BY_CLICK = "Add a retry on your side and go back to sleep"
NEXT_SCENE = "Your notes from the night are already in the shared"

NOTE_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal",
                          {value, writable: true, configurable: true, enumerable: true});
    window.__workshopTerminal = value;
  },
});
"""
"""textual.js does ``this.terminal = new Terminal(...)``: the assignment meets this setter on
the way up the prototype chain, which makes it an ordinary property again and keeps the
terminal where the test can read it."""

READ_SCREEN = """() => {
  const terminal = window.__workshopTerminal;
  if (!terminal) return null;
  const buffer = terminal.buffer.active;
  const lines = [];
  for (let row = 0; row < terminal.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    lines.push(line ? line.translateToString(true) : "");
  }
  return {cols: terminal.cols, rows: terminal.rows, lines};
}"""


class Terminal:
    """The page's terminal: what it shows, and where a text is on the screen."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.cols = 0
        self.rows = 0
        self.lines: list[str] = []

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    async def read(self) -> str:
        """The screen as its rows of text."""
        screen = await self.page.evaluate(READ_SCREEN)
        if screen is not None:
            self.cols, self.rows, self.lines = screen["cols"], screen["rows"], screen["lines"]
        return self.text

    async def wait_for(self, text: str, timeout: float = 30) -> str:
        """Read until ``text`` is on the screen."""
        deadline = time.monotonic() + timeout
        while text not in await self.read():
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} never appeared; the page's terminal showed:\n"
                            f"{self.text}")
            await asyncio.sleep(0.25)
        return self.text

    async def click(self, text: str) -> None:
        """Click the middle of the first cell of ``text`` with the mouse."""
        row = next(i for i, line in enumerate(self.lines) if text in line)
        col = self.lines[row].index(text)
        box = await self.page.locator(".xterm-screen").bounding_box()
        assert box is not None
        width, height = box["width"] / self.cols, box["height"] / self.rows
        await self.page.mouse.click(box["x"] + (col + 0.5) * width,
                                    box["y"] + (row + 0.5) * height)

    async def press(self, key: str) -> None:
        """A key typed into the terminal (which has the keyboard's focus, as on a click)."""
        await self.page.focus(".xterm-helper-textarea")
        await self.page.keyboard.press(key)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, str]]:
    served, link = web_server(tmp_path_factory.mktemp("room"), max_sessions=4)
    yield served, link
    served.stop()


async def join(page: Page, link: str, handle: str, passcode: str | None = None) -> None:
    """Open the link and send the join form, as a participant does."""
    await page.add_init_script(NOTE_TERMINAL)
    await page.goto(link + "/")
    await page.fill("#handle", handle)
    if passcode is not None:
        await page.fill("#passcode", passcode)
    await page.click("button[type=submit]")


async def test_join_play_with_keys_and_a_reload_resumes(site: tuple[Served, str],
                                                        page: Page) -> None:
    """You should see the first scene in the page, your keys take a choice and go on, and
    after reloading the page, the scene you had reached, not the first one."""
    served, link = site
    await join(page, link, "wren")
    await page.wait_for_url("**/play")
    terminal = Terminal(page)
    await terminal.wait_for(FIRST_SCENE)
    await terminal.press("3")
    await terminal.wait_for(BY_KEY)
    await terminal.press("Enter")
    await terminal.wait_for(NEXT_SCENE)

    await page.reload()
    terminal = Terminal(page)
    screen = await terminal.wait_for(NEXT_SCENE)
    assert FIRST_SCENE not in screen
    record = (served.room / "participants" / "wren.toml").read_text()
    assert "join-their-channel" in record


async def test_a_click_takes_a_choice_and_the_notes_hold_it(site: tuple[Served, str],
                                                            page: Page) -> None:
    """You should see a choice clicked with the mouse taken, and the notes the page's
    "Download my notes" gives (Markdown) name it."""
    _served, link = site
    await join(page, link, "mo")
    terminal = Terminal(page)
    await terminal.wait_for(FIRST_SCENE)
    await terminal.click(BY_CLICK)
    await terminal.wait_for(f"You chose: {BY_CLICK}")

    async with page.expect_download() as download_info:
        await page.click("#bar a")
    download = await download_info.value
    assert download.suggested_filename == "notes-mo.md"
    notes = Path(await download.path()).read_text(encoding="utf-8")
    assert 'session: "mo"' in notes  # the Markdown export's front matter: her own notes
    assert BY_CLICK in notes
    assert "Join Dana's incident channel" not in notes  # the choice made, not another


async def test_a_locked_room_says_so_on_the_page(site: tuple[Served, str], page: Page) -> None:
    """You should see 'The room is locked' on the join page, and no session start."""
    served, link = site
    writer = ControlWriter(open_room(served.room), 3)
    writer.lock()
    try:
        await join(page, link, "late")
        error = page.locator(".error")
        await error.wait_for()
        assert "The room is locked" in await error.inner_text()
        assert page.url.rstrip("/").endswith("/join")
        assert await page.locator(".xterm-screen").count() == 0
    finally:
        writer.lock(False)
    assert not (served.room / "participants" / "late.toml").exists()


async def test_a_room_with_a_passcode_asks_for_it(tmp_path: Path, page: Page) -> None:
    """You should see 'Wrong passcode' for a wrong one, and the first scene for the right
    one."""
    served, link = web_server(tmp_path / "data", passcode="tea-and-biscuits")
    try:
        await join(page, link, "pat", passcode="coffee")
        error = page.locator(".error")
        await error.wait_for()
        assert "Wrong passcode for this room." in await error.inner_text()
        await page.fill("#passcode", "tea-and-biscuits")
        await page.click("button[type=submit]")
        await Terminal(page).wait_for(FIRST_SCENE)
    finally:
        served.stop()


async def test_keys_reach_the_terminal_without_a_click_and_it_fits_the_window(
        site: tuple[Served, str], page: Page) -> None:
    """You should be able to press a key as soon as the scene is drawn (no click into the
    page first), and see the terminal's last row (the footer with the keys) inside the
    window. Before, the keyboard stayed on the page's body and the terminal was as tall as
    the whole window under a 28-pixel bar, so its last row was cut off."""
    _served, link = site
    await join(page, link, "kiri")
    await page.wait_for_url("**/play")
    terminal = Terminal(page)
    await terminal.wait_for(FIRST_SCENE)
    await page.keyboard.press("3")  # no focus() first, as a participant would type
    await terminal.wait_for(BY_KEY)
    bottom = await page.evaluate(
        "() => document.querySelector('#terminal').getBoundingClientRect().bottom")
    assert bottom <= await page.evaluate("() => window.innerHeight")


async def test_export_notes_points_to_the_page_s_link_not_to_ssh(
        site: tuple[Served, str], page: Page) -> None:
    """In a browser, the palette's Export notes says to use "Download my notes" at the top of
    the page. Before, it told a browser participant to run an ``ssh ... export`` command,
    which needs the ssh access a browser participant does not have."""
    _served, link = site
    await join(page, link, "tamsin")
    await page.wait_for_url("**/play")
    terminal = Terminal(page)
    await terminal.wait_for(FIRST_SCENE)
    await terminal.press("Control+p")
    await terminal.wait_for("Export notes")
    await page.keyboard.type("Export notes")
    await page.keyboard.press("Enter")
    screen = await terminal.wait_for("Download my notes")
    assert "ssh" not in screen.split("Take your notes home", 1)[1][:200]
