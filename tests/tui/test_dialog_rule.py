"""Dialogs share one frame rule, and screens keep their styles in .tcss files beside them."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from textual.screen import ModalScreen, Screen

import workshop.tui
from tests.rooms.roomkit import MINI, join, make_room, play_opening
from workshop.play import PlayOptions
from workshop.tui.app import WorkshopApp, make_app
from workshop.tui.dashboard import DashboardApp
from workshop.tui.dialog import Dialog

TUI = Path(workshop.tui.__file__).parent


def _screen_classes() -> list[type[Screen[object]]]:
    """Every screen class defined in workshop.tui."""
    found: dict[str, type[Screen[object]]] = {}
    for info in pkgutil.walk_packages([str(TUI)], "workshop.tui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == info.name:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]


def test_every_modal_dialog_shares_the_dialog_rule() -> None:
    """Each modal screen is a Dialog, and the centred frame is written once: you should see
    `align: center middle` in workshop/tui/dialog.py and in no dialog's own CSS."""
    modals = [cls for cls in _screen_classes() if issubclass(cls, ModalScreen)]
    assert {cls.__name__ for cls in modals} >= {
        "PickDialog", "ExportDialog", "HelpScreen", "LookBackScreen", "LineDialog",
        "RemovedScreen",
    }
    assert [cls.__name__ for cls in modals if not issubclass(cls, Dialog)] == []
    sheets = [*TUI.rglob("*.tcss"), *TUI.rglob("*.py")]
    centred = sorted(
        str(path.relative_to(TUI)) for path in sheets
        if re.search(r"(?<!content-)align: center middle", path.read_text(encoding="utf-8"))
    )
    assert centred == ["dialog.py"]


def test_dashboard_and_room_screens_keep_their_css_in_tcss_files() -> None:
    """The dashboard and the room screens carry no inline CSS: you should find their rules in
    .tcss files beside their modules, each one listed by the app that shows them."""
    assert DashboardApp.CSS == ""
    dashboard = TUI / "dashboard"
    assert [dashboard / p for p in DashboardApp.CSS_PATH] == [  # type: ignore[union-attr]
        dashboard / "app.tcss", dashboard / "dialogs.tcss"
    ]
    for cls in _screen_classes():
        if cls.__module__.startswith(("workshop.tui.dashboard", "workshop.tui.room")):
            assert "DEFAULT_CSS" not in vars(cls), cls.__name__
            assert not cls.CSS, cls.__name__
    sheets = {TUI / p for p in WorkshopApp.CSS_PATH}  # type: ignore[union-attr]
    assert {TUI / "room" / "screen.tcss", TUI / "room" / "lookback.tcss"} <= sheets
    for sheet in sheets | {dashboard / p for p in DashboardApp.CSS_PATH}:  # type: ignore[union-attr]
        assert sheet.is_file(), sheet


@pytest.mark.parametrize("which", ["pick", "export", "help", "lookback", "removed"])
async def test_each_dialog_is_a_centred_framed_panel(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str) -> None:
    """Open over a room participant's scene at 80x24, every dialog shows as a bordered panel
    centred on the screen (as many columns free left as right)."""
    from workshop.tui.room.lookback import LookBackScreen
    from workshop.tui.room.screen import RemovedScreen
    from workshop.tui.screens.dialogs import ExportDialog, PickDialog
    from workshop.tui.screens.help import HelpScreen

    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path / "config"))
    room = make_room(tmp_path)
    ana = join(room, "ana")
    play_opening(ana)
    app = make_app(PlayOptions(content=MINI, data_dir=tmp_path, room=room.path, handle="ana",
                              resume=str(ana.path)))
    dialogs = {
        "pick": lambda: PickDialog("History", [("a", "First", "detail")]),
        "export": lambda: ExportDialog(tmp_path / "notes.md", "# Notes\n"),
        "help": HelpScreen,
        "lookback": lambda: LookBackScreen(ana.journey),
        "removed": RemovedScreen,
    }
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = dialogs[which]()
        app.push_screen(dialog)
        await pilot.pause()
        frame = dialog.query_one(".dialog")
        region = frame.region
        assert region.width > 20 and region.height > 2
        assert abs(region.x - (80 - region.right)) <= 1
        assert abs(region.y - (24 - region.bottom)) <= 1
        assert frame.styles.border_top[0] == "thick"
