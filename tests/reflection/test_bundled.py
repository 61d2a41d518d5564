"""Scripted playthroughs of the bundled workshop land in different places, with different
evidence, and each landing brings its own next steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reflection.autoplay import play_leaning
from workshop.record import SessionStore, read
from workshop.reflection import Reflection, reflect
from workshop.scenario import load_workshop
from workshop.scenario.model import Workshop


@pytest.fixture(scope="module")
def workshop() -> Workshop:
    return load_workshop()


def _reflect(tmp_path: Path, workshop: Workshop, lean: int, start: int, end: int,
             track: str = "full") -> Reflection:
    store = SessionStore(tmp_path)
    session = play_leaning(store.create(workshop, track), lean, want_start=start,
                           want_end=end)
    assert session.finished and read(session.path).status == "finished"
    return reflect(read(session.path), workshop)


def test_staff_leaning_and_senior_leaning_full_tracks(tmp_path: Path,
                                                      workshop: Workshop) -> None:
    staff = _reflect(tmp_path / "a", workshop, +1, 3, 5)
    senior = _reflect(tmp_path / "b", workshop, -1, 3, 1)
    assert staff.situation.id == "staff-and-wanting"
    assert senior.situation.id == "senior-destination"
    assert staff.profile.doing is not None and staff.profile.doing > 0.5
    assert senior.profile.doing is not None and senior.profile.doing < -0.2
    staff_choices = {e.choice_id for e in staff.decisions}
    senior_choices = {e.choice_id for e in senior.decisions}
    assert {"cross-team", "ask-what-staff-means"} <= staff_choices
    assert {"go-deeper", "argue"} <= senior_choices
    staff_key = {e.choice_id for e in staff.key_evidence if e.kind == "choice"}
    senior_key = {e.choice_id for e in senior.key_evidence if e.kind == "choice"}
    assert staff_key and senior_key and staff_key.isdisjoint(senior_key)
    # every decision comes with a one-line situation, and an axis's general line is said
    # once per reflection (a choice's own note may stand beside it)
    for reflection in (staff, senior):
        general = [e.note for e in reflection.evidence if e.note and not e.own_note]
        assert len(general) == len(set(general))
        for item in reflection.decisions:
            assert item.situation and "\n" not in item.situation, item.choice_id
    assert staff.next_steps != senior.next_steps
    # both ratings of the same question are there, at the start and the end
    assert (staff.profile.want_start, staff.profile.want_end) == (3, 5)


def test_wanting_it_while_doing_senior_work_is_the_warning(tmp_path: Path,
                                                         workshop: Workshop) -> None:
    reflection = _reflect(tmp_path, workshop, -1, 4, 5, track="quick")
    assert reflection.situation.id == "wanting-on-senior-axis"


def test_able_but_not_wanting(tmp_path: Path, workshop: Workshop) -> None:
    store = SessionStore(tmp_path)
    session = store.create(workshop, "quick")
    # staff-shaped choices, but every day-to-day rating low and the want low at the end
    play_leaning(session, +1, want_start=2, want_end=1)
    for scenario_id, run in session.journey.runs.items():
        for ask_id, value in list(run.answers.items()):
            if isinstance(value, int) and ask_id not in ("want-start", "want-end"):
                run.answers[ask_id] = 1
        assert scenario_id
    session.save()
    reflection = reflect(read(session.path), workshop)
    assert reflection.situation.id == "able-not-wanting"


def test_every_bundled_decision_says_what_the_article_says(workshop: Workshop) -> None:
    """A choice with no signal and no note of its own needs a line in reflection.toml [notes]."""
    from workshop.reflection.content import load_content
    from workshop.reflection.profile import is_decision, note_for

    content = load_content(workshop)
    missing = [
        f"{scenario.id}/{choice.id}"
        for scenario in workshop.scenarios.values()
        for scene in scenario.scenes.values()
        for choice in scene.choices
        if is_decision(scene, choice) and not note_for(content, scenario, scene, choice)
    ]
    assert missing == []


def test_every_note_in_reflection_toml_names_a_real_choice(workshop: Workshop) -> None:
    from workshop.reflection.content import load_content

    choices = {f"{scenario.id}/{choice.id}" for scenario in workshop.scenarios.values()
               for scene in scenario.scenes.values() for choice in scene.choices}
    assert set(load_content(workshop).notes) - choices == set()
