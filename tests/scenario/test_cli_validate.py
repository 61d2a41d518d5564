"""`workshop validate`: output lines, summary, JSON, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scenario.helpers import EXAMPLE, write
from workshop.cli import main

BROKEN = '[scenes.a]\ntext = "x"\nnext = "nowhere"\n'
WARNS = '[variables]\nunused = 1\n[scenes.a]\ntext = "x"\nending = true\n'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line; return (exit code, stdout, stderr)."""
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_example(capsys: pytest.CaptureFixture[str]) -> None:
    """A valid workshop prints each track's computed minutes and the summary line, and exits
    0."""
    code, out, err = run(capsys, str(EXAMPLE))
    assert code == 0 and err == ""
    assert out == "track 'full': about 4 minutes (the manifest says 4)\n" \
        "track 'quick': about 2 minutes (the manifest says 2)\n" \
        "valid: 2 scenarios, 8 scenes, 10 choices, 3 endings; 0 error(s), 0 warning(s)\n"


def test_bundled_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    """With no path, the bundled workshop is checked."""
    code, out, _ = run(capsys)
    last = out.splitlines()[-1]
    assert code == 0 and last.startswith("valid: ") and " scenarios, " in last


def test_invalid_content_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Errors print as PATH:LINE: lines before the summary, and the exit code is 1."""
    path = write(tmp_path, BROKEN)
    code, out, _ = run(capsys, str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:10: error E006: scene 'a' continues to unknown scene 'nowhere'",
        "invalid: 1 scenarios, 1 scenes, 1 choices, 0 endings; 1 error(s), 0 warning(s)",
    ]


def test_warnings_pass_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Warnings are printed but pass; --strict makes them fail."""
    path = write(tmp_path, WARNS)
    code, out, _ = run(capsys, str(path))
    assert code == 0
    assert out.splitlines()[-1] == ("valid: 1 scenarios, 1 scenes, 0 choices, 1 endings; "
                                    "0 error(s), 1 warning(s)")
    assert out.splitlines()[0].startswith(f"{path}:9: warning W005:")
    code, out, _ = run(capsys, "--strict", str(path))
    assert code == 1 and out.splitlines()[-1].startswith("invalid: ")


def test_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints one object with errors, warnings and stats."""
    broken = write(tmp_path, BROKEN, name="broken.toml")
    code, out, _ = run(capsys, "--format", "json", str(broken), str(EXAMPLE))
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False
    assert data["stats"] == {"scenarios": 3, "scenes": 9, "choices": 11, "endings": 3}
    assert data["warnings"] == []
    assert data["errors"] == [{
        "code": "E006", "severity": "error", "path": str(broken), "line": 10, "column": None,
        "message": "scene 'a' continues to unknown scene 'nowhere'", "hint": "",
    }]


def test_json_strict_and_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON output reports warnings, and --strict turns them into a failure."""
    path = write(tmp_path, WARNS)
    code, out, _ = run(capsys, "--format", "json", str(path))
    data = json.loads(out)
    assert code == 0 and data["valid"] is True and data["errors"] == []
    assert [w["code"] for w in data["warnings"]] == ["W005"]
    code, out, _ = run(capsys, "--format", "json", "--strict", str(path))
    assert code == 1 and json.loads(out)["valid"] is False


def test_several_paths_add_up(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Several paths are checked together; the summary counts them all and the diagnostics
    are sorted by file and line."""
    second = tmp_path / "second"
    second.mkdir()
    one = write(tmp_path, BROKEN, name="a.toml")
    two = write(second, WARNS, name="b.toml")
    code, out, _ = run(capsys, str(two), str(one), str(EXAMPLE))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith(f"{one}:10: error E006")
    assert lines[1].startswith(f"{two}:9: warning W005")
    assert lines[2:-1] == [
        "scenario 's': about 1 minute (the file says 1)",
        "track 'full': about 4 minutes (the manifest says 4)",
        "track 'quick': about 2 minutes (the manifest says 2)",
    ]
    assert lines[-1] == ("invalid: 4 scenarios, 10 scenes, 11 choices, 4 endings; "
                         "1 error(s), 1 warning(s)")


def test_missing_path_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A path that does not exist is one line on stderr and exit 2, never a traceback."""
    missing = tmp_path / "nope"
    code, out, err = run(capsys, str(missing))
    assert code == 2 and out == ""
    assert err == (f"workshop: {missing}: no such file or folder (give a workshop folder, a "
                   "workshop.toml or a scenario file)\n")


def test_empty_folder_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Regression: a folder with no TOML files in it was reported as 'valid: 0 scenarios';
    now it is a usage error that says what was expected."""
    code, out, err = run(capsys, str(tmp_path))
    assert code == 2 and out == ""
    assert err == (f"workshop: {tmp_path}: holds no scenario (give a workshop folder, a "
                   "workshop.toml or a scenario file)\n")


def test_bad_flag_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown format is a usage error: exit 2, one line."""
    with pytest.raises(SystemExit) as caught:
        main(["validate", "--format", "xml"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'xml'" in err and "Traceback" not in err


def test_garbage_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Binary garbage is reported as a content error with a line, not a crash."""
    path = tmp_path / "junk.toml"
    path.write_bytes(b"\x00\xff\xfe garbage \x80")
    code, out, err = run(capsys, str(path))
    assert code == 1 and err == ""
    assert out.splitlines()[0] == (f"{path}:1:2: error E007: the file is not UTF-8 text "
                                   "(save it as UTF-8)")


def test_real_process(tmp_path: Path) -> None:
    """`python -m workshop validate` in a real process: output and exit status."""
    path = write(tmp_path, BROKEN)
    done = subprocess.run(
        [sys.executable, "-m", "workshop", "validate", str(path), str(EXAMPLE)],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        f"{path}:10: error E006: scene 'a' continues to unknown scene 'nowhere'",
        "track 'full': about 4 minutes (the manifest says 4)",
        "track 'quick': about 2 minutes (the manifest says 2)",
        "invalid: 3 scenarios, 9 scenes, 11 choices, 3 endings; 1 error(s), 0 warning(s)",
    ]
