"""The "Patterns" examples in docs/authoring.md load as written (issue 15, C1): an author who
copies "Two questions in a row" or "Else on text parts" gets no error and no warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.scenario.helpers import ROOT
from workshop.engine import Run
from workshop.scenario.loader import load_path

DOC = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")

REST = """
id = "s"
title = "A test"
summary = "Written for a test."
section = "Tests"
minutes = 1
start = "{start}"
{variables}
[scenes.{end}]
text = "The end."
ending = true
"""


def example(heading: str) -> str:
    """The first TOML block under a '### heading' of the Patterns section."""
    section = DOC.split(f"### {heading}\n", 1)[1]
    match = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert match, heading
    return match.group(1)


@pytest.mark.parametrize(("heading", "start", "end", "variables", "tail"), [
    ("Two questions in a row", "after-review", "the-week", "", ""),
    ("Else on text parts", "morning", "unused", "[variables]\nwrote_notes = false\n",
     '[scenes.morning]\ntext = "Morning."\nnext = "unused"\n'),
])
def test_each_pattern_example_loads_clean(tmp_path: Path, heading: str, start: str, end: str,
                                          variables: str, tail: str) -> None:
    block = example(heading)
    head, body = block.split("\n", 1)
    assert head == 'format = "1.1"'
    text = head + REST.format(start=start, end=end, variables=variables) + tail + body
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    result = load_path(path)
    assert [d.format() for d in result.diagnostics] == []
    assert result.workshop is not None
    run = Run.start(result.workshop.scenarios["s"])
    if heading == "Else on text parts":
        assert "Nobody wrote down what happened" in run.text()
    else:
        assert [a.id for a in run.asks] == ["review-energy", "review-lesson"]
