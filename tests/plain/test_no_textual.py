"""Plain mode runs without Textual: ``workshop play --plain`` never imports it (issue 13)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_PROBE = """
import importlib.abc, sys

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "textual":
            raise ImportError("plain mode imported " + name)
        return None

sys.meta_path.insert(0, Block())
from workshop.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print("EXIT", code, "TEXTUAL", "textual" in sys.modules, file=sys.stderr)
"""


def test_plain_mode_plays_with_textual_blocked(tmp_path: Path) -> None:
    """A whole start in plain mode (menu, first scene, a choice, stop) with Textual made
    unimportable: the scene is printed, the session is saved, and Textual was never loaded."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, "--data-dir", str(tmp_path), "play", "--plain",
         "--track", "quick"],
        input="1\n1\n", capture_output=True, text=True, timeout=120,
    )
    assert "plain mode imported" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "TEXTUAL False" in result.stderr
    assert "Saved. Your session is" in result.stdout
    assert list((tmp_path / "sessions").glob("*.toml"))


def test_the_play_layer_imports_no_ui() -> None:
    """The play layer is plain Python: importing all of it loads no UI framework."""
    code = ("import sys, workshop.play, workshop.play.history, workshop.play.watch, "
            "workshop.play.scratch, workshop.play.content_cache; "
            "print(sorted(m for m in ('textual', 'questionary', 'asyncssh') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "[]"
