"""Words per choice, not per axis: every choice of the bundled workshop that carries a signal
has a note of its own, so the reflection explains each decision in its own words.

Issue #14, item 4. Before these notes, the reflection fell back to one sentence per axis, and
a player saw the same line under several different choices.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.reflection.autoplay import play_leaning
from workshop.record import SessionStore, read
from workshop.reflection import reflect
from workshop.reflection.content import ReflectionContent, load_content
from workshop.scenario import load_workshop
from workshop.scenario.model import Choice, Scenario, Scene, Workshop

MAX_NOTE = 200
"""A note is one or two short sentences: it has to fit under a decision on an 80-column screen."""


@pytest.fixture(scope="module")
def workshop() -> Workshop:
    return load_workshop()


@pytest.fixture(scope="module")
def content(workshop: Workshop) -> ReflectionContent:
    return load_content(workshop)


def _signal_choices(workshop: Workshop) -> list[tuple[Scenario, Scene, Choice]]:
    return [(scenario, scene, choice)
            for scenario in workshop.scenarios.values()
            for scene in scenario.scenes.values()
            for choice in scene.choices if choice.signals]


def _own_note(content: ReflectionContent, scenario: Scenario, choice: Choice) -> str:
    """The choice's own note: its ``meta.note``, else its line in ``[notes]``; never the
    scene's note or an axis text."""
    note = choice.meta.get("note")
    if isinstance(note, str) and note.strip():
        return note.strip()
    return content.notes.get(f"{scenario.id}/{choice.id}", "").strip()


def test_every_signal_carrying_choice_has_a_note_of_its_own(
        workshop: Workshop, content: ReflectionContent) -> None:
    """Every one of the bundled choices that moves an axis has its own note (meta.note or a
    "scenario/choice" line in reflection.toml [notes]); the list of those without is empty."""
    chosen = _signal_choices(workshop)
    assert len(chosen) >= 150, "the bundled workshop should have its 160 signal-carrying choices"
    missing = [f"{scenario.id}/{choice.id}" for scenario, _, choice in chosen
               if not _own_note(content, scenario, choice)]
    assert missing == []


def test_every_notes_key_names_a_choice_that_exists(workshop: Workshop,
                                                    content: ReflectionContent) -> None:
    """A [notes] key that names no scenario/choice would never be shown: there are none."""
    choices = {f"{scenario.id}/{choice.id}" for scenario in workshop.scenarios.values()
               for scene in scenario.scenes.values() for choice in scene.choices}
    assert sorted(set(content.notes) - choices) == []


def test_notes_are_short_distinct_sentences_and_not_axis_texts(
        workshop: Workshop, content: ReflectionContent) -> None:
    """Each note is at most 200 characters, ends with a full stop, is used by one choice only,
    does not repeat an axis's toward/away text, and does not present itself as the article."""
    notes = dict(content.notes)
    for scenario, _, choice in _signal_choices(workshop):
        note = choice.meta.get("note")
        if isinstance(note, str):
            notes[f"{scenario.id}/{choice.id}"] = note
    axis_texts = {text for axis in content.axes.values() for text in (axis.toward, axis.away)}
    too_long = {key: len(note) for key, note in notes.items() if len(note) > MAX_NOTE}
    no_stop = [key for key, note in notes.items() if not note.rstrip().endswith(".")]
    axis_copies = [key for key, note in notes.items() if note in axis_texts]
    as_quotes = [key for key, note in notes.items()
                 if "the article" in note.lower() or note.lstrip().startswith(('"', "\u201c"))]
    repeated = [note for note, n in Counter(notes.values()).items() if n > 1]
    assert too_long == {}
    assert no_stop == []
    assert axis_copies == []
    assert as_quotes == []
    assert repeated == []


@pytest.mark.parametrize(("lean", "start", "end"), [(+1, 5, 5), (-1, 2, 1)])
def test_a_full_playthrough_never_shows_the_same_note_twice(
        tmp_path: Path, workshop: Workshop, lean: int, start: int, end: int) -> None:
    """Playing the full track staff-leaning or senior-leaning, every decision the reflection
    lists carries a note, and no note appears under two decisions (before the per-choice notes,
    one axis sentence such as "Preferring the editor to the document ..." showed up several
    times)."""
    store = SessionStore(tmp_path)
    session = play_leaning(store.create(workshop, "full"), lean, want_start=start, want_end=end)
    reflection = reflect(read(session.path), workshop)
    notes = [item.note for item in reflection.decisions]
    assert len(notes) >= 20 and all(notes)
    assert [note for note, n in Counter(notes).items() if n > 1] == []
    axis_texts = {text for axis in load_content(workshop).axes.values()
                  for text in (axis.toward, axis.away)}
    assert [note for note in notes if note in axis_texts] == []
