"""Room exports state what each count is out of, leave removed people out unless asked,
print to standard output with ``-o -``, and read each record once."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.rooms.roomkit import join, make_room, play_opening
from workshop.cli import main
from workshop.rooms import Room, open_room
from workshop.rooms.control import ControlWriter
from workshop.rooms.export import export_room


def _room_with_a_removal(tmp_path: Path) -> Room:
    """Three played the opening; the facilitator removed the one who chose go-deeper and
    shared an answer."""
    room = make_room(tmp_path)
    for handle, choice in [("ana", "cross-team"), ("bo", "cross-team"), ("cy", "go-deeper")]:
        session = join(room, handle)
        play_opening(session, choice=choice, text=f"shared words of {handle}")
        session.share("tactical-example")
    ControlWriter(room, 3).remove("cy")
    return open_room(room.path)


def test_removed_people_leave_the_markdown_and_it_says_so(tmp_path: Path) -> None:
    """You should see '2 of 2 people chose', and no trace of the removed person's choice
    or shared answer."""
    room = _room_with_a_removal(tmp_path)
    text = export_room(room, "md")
    assert "Every count is out of 2 people (1 removed person left out; --include-removed " \
        "counts them)" in text
    assert "2 of 2 people chose" in text
    assert "| Take on the handoff between two teams that nobody owns | 2 | 100% |" in text
    assert "of 2 people finished this step" in text
    assert "2 of 2 people rated" in text
    assert "shared words of cy" not in text
    assert "shared words of ana" in text


def test_include_removed_brings_them_back(tmp_path: Path) -> None:
    room = _room_with_a_removal(tmp_path)
    text = export_room(room, "md", include_removed=True)
    assert "Every count is out of 3 people (1 removed person included)" in text
    assert "3 of 3 people chose" in text
    assert "shared words of cy" in text


def test_csv_json_and_html_carry_the_base(tmp_path: Path) -> None:
    room = _room_with_a_removal(tmp_path)
    rows = list(csv.DictReader(io.StringIO(export_room(room, "csv"))))
    choices = [r for r in rows if r["kind"] == "choice" and r["item"] == "news"]
    assert {r["option"]: (r["count"], r["of"]) for r in choices} == {
        "go-deeper": ("0", "2"), "cross-team": ("2", "2")}
    data = json.loads(export_room(room, "json"))
    assert data["participants"] == 2 and data["removed_left_out"] == 1
    decision = data["steps"][0]["decisions"][0]
    assert (decision["answered"], decision["of"]) == (2, 2)
    assert data["steps"][0]["ratings"][0]["of"] == 2
    html = export_room(room, "html")
    assert "Every count is out of 2 people (1 removed person left out" in html
    assert "2 of 2 people chose" in html
    assert "shared words of cy" not in html


def test_room_export_include_removed_flag(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    room = _room_with_a_removal(tmp_path)
    assert main(["room", "export", room.code, "--data-dir", str(tmp_path), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["participants"] == 2
    assert main(["room", "export", room.code, "--data-dir", str(tmp_path), "-f", "json",
                 "--include-removed"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["participants"] == 3 and data["removed_included"] == 1


def test_dash_output_is_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """`workshop room export CODE -o -` prints the export; no file named '-' appears."""
    room = _room_with_a_removal(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["room", "export", room.code, "--data-dir", str(tmp_path), "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# Test room")
    assert "Wrote" not in captured.err
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "html"])
def test_an_export_reads_each_record_once(tmp_path: Path, fmt: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    room = _room_with_a_removal(tmp_path)
    reads: list[str] = []
    for name in ("read_bytes", "read_text"):
        original = getattr(Path, name)

        def counting(self: Path, *args: object, _original: object = original,
                     **kwargs: object) -> object:
            if self.parent == room.participants_dir:
                reads.append(self.name)
            return _original(self, *args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(Path, name, counting)
    export_room(room, fmt)
    assert sorted(reads) == ["ana.toml", "bo.toml", "cy.toml"]
