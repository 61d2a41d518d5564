"""`workshop room create` and `workshop room list` as a facilitator uses them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workshop.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"


def test_create_prints_code_join_and_serve_commands(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["room", "create", "May cohort", "--passcode", "sesame", "--track", "quick",
                 "--data-dir", str(tmp_path), "--content", str(EXAMPLE), "--host",
                 "ws.example", "--port", "2222"])
    out = capsys.readouterr().out
    assert code == 0
    room = re.search(r"Room (\w{6}) created", out)
    assert room is not None
    assert f"workshop serve --room {room.group(1)} --data-dir {tmp_path}" in out
    assert f"workshop facilitate {room.group(1)} --data-dir {tmp_path}" in out
    assert "ssh -p 2222 HANDLE@ws.example" in out
    assert "ssh -p 2222 HANDLE@ws.example export > notes.md" in out
    assert main(["room", "list", "--data-dir", str(tmp_path)]) == 0
    listing = capsys.readouterr().out
    assert room.group(1) in listing and "May cohort" in listing and "yes" in listing


def test_list_with_no_rooms_says_how_to_make_one(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["room", "list", "--data-dir", str(tmp_path)]) == 0
    assert "workshop room create" in capsys.readouterr().out


@pytest.mark.parametrize("argv, status, message", [
    (["room", "create", "T"], 2,
     "one of the arguments --passcode --generate-passcode --open is required"),
    (["room", "create", "T", "--open", "--passcode", "x"], 2, "not allowed with"),
    (["room", "create", "T", "--open", "--track", "nope", "--content", str(EXAMPLE)], 2,
     "no track 'nope'"),
    (["room", "create", "T", "--passcode", "ab", "--content", str(EXAMPLE)], 2,
     "at least 6 characters"),
    (["room", "create", "T", "--open", "--content", "/no/such"], 2, "no such file"),
])
def test_bad_create_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              argv: list[str], status: int, message: str) -> None:
    try:
        code = main([*argv, "--data-dir", str(tmp_path)])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    assert code == status
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
