"""Small traps in `workshop history` and `workshop export` (issue 16): a readable track
column at 80 columns, and ``-o -`` meaning standard output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.record.helpers import MINI, SENIOR_PATH, fixed_clock, mini, play
from workshop.cli import main
from workshop.paths import records_dir
from workshop.record import SessionStore
from workshop.scenario import load_workshop


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "80")
    return tmp_path / "home"


def test_history_names_a_one_scenario_session_in_words_at_80_columns(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """At 80 columns the track column reads "one scenario: The week" (its title, wrapped if
    need be) and "Short track", never an id cut to "scenario:…"."""
    store = SessionStore(records_dir(home), clock=fixed_clock())
    store.create(mini(), scenario_id="the-week")
    store.create(mini(), "short")
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    words = " ".join(out.split())
    assert "one scenario:" in words and "Short track" in words
    title = mini().scenarios["the-week"].title
    assert all(word in out for word in title.split())


def test_history_keeps_the_track_id_when_the_workshop_is_gone(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A session whose workshop can no longer be found still shows its track, in full:
    "one scenario: the-week"."""
    copy = tmp_path / "gone"
    shutil.copytree(MINI, copy)
    store = SessionStore(records_dir(home), clock=fixed_clock())
    store.create(load_workshop(copy), scenario_id="the-week")
    shutil.rmtree(copy)
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "…" not in out
    assert "one scenario:" in out and "the-week" in out


def test_export_to_dash_writes_to_standard_output(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`workshop export -o -` prints the notes, as without -o, and leaves no file named "-"
    behind."""
    store = SessionStore(records_dir(home), clock=fixed_clock())
    session = play(store.create(mini()), SENIOR_PATH)
    monkeypatch.chdir(tmp_path)
    assert main(["export", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("---\n") and f'session: "{session.id}"' in out
    assert not (tmp_path / "-").exists()
    assert main(["export", session.id, "-f", "json", "--output", "-"]) == 0
    assert capsys.readouterr().out.lstrip().startswith("{")
    assert not (tmp_path / "-").exists()
