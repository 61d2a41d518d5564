"""The browser rig: Debian's chromium, headless, driven by Playwright's Python API.

Playwright's own browser builds are never downloaded (no ``playwright install``): the tests
drive the system's ``/usr/bin/chromium`` (``WORKSHOP_CHROMIUM`` overrides the path), which
``.ci/run`` installs with apt-get. Without it, or without the ``playwright`` package, the
tests skip with a reason starting "needs ", which fails the run in CI (see
``tests/conftest.py``): a missing browser is a broken set-up there, never a silent skip.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.ssh.conftest import keys, tmux

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext, Page

__all__ = ["keys", "tmux"]  # the SSH tests' client keys and tmux, for mixed rooms

CHROMIUM = Path(os.environ.get("WORKSHOP_CHROMIUM", "/usr/bin/chromium"))
"""The system browser the tests drive."""

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Nothing of its own on the network: the tests must see only the traffic they cause.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_problem() -> str | None:
    """Why the browser tests cannot run here (None: they can)."""
    if importlib.util.find_spec("playwright") is None:
        return "needs the playwright package (pip install -e '.[test]')"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"needs chromium at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Records and settings go to a fresh folder: nothing of the user's is read."""
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path / "config"))
    return tmp_path / "home"


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[BrowserContext]:
    """A headless chromium with a fresh profile folder, closed after the test."""
    problem = browser_problem()
    if problem is not None:
        pytest.skip(problem)
    from playwright.async_api import async_playwright

    async with async_playwright() as driver:
        context = await driver.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM),
            headless=True, args=CHROMIUM_ARGS, accept_downloads=True)
        try:
            yield context
        finally:
            await context.close()


@pytest.fixture
async def page(browser: BrowserContext) -> Page:
    """A blank page in the test's browser."""
    return await browser.new_page()
