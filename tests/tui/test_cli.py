"""Errors before the screen: bad content, unknown ids and bad flags print one line and exit,
and the full-screen app never starts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.tui.app import WorkshopApp

from .conftest import EXAMPLE


@pytest.fixture(autouse=True)
def no_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Starting the app at all is a failure in these tests."""

    def refuse(self: WorkshopApp, *args: object, **kwargs: object) -> None:
        raise AssertionError("the full-screen app started")

    monkeypatch.setattr(WorkshopApp, "run", refuse)


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_missing_content_folder_is_a_usage_error(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in one_line_error(capsys)


def test_broken_scenario_folder_names_file_and_line(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(EXAMPLE, folder)
    outage = folder / "the-outage.toml"
    outage.write_text(outage.read_text().replace('goto = "morning"\nadd = { trust = -1 }',
                                                 'goto = "nowhere"\nadd = { trust = -1 }'))
    assert main(["play", str(folder)]) == 1
    line = one_line_error(capsys)
    assert "the-outage.toml:" in line and "nowhere" in line


def test_unknown_session_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resume", "no-such-session"]) == 1
    assert "no session 'no-such-session'" in one_line_error(capsys)


def test_resume_with_nothing_unfinished(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resume"]) == 1
    assert "no unfinished session" in one_line_error(capsys)


@pytest.mark.parametrize("argv, words", [
    (["play", "--track", "nope"], "no track 'nope'"),
    (["play", "--scenario", "nope"], "no scenario 'nope'"),
    (["play", "--watch", "--plain"], "--watch"),
    (["--theme", "nope"], "nope"),
    (["play", "--theme", "nope"], "nope"),
])
def test_bad_options_are_usage_errors(argv: list[str], words: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert words in one_line_error(capsys)


def test_unknown_flag_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["play", "--bogus"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --bogus" in one_line_error(capsys)
