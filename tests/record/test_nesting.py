"""A record nested thousands deep is one broken record, not a RecursionError in every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.record.helpers import SENIOR_PATH, STAFF_PATH, fixed_clock, mini, play
from workshop.cli import main
from workshop.paths import records_dir
from workshop.record import SessionStore

DEEP_ID = "20250101-000000-deep"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path / "home"


@pytest.fixture
def played(home: Path) -> tuple[str, str, Path]:
    """A finished session, an unfinished one, and a copy of the unfinished one with a
    5,000-deep array in it (the issue's case)."""
    store = SessionStore(records_dir(home), clock=fixed_clock(step=3600))
    finished = play(store.create(mini()), SENIOR_PATH)
    unfinished = play(store.create(mini()), STAFF_PATH[:5])
    raw = unfinished.path.read_text(encoding="utf-8")
    deep = raw.replace(unfinished.id, DEEP_ID).replace(
        "[journey.runs.opening.variables]\n",
        "[journey.runs.opening.variables]\nmood = " + "[" * 5000 + "]" * 5000 + "\n")
    assert deep != raw
    path = records_dir(home) / f"{DEEP_ID}.toml"
    path.write_text(deep, encoding="utf-8")
    return finished.id, unfinished.id, path


COMMANDS = [
    pytest.param(["export", DEEP_ID], id="export"),
    pytest.param(["export", DEEP_ID, "-f", "html"], id="export-html"),
    pytest.param(["export", DEEP_ID, "-f", "json"], id="export-json"),
    pytest.param(["resume", DEEP_ID], id="resume"),
    pytest.param(["resume", "--plain", DEEP_ID], id="resume-plain"),
]


@pytest.mark.parametrize("argv", COMMANDS)
def test_commands_on_a_deep_record_give_one_line(
    played: tuple[str, str, Path], capsys: pytest.CaptureFixture[str], argv: list[str],
) -> None:
    """export (every format) and resume (app and plain) of a record holding a 5,000-deep
    array print one line naming the file and its line, exit 1, and leave it untouched."""
    _, _, path = played
    before = path.read_bytes()
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"workshop: {path}:38: cannot be read: arrays or inline tables nested more "
                   "than 32 levels deep (it is left untouched; start a new session beside it)\n")
    assert path.read_bytes() == before


def test_history_lists_the_deep_record_as_broken_and_goes_on(
    played: tuple[str, str, Path], capsys: pytest.CaptureFixture[str],
) -> None:
    """``workshop history`` used to fail as a whole on one deep record; now it lists the
    other sessions and that one file as broken, with the reason."""
    finished, unfinished, _ = played
    assert main(["history"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert finished in out and unfinished in out and DEEP_ID in out
    assert "broken" in out and "nested more than 32" in out


def test_export_and_home_pass_over_the_deep_record(
    home: Path, played: tuple[str, str, Path], capsys: pytest.CaptureFixture[str],
) -> None:
    """Exporting the latest session and the home screen's "continue" both pass over the deep
    record and find the good unfinished session."""
    _, unfinished, _ = played
    assert main(["export"]) == 0
    assert f'session: "{unfinished}"' in capsys.readouterr().out
    latest = SessionStore(records_dir(home)).latest_unfinished()
    assert latest is not None and latest.id == unfinished


def test_a_deep_table_path_is_refused_too(home: Path, played: tuple[str, str, Path]) -> None:
    """Deep tables through a long dotted key parse without recursion in tomllib, but are
    refused before anything walks them."""
    _, _, path = played
    deep_array = "mood = " + "[" * 5000 + "]" * 5000 + "\n"
    path.write_text(path.read_text(encoding="utf-8").replace(
        deep_array, "mood" + ".a" * 3000 + " = 1\n"), encoding="utf-8")
    (row,) = [s for s in SessionStore(records_dir(home)).summaries() if s.id == DEEP_ID]
    assert row.broken and row.problem is not None
    assert "tables (key 'journey.runs.opening.variables...') nested more than 32" in row.problem
