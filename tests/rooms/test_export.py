"""Room exports: the counts and the discussion questions, never a handle or private text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.rooms.roomkit import join, make_room, play_opening
from workshop.cli import main
from workshop.rooms.export import export_room

SECRET = "my secret about Zanzibar"


def _room_with_players(tmp_path: Path, *, anonymous: bool = True) -> Path:
    room = make_room(tmp_path, anonymous=anonymous)
    for handle, choice, rating in [("quetzal", "cross-team", 4), ("wombat", "cross-team", 2),
                                   ("aardvark", "go-deeper", 3)]:
        play_opening(join(room, handle), choice=choice, rating=rating,
                     text=f"{SECRET} from {handle}")
    return room.path


@pytest.mark.parametrize("anonymous", [True, False])
@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_exports_name_nobody_and_quote_no_private_text(tmp_path: Path, fmt: str,
                                                       anonymous: bool) -> None:
    from workshop.rooms import open_room

    room = open_room(_room_with_players(tmp_path, anonymous=anonymous))
    text = export_room(room, fmt)
    for handle in ("quetzal", "wombat", "aardvark"):
        assert handle not in text
    assert "Zanzibar" not in text


def test_the_markdown_summary_has_charts_means_and_questions(tmp_path: Path) -> None:
    from workshop.rooms import open_room

    text = export_room(open_room(_room_with_players(tmp_path)), "md")
    assert "3 joined" in text
    assert "| Take on the handoff between two teams that nobody owns | 2 | 67% | `" in text
    assert "3 of 3 people rated, mean 3.0." in text
    assert "> Discuss: Who in the room has been called local?" in text
    assert "Which week did you pick" in text  # a step nobody reached keeps its question


def test_csv_and_json_carry_the_same_counts(tmp_path: Path) -> None:
    from workshop.rooms import open_room

    room = open_room(_room_with_players(tmp_path))
    rows = list(csv.DictReader(io.StringIO(export_room(room, "csv"))))
    counts = {r["option"]: int(r["count"]) for r in rows
              if r["kind"] == "choice" and r["item"] == "news"}
    assert counts == {"go-deeper": 1, "cross-team": 2}
    data = json.loads(export_room(room, "json"))
    opening = data["steps"][0]
    assert opening["here"] == 3
    choices = {c["id"]: c["count"] for c in opening["decisions"][0]["choices"]}
    assert choices == counts
    assert opening["ratings"][0]["counts"] == {"1": 0, "2": 1, "3": 1, "4": 1, "5": 0}


def test_a_shared_answer_is_quoted_without_its_author(tmp_path: Path) -> None:
    from workshop.rooms import open_room

    room = make_room(tmp_path)
    sharer = join(room, "sharer")
    play_opening(sharer, text="I rewrote the \x1b[2Jbuild alone")
    sharer.share("tactical-example")
    keeper = join(room, "keeper")
    play_opening(keeper, text="nobody may read this")
    room = open_room(room.path)
    for fmt in ("md", "csv", "json"):
        text = export_room(room, fmt)
        assert "I rewrote the build alone" in text
        assert "nobody may read this" not in text
        assert "sharer" not in text and "\x1b" not in text
    sharer.share("tactical-example", False)
    assert "I rewrote" not in export_room(room, "md")


def test_room_export_command_writes_a_file(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    room_dir = _room_with_players(tmp_path)
    out = tmp_path / "summary.json"
    assert main(["room", "export", room_dir.name, "--data-dir", str(tmp_path), "-f", "json",
                 "-o", str(out)]) == 0
    assert json.loads(out.read_text())["participants"] == 3
    assert main(["room", "export", room_dir.name, "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("# Test room")


def test_room_export_bad_input_is_one_line(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    room_dir = _room_with_players(tmp_path)
    assert main(["room", "export", "nope!", "--data-dir", str(tmp_path)]) == 2
    assert "is not a room code" in capsys.readouterr().err
    assert main(["room", "export", "zzzzzz", "--data-dir", str(tmp_path)]) == 1
    assert "no room 'zzzzzz'" in capsys.readouterr().err
    target = tmp_path / "missing" / "out.md"
    assert main(["room", "export", room_dir.name, "--data-dir", str(tmp_path), "-o",
                 str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be written" in err and str(target) in err
    with pytest.raises(SystemExit) as exit_info:
        main(["room", "export", room_dir.name, "-f", "xml"])
    assert exit_info.value.code == 2
