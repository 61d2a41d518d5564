"""`--data-dir` works before the command as well as after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.cli import main


@pytest.mark.parametrize("before", [True, False])
def test_room_list_reads_the_data_dir_given_before_or_after_the_command(
    before: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`workshop --data-dir D room list` lists the rooms in D, like `room list --data-dir D`."""
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "elsewhere"))
    data = tmp_path / "data"
    assert main(["room", "create", "Tuesday group", "--open", "--data-dir", str(data)]) == 0
    capsys.readouterr()
    argv = ["--data-dir", str(data), "room", "list"] if before else [
        "room", "list", "--data-dir", str(data)]
    assert main(argv) == 0
    assert "Tuesday group" in capsys.readouterr().out
