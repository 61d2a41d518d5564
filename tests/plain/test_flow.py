"""Plain mode's flow, driven by a scripted player: what is asked, shown and saved."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.plain.conftest import EXAMPLE, Output, ScriptedPrompter
from workshop.errors import RecordError, UsageError
from workshop.plain import INTERRUPTED, resume_command, run_plain
from workshop.play import PlayOptions


def _records(data_dir: Path) -> list[dict[str, Any]]:
    return [tomllib.loads(p.read_text(encoding="utf-8"))
            for p in sorted((data_dir / "sessions").glob("*.toml"))]


def _play(data_dir: Path, prompter: ScriptedPrompter, **options: Any) -> tuple[int, str]:
    out = Output()
    code = run_plain(PlayOptions(content=EXAMPLE, data_dir=data_dir, **options),
                     prompter=prompter, out=out.renderer)
    return code, out.text


def test_full_track_to_the_reflection(data_dir: Path) -> None:
    prompter = ScriptedPrompter(
        "track:full",
        "4", "go-on",                  # check-in: rating, then the scene's choice
        "Curiosity, mostly.", "1",     # free text, then Continue
        "1",                           # on to the next scenario
        "join-their-channel", "write-postmortem",
    )
    code, text = _play(data_dir, prompter)
    assert code == 0
    [record] = _records(data_dir)
    assert record["status"] == "finished"
    runs = record["journey"]["runs"]
    assert runs["check-in"]["answers"] == {"want-start": 4, "why-here": "Curiosity, mostly."}
    assert runs["the-outage"]["path"] == [["page", "join-their-channel"],
                                          ["morning", "write-postmortem"]]
    # What the player read, in order.
    order = ["Your First Workshop", "Scenario 1 of 2: Checking in", "Take a breath.",
             "Scenario 2 of 2: The outage that is not yours", "Dana's team",
             "Consequence: Dana thanks you.", "The postmortem", "Reflection",
             f"workshop export {record['id']}"]
    positions = [text.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions), positions
    # Ratings show both end labels.
    rating = next(a for a in prompter.asked if a.question.startswith("How much"))
    assert "1 = Not at all" in rating.question and "5 = Very much" in rating.question
    assert rating.options[0].label == "1 — Not at all"
    assert rating.options[4].label == "5 — Very much"


def test_greyed_out_choice_shows_its_reason_and_cannot_be_taken(data_dir: Path) -> None:
    prompter = ScriptedPrompter("patch-locally", "^C")
    code, text = _play(data_dir, prompter, track="quick")
    assert code == INTERRUPTED
    morning = prompter.asked[-1]
    postmortem = next(o for o in morning.options if o.value == "write-postmortem")
    assert postmortem.disabled == "needs trust ≥ 2 with Dana's team"
    assert postmortem.key == "1", "numbering matches the full app, greyed-out choices count"
    assert [o.value for o in morning.options if not o.value.startswith("\x00")] == [
        "write-postmortem", "move-on"]
    assert "Consequence: The alert clears." in text


def test_empty_answer_confirmed_is_a_skip_and_rating_can_be_skipped(data_dir: Path) -> None:
    prompter = ScriptedPrompter("s", "go-on", "", False, "  ", True, "^C")
    _play(data_dir, prompter, track="full")
    [record] = _records(data_dir)
    run = record["journey"]["runs"]["check-in"]
    assert sorted(run["skipped"]) == ["want-start", "why-here"]
    assert run.get("answers", {}) == {}
    # The empty line asked for confirmation twice: once declined, once accepted.
    assert [a.kind for a in prompter.asked].count("confirm") == 2


def test_notes_and_undo_are_saved(data_dir: Path) -> None:
    prompter = ScriptedPrompter(
        "n", "First thought.", "n", "Second thought.",
        "patch-locally", "u",          # take it back: the page scene again
        "ask-around", "q",
    )
    code, text = _play(data_dir, prompter, track="quick")
    assert code == 0
    [record] = _records(data_dir)
    assert record["notes"] == "First thought.\n\nSecond thought."
    run = record["journey"]["runs"]["the-outage"]
    assert run["path"] == [["page", "ask-around"]]
    assert run["scene"] == "gossip"
    assert "Taken back." in text
    assert f"Continue with: workshop --data-dir {data_dir} resume {record['id']} --plain" in text


def test_stop_and_resume_at_the_same_scene(data_dir: Path) -> None:
    code, _ = _play(data_dir, ScriptedPrompter("ask-around", "^C"), track="quick")
    assert code == INTERRUPTED
    [record] = _records(data_dir)
    prompter = ScriptedPrompter("thanks", "join-their-channel", "write-postmortem")
    code, text = _play(data_dir, prompter, resume=record["id"])
    assert code == 0
    assert f"Continuing session {record['id']}" in text
    assert text.index("Sam says pricing shipped") < text.index("The postmortem")
    [record] = _records(data_dir)
    assert record["status"] == "finished"
    assert record["journey"]["runs"]["the-outage"]["variables"]["trust"] == 3


def test_resume_latest_from_the_menu(data_dir: Path) -> None:
    _play(data_dir, ScriptedPrompter("patch-locally", "q"), track="quick")
    prompter = ScriptedPrompter("resume", "q")
    code, text = _play(data_dir, prompter)
    assert code == 0
    first = prompter.asked[0]
    assert first.options[0].label.startswith(
        "Continue where you stopped: Quick track, scenario 1 of 1 — The outage")
    assert "Morning. The team reviews the night." in text


def test_resume_latest_without_content(data_dir: Path) -> None:
    _play(data_dir, ScriptedPrompter("patch-locally", "q"), track="quick")
    out = Output()
    code = run_plain(PlayOptions(data_dir=data_dir, resume=""),
                     prompter=ScriptedPrompter("q"), out=out.renderer)
    assert code == 0
    assert "Morning. The team reviews the night." in out.text


def test_one_scenario_from_the_menu(data_dir: Path) -> None:
    prompter = ScriptedPrompter("single", "check-in", "5", "go-on", "", True, "1")
    code, _ = _play(data_dir, prompter)
    assert code == 0
    [record] = _records(data_dir)
    assert record["track"] == "scenario:check-in" and record["status"] == "finished"


def test_quit_from_the_menu_saves_nothing(data_dir: Path) -> None:
    code, _ = _play(data_dir, ScriptedPrompter("q"))
    assert code == 0
    assert not (data_dir / "sessions").exists() or _records(data_dir) == []


def test_ctrl_c_in_the_menu(data_dir: Path) -> None:
    code, text = _play(data_dir, ScriptedPrompter("^C"))
    assert code == INTERRUPTED
    assert "nothing to save" in text


def test_unknown_session_and_track(data_dir: Path) -> None:
    with pytest.raises(RecordError, match="no session 'nope'"):
        _play(data_dir, ScriptedPrompter(), resume="nope")
    with pytest.raises(UsageError, match="no track 'slow'"):
        _play(data_dir, ScriptedPrompter(), track="slow")
    with pytest.raises(RecordError) as caught:
        _play(data_dir, ScriptedPrompter(), resume="")
    assert str(caught.value) == (f"{data_dir / 'sessions'}: no unfinished session to resume "
                                 "(start one with 'workshop play --plain')")


def test_resume_command_quotes_paths() -> None:
    options = PlayOptions(data_dir=Path("/tmp/my data"))
    assert resume_command("abc", options) == "workshop --data-dir '/tmp/my data' resume abc --plain"
    assert resume_command("abc", PlayOptions()) == "workshop resume abc --plain"


def test_markdown_is_printed_as_clean_text(data_dir: Path) -> None:
    """The scene reads "...Sam says pricing shipped..." with no ``**`` around "pricing",
    wrapped or not."""
    for width in (None, 80):
        out = Output(width=width)
        run_plain(PlayOptions(content=EXAMPLE, data_dir=data_dir, track="quick"),
                  prompter=ScriptedPrompter("^C"), out=out.renderer)
        assert "**" not in out.text and "pricing" in out.text


def test_export_offer_writes_notes_and_reports_a_bad_folder(data_dir: Path, tmp_path: Path) -> None:
    from workshop.plain.reflect import DONE, offer_export
    from workshop.record import SessionStore
    from workshop.scenario import load_workshop

    session = SessionStore.default(data_dir).create(load_workshop(EXAMPLE), "quick")
    session.choose("join-their-channel")
    session.choose("write-postmortem")
    out = Output()
    offer_export(session, SessionStore.default(data_dir), ScriptedPrompter("html", DONE),
                 out.renderer, folder=tmp_path)
    page = tmp_path / f"first-workshop-{session.id}.html"
    assert page.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert f"Written: {page}" in out.text
    missing = tmp_path / "missing"
    out = Output()
    offer_export(session, SessionStore.default(data_dir), ScriptedPrompter("md", DONE),
                 out.renderer, folder=missing)
    assert f"{missing / f'first-workshop-{session.id}.md'}: cannot write the export" in out.text
