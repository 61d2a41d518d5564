"""``--theme`` on the command line, and the core staying free of Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workshop.cli import main


@pytest.mark.parametrize("argv", [["--theme", "nope"], ["play", "--theme", "nope"]])
def test_unknown_theme_is_a_usage_error_before_any_screen(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path))
    assert main([*argv, "--data-dir", str(tmp_path / "data")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("workshop: --theme: unknown theme 'nope'; known themes: "
                               "staff-dark, ")
    for name in ("staff-light", "high-contrast", "colour-blind"):
        assert name in lines[0]


def test_theming_and_settings_do_not_import_textual() -> None:
    code = ("import sys, workshop.theming, workshop.settings; "
            "sys.exit(1 if 'textual' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
