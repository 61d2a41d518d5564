"""Escape sequences in content files never reach the terminal (issue #12, item 7).

A scenario, theme or record may hold ``ESC ] 0 ; ... BEL`` (sets the window title) or
``ESC [ 2 J`` (clears the screen) in any string. Every command that prints file text
(validate, graph in its three formats, history, export's error line) prints none of it:
stdout and stderr hold no control byte but newlines.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.record.helpers import MINI
from workshop.cli import main
from workshop.paths import records_dir
from workshop.record import SessionStore
from workshop.scenario import load_workshop

ESC = "\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202e"
"""As written inside a TOML string: an OSC title, a clear screen, a C1 CSI, a bidi override."""


def controls(text: str) -> list[str]:
    """The control and invisible formatting characters in printed output (newlines aside)."""
    return [c for c in text if c != "\n" and not c.isprintable()]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The mini workshop with escape sequences in titles, a label and a reason."""
    folder = tmp_path / "content"
    shutil.copytree(MINI, folder)
    opening = folder / "opening.toml"
    text = opening.read_text(encoding="utf-8")
    text = text.replace('title = "The feedback"', f'title = "The {ESC}feedback"')
    text = text.replace('title = "The news"', f'title = "The {ESC}news"')
    text = text.replace('label = "Take on the handoff', f'label = "Take {ESC}on the handoff')
    opening.write_text(text, encoding="utf-8")
    manifest = folder / "workshop.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        'title = "Mini Workshop"', f'title = "Mini {ESC}Workshop"'), encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("COLUMNS", "160")
    return tmp_path / "home"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("form", ["tree", "mermaid", "dot"])
def test_graph_prints_no_control_bytes(content: Path, form: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Regression for #12 item 7: you should see the graph with the titles' and labels'
    visible words ("The news", "Take on the handoff"), and no escape sequence from the
    file."""
    code, out, err = run(capsys, "graph", str(content / "opening.toml"), "--format", form)
    assert code == 0
    assert controls(out) == [] and controls(err) == []
    assert "pwned" not in out
    assert "The news" in out and "Take on the handoff" in out


def test_validate_prints_no_control_bytes(content: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Regression for #12 item 7: you should see a diagnostic naming the file and the line
    of a bad key, and the summary, all without the escapes the file holds."""
    opening = content / "opening.toml"
    opening.write_text(opening.read_text(encoding="utf-8")
                       + f'\n[scenes.end.meta]\n\n[scenes."{ESC}x"]\ntext = "{ESC}"\n'
                       f'next = "{ESC}nowhere"\n', encoding="utf-8")
    code, out, err = run(capsys, "validate", str(content))
    assert code == 1
    assert "opening.toml:" in out
    assert controls(out) == [] and controls(err) == []
    code, out, err = run(capsys, "graph", str(opening))
    assert code == 1 and "opening.toml:" in err
    assert controls(out) == [] and controls(err) == []


def test_history_prints_no_control_bytes(content: Path, home: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Regression for #12 item 7: you should see the history listing every session, the
    broken one with its problem, and no escape sequence from any record."""
    store = SessionStore(records_dir(home))
    session = store.create(load_workshop(content))
    session.answer("want-start", 3)
    path = session.path
    path.write_text(path.read_text(encoding="utf-8").replace(
        'track = "full"', f'track = "[bold]{ESC}full"', 1), encoding="utf-8")
    broken = records_dir(home) / "20250101-000000-dead.toml"
    broken.write_text(path.read_text(encoding="utf-8").replace(
        'status = "in-progress"', f'status = "{ESC}"'), encoding="utf-8")
    code, out, err = run(capsys, "history")
    assert code == 0
    assert controls(out) == [] and controls(err) == []
    assert "[bold]" in out  # shown as typed: not read as markup
    assert "broken" in out and "'status'" in out


def test_an_error_quoting_a_record_prints_no_control_bytes(
        home: Path, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Regression for #12 item 7: you should see one error line naming the record and the
    bad value, with the value's escapes taken out."""
    session = SessionStore(records_dir(home)).create(load_workshop(content))
    session.path.write_text(session.path.read_text(encoding="utf-8").replace(
        'status = "in-progress"', f'status = "{ESC}"'), encoding="utf-8")
    code, _out, err = run(capsys, "export", session.id)
    assert code == 1
    assert err.startswith("workshop: ") and err.count("\n") == 1
    assert session.path.name in err and "'status'" in err
    assert controls(err) == []
