"""SVG snapshots of each screen a player meets, small and large, in two themes.

Update them after a deliberate change with ``pytest tests/tui --snapshot-update`` and look at
the report. The content is a frozen copy of the example workshop (tests/tui/content/), the data
folder is fresh per test and nothing on these screens shows a time or an id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from .conftest import app_for

CONTENT = Path(__file__).resolve().parent / "content" / "snapshot-workshop"

SIZES = [(80, 24), (120, 40)]
THEMES = ["staff-dark", "high-contrast"]

# What to do before each picture: the track to start, then the keys to press.
SCREENS: dict[str, dict[str, Any]] = {
    "home": {"play": False, "keys": []},
    "scene": {"track": "quick", "keys": []},
    "consequence": {"track": "quick", "keys": ["3"]},
    "rating": {"track": "full", "keys": []},
    "prompt": {"track": "full", "keys": ["4", "1"]},
    "reflection": {"track": "quick", "keys": ["3", "enter", "1", "enter"]},
}


def keys_then_steady(keys: list[str]) -> Any:
    """Press the keys, then stop cursors blinking so every picture is the same."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(name: str, size: tuple[int, int], theme: str, data_dir: Path,
                snap_compare: Any) -> None:
    spec = SCREENS[name]
    play = spec.get("play", True)
    app = app_for(data_dir, content=CONTENT, theme=theme, play=play,
                  track=spec.get("track"))
    assert snap_compare(app, terminal_size=size, run_before=keys_then_steady(spec["keys"]))
