"""docs/deploy.md's room create sample matches what the command prints."""

from __future__ import annotations

import re
from pathlib import Path

from workshop.paths import bundled_workshop_dir
from workshop.scenario import load_workshop

DOC = (Path(__file__).resolve().parents[2] / "docs" / "deploy.md").read_text(encoding="utf-8")


def test_the_room_create_sample_counts_the_quick_tracks_scenarios() -> None:
    """`workshop room create --track quick` prints "Quick track (4 scenarios)" for the bundled
    workshop, and so does the sample in the docs."""
    workshop = load_workshop(bundled_workshop_dir())
    quick = next(track for track in workshop.tracks if track.id == "quick")
    shown = re.search(r"workshop: .*, (.+) \((\d+) scenarios\)", DOC)
    assert shown, "docs/deploy.md has no room create sample"
    assert (shown.group(1), int(shown.group(2))) == (quick.title, len(quick.scenarios))
