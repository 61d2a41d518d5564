"""`workshop room create`: passcodes long enough to outlast guessing (issue 12, item 4)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.rooms import verify_secret

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"


def _create(tmp_path: Path, *flags: str) -> int:
    try:
        return main(["room", "create", "May cohort", *flags, "--data-dir", str(tmp_path),
                     "--content", str(EXAMPLE)])
    except SystemExit as exit_:
        return int(exit_.code or 0)


@pytest.mark.parametrize("passcode", ["1234", "abcde", "  abcde  "])
def test_a_short_passcode_is_a_one_line_error(tmp_path: Path, passcode: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """`--passcode abcde`: one line saying 6 characters are needed and how to get one made
    (before: 4 characters were enough)."""
    assert _create(tmp_path, "--passcode", passcode) == 2
    err = capsys.readouterr().err
    assert "a passcode needs at least 6 characters" in err
    assert "--generate-passcode" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "rooms").exists() or not any((tmp_path / "rooms").iterdir())


def test_a_generated_passcode_is_printed_once_and_stored_as_a_hash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--generate-passcode` prints a strong passcode once; the room keeps only its hash."""
    assert _create(tmp_path, "--generate-passcode") == 0
    out = capsys.readouterr().out
    found = re.search(r"passcode: (\S+)\s+\(shown only now", out)
    assert found is not None
    passcode = found.group(1)
    assert len(passcode.replace("-", "")) == 12
    (settings,) = (tmp_path / "rooms").glob("*/room.toml")
    text = settings.read_text()
    assert passcode not in text
    assert verify_secret(passcode, tomllib.loads(text)["passcode_hash"])


def test_help_names_the_length_and_the_generator(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["room", "create", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "at least 6 characters" in out and "--generate-passcode" in out
