"""SVG snapshots of what test_snapshots.py does not show: the other two themes on the scene
screen, the keys (help) screen, the dialogs, the notes pane open, a room participant's scene,
the look-back (issue 16, item 10) and the --watch notice in the header (item 8).

Each test first asserts that the screen it pictures is the one on show, then takes the
picture. Update them after a deliberate change with
``pytest tests/tui/test_snapshots_more.py --snapshot-update`` and look at the report. The
content is frozen (tests/tui/content/ and the rooms' mini workshop), rooms have a fixed code,
and the dialogs are given fixed text: nothing pictured shows a time, an id or a temp path.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.rooms.roomkit import join, make_room, play_opening
from workshop.rooms.control import ControlWriter
from workshop.ssh.participant import build_app
from workshop.tui.room import RoomSceneScreen
from workshop.tui.room.lookback import LookBackScreen
from workshop.tui.screens.dialogs import ExportDialog, PickDialog
from workshop.tui.screens.help import HelpScreen
from workshop.tui.screens.scene import SceneScreen
from workshop.tui.widgets.header import WATCH_NOTICE, ProgressHeader
from workshop.tui.widgets.notes import NotesPane

from .conftest import app_for

CONTENT = Path(__file__).resolve().parent / "content" / "snapshot-workshop"
GOLDEN_NOTES = Path(__file__).resolve().parents[1] / "export" / "golden" / "session.md"

Check = Callable[[Pilot[Any]], Awaitable[None]]


def steady(keys: list[str], check: Check) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Press the keys, assert what must be on screen, then stop cursors blinking."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        await check(pilot)
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.pause()

    return run_before


# -- the scene screen in the two themes test_snapshots.py leaves out -----------------------

@pytest.mark.parametrize("theme", ["staff-light", "colour-blind"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_scene_theme(theme: str, size: tuple[int, int], data_dir: Path,
                     snap_compare: Any) -> None:
    """The quick track's first scene in each theme: title, text and numbered choices."""
    app = app_for(data_dir, content=CONTENT, theme=theme, play=True, track="quick")

    async def check(pilot: Pilot[Any]) -> None:
        assert isinstance(pilot.app.screen, SceneScreen)
        assert pilot.app.theme == theme

    assert snap_compare(app, terminal_size=size, run_before=steady([], check))


# -- the keys screen, the notes pane ---------------------------------------------------

@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(size: tuple[int, int], data_dir: Path, snap_compare: Any) -> None:
    """? on a scene: every key, over the scene."""
    app = app_for(data_dir, content=CONTENT, play=True, track="quick")

    async def check(pilot: Pilot[Any]) -> None:
        assert isinstance(pilot.app.screen, HelpScreen)

    assert snap_compare(app, terminal_size=size, run_before=steady(["question_mark"], check))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_notes_open(size: tuple[int, int], data_dir: Path, snap_compare: Any) -> None:
    """n on a scene, then a line typed: the private notes pane beside (or under) the scene."""
    app = app_for(data_dir, content=CONTENT, play=True, track="quick")

    async def check(pilot: Pilot[Any]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, SceneScreen)
        pane = screen.query_one(NotesPane)
        assert pane.display
        assert "ask Dana" in pane.query_one(TextArea).text

    assert snap_compare(app, terminal_size=size,
                        run_before=steady(["n", *"ask Dana"], check))


# -- the dialogs ---------------------------------------------------------------------

def test_export_dialog(data_dir: Path, snap_compare: Any) -> None:
    """The export dialog over a scene: where the notes went, and a preview of them."""
    app = app_for(data_dir, content=CONTENT, play=True, track="quick")
    notes = GOLDEN_NOTES.read_text(encoding="utf-8")

    async def check(pilot: Pilot[Any]) -> None:
        await pilot.app.push_screen(ExportDialog(Path("~/notes/staff-path.md"), notes))
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportDialog)

    assert snap_compare(app, terminal_size=(80, 24), run_before=steady([], check))


def test_pick_dialog(data_dir: Path, snap_compare: Any) -> None:
    """The history dialog over home: past sessions, newest first, the first one picked."""
    app = app_for(data_dir, content=CONTENT)
    items = [
        ("20260105-090000-a1b2", "2026-01-05 09:40  Snapshot Workshop",
         "quick track · 2 of 4 scenarios done · 20260105-090000-a1b2"),
        ("20251201-170000-c3d4", "2025-12-01 17:55  Snapshot Workshop",
         "full track · finished · 20251201-170000-c3d4"),
        ("20251120-080000-e5f6", "2025-11-20 08:10  Snapshot Workshop",
         "one scenario: The outage that is not yours · finished · 20251120-080000-e5f6"),
    ]

    async def check(pilot: Pilot[Any]) -> None:
        await pilot.app.push_screen(PickDialog("History", items))
        await pilot.pause()
        assert isinstance(pilot.app.screen, PickDialog)

    assert snap_compare(app, terminal_size=(80, 24), run_before=steady([], check))


# -- room mode -----------------------------------------------------------------------

@pytest.fixture
def room_app(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A participant's app, as the SSH server builds it, in a room with a fixed code that
    holds at the first step and broadcasts a line."""
    room = make_room(data_dir, code="k7m2qx", monkeypatch=monkeypatch, title="Staff path, May")
    join(room, "alice")
    writer = ControlWriter(room, steps=3)
    writer.say("Pick before you look at anyone else's screen")
    return build_app(room.path, "alice", data_dir)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_room_scene(size: tuple[int, int], room_app: Any, snap_compare: Any) -> None:
    """A participant's first scene in a room: the room's banner with the broadcast line."""

    async def check(pilot: Pilot[Any]) -> None:
        assert isinstance(pilot.app.screen, RoomSceneScreen)

    assert snap_compare(room_app, terminal_size=size, run_before=steady([], check))


def test_room_look_back(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                        snap_compare: Any) -> None:
    """b in a room, after the first scenario: the participant's own way so far, read only."""
    room = make_room(data_dir, code="k7m2qx", monkeypatch=monkeypatch, title="Staff path, May")
    play_opening(join(room, "alice"), text="I would write the design doc first")
    app = build_app(room.path, "alice", data_dir)

    async def check(pilot: Pilot[Any]) -> None:
        assert isinstance(pilot.app.screen, LookBackScreen)
        assert "I would write the design doc first" in pilot.app.screen.text.plain

    assert snap_compare(app, terminal_size=(80, 24), run_before=steady(["b"], check))


# -- watching files (authors) -------------------------------------------------------------

def test_watch_notice(data_dir: Path, snap_compare: Any) -> None:
    """`workshop play PATH --watch`: the header's second line says files are watched and
    nothing is saved."""
    app = app_for(data_dir, content=CONTENT, play=True, track="quick", watch=True)

    async def check(pilot: Pilot[Any]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, SceneScreen) and screen.session.path is None
        assert screen.query_one(ProgressHeader).notice == WATCH_NOTICE

    assert snap_compare(app, terminal_size=(80, 24), run_before=steady([], check))
