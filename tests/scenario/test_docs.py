"""docs/authoring.md stays in step with the program: every code, and the worked example."""

from __future__ import annotations

import re

from tests.scenario.helpers import ROOT
from workshop.scenario.diagnostics import CODES
from workshop.scenario.model import Choice, Scene

DOC = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")


def test_every_code_is_documented_and_no_other() -> None:
    """The table of diagnostic codes lists exactly the codes the validator can report, each
    with its meaning as the program states it."""
    table = {
        match.group(1): match.group(2)
        for match in re.finditer(r"^\| (\w\d{3}) \| ([^|]+) \|", DOC, re.MULTILINE)
    }
    assert set(table) == set(CODES)
    assert set(re.findall(r"\b([EW]\d{3})\b", DOC)) == set(CODES)
    for code, meaning in CODES.items():
        assert table[code].strip() == meaning, code


def test_every_scene_and_choice_key_is_documented() -> None:
    """Each key the loader reads for scenes and choices appears in the reference tables."""
    keys = {"text", "title", "parts", "choices", "next", "ending", "ask", "facilitator", "tags",
            "meta", "id", "label", "goto", "detour", "return", "consequence", "if", "requires",
            "reason", "sticky", "fallback", "set", "add", "signals", "on_enter"}
    fields = {f for f in Scene.__dataclass_fields__} | {f for f in Choice.__dataclass_fields__}
    assert fields - {"show_if", "returns"} <= keys
    for key in keys:
        assert f"| `{key}` |" in DOC, key


def test_links_to_the_tools_page() -> None:
    """The reference points authors to graph, explore and schema."""
    assert "](authoring-tools.md)" in DOC


def test_worked_example_playthroughs_are_true() -> None:
    """The playthroughs in the worked example replay to the trust and ending it states."""
    from tests.scenario.helpers import example
    from workshop.engine import Run

    outage = example().scenarios["the-outage"]
    rows = re.findall(r"^\| (`[a-z-]+`(?:, `[a-z-]+`)*)[^|]* \| (−?\d+) \| `([a-z-]+)` \|$",
                      DOC, re.MULTILINE)
    assert len(rows) == 2
    for path, trust, ending in rows:
        run = Run.replay(outage, re.findall(r"`([a-z-]+)`", path))
        assert run.scene_id == ending and run.ended
        assert run.variables["trust"] == int(trust.replace("−", "-"))
