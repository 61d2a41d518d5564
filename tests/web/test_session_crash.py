"""A browser session whose process dies without a goodbye is closed with a note."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from tests.ssh.conftest import descendants, wait_until
from tests.web.webkit import Browser, web_server

FIRST_SCENE = "Join Dana's incident channel"


async def test_a_session_process_that_dies_closes_the_page_with_a_note(tmp_path: Path) -> None:
    """Kill a browser participant's session process: the page says the session stopped and
    that everything is saved, the connection closes, and the server sees them leave. Before,
    the page sat on a frozen screen and the handle stayed connected until the tab closed or
    the half-hour idle timeout."""
    served, link = web_server(tmp_path)
    try:
        async with Browser(link) as browser:
            await browser.join("odile")
            page = await browser.open()
            await page.wait_for(FIRST_SCENE)
            # The sessions are the zygote's children: below the server, not directly.
            sessions = [pid for pid in descendants(served.proc.pid)
                        if int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1]
                               .split()[1]) != served.proc.pid]
            assert len(sessions) == 1, sessions
            os.kill(sessions[0], signal.SIGKILL)
            text = await page.wait_closed(timeout=20)
            assert "Your session stopped unexpectedly" in text
            assert "reload the page to continue" in text
        wait_until(lambda: "odile left" in served.log(), what="the server to see odile leave")
    finally:
        served.stop()
