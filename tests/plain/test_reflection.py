"""The reflection at the end of a plain-mode track, as text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.plain.conftest import EXAMPLE, Output, ScriptedPrompter
from workshop.plain import run_plain
from workshop.plain.reflect import path_markdown
from workshop.play import PlayOptions
from workshop.record import SessionStore
from workshop.scenario import load_workshop

REFLECTION = '''
format = 1

[scale]
min_decisions = 1

[labels]
evidence = "Your own choices"

[[situations]]
id = "reaching"
title = "Already reaching across"
summary = "Your choices already cross team lines."
text = "You went where the problem was."
when = { doing = [0.3, 1.0] }

[situations.next]
days30 = ["Pick one shared incident and write it up."]
manager_question = "Which cross-team problem has no owner?"

[[situations]]
id = "middle"
title = "Somewhere in between"
summary = "The evidence points both ways."
text = "Keep watching what you enjoy."
fallback = true
'''

FULL = ("track:full", "5", "go-on", "Curiosity.", "1", "1",
        "join-their-channel", "write-postmortem")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "workshop"
    shutil.copytree(EXAMPLE, folder)
    (folder / "reflection.toml").write_text(REFLECTION, encoding="utf-8")
    return folder


def _play(content: Path, data_dir: Path) -> str:
    out = Output()
    code = run_plain(PlayOptions(content=content, data_dir=data_dir),
                     prompter=ScriptedPrompter(*FULL), out=out.renderer)
    assert code == 0
    return out.text


def test_reflection_places_quotes_and_suggests(content: Path, data_dir: Path) -> None:
    text = _play(content, data_dir)
    after = text[text.index("Reflection"):]
    for expected in (
        "Already reaching across", "Your choices already cross team lines.",
        "Doing: +1.00",
        "At the start 5 → at the end not rated",
        "Scope beyond the team: +1.00 — You go looking for problems that cross team lines.",
        "The outage that is not yours · you chose “Join Dana's incident channel",
        "you wrote: “Curiosity.”",
        "In 30 days: Pick one shared incident and write it up.",
        "A question for your manager: Which cross-team problem has no owner?",
    ):
        assert expected in after, (expected, after)
    assert "Since last time" not in after


def test_second_session_is_compared_with_the_first(content: Path, data_dir: Path) -> None:
    _play(content, data_dir)
    # The first session started a day earlier (both would otherwise share one second).
    [first] = (data_dir / "sessions").glob("*.toml")
    text = first.read_text(encoding="utf-8")
    created = text.split('created = "', 1)[1].split('"', 1)[0]
    first.write_text(text.replace(created, "2020-01-01T09:00:00Z"), encoding="utf-8")
    text = _play(content, data_dir)
    since = text[text.index("Since last time"):]
    assert "Last session (2020-01-01T09:00:00Z): Already reaching across" in since
    assert "Doing the staff work: +1.00 then, +1.00 now" in since


def test_workshop_without_reflection_content_lists_the_path(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No reflection.toml beside it, and none bundled to borrow.
    monkeypatch.setattr("workshop.reflection.content.bundled_workshop_dir",
                        lambda *_: tmp_path / "nowhere")
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    (folder / "reflection.toml").unlink()  # the example carries its own; this one has none
    workshop = load_workshop(folder)
    session = SessionStore.default(data_dir).create(workshop, "quick")
    session.choose("join-their-channel")
    session.choose("move-on")
    assert path_markdown(session) == (
        "**The outage that is not yours**\n\n"
        "- You chose: Join Dana's incident channel and offer what you see\n"
        "- You chose: Move on to your sprint work"
    )
    out = Output()
    run_plain(PlayOptions(data_dir=data_dir, resume=session.id),
              prompter=ScriptedPrompter(), out=out.renderer)
    assert "No reflection for this workshop" in out.text
    assert "You chose: Move on to your sprint work" in out.text
