"""The reflection's profile, placement, evidence and comparison on the synthetic workshop."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.record.helpers import SENIOR_PATH, STAFF_PATH, fixed_clock, mini, play
from workshop.record import SessionStore
from workshop.reflection import reflect


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path, clock=fixed_clock(step=86400))


def test_profile_follows_the_documented_scale(store: SessionStore) -> None:
    session = play(store.create(mini()), SENIOR_PATH)
    profile = reflect(session, session.workshop).profile
    # go-deeper: scope -2 of a possible 2; ship: artifacts -1 of a possible 2
    assert profile.axis("scope").score == -1.0
    assert profile.axis("artifacts").score == -0.5
    assert profile.doing == pytest.approx(-3 / 4)
    # ship: writing -1 of 1; doc-week rated 1: (1-3)*1 = -2 of 2
    assert profile.axis("writing").score == pytest.approx(-3 / 3)
    # go-deeper passed up cross-team's meetings +1 (0 of 1); stay-senior: meetings -1 of 1
    assert profile.axis("meetings").score == pytest.approx(-1 / 2)
    assert profile.wanting_signals == pytest.approx(-4 / 5)
    # blended half and half with the last want rating (2 -> -0.5)
    assert profile.wanting == pytest.approx(0.5 * -0.8 + 0.5 * -0.5)
    assert (profile.want_start, profile.want_end) == (4, 2)


def test_staff_and_senior_paths_land_apart_with_their_own_evidence(store: SessionStore) -> None:
    staff = reflect(play(store.create(mini()), STAFF_PATH), mini())
    senior = reflect(play(store.create(mini()), SENIOR_PATH), mini())
    assert staff.situation.id == "staff-and-wanting"
    assert senior.situation.id == "senior-destination"
    assert [e.choice_id for e in staff.decisions] == ["cross-team", "write", "aim-staff"]
    assert [e.choice_id for e in senior.decisions] == ["go-deeper", "ship", "stay-senior"]
    first = senior.decisions[0]
    assert first.label == "Take the hardest project on your own team's roadmap"
    assert first.note.startswith("Going deeper on your own team's work")  # choice meta note
    assert first.situation == "The news: The committee calls your work excellent but local."
    assert senior.decisions[2].note == "Mini: staying senior is a destination."  # [notes]
    assert staff.key_evidence[0].choice_id == "cross-team"
    assert staff.next_steps.manager_question == "Mini question for the manager?"
    answers = {e.ask_id: e.value for e in senior.answers}
    assert answers == {"tactical-example": "The ledger rewrite: fast, but only for us.",
                       "days": "Deep in the code with headphones on."}


def test_wanting_it_on_the_senior_axis_is_the_warning(store: SessionStore) -> None:
    script = [(a, 5 if a == "answer:want-end" else v) for a, v in SENIOR_PATH]
    reflection = reflect(play(store.create(mini()), script), mini())
    assert reflection.situation.id == "wanting-on-senior-axis"


def test_too_little_evidence_stays_in_the_honest_middle(store: SessionStore) -> None:
    session = play(store.create(mini()), STAFF_PATH[:4])  # one decision only
    reflection = reflect(session, session.workshop)
    assert reflection.thin and reflection.situation.id == "middle"


def test_the_players_reason_is_quoted_with_the_choice(store: SessionStore) -> None:
    session = play(store.create(mini()), STAFF_PATH[:4])
    session.give_reason("Two teams kept paging each other over it.")
    (decision,) = reflect(session, session.workshop).decisions
    assert decision.reason == "Two teams kept paging each other over it."


def test_comparison_with_an_earlier_session_says_what_moved(store: SessionStore) -> None:
    before = play(store.create(mini()), SENIOR_PATH)
    now = play(store.create(mini()), STAFF_PATH)
    reflection = reflect(now, now.workshop, history=[before, now])
    comparison = reflection.comparison
    assert comparison is not None and comparison.previous_id == before.id
    assert comparison.previous_situation.id == "senior-destination"
    moves = {m.key: (m.before, m.now) for m in comparison.groups}
    assert moves["want_start"] == (4.0, 3.0) and moves["want_end"] == (2.0, 5.0)
    assert moves["doing"] == (-0.75, 1.0)
    assert {m.key for m in comparison.moved} == {"scope", "artifacts", "meetings", "writing"}
    # a first session has nothing to compare with; later sessions are not "earlier"
    assert reflect(before, before.workshop, history=[now]).comparison is None


def test_unfinished_earlier_sessions_are_not_compared(store: SessionStore) -> None:
    abandoned = play(store.create(mini()), SENIOR_PATH[:3])
    now = play(store.create(mini()), STAFF_PATH)
    assert reflect(now, now.workshop, history=[abandoned]).comparison is None


def test_a_record_reflects_without_a_live_session(store: SessionStore) -> None:
    session = play(store.create(mini()), STAFF_PATH)
    from_record = reflect(store.read_record(session.id), mini())
    assert from_record.situation.id == reflect(session, session.workshop).situation.id
