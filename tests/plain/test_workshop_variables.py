"""Plain mode shows workshop-level variables carried from one scenario to the next."""

from __future__ import annotations

from pathlib import Path

from tests.plain.conftest import Output, ScriptedPrompter
from workshop.plain import run_plain
from workshop.play import PlayOptions

SHARED = Path(__file__).resolve().parents[1] / "engine" / "shared_state"


def test_the_second_talk_reads_what_the_first_set(data_dir: Path) -> None:
    """Telling Maya in the first talk: the second talk thanks you and names her."""
    prompter = ScriptedPrompter("track:full", "tell", "1", "ask-help", "^C")
    out = Output()
    run_plain(PlayOptions(content=SHARED, data_dir=data_dir), prompter=prompter,
              out=out.renderer)
    text = out.text
    order = ["Maya asks where the migration stands.", "Goodwill is 2.",
             "Maya is back. Your mentor: Maya.", "She thanks you for telling her early.",
             "Goodwill ends at 2."]
    positions = [text.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions), (positions, text)
    assert "someone else" not in text
    help_option = next(o for a in prompter.asked for o in a.options if o.value == "ask-help")
    assert not help_option.disabled
