"""Saving an action writes the record from memory: no re-reading, however long the session."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.record.helpers import mini
from workshop.record import SessionStore, dump, parse, read
from workshop.scenario import load_workshop

WORKSHOP = """\
format = 1
id = "deep"
title = "Deep detours"
version = "1"
promise = "One scene that detours into itself."
scenarios = ["chain"]

[[tracks]]
id = "all"
title = "All"
scenarios = ["chain"]
"""

SCENARIO = """\
format = 1
id = "chain"
title = "A chain of detours"
summary = "Go deeper, then come back."
section = "Test"
minutes = 1
version = "1"
start = "loop"

[scenes.loop]
title = "Loop"
text = "Deeper, or back?"

[[scenes.loop.choices]]
id = "deeper"
label = "Go one detour deeper"
detour = "loop"
sticky = true

[[scenes.loop.choices]]
id = "back"
label = "Come back"
return = true
sticky = true

[[scenes.loop.choices]]
id = "stop"
label = "Stop"
goto = "end"

[scenes.end]
title = "End"
text = "Done."
ending = true
"""


def test_two_hundred_actions_parse_nothing(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression for #12 item 10: you should see a long detour chain saved after every
    action without the record being parsed again (it was parsed three times per save, so a
    10,000-deep chain slowed to 0.21 s per action); what is on disk is still every step."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "workshop.toml").write_text(WORKSHOP, encoding="utf-8")
    (content / "chain.toml").write_text(SCENARIO, encoding="utf-8")
    session = SessionStore(tmp_path / "records").create(load_workshop(content), "all")
    calls: list[int] = []
    real_loads = tomllib.loads

    def counting_loads(text: str, **kwargs: Any) -> dict[str, Any]:
        calls.append(len(text))
        return real_loads(text, **kwargs)

    monkeypatch.setattr(tomllib, "loads", counting_loads)
    for _ in range(150):
        session.choose("deeper")
    for _ in range(50):
        session.choose("back")
    assert calls == []
    monkeypatch.undo()
    run = read(session.path).journey["runs"]["chain"]
    assert len(run["path"]) == 200
    assert len(run["stack"]) == 100


HOSTILE = [
    'ends in a quote"',
    'three """ quotes """',
    '"""\nlooks = [\n    "like",\n    "an array",\n]\n"""',
    "[\n    1,\n    2,\n]",
    "crlf\r\ninside\r\n",
    "lone\rcarriage return\nand a newline",
    'a backslash at the end\\\n\\',
    "tab\tand \x7f and \x00",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_written_exactly(tmp_path: Path, text: str) -> None:
    """Regression for #12 item 10: you should see any note, answer or reason come back from
    the file exactly as typed, now that a save no longer reads its text back to check it,
    and short arrays still written on one line."""
    session = SessionStore(tmp_path).create(mini())
    session.answer("want-start", 3)
    session.choose("continue")
    session.answer("tactical-example", text)
    session.choose("cross-team")
    session.set_notes(text + "\n" + text)
    session.give_reason(text)
    record = read(session.path)
    assert record.notes == text + "\n" + text
    assert record.answers()["tactical-example"] == text
    assert record.reasons["opening"]["news/cross-team"] == text
    assert parse(dump(record)) == record
    assert '\n    ["news", "cross-team"],\n' in session.path.read_text(encoding="utf-8")
