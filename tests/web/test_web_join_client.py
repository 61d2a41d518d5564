"""The browser-join benchmark's client (benchmarks/web_join.py) speaks textual-serve's
protocol: against a textual-serve of a tiny Textual app it gets the first frame, its keys
reach the app, and the server it started leaves no process behind."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "web_join.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("web_join_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def test_the_client_joins_a_textual_serve_session_and_types(tmp_path: Path) -> None:
    """One scripted browser joins, sees the app's first frame, presses ctrl+q (the app
    quits, so textual-serve closes the socket); the server stops with nothing left."""
    if importlib.util.find_spec("textual_serve") is None:
        pytest.skip("needs textual-serve (pip install -e .)")
    bench = load_bench()
    server = bench.start_web("tiny", tmp_path, 1)
    try:
        browser = bench.Browser(server, "one")
        await browser.join(0.0)
        assert browser.error is None and browser.first_frame is not None
        assert len(server.sessions()) == 1
        await browser.send("resize", {"width": 90, "height": 28})
        await browser.send("stdin", "\x11")  # ctrl+q
        assert browser._reader is not None
        await asyncio.wait_for(browser._reader, 30)  # the server closed the socket
        await browser.leave()
    finally:
        _took, left = bench.stop_web(server)
    assert left == 0
