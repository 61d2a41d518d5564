"""`workshop history` and `workshop export` from the command line: output, files, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.record.helpers import MINI, SENIOR_PATH, STAFF_PATH, fixed_clock, mini, play
from workshop.cli import main
from workshop.paths import records_dir
from workshop.record import SessionStore


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "160")
    return tmp_path / "home"


def _played(home: Path) -> tuple[str, str]:
    store = SessionStore(records_dir(home), clock=fixed_clock(step=3600))
    first = play(store.create(mini()), SENIOR_PATH)
    second = play(store.create(mini()), STAFF_PATH[:5])
    return first.id, second.id


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith("workshop") and "\n" not in err and "Traceback" not in err
    return err


def test_history_on_a_fresh_install(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    assert "No sessions yet" in capsys.readouterr().out


def test_history_lists_newest_first_with_broken_records(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = _played(home)
    broken = records_dir(home) / "20250101-000000-dead.toml"
    broken.write_bytes(b"schema_version = 1\nid = [unclosed\n")
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert out.index(second) < out.index(first) < out.index("20250101-000000-dead")
    assert "1/3" in out and "3/3 ✓" in out
    assert "Happy at senior" in out and "too early to say" in out
    assert "broken" in out and "not valid TOML" in out
    assert broken.read_bytes() == b"schema_version = 1\nid = [unclosed\n"


def test_export_defaults_to_the_latest_session_on_stdout(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, second = _played(home)
    assert main(["export"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("---\n") and f'session: "{second}"' in out


def test_export_to_a_file_prints_its_path(home: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = _played(home)
    target = tmp_path / "notes.json"
    assert main(["export", first[:-2], "--format", "json", "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == str(target)
    assert json.loads(target.read_text())["record"]["id"] == first
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["--data-dir", str(home), "export", first, "-f", "html", "--shareable",
                 "-o", str(folder)]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == folder and written.name == f"mini-{first}-shareable.html"


def test_data_dir_flag_wins_over_the_environment(home: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other"
    store = SessionStore(records_dir(other))
    session = play(store.create(mini()), STAFF_PATH[:2])
    assert main(["history", "--data-dir", str(other)]) == 0
    assert session.id in capsys.readouterr().out


def test_export_with_content_flag_for_a_moved_workshop(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    moved = tmp_path / "moved"
    shutil.copytree(MINI, moved)
    store = SessionStore(records_dir(home))
    from workshop.scenario import load_workshop

    session = play(store.create(load_workshop(moved)), STAFF_PATH)
    shutil.rmtree(moved)
    assert main(["export", session.id]) == 1
    assert "pass --content PATH" in _one_line_error(capsys)
    assert main(["export", session.id, "--content", str(MINI)]) == 0
    assert "Doing it and wanting it" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "code", "message"), [
    (["export", "no-such-session"], 1, "no session 'no-such-session'"),
    (["export", "--format", "pdf"], 2, "invalid choice: 'pdf'"),
    (["export", "-o", "/no/such/folder/notes.md"], 1, "no such folder"),
])
def test_cli_errors_are_one_line(home: Path, capsys: pytest.CaptureFixture[str],
                                 argv: list[str], code: int, message: str) -> None:
    _played(home)
    try:
        result = main(argv)
    except SystemExit as exit_:  # argparse exits for usage errors
        result = int(exit_.code or 0)
    assert result == code
    assert message in _one_line_error(capsys)


def test_export_to_a_path_under_a_file_is_one_line(home: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _played(home)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["export", "-o", str(blocker / "notes.md")]) == 1
    assert "it is not a folder" in _one_line_error(capsys)


def test_export_with_nothing_to_export(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export"]) == 1
    assert "no sessions to export yet" in _one_line_error(capsys)


def test_export_of_a_broken_record_is_one_line_and_leaves_it(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = _played(home)
    path = records_dir(home) / f"{first}.toml"
    damaged = path.read_bytes()[:200]
    path.write_bytes(damaged)
    assert main(["export", first]) == 1
    assert str(path) in _one_line_error(capsys)
    assert path.read_bytes() == damaged


def test_export_never_writes_over_a_session_record(home: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = _played(home)
    record = records_dir(home) / f"{first}.toml"
    before = record.read_bytes()
    assert main(["export", first, "-f", "toml", "-o", str(record)]) == 1
    assert "will not write an export over the session records" in _one_line_error(capsys)
    assert record.read_bytes() == before
