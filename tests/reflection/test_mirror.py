"""The mirror over scripted players: paths through the bundled workshop, not built profiles.

Each player is played headlessly, stored, read back and reflected on. For each: the claim kinds
a reader of that path should meet are there, with evidence the player actually gave; no claim
lacks evidence; counts are honest; thin evidence says so instead of placing anyone.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.reflection.autoplay import play_path
from workshop.paths import bundled_workshop_dir
from workshop.record import SessionStore, read
from workshop.record.view import JourneyView
from workshop.reflection import Reflection, reflect
from workshop.reflection.claims import TENSION_KINDS, Cite, words
from workshop.scenario import load_workshop
from workshop.scenario.model import Workshop

MISS = "I'd miss finishing things: shipping a fix and seeing it work the same afternoon."
# The torn player leans staff in these scenarios and senior in the others.
TORN_FLIP = frozenset({"shared-library", "two-mentees", "promotion-packet", "writing-in-public",
                       "stepping-back"})


@dataclass(frozen=True)
class Player:
    """One scripted player and what their reflection must show."""

    name: str
    play: dict[str, Any]
    kinds: frozenset[str]
    """Claim kinds that must appear."""
    absent: frozenset[str] = frozenset()
    """Claim kinds that must not appear."""
    destination: str = ""
    enough: bool = True
    track: str = "full"
    check: dict[str, Any] = field(default_factory=dict)


PLAYERS = [
    Player("staff-leaning", {"doing": 1, "wanting": 1, "want_start": 5, "want_end": 5},
           frozenset({"pattern", "moved", "telling"}),
           frozenset({"stated-vs-revealed", "doing-vs-wanting"}), "staff"),
    Player("senior-leaning", {"doing": -1, "wanting": -1, "want_start": 2, "want_end": 1,
                              "texts": {"miss-most": MISS}},
           frozenset({"pattern", "moved", "own-words", "telling"}),
           frozenset({"stated-vs-revealed", "doing-vs-wanting"}), "senior"),
    Player("wants-the-title-works-senior",
           {"doing": -1, "wanting": 1, "want_start": 5, "want_end": 5},
           frozenset({"doing-vs-wanting", "pattern", "moved"}), frozenset(), "staff"),
    Player("does-the-work-does-not-want-it",
           {"doing": 1, "wanting": -1, "want_start": 2, "want_end": 1},
           frozenset({"doing-vs-wanting", "pattern", "moved"}), frozenset()),
    Player("torn", {"doing": 1, "wanting": 1, "want_start": 3, "want_end": 3,
                    "flip": TORN_FLIP},
           frozenset({"torn", "moved"}), frozenset({"stated-vs-revealed"})),
    Player("one-scenario-only", {"doing": 1, "wanting": 1, "want_start": 4, "want_end": None,
                                 "scenarios": 1},
           frozenset({"pattern"}), frozenset({"moved", "doing-vs-wanting"}), "open",
           enough=False),
    Player("everything-skipped", {"doing": 1, "wanting": 1, "want_start": None,
                                  "want_end": None, "skip_all": True},
           frozenset(), frozenset({"stated-vs-revealed", "doing-vs-wanting", "moved"}), "open",
           enough=False),
]


@pytest.fixture(scope="module")
def workshop() -> Workshop:
    return load_workshop()


@pytest.fixture(scope="module")
def played(workshop: Workshop, tmp_path_factory: pytest.TempPathFactory
           ) -> dict[str, tuple[Reflection, JourneyView]]:
    out = {}
    for player in PLAYERS:
        store = SessionStore(tmp_path_factory.mktemp(player.name))
        session = play_path(store.create(workshop, player.track), **player.play)
        record = read(session.path)
        out[player.name] = (reflect(record, workshop),
                            JourneyView.from_record(record, workshop))
    return out


def _taken(journey: JourneyView) -> set[tuple[str, str, str, str]]:
    steps = set()
    for scenario in journey:
        for step in scenario.steps:
            if step.choice is not None:
                steps.add((scenario.id, step.scene_id, step.choice.id, ""))
            if step.answer is not None:
                steps.add((scenario.id, step.scene_id, "", step.answer.ask_id))
    return steps


def _key(cite: Cite) -> tuple[str, str, str, str]:
    return (cite.scenario, cite.scene, cite.choice, cite.ask)


@pytest.mark.parametrize("player", PLAYERS, ids=lambda p: p.name)
def test_each_scripted_player_meets_the_claims_their_path_supports(
        player: Player, played: dict[str, tuple[Reflection, JourneyView]]) -> None:
    """You see the tensions and patterns of your own path, each with the choices and answers
    you actually gave, and nothing that leans on a step you never took."""
    reflection, journey = played[player.name]
    kinds = {c.kind for c in reflection.claims}
    assert player.kinds <= kinds, (player.name, kinds)
    assert not (player.absent & kinds), (player.name, kinds)
    assert reflection.enough is player.enough
    if player.destination:
        assert reflection.destination == player.destination
    taken = _taken(journey)
    for claim in reflection.claims:
        assert claim.evidence, claim
        assert "across the scenarios" not in claim.text
        for cite in claim.evidence:
            assert _key(cite) in taken, (claim.title, cite)
    for cite in (*reflection.telling, *reflection.moved_by):
        assert _key(cite) in taken, cite
    # tensions come first
    order = [c.kind in TENSION_KINDS for c in reflection.claims]
    assert order == sorted(order, reverse=True)
    # never the same sentence twice in one reflection
    texts = [c.text for c in reflection.claims]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("player", PLAYERS, ids=lambda p: p.name)
def test_counts_are_honest(player: Player,
                           played: dict[str, tuple[Reflection, JourneyView]]) -> None:
    """A pattern says how many of your decisions and scenarios it counts, and the numbers
    are the ones you played: after one scenario it says "the one scenario you played"."""
    reflection, journey = played[player.name]
    scenarios = sum(1 for s in journey if s.steps and s.choices)
    assert reflection.scenarios_played == scenarios
    for claim in reflection.claims:
        if claim.kind != "pattern":
            continue
        count = len(claim.evidence)
        assert re.match(rf"(?i){re.escape(_words(count))} of your ", claim.text), claim.text
        cited = len({c.scenario for c in claim.evidence})
        if scenarios == 1:
            assert "in the one scenario you played" in claim.text
        elif cited == scenarios:
            assert f"in all {_words(scenarios)} scenarios you played" in claim.text
        else:
            assert f"of the {_words(scenarios)} scenarios you played" in claim.text


def _words(count: int) -> str:
    return words(count)


def test_stated_and_revealed_name_the_ratings_and_the_choices(
        played: dict[str, tuple[Reflection, JourneyView]]) -> None:
    """Rating 'want the staff job' 5 and 5 while choosing the senior day-to-day shows a
    stated-vs-revealed tension citing both ratings and the senior-side choices."""
    reflection, _ = played["wants-the-title-works-senior"]
    claim = next(c for c in reflection.claims if c.kind == "doing-vs-wanting")
    assert "main warning" in claim.text
    asks = [c.ask for c in claim.evidence if c.ask]
    assert asks == ["want-start", "want-end"]
    assert any(c.choice for c in claim.evidence)
    senior, _ = played["does-the-work-does-not-want-it"]
    claim = next(c for c in senior.claims if c.kind == "doing-vs-wanting")
    assert claim.title == "You do the staff work without wanting the job"


def test_the_ratings_and_what_moved_them(
        played: dict[str, tuple[Reflection, JourneyView]]) -> None:
    """A player who rated 2 then 1 sees both numbers side by side, and the choices between
    the two ratings that leaned the wanting axes down."""
    reflection, _ = played["senior-leaning"]
    assert (reflection.want_start, reflection.want_end) == (2, 1)
    moved = next(c for c in reflection.claims if c.kind == "moved")
    assert "2 out of 5 at the start and 1 at the end" in moved.text
    assert reflection.moved_by
    assert all(c.choice for c in reflection.moved_by)
    assert set(map(_key, reflection.moved_by)) <= set(map(_key, moved.evidence))
    steady, _ = played["staff-leaning"]
    held = next(c for c in steady.claims if c.kind == "moved")
    assert held.title == "Your want held at 5" and not steady.moved_by


def test_own_words_meet_the_claims_they_bear_on(
        played: dict[str, tuple[Reflection, JourneyView]]) -> None:
    """"I'd miss finishing things" sits beside the claim about wanting your own hands on the
    work (the impact-through-others axis) and beside Jonas, whom the player chose to hear and
    who handed the title back for that reason; the answer itself is in no claim's text."""
    reflection, _ = played["senior-leaning"]
    answer, bears = next((a, b) for a, b in reflection.own_words if a.ask == "miss-most")
    assert answer.private and answer.value == MISS
    assert any("through-others" in c.axes for c in bears)
    own = [c for c in reflection.claims if c.kind == "own-words"]
    assert any(c.evidence[0].ask == "miss-most" for c in own)
    for claim in reflection.claims:
        assert MISS not in claim.text
    echo = next(c for c in bears if c.title == "Your words echo Jonas Weber")
    assert [c.ask or c.choice for c in echo.evidence] == ["miss-most", "coffee-jonas"]
    assert "missed finishing things" in echo.text


def test_torn_names_both_sides(played: dict[str, tuple[Reflection, JourneyView]]) -> None:
    """An axis pulled both ways is named with one choice from each side, in two scenarios."""
    reflection, _ = played["torn"]
    for claim in (c for c in reflection.claims if c.kind == "torn"):
        high, low = claim.evidence
        assert high.scenario != low.scenario
        assert high.scenario_title in claim.text and low.scenario_title in claim.text


def test_thin_evidence_says_so_and_places_nobody(
        played: dict[str, tuple[Reflection, JourneyView]]) -> None:
    """With every prompt skipped there is no want rating: the reflection places nobody and
    says what more play would tell."""
    for name in ("everything-skipped", "one-scenario-only"):
        reflection, _ = played[name]
        assert not reflection.enough and reflection.destination == "open"
        assert reflection.situation.fallback
        assert reflection.more_play
        assert not {c.kind for c in reflection.claims} & {"stated-vs-revealed",
                                                          "doing-vs-wanting"}
    skipped, _ = played["everything-skipped"]
    assert "will not place you" in skipped.more_play
    one, _ = played["one-scenario-only"]
    assert "played one scenario so far" in one.more_play


def test_the_telling_choices_are_few_and_strongest_first(
        played: dict[str, tuple[Reflection, JourneyView]]) -> None:
    """A full track shows three to six telling choices, led by the final job decision, with
    the answers to the article's three questions (the glad-yes answers) among them."""
    for name, told, yeses in (("staff-leaning", "tell-priya-staff", "glad"),
                              ("senior-leaning", "tell-priya-senior", "no")):
        reflection, _ = played[name]
        assert 3 <= len(reflection.telling) <= 6
        assert reflection.telling[0].choice == told
        chosen = {c.choice for c in reflection.telling}
        assert {f"q1-{yeses}", f"q2-{yeses}", f"q3-{yeses}"} <= chosen, chosen


def test_what_pulls_the_other_way_never_leans_your_way(
        played: dict[str, tuple[Reflection, JourneyView]]) -> None:
    """A senior-destination player never sees a senior-leaning choice listed as pulling the
    other way (and a staff one never a staff-leaning choice)."""
    for reflection, _ in played.values():
        sign = {"staff": 1, "senior": -1}.get(reflection.destination)
        if sign is None:
            continue
        for item in reflection.against:
            assert sum(item.signals.values()) * sign < 0, item


def test_each_destination_has_its_own_inventory_and_steps(
        played: dict[str, tuple[Reflection, JourneyView]]) -> None:
    """Staying senior brings its own inventory (senior strengths to make visible) and next
    steps; nothing tells that player a cross-team problem is 'not required'."""
    senior, _ = played["senior-leaning"]
    staff, _ = played["staff-leaning"]
    assert {p.id for p in senior.inventory}.isdisjoint({p.id for p in staff.inventory})
    assert all(p.destination == "senior" for p in senior.inventory) and senior.inventory
    steps = senior.next_steps
    assert steps.own_title and "None is required" not in steps.own
    assert "not good enough" not in senior.situation.text


def test_the_axis_line_is_said_once(played: dict[str, tuple[Reflection, JourneyView]]) -> None:
    """An axis's general sentence appears at most once in a reflection."""
    for reflection, _ in played.values():
        general = [e.note for e in reflection.evidence if e.note and not e.own_note]
        assert len(general) == len(set(general))


def test_a_workshop_without_its_own_content_gets_neutral_claims(tmp_path: Path) -> None:
    """A custom workshop without its own reflection.toml reads in neutral words: claims that
    name only its own groups and axes, neutral places and next steps, no borrowed notes, and
    no word about the staff job anywhere."""
    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"
    folder = tmp_path / "example"
    shutil.copytree(example, folder)
    (folder / "reflection.toml").unlink()
    workshop = load_workshop(folder)
    assert (bundled_workshop_dir() / "reflection.toml").is_file()
    session = play_path(SessionStore(tmp_path / "data").create(workshop, "full"),
                        doing=1, wanting=1, want_start=4, want_end=None)
    reflection = reflect(read(session.path), workshop)
    assert reflection.claims
    steps = reflection.next_steps
    words = [reflection.situation.title, reflection.situation.summary,
             reflection.situation.text, *steps.days30, *steps.days60, *steps.days90,
             steps.own, steps.artifact, steps.manager_question, reflection.more_play,
             *(p.title for p in reflection.inventory),
             *(e.note for e in reflection.evidence)]
    for claim in reflection.claims:
        words += [claim.title, claim.text]
    for text in words:
        assert "staff" not in text.lower() and "senior" not in text.lower(), text
    assert reflection.destination == "open"
