"""The README stays true (issue 16, item 9): its "What it looks like" section shows a real
screenshot and the track lengths the bundled workshop declares; "Set up" keeps its two
commands."""

from __future__ import annotations

import re
from pathlib import Path

from workshop.scenario import load_workshop

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else None]


def test_set_up_keeps_exactly_its_two_commands() -> None:
    """"Set up" has the install-and-run command and the test command, and nothing else to
    type."""
    blocks = re.findall(r"```sh\n(.*?)```", section("Set up"), flags=re.S)
    assert blocks == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/workshop\n",
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m "
        "pytest\n",
    ]


def test_the_screenshot_is_there_and_small() -> None:
    """The README's picture is a PNG in docs/images/, under 200 KB, with words for those who
    cannot see it."""
    shown = re.findall(r"!\[([^\]]+)\]\(([^)]+)\)", section("What it looks like"))
    assert shown, "no picture in 'What it looks like'"
    for alt, target in shown:
        path = ROOT / target
        assert target.startswith("docs/images/") and path.suffix == ".png"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size < 200 * 1024
        assert len(alt.split()) >= 5


def test_track_minutes_match_the_bundled_workshop() -> None:
    """Each track's row gives the minutes workshop.toml declares for it."""
    workshop = load_workshop(ROOT / "scenarios" / "staff-path")
    text = section("What it looks like")
    for track in workshop.tracks:
        row = next(line for line in text.splitlines() if line.startswith(f"| {track.title} |"))
        assert row.endswith(f"| {track.minutes} minutes |"), row
