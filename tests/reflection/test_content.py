"""reflection.toml loads, and every mistake in it is one error naming the file and the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.record.helpers import MINI
from workshop.errors import ContentError
from workshop.paths import bundled_workshop_dir
from workshop.reflection import load_content, load_content_file
from workshop.scenario import load_workshop

GOOD = """
format = 1
[[situations]]
id = "yes"
title = "Yes"
summary = "One line."
text = "Some words."
when = { doing = [0.2, 1.0] }
[[situations]]
id = "middle"
fallback = true
title = "Middle"
summary = "One line."
text = "Some words."
"""


def test_the_bundled_reflection_content_has_the_four_situations_and_a_middle() -> None:
    content = load_content_file(bundled_workshop_dir() / "reflection.toml")
    ids = [s.id for s in content.situations]
    assert ids == ["staff-and-wanting", "wanting-on-senior-axis", "able-not-wanting",
                   "senior-destination", "middle"]
    assert content.fallback.id == "middle"
    for situation in content.situations:
        steps = situation.next
        assert steps.days30 and steps.days60 and steps.days90, situation.id
        assert steps.own and steps.artifact and steps.manager_question, situation.id
    workshop = load_workshop()
    assert {a.id for a in workshop.axes} <= set(content.axes)
    assert [part.id for part in content.inventory] == ["staff-scale", "cross-team",
                                                       "multiplier"]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reflection.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.replace('title = "Yes"\n', ""), r"key 'situations\[0\].title' is missing"),
    (lambda t: t.replace("[0.2, 1.0]", "[1.0, 0.2]"),
     r"key 'situations\[0\].when.doing' must be \[low, high\]"),
    (lambda t: t.replace("when = { doing", "when = { doingg"),
     r"key 'situations\[0\].when.doingg' is not a known key"),
    (lambda t: t.replace("fallback = true\n", ""), r"exactly one situation with fallback"),
    (lambda t: t.replace('id = "middle"', 'id = "yes"'), r"has the id 'yes' twice"),
    (lambda t: t + "[scale]\nstated_want_weight = 3\n",
     r"key 'scale.stated_want_weight' must be between 0 and 1"),
    (lambda t: t + "[notes]\n'a/b' = 3\n", r"key 'notes.a/b' must be text"),
    (lambda t: t.replace("format = 1", "format = 2"), r"key 'format' must be 1"),
    (lambda t: t + "[[situations]\n", r"is not valid TOML"),
])
def test_bad_reflection_content_names_file_and_key(tmp_path: Path, change: object,
                                                   message: str) -> None:
    assert callable(change)
    path = _write(tmp_path, change(GOOD))
    with pytest.raises(ContentError, match=message) as caught:
        load_content_file(path)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_a_workshop_without_its_own_content_borrows_the_bundled_words(tmp_path: Path) -> None:
    copy = tmp_path / "mini"
    shutil.copytree(MINI, copy)
    (copy / "reflection.toml").unlink()
    content = load_content(load_workshop(copy))
    assert content.path == bundled_workshop_dir() / "reflection.toml"
    assert load_content(load_workshop(MINI)).path == MINI / "reflection.toml"
