"""docs/authoring.md's worked example of workshop-level variables stays true: the TOML shown
is the example folder's, it validates cleanly, and its table of what the player sees holds."""

from __future__ import annotations

import re

import pytest

from tests.scenario.helpers import ROOT, load
from workshop.engine import Journey

DOC = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
FOLDER = ROOT / "docs" / "examples" / "workshop-state"
SECTION = DOC.split("### Worked example: `docs/examples/workshop-state/`", 1)[1] \
    .split("\n## ", 1)[0]


def test_the_toml_shown_is_the_example_folder() -> None:
    blocks = re.findall(r"```toml\n(.*?)```", SECTION, re.DOTALL)
    files = ["workshop.toml", "the-slip.toml", "a-month-later.toml"]
    assert blocks == [(FOLDER / name).read_text(encoding="utf-8") for name in files]


def test_the_example_validates_without_a_warning() -> None:
    assert load(FOLDER).diagnostics == []


@pytest.mark.parametrize(("first", "opens", "review_open", "endings"), [
    ("tell", "You warned me about the slip before anyone else did", True,
     {"review": 2, "offer": 1}),
    ("wait", "She heard about the slip from her own engineers", False, {"offer": -1}),
])
def test_the_table_of_what_the_player_sees(first: str, opens: str, review_open: bool,
                                           endings: dict[str, int]) -> None:
    workshop = load(FOLDER).workshop
    assert workshop is not None
    row = next(line for line in SECTION.splitlines() if line.startswith(f"| `{first}` |"))
    assert opens[:30] in row
    for last, goodwill in endings.items():
        journey = Journey.start(workshop, "both")
        assert journey.run is not None
        journey.run.choose(first)
        journey.advance()
        run = journey.run
        assert run is not None and opens in run.text()
        views = {view.id: view for view in run.choices()}
        assert views["review"].enabled is review_open
        if not review_open:
            assert views["review"].reason == "Maya has not asked you" and "Maya has not" in row
        run.choose(last)
        assert run.ended and run.variables["goodwill"] == goodwill
        assert f"{goodwill}".replace("-", "−") in row
