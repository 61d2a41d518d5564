"""The command palette (ctrl+p, issue 16): the workshop's commands first, none of Textual's
that mean nothing here, and a typed word finds the command before any scenario title."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from workshop.tui.app import WorkshopApp

from .conftest import EXAMPLE, app_for

HIDDEN = ("Maximize", "Minimize", "Screenshot", "Quit the application as soon as possible",
          "Show help for the focused widget")
"""What Textual's own palette offers that the workshop does not."""


async def palette_rows(pilot: Pilot[object], app: WorkshopApp, typed: str = "") -> list[str]:
    """Open the palette, type ``typed``, and read its entries top to bottom (title — help)."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    if typed:
        await pilot.press(*typed)
    # The palette gathers its entries in a worker: wait until the list holds still.
    rows: list[str] = []
    for _ in range(50):
        await pilot.pause(0.05)
        commands = app.screen.query_one(CommandList)
        now = [f"{option.hit.text} — {option.hit.help}"
               for option in commands.options if hasattr(option, "hit")]
        if now and now == rows:
            break
        rows = now
    return rows


async def test_the_palette_opens_on_the_workshops_commands_only(data_dir: Path) -> None:
    """ctrl+p on a scene lists Export notes, History, Notes, Home, Keys, Theme and Quit, in
    that order, and nothing of Textual's (no Maximize, Screenshot, "quit as soon as
    possible", no second Keys)."""
    app = app_for(data_dir, track="quick", play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = await palette_rows(pilot, app)
    titles = [row.split(" — ")[0] for row in rows]
    assert titles == ["Export notes", "History", "Notes", "Home", "Keys", "Theme", "Quit"]
    assert not [row for row in rows for word in HIDDEN if word in row]


async def test_typing_theme_finds_the_theme_command_first(data_dir: Path,
                                                           tmp_path: Path) -> None:
    """Typing "theme" puts the theme command at the top, above a scenario whose title
    holds the word ("Theme of the week"); "jump" still finds the scenarios."""
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    scenario = content / "check-in.toml"
    scenario.write_text(scenario.read_text(encoding="utf-8").replace(
        'title = "Checking in"', 'title = "Theme of the week"', 1), encoding="utf-8")
    app = app_for(data_dir, content=content, play=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = await palette_rows(pilot, app, "theme")
        assert rows[0].startswith("Theme — ")
        assert any(row.startswith("Jump to scenario: Theme of the week") for row in rows)
        await pilot.press("escape")
        await pilot.pause()
        jumps = await palette_rows(pilot, app, "jump")
    assert jumps and all(row.startswith("Jump to scenario: ") for row in jumps)
