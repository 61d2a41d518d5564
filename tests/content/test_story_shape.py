"""The shape of two bundled scenarios that read badly before: a row of ratings, and a long read.

``less-fun-list`` used to ask five 1-5 ratings in five scenes in a row, one per less-fun thing,
so it read as a questionnaire. It is now one Thursday shadowing Rosa, with the ratings asked
where the day raises them. ``writing-in-public`` used to be far longer than its estimate; it
was cut to fit. Both are checked on every path through the real engine.
"""

from __future__ import annotations

import re

from tests.content.test_bundled_workshop import finished_runs
from workshop.engine import Run
from workshop.paths import bundled_workshop_dir
from workshop.scenario.loader import load_path
from workshop.scenario.model import Scenario

WORDS_PER_MINUTE = 200
"""The reading speed the track estimates use (docs/authoring.md)."""
WRITING_IN_PUBLIC_WORDS = 1_100
"""At most this many words on an average path: five and a half minutes of reading."""


def _scenario(scenario_id: str) -> Scenario:
    loaded = load_path(bundled_workshop_dir())
    assert loaded.workshop is not None
    return loaded.workshop.scenarios[scenario_id]


def _scenes(run: Run) -> list[str]:
    """The scenes a finished run went through, in order."""
    return [run.scenario.start] + [_after(run, i) for i in range(len(run.path))]


def _after(run: Run, index: int) -> str:
    replay = Run.replay(run.scenario, [choice for _, choice in run.path[: index + 1]])
    return replay.scene_id


def _words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def _words_read(scenario: Scenario, run: Run) -> int:
    """Words a player reads on this run: scene text, prompts, choices offered, consequences."""
    replay = Run.start(scenario)
    total = 0
    for _, choice_id in run.path:
        total += _words(replay.text())
        total += _words(replay.ask.question) if replay.ask else 0
        total += sum(_words(view.label) for view in replay.choices())
        total += _words(replay.choose(choice_id).consequence)
    return total + _words(replay.text())


def test_less_fun_list_is_a_story_not_a_row_of_ratings() -> None:
    """On every path through less-fun-list, no more than two scenes in a row ask a rating,
    and more scenes offer a decision about the day than ask for a rating."""
    scenario = _scenario("less-fun-list")

    def rates(scene_id: str) -> bool:
        ask = scenario.scenes[scene_id].ask
        return ask is not None and ask.kind == "rating"

    ratings = [s.id for s in scenario.scenes.values() if rates(s.id)]
    decisions = [s.id for s in scenario.scenes.values() if len(s.choices) >= 2]
    assert len(decisions) > len(ratings)
    for run in finished_runs(scenario):
        longest = streak = 0
        for scene_id in _scenes(run):
            streak = streak + 1 if rates(scene_id) else 0
            longest = max(longest, streak)
        assert longest <= 2, f"{longest} ratings in a row on {[c for _, c in run.path]}"


def test_writing_in_public_fits_its_estimate() -> None:
    """An average path through writing-in-public reads in about five minutes, not eight."""
    scenario = _scenario("writing-in-public")
    counts = [_words_read(scenario, run) for run in finished_runs(scenario)]
    mean = sum(counts) / len(counts)
    assert mean <= WRITING_IN_PUBLIC_WORDS, f"{mean:.0f} words: {mean / WORDS_PER_MINUTE:.1f} min"
