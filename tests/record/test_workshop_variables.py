"""Records of a format 1.1 workshop keep its workshop-level variables: resume, undo and the
record file itself carry them exactly; format-1 records and workshops are unchanged."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w

from tests.record.helpers import STAFF_PATH, fixed_clock, mini, play
from workshop.errors import RecordError
from workshop.record import SessionStore, dump, parse, read
from workshop.scenario import load_workshop

SHARED = Path(__file__).resolve().parents[1] / "engine" / "shared_state"


def test_the_record_file_holds_the_workshop_variables(tmp_path: Path) -> None:
    """After 'tell', the saved record shows the values the track carries on."""
    store = SessionStore(tmp_path, clock=fixed_clock())
    session = store.create(load_workshop(SHARED), "full")
    session.choose("tell")
    session.advance()
    data = tomllib.loads(session.path.read_text(encoding="utf-8"))
    journey = data["journey"]
    assert journey["variables"] == {"told_maya": True, "goodwill": 2, "mentor": "Maya"}
    assert journey["runs"]["first"]["carried"] == {"told_maya": False, "goodwill": 0,
                                                   "mentor": "nobody"}
    assert journey["runs"]["second"]["carried"] == journey["variables"]
    record = read(session.path)
    assert parse(dump(record)) == record


def test_resume_mid_track_then_undo_across_the_boundary(tmp_path: Path) -> None:
    """Reopened in the second talk, the player sees Maya's thanks; undo goes back to the
    first talk with the declared values, and a different choice reaches the second talk."""
    store = SessionStore(tmp_path, clock=fixed_clock())
    session = store.create(load_workshop(SHARED), "full")
    session.choose("tell")
    session.advance()
    again = SessionStore(tmp_path).open(session.id, load_workshop(SHARED))
    assert again.journey.to_data() == session.journey.to_data()
    run = again.journey.run
    assert run is not None and "thanks you" in run.text()
    assert again.undo() is True
    first = again.journey.run
    assert first is not None and first.scenario.id == "first"
    assert first.variables["goodwill"] == 0
    again.choose("hide")
    again.advance()
    reopened = SessionStore(tmp_path).open(session.id, load_workshop(SHARED))
    second = reopened.journey.run
    assert second is not None and "someone else" in second.text()
    assert reopened.journey.variables["goodwill"] == -1


def test_a_format_1_record_is_written_as_before(tmp_path: Path) -> None:
    """A workshop without workshop variables saves no 'variables' or 'carried' keys."""
    store = SessionStore(tmp_path, clock=fixed_clock())
    session = play(store.create(mini()), STAFF_PATH[:7])
    text = session.path.read_text(encoding="utf-8")
    assert "carried" not in text and "variables = {" not in text.split("[journey.runs")[0]
    assert "variables" not in tomllib.loads(text)["journey"]


def test_a_record_from_before_the_variables_resumes_with_declared_values(
    tmp_path: Path,
) -> None:
    """A record saved when the workshop had no workshop variables still opens; the run
    starts from their declared values."""
    store = SessionStore(tmp_path, clock=fixed_clock())
    session = store.create(load_workshop(SHARED), "full")
    data = tomllib.loads(session.path.read_text(encoding="utf-8"))
    del data["journey"]["variables"]
    for run in data["journey"]["runs"].values():
        run.pop("carried")
        run["variables"] = {}
    session.path.write_text(tomli_w.dumps(data), encoding="utf-8")
    again = SessionStore(tmp_path).open(session.id, load_workshop(SHARED))
    assert again.resume_problems == []
    run = again.journey.run
    assert run is not None and run.variables["goodwill"] == 0
    again.choose("tell")
    assert again.journey.variables["goodwill"] == 2


@pytest.mark.parametrize("where", ["variables", "carried"])
def test_a_hand_edited_workshop_value_is_a_clear_record_error(tmp_path: Path,
                                                              where: str) -> None:
    store = SessionStore(tmp_path, clock=fixed_clock())
    session = store.create(load_workshop(SHARED), "full")
    text = session.path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    if where == "variables":
        data["journey"]["variables"]["goodwill"] = [1, 2]
    else:
        data["journey"]["runs"]["first"]["carried"]["goodwill"] = {"x": 1}
    session.path.write_text(tomli_w.dumps(data), encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        read(session.path)
    message = str(caught.value)
    assert "goodwill" in message and "must be text, a number or true/false" in message
