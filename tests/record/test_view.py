"""The typed view of a journey: what a reader of a record sees, in the order it was played."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.record.helpers import MINI, SENIOR_PATH, STAFF_PATH, fixed_clock, mini, play
from workshop.engine import CONTINUE
from workshop.record import Session, SessionStore, read
from workshop.record.view import JourneyView, ScenarioView
from workshop.scenario import load_workshop

_WORKSHOP = mini()


def _view(session: Session, with_content: bool = True) -> JourneyView:
    return JourneyView.from_record(read(session.path), _WORKSHOP if with_content else None)


def _walk(played: ScenarioView) -> list[tuple[str, str | None]]:
    return [(s.scene_id, s.choice.id if s.choice else None) for s in played.steps]


def test_a_finished_journey_reads_scenario_by_scenario_step_by_step(tmp_path: Path) -> None:
    """Each scenario in play order, each scene entered in order with the choice taken there,
    the answer given there, and the choice's label and signals from the content."""
    session = play(SessionStore(tmp_path, clock=fixed_clock()).create(_WORKSHOP), STAFF_PATH)
    view = _view(session)
    assert [s.id for s in view] == ["opening", "the-week", "closing"]
    assert view.finished and view.current is None and view.track == "full"
    opening, week, closing = view.scenarios
    assert _walk(opening) == [("before", CONTINUE), ("news", "cross-team"), ("end", None)]
    before, news, end = opening.steps
    assert before.answer is not None and before.answer.kind == "rating"
    assert (before.answer.ask_id, before.answer.value) == ("want-start", 3)
    assert news.answer is not None and news.answer.kind == "text"
    assert str(news.answer.value).startswith("I tuned our own build cache")
    assert news.choice is not None
    assert news.choice.label == "Take on the handoff between two teams that nobody owns"
    assert dict(news.choice.signals) == {"scope": 2, "meetings": 1}
    assert end.choice is None and end.answer is None
    assert _walk(week) == [("plan", "write"), ("friday", CONTINUE), ("end", None)]
    assert week.steps[1].answer is not None and week.steps[1].answer.value == 5
    assert _walk(closing)[0] == ("think", "aim-staff")
    assert all(s.completed and s.ending == "end" for s in view)
    assert view.answers() == read(session.path).answers()
    assert view.created == "2026-01-05T09:00:00Z" and view.updated > view.created


def test_skipped_prompts_show_where_they_were_skipped(tmp_path: Path) -> None:
    """A skipped prompt is a skip at the scene that asked it, not an answer."""
    session = SessionStore(tmp_path).create(_WORKSHOP)
    play(session, [("skip:want-start", None), ("choose", "continue"),
                   ("skip:tactical-example", None), ("choose", "go-deeper")])
    opening = _view(session).scenarios[0]
    assert [(s.scene_id, s.skipped) for s in opening.steps] == [
        ("before", "want-start"), ("news", "tactical-example"), ("end", None)]
    assert all(s.answer is None for s in opening.steps)
    assert opening.skipped == ("tactical-example", "want-start") and opening.answers == ()


def test_an_unfinished_scenario_stops_at_the_scene_the_player_is_in(tmp_path: Path) -> None:
    """Halfway through the second scenario: the first is complete, the second is where the
    player left it, with no choice there yet and no ending."""
    session = play(SessionStore(tmp_path).create(_WORKSHOP), SENIOR_PATH[:6])
    view = _view(session)
    opening, week = view.scenarios
    assert opening.completed and opening.ending == "end"
    assert not week.completed and week.ending is None
    assert _walk(week) == [("plan", "ship"), ("friday", None)]
    assert view.current == ("the-week", "friday") and not view.finished
    assert week.steps[0].choice is not None
    assert dict(week.steps[0].choice.signals) == {"artifacts": -1, "writing": -1}


def test_reasons_sit_beside_the_choice_they_explain(tmp_path: Path) -> None:
    """The player's reason for a choice is on that choice's step."""
    session = play(SessionStore(tmp_path).create(_WORKSHOP), STAFF_PATH[:4])
    session.give_reason("Nobody owned it.")
    steps = _view(session).scenarios[0].steps
    assert [s.reason for s in steps] == ["", "Nobody owned it.", ""]


def _detour_workshop(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(MINI, folder)
    week = tomllib.loads((folder / "the-week.toml").read_text(encoding="utf-8"))
    week["variables"] = {"who": "the leads"}
    week["scenes"]["plan"]["choices"].insert(0, {
        "id": "ask-around", "label": "Ask {who} first", "detour": "hallway"})
    week["scenes"]["hallway"] = {"text": "A word in the hallway.", "choices": [
        {"id": "back", "label": "Back to the plan", "return": True}]}
    (folder / "the-week.toml").write_text(tomli_w.dumps(week), encoding="utf-8")
    return folder


def test_a_detour_and_its_return_are_marked_on_their_steps(tmp_path: Path) -> None:
    """A choice that opens a detour is marked as one, the way back as a return, and the
    player is seen coming back to the scene they left (labels filled in from variables)."""
    workshop = load_workshop(_detour_workshop(tmp_path))
    session = SessionStore(tmp_path / "records").create(workshop, scenario_id="the-week")
    play(session, [("choose", "ask-around"), ("choose", "back"), ("choose", "write")])
    week = JourneyView.from_record(read(session.path), workshop).scenarios[0]
    assert _walk(week) == [("plan", "ask-around"), ("hallway", "back"), ("plan", "write"),
                           ("friday", None)]
    assert [(s.detour, s.returns) for s in week.steps] == [
        (True, False), (False, True), (False, False), (False, False)]
    assert week.steps[0].choice is not None and week.steps[0].choice.label == "Ask the leads first"


def test_a_record_of_an_older_schema_reads_the_same(tmp_path: Path) -> None:
    """A schema 0 record, upgraded on reading, gives the same journey as today's."""
    session = play(SessionStore(tmp_path, clock=fixed_clock()).create(_WORKSHOP), STAFF_PATH[:7])
    today = _view(session)
    data = tomllib.loads(session.path.read_text(encoding="utf-8"))
    old = dict(data, schema_version=0, started=data["created"], saved=data["updated"],
               workshop=data["workshop"]["id"], workshop_version=data["workshop"]["version"],
               finished=False)
    for key in ("created", "updated", "status"):
        del old[key]
    session.path.write_text(tomli_w.dumps(old), encoding="utf-8")
    assert read(session.path).schema_version == 1
    assert _view(session) == today


def test_without_content_the_ids_remain(tmp_path: Path) -> None:
    """With no workshop at hand (or content that lost a scenario) the view still lists
    every scene and choice id and every answer; only the content's parts are missing."""
    session = play(SessionStore(tmp_path).create(_WORKSHOP), STAFF_PATH[:4])
    bare = _view(session, with_content=False)
    opening = bare.scenarios[0]
    assert _walk(opening) == [("before", CONTINUE), ("news", "cross-team"), ("end", None)]
    assert all(s.scene is None and s.answer is None for s in opening.steps)
    assert [(a.ask_id, a.kind) for a in opening.answers] == [
        ("want-start", "rating"), ("tactical-example", "text")]
    assert opening.steps[1].choice is not None and opening.steps[1].choice.label == ""
    assert bare.unknown_scenarios == ["opening"]
    assert _view(session).unknown_scenarios == []


# -- any journey the store writes reads back as the journey that was played ----------------

_ACTIONS = st.lists(st.tuples(st.sampled_from(["act", "act", "act", "undo", "skip"]),
                              st.integers(0, 9)), max_size=30)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(track=st.sampled_from(["full", "short"]), actions=_ACTIONS)
def test_the_view_of_a_saved_record_matches_the_journey_played(
        tmp_path: Path, track: str, actions: list[tuple[str, int]]) -> None:
    """Whatever the player does (answers, skips, choices, undo, moving on), the record on
    disk reads back as the same scenes, choices, answers and skips, in the same order."""
    store = SessionStore(tmp_path)
    session = store.create(_WORKSHOP, track_id=track)
    for kind, pick in actions:
        run = session.journey.run
        if run is None:
            break
        ask = run.ask
        if kind == "undo":
            session.undo()
        elif ask is not None and ask.id not in run.answers and ask.id not in run.skipped:
            if kind == "skip":
                session.skip(ask.id)
            else:
                session.answer(ask.id, pick % 5 + 1 if ask.kind == "rating" else f"words {pick}")
        elif run.finished:
            session.advance()
        else:
            views = [v for v in run.choices() if v.enabled]
            session.choose(views[pick % len(views)].id)
    journey = session.journey
    view = _view(session)
    assert [s.id for s in view] == list(journey.runs)
    # A record is finished once the last scenario reaches its end, before any advance.
    assert view.index == journey.index and view.finished == session.finished
    for played in view:
        run = journey.runs[played.id]
        assert _walk(played) == [*run.path, (run.scene_id, None)]
        assert dict((a.ask_id, a.value) for a in played.answers) == run.answers
        assert set(played.skipped) == run.skipped
        given_here = {s.answer.ask_id: s.answer.value for s in played.steps if s.answer}
        assert given_here == run.answers  # every answer sits on the scene that asked it
        assert played.completed == (
            session.finished or journey.track.scenarios.index(played.id) < journey.index)
        assert (played.ending is not None) == run.ended
    session.path.unlink()
