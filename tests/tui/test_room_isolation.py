"""Room mode reaches the participant's own session and nothing else (issue 12, item 1).

The server's data folder holds the facilitator's own private session; the participant's app
is built exactly as the SSH server builds it. Its palette, its store and its message routes
must never list, open, write or export that session, nor name a server path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rooms.roomkit import MINI, join, make_room
from tests.tui.conftest import settle
from workshop.errors import RecordError
from workshop.record import SessionStore
from workshop.rooms import Room
from workshop.scenario import load_workshop
from workshop.ssh.participant import build_app
from workshop.tui.app import WorkshopApp
from workshop.tui.messages import ExportNotes, GoHome, OpenSession, ShowHistory, StartTrack
from workshop.tui.room import RoomSceneScreen
from workshop.tui.screens.dialogs import ExportDialog, PickDialog
from workshop.tui.screens.home import HomeScreen

SECRET = "FACILITATOR-PRIVATE-7Q4"


@pytest.fixture
def server(data_dir: Path) -> tuple[Path, str, Room]:
    """The server's data folder with the facilitator's own private session, and a room."""
    store = SessionStore.default(data_dir)
    own = store.create(load_workshop(MINI))
    own.set_notes(f"my private note {SECRET}")
    room = make_room(data_dir)
    join(room, "alice")
    return own.path, own.id, room


def room_app(room: Room, data_dir: Path) -> WorkshopApp:
    app = build_app(room.path, "alice", data_dir)
    assert isinstance(app, WorkshopApp)
    return app


def palette(app: WorkshopApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


def files_under(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


async def test_the_room_palette_offers_only_the_participants_own_session(
        server: tuple[Path, str, Room], data_dir: Path) -> None:
    """ctrl+p in a room lists Export notes, Notes, Look back, Keys, Theme, Quit: no History,
    Home, Jump to scenario or Screenshot (which writes a file on the server)."""
    _, _, room = server
    app = room_app(room, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RoomSceneScreen)
        titles = palette(app)
    assert {"Export notes", "Notes", "Look back", "Keys", "Theme", "Quit"} <= set(titles)
    assert not [t for t in titles if t in ("History", "Home", "Screenshot")
                or t.startswith("Jump to scenario")], titles


async def test_a_room_session_sees_only_its_own_record(
        server: tuple[Path, str, Room], data_dir: Path) -> None:
    """The room app's store lists alice's record alone; the facilitator's session cannot be
    opened by id or by path, and the app's data folder is inside the room."""
    own_path, own_id, room = server
    app = room_app(room, data_dir)
    assert [s.id for s in app.context.summaries()] == ["alice"]
    for asked in (own_id, str(own_path), "../participants/alice", "bob"):
        with pytest.raises(RecordError):
            app.context.open_session(asked)
    chosen = app.context.options.data_dir
    assert chosen is not None and chosen.resolve().is_relative_to(room.path.resolve())
    assert app.context.unfinished() is not None and app.context.unfinished().id == "alice"


async def test_posted_routes_to_other_sessions_do_nothing_in_a_room(
        server: tuple[Path, str, Room], data_dir: Path) -> None:
    """Should StartTrack, OpenSession, ShowHistory or GoHome be posted in a room anyway, you
    see a warning and stay on your own scene: no history dialog, no home, no new record, and
    the facilitator's files unchanged."""
    own_path, own_id, room = server
    before = files_under(data_dir)
    app = room_app(room, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for message in (StartTrack(track_id="full"), StartTrack(scenario_id="opening"),
                        OpenSession(own_id), OpenSession(str(own_path)), ShowHistory(),
                        GoHome()):
            app.post_message(message)
            await settle(pilot)
            assert isinstance(app.screen, RoomSceneScreen), (message, app.screen)
            assert not any(isinstance(s, PickDialog | HomeScreen) for s in app.screen_stack)
            assert app.context.session is not None and app.context.session.id == "alice"
    assert files_under(data_dir).keys() == before.keys()
    assert own_path.read_bytes() == before[own_path]
    assert sorted(p.name for p in room.participants_dir.iterdir()) == ["alice.toml"]


async def test_export_notes_in_a_room_shows_the_ssh_line_and_writes_nothing(
        server: tuple[Path, str, Room], data_dir: Path) -> None:
    """Export notes in a room shows `ssh ... alice@HOST export > notes.md` and a preview of
    alice's own notes: no file is written on the server and no server path is shown."""
    _, _, room = server
    (room.path / "join.txt").write_text("ssh -p 2222 NAME@workshop.example\n")
    before = files_under(data_dir)
    app = room_app(room, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.post_message(ExportNotes())
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.heading.endswith("ssh -p 2222 alice@workshop.example export > notes.md")
        assert str(data_dir) not in dialog.heading and SECRET not in dialog.text
    assert files_under(data_dir).keys() == before.keys()
    assert not (data_dir / "exports").exists()


async def test_the_deploy_doc_names_every_room_palette_entry(
        server: tuple[Path, str, Room], data_dir: Path) -> None:
    """docs/deploy.md's "What a participant can reach" lists exactly what the palette has."""
    _, _, room = server
    doc = (Path(__file__).resolve().parents[2] / "docs" / "deploy.md").read_text()
    section = doc.split("## What a participant can reach", 1)[1].split("\n## ", 1)[0]
    app = room_app(room, data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [t for t in palette(app) if t not in ("Maximize", "Minimize")]
    for title in titles:
        assert title in section, title


async def test_the_keys_screen_in_a_room_lists_the_rooms_keys(
        server: tuple[Path, str, Room], data_dir: Path) -> None:
    """? in a room lists look back and sharing, and no history, home, jumps or undo."""
    from workshop.tui.screens.help import HelpScreen

    _, _, room = server
    app = room_app(room, data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        described = " ".join(what for _, what in app.screen.keys).lower()
    assert "look back" in described and "share" in described
    for word in ("history", "home screen", "jump", "take back"):
        assert word not in described, word
