"""Plain mode plays every track of the bundled workshop to its reflection."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.plain.conftest import Output
from workshop.plain import run_plain
from workshop.plain.player import NOTE, QUIT, SKIP, UNDO
from workshop.plain.prompts import Option
from workshop.plain.reflect import DONE
from workshop.play import PlayOptions
from workshop.scenario import load_workshop

WORKSHOP = load_workshop(None)


class FirstChoicePrompter:
    """Takes the first option it may, rates 4, answers every question in a few words."""

    def __init__(self) -> None:
        self.steps = 0
        self.exported = False

    def select(self, question: str, options: Sequence[Option]) -> str:
        self.steps += 1
        assert self.steps < 500, "the track never ends"
        if question.startswith("Keep your notes?"):
            # Export the Markdown notes once, then leave.
            picked, self.exported = (DONE if self.exported else "md"), True
            return picked
        for option in options:
            if not option.disabled and option.value not in (NOTE, QUIT, SKIP, UNDO):
                return "4" if option.value == "1" and len(options) == 6 else option.value
        raise AssertionError(f"nothing to pick in {question!r}")

    def text(self, question: str, hint: str = "") -> str:
        return "A few honest words."

    def confirm(self, question: str, default: bool = True) -> bool:
        return default


@pytest.mark.parametrize("track", [t.id for t in WORKSHOP.tracks])
def test_every_track_reaches_the_reflection(
    track: str, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    out = Output()
    code = run_plain(PlayOptions(data_dir=data_dir, track=track),
                     prompter=FirstChoicePrompter(), out=out.renderer)
    assert code == 0
    [path] = (data_dir / "sessions").glob("*.toml")
    record = tomllib.loads(path.read_text(encoding="utf-8"))
    assert record["status"] == "finished"
    text = out.text
    reflection = text[text.index("Reflection"):]
    assert "Doing the staff work" in reflection or "doing" in reflection.lower()
    assert "A few honest words." in reflection, "the player's own words come back"
    assert f"workshop export {record['id']}" in reflection
    notes = tmp_path / f"staff-path-{record['id']}.md"
    assert f"Written: {notes}" in text
    assert "A few honest words." in notes.read_text(encoding="utf-8")
