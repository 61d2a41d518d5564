"""Records round-trip, resume exactly, list newest first and upgrade older schemas."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
import tomli_w

from tests.record.helpers import MINI, SENIOR_PATH, STAFF_PATH, fixed_clock, mini, play
from workshop.engine import ChoiceError
from workshop.errors import RecordError, UsageError
from workshop.record import SCHEMA_VERSION, Record, SessionStore, dump, parse, read
from workshop.scenario import load_workshop


def test_a_record_round_trips_through_toml(tmp_path: Path) -> None:
    store = SessionStore(tmp_path, clock=fixed_clock())
    session = play(store.create(mini(), handle="ana", room="team-a"), STAFF_PATH[:6])
    session.set_notes('Ask about "the CI fleet"\nnext week')
    session.give_reason("Nobody owned it, and it hurt two teams.", scenario_id="opening",
                        scene_id="news", choice_id="cross-team")
    record = read(session.path)
    assert parse(dump(record)) == record
    assert record.to_data() == tomllib.loads(session.path.read_text())
    assert record.notes == 'Ask about "the CI fleet"\nnext week'
    assert record.handle == "ana" and record.room == "team-a"
    assert record.reasons == {"opening": {"news/cross-team": "Nobody owned it, and it hurt "
                                                             "two teams."}}
    assert record.workshop_id == "mini" and record.workshop_version == "0.1.0"
    assert record.scenario_versions == {"opening": "1", "the-week": "1"}
    assert record.created == "2026-01-05T09:00:00Z" and record.updated > record.created


def test_every_action_is_on_disk_when_it_returns(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    session = store.create(mini())
    session.answer("want-start", 4)
    assert read(session.path).answers() == {"want-start": 4}
    session.choose("continue")
    session.choose("cross-team")
    path = read(session.path).journey["runs"]["opening"]["path"]
    assert path == [["before", "continue"], ["news", "cross-team"]]


def test_resume_restores_the_exact_run_state(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    session = play(store.create(mini()), STAFF_PATH[:7])
    again = SessionStore(tmp_path).open(session.id)
    assert again.journey.to_data() == session.journey.to_data()
    assert again.journey.index == 1
    run = again.journey.run
    assert run is not None and run.scene_id == "friday" and run.answers == {"doc-week": 5}
    assert again.resume_problems == [] and not again.finished
    # and it plays on from there exactly as the original would
    play(again, STAFF_PATH[7:])
    assert again.finished and read(again.path).status == "finished"


def test_latest_unfinished_and_open_by_prefix(tmp_path: Path) -> None:
    store = SessionStore(tmp_path, clock=fixed_clock())
    done = play(store.create(mini()), SENIOR_PATH)
    ongoing = play(store.create(mini()), STAFF_PATH[:3])
    assert done.finished
    latest = store.latest_unfinished()
    assert latest is not None and latest.id == ongoing.id
    assert store.latest_unfinished("other-workshop") is None
    assert store.open(ongoing.id[:-2]).id == ongoing.id


def test_summaries_are_newest_first_with_progress(tmp_path: Path) -> None:
    store = SessionStore(tmp_path, clock=fixed_clock(step=3600))
    first = play(store.create(mini()), SENIOR_PATH)
    second = play(store.create(mini(), "short"), STAFF_PATH[:2])
    rows = store.summaries()
    assert [r.id for r in rows] == [second.id, first.id]
    assert rows[0].record is not None and rows[0].record.progress == (0, 2)
    assert rows[1].record is not None and rows[1].record.progress == (3, 3)


def test_unknown_session_and_bad_track_are_clear_errors(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    with pytest.raises(RecordError, match=r"no session 'nope'.*workshop history"):
        store.open("nope")
    with pytest.raises(UsageError, match=r"no track 'long'.*tracks: full, short"):
        store.create(mini(), "long")


def test_undo_steps_back_and_saves(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    session = play(store.create(mini()), STAFF_PATH[:5])  # into the second scenario
    assert session.journey.index == 1
    assert session.undo()  # nothing taken yet here: back into the first, last choice undone
    assert session.journey.index == 0
    run = session.journey.run
    assert run is not None and run.scene_id == "news"
    assert run.answers["tactical-example"].startswith("I tuned")
    assert read(session.path).journey["index"] == 0
    session.choose("go-deeper")  # the other option is open again
    with pytest.raises(ChoiceError):
        session.choose("no-such-choice")


def test_single_scenario_session(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    session = store.create(mini(), scenario_id="the-week")
    session.choose("ship")
    again = store.open(session.id)
    assert again.journey.track.id == "scenario:the-week"
    assert again.journey.to_data() == session.journey.to_data()


def test_a_schema_0_record_loads_through_its_migration(tmp_path: Path) -> None:
    store = SessionStore(tmp_path, clock=fixed_clock())
    session = play(store.create(mini()), STAFF_PATH[:4])
    data = tomllib.loads(session.path.read_text())
    old = dict(data)
    old["schema_version"] = 0
    old["started"] = old.pop("created")
    old["saved"] = old.pop("updated")
    old["workshop"] = data["workshop"]["id"]
    old["workshop_version"] = data["workshop"]["version"]
    old["finished"] = False
    del old["status"]
    session.path.write_text(tomli_w.dumps(old))
    record = read(session.path)
    assert record.schema_version == SCHEMA_VERSION
    assert record.created == data["created"] and record.status == "in-progress"
    assert record.workshop_id == "mini"
    reopened = store.open(session.id)
    assert reopened.journey.to_data() == session.journey.to_data()
    reopened.set_notes("saved again")
    assert tomllib.loads(session.path.read_text())["schema_version"] == SCHEMA_VERSION


def _changed_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    return content


def test_content_that_lost_a_choice_still_loads_and_says_so(tmp_path: Path) -> None:
    content = _changed_copy(tmp_path)
    store = SessionStore(tmp_path / "records")
    session = play(store.create(load_workshop(content)), STAFF_PATH[:5])
    # the author removes the choice the player took, and bumps the version
    text = (content / "opening.toml").read_text()
    start = text.index('[[scenes.news.choices]]\nid = "cross-team"')
    end = text.index("[scenes.end]")
    (content / "opening.toml").write_text(
        text[:start].replace('version = "1"', 'version = "2"') + text[end:])
    reopened = SessionStore(tmp_path / "records").open(session.id)
    assert any("choice 'cross-team'" in p and "removed" in p for p in reopened.resume_problems)
    assert "version 1 → 2" in reopened.content_changes[0]
    run = reopened.journey.run
    assert run is not None and run.scene_id == "plan"  # the current scenario continues
    reopened.choose("ship")
    assert read(session.path).journey["runs"]["opening"]["path"][-1] == ["news", "cross-team"]


def test_content_that_lost_a_scene_and_a_scenario(tmp_path: Path) -> None:
    content = _changed_copy(tmp_path)
    store = SessionStore(tmp_path / "records")
    session = play(store.create(load_workshop(content)), STAFF_PATH[:7])  # at the-week/friday
    manifest = (content / "workshop.toml").read_text()
    (content / "workshop.toml").write_text(
        manifest.replace('"opening", "the-week", "closing"]', '"the-week", "closing"]')
        .replace('scenarios = ["opening", "closing"]', 'scenarios = ["closing"]'))
    (content / "opening.toml").unlink()
    week = (content / "the-week.toml").read_text()
    week = week.replace('goto = "friday"', 'goto = "end"')
    week = week[: week.index("[scenes.friday]")] + week[week.index("[scenes.end]"):]
    (content / "the-week.toml").write_text(week)
    reopened = SessionStore(tmp_path / "records").open(session.id)
    problems = " | ".join(reopened.resume_problems)
    assert "scenario 'opening' was removed" in problems
    assert "'the-week' cannot be continued" in problems and "friday" in problems
    assert reopened.restarted == "the-week"
    run = reopened.journey.run
    assert run is not None and run.scene_id == "plan"
    reopened.choose("write")
    saved = read(session.path)
    # nothing the player did is lost: the removed scenario's run and the old run stay
    assert saved.journey["runs"]["opening"]["path"][1] == ["news", "cross-team"]
    assert saved.superseded[0]["scene"] == "friday"
    assert Record.from_data(saved.to_data()) == saved


def test_resume_inside_a_detour_of_the_bundled_workshop(tmp_path: Path) -> None:
    workshop = load_workshop()
    store = SessionStore(tmp_path)
    session = store.create(workshop, "full", handle="ana")
    session.answer("want-start", 2)
    session.choose("continue")
    session.choose("read-the-notes")  # a detour: the way back is on the stack
    run = session.journey.run
    assert run is not None and run.stack
    again = SessionStore(tmp_path).open(session.id)
    resumed = again.journey.run
    assert resumed is not None
    assert again.journey.to_data() == session.journey.to_data()
    assert (resumed.scene_id, resumed.stack, resumed.variables) == (
        run.scene_id, run.stack, run.variables)
    assert [c.id for c in resumed.choices()] == [c.id for c in run.choices()]
    assert again.handle == "ana" and again.resume_problems == []


def test_nothing_to_undo_or_give_a_reason_for_at_the_start(tmp_path: Path) -> None:
    session = SessionStore(tmp_path).create(mini())
    before = session.path.read_bytes()
    assert session.undo() is False
    with pytest.raises(RecordError, match="no choice to give a reason for"):
        session.give_reason("because")
    assert session.path.read_bytes() == before


def test_undo_after_the_end_reopens_the_last_scenario(tmp_path: Path) -> None:
    session = play(SessionStore(tmp_path).create(mini()), STAFF_PATH)
    assert read(session.path).status == "finished"
    assert session.undo()
    assert not session.finished and read(session.path).status == "in-progress"
    run = session.journey.run
    assert run is not None and run.scene_id == "last"
