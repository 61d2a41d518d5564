"""What makes a participant's session start fast keeps the session the same.

Room mode opens straight on the participant's scene (home is never built: issue 12 keeps a
participant on their own session),
and the zygote's shared CSS cache gives a second app exactly the styles of the first without
parsing anything again.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet
from textual.widgets import Static

from workshop.rooms import create_room
from workshop.scenario import load_workshop
from workshop.ssh import participant
from workshop.tui import css_cache
from workshop.tui.messages import GoHome
from workshop.tui.room import RoomSceneScreen
from workshop.tui.screens.home import HomeScreen

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "first-workshop"


@pytest.fixture
def room_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path / "config"))
    room = create_room("Fast", workshop=load_workshop(EXAMPLE), data_dir=tmp_path,
                       content=EXAMPLE)
    return room.path


async def test_a_participant_opens_on_their_scene_and_home_keeps_them_there(
        room_dir: Path, tmp_path: Path) -> None:
    app = participant.build_app(room_dir, "alice", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RoomSceneScreen)
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        app.post_message(GoHome())
        await pilot.pause()
        assert isinstance(app.screen, RoomSceneScreen)
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)


async def test_a_participant_plays_to_the_reflection_and_stays_on_it(
        room_dir: Path, tmp_path: Path) -> None:
    """Room mode opens on the scene without home below it: finishing the track still
    shows the reflection, and home (h) leads back to that reflection, never to home's
    tracks and history."""
    from tests.tui.conftest import step
    from workshop.tui.screens.reflection import ReflectionScreen

    app = participant.build_app(room_dir, "alice", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RoomSceneScreen)
        for _ in range(40):
            if isinstance(app.screen, ReflectionScreen):
                break
            await step(pilot, app)
            await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        hint = str(app.screen.query_one("#reflection-hint", Static).render())
        assert "goes home" not in hint and "take your notes home" in hint
        assert "h" not in app.active_bindings
        await pilot.press("h")
        app.post_message(GoHome())
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)


async def test_a_second_app_finds_its_styles_parsed_and_looks_the_same(
        room_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Put Textual's own method back after the test (the server sets this once, for good).
    monkeypatch.setattr(Stylesheet, "_parse_rules", Stylesheet._parse_rules)
    css_cache.share_parsed_css()
    pictures = []
    entries = []
    for handle in ("alice", "bob"):
        app = participant.build_app(room_dir, handle, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            pictures.append(app.export_screenshot())
        entries.append(css_cache.shared_entries())
    assert entries[0] > 0
    assert entries[1] == entries[0], "the second app parsed a stylesheet again"
    assert pictures[0] == pictures[1]


async def test_a_participants_first_screen_is_not_drawn_to_be_thrown_away(
        room_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pushed during Textual's start-up batch, the scene was laid out and drawn, the drawing
    thrown away (nothing reaches the terminal in a batch), then laid out and drawn again: a
    fifth of a join's CPU to its first frame. It is pushed after the batch now, and the
    stand-in screen under it is never drawn."""
    from textual.app import App

    drawn: list[tuple[str, bool]] = []
    display = App._display

    def recording(self: App[object], screen: object, renderable: object) -> None:
        if renderable is not None:
            drawn.append((type(screen).__name__, bool(self._batch_count)))
        display(self, screen, renderable)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "_display", recording)
    app = participant.build_app(room_dir, "alice", tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause(0.2)
        assert isinstance(app.screen, RoomSceneScreen)
    assert drawn and drawn[0] == ("RoomSceneScreen", False), drawn
    assert not [frame for frame in drawn if frame[1]], "a frame was drawn inside the batch"
    assert {name for name, _ in drawn} == {"RoomSceneScreen"}, drawn


def test_a_session_starts_with_the_cycle_collector_paused_then_it_runs_again(
        room_dir: Path) -> None:
    """A zygote child runs its app with Python's cycle collector paused (about 5% of its CPU
    to the first frame), and the collector runs again a moment later."""
    import gc
    import os

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # a zygote child, with the app replaced by a look at the collector
        status = 1
        try:
            os.close(read)

            def look(*_args: object, **_kwargs: object) -> int:
                timer = next(t for t in threading.enumerate() if isinstance(t, threading.Timer))
                during = gc.isenabled()
                timer.join(10)
                os.write(write, f"{during} {gc.isenabled()}".encode())
                return 0

            participant.run_participant = look  # type: ignore[assignment]
            participant.START_WITHOUT_COLLECTOR = 0.2
            status = participant.child_main({"room": str(room_dir), "handle": "alice",
                                             "term": "xterm-256color"})
        finally:
            os._exit(status)
    os.close(write)
    try:
        seen = os.read(read, 100).decode()
    finally:
        os.close(read)
        os.waitpid(pid, 0)
    assert seen == "False True", seen


def test_the_session_starter_says_ready_only_after_its_preload() -> None:
    """The server listens once the zygote is ready: its first message comes after the
    preload, so a joiner never waits for (or competes with) that one-time work."""
    import os
    import signal
    import time

    from workshop.ssh import zygote

    def preload() -> None:
        time.sleep(0.3)

    started = time.monotonic()
    pid, sock = zygote.start(preload, lambda request: 0)
    try:
        message, fd = zygote.receive_message(sock)
        assert message == {"op": "ready"} and fd is None
        assert time.monotonic() - started >= 0.3
    finally:
        sock.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
