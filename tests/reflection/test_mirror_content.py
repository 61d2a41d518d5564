"""The mirror's content keys load, fail politely, and stay documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.reflection.test_content import GOOD
from workshop.errors import ContentError
from workshop.paths import bundled_workshop_dir
from workshop.reflection import load_content_file
from workshop.reflection.claims import KINDS, NEUTRAL
from workshop.reflection.content import PLACEHOLDERS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "records.md").read_text(encoding="utf-8")


def test_the_bundled_content_has_words_for_every_claim_and_both_destinations() -> None:
    """The bundled workshop writes its own words for every claim template, gives the senior
    destination its own inventory and a heading for what to own, and lists the telling
    choices."""
    content = load_content_file(bundled_workshop_dir() / "reflection.toml")
    assert set(NEUTRAL) <= set(content.claims)
    assert [p.id for p in content.senior_inventory] == ["depth", "craft", "senior-career"]
    senior = content.situation("senior-destination")
    assert senior.destination == "senior" and senior.next.own_title
    assert "None is required" not in senior.next.own
    assert {s.destination for s in content.situations} == {"staff", "senior", "open"}
    assert "less-fun-list/q1-glad" in content.telling
    assert "finish" in content.axes["through-others"].keywords
    for situation in content.situations:
        assert "Across the scenarios" not in situation.text, situation.id


@pytest.mark.parametrize(("extra", "message"), [
    ('[claims.torn]\ntitle = "T"\ntext = "In {scenario} you {wobbled}."\n',
     r"key 'claims.torn.text' uses \{scenario\}, which is not a placeholder"),
    ('[claims.moved.up]\ntitle = "T"\n', r"key 'claims.moved.up.text' is missing"),
    ("[claims]\ntorn = 3\n", r"key 'claims.torn' must be a table"),
    ('[axes.scope]\nkeywords = "ship"\n', r"key 'axes.scope.keywords' must be a list of text"),
    ('[characters.ana]\nscenes = ["x"]\n', r"key 'characters.ana.scenes' is not a known key"),
    ("[[senior_inventory]]\nid = 'x'\n", r"key 'senior_inventory\[0\].title' is missing"),
])
def test_a_mistake_in_the_mirror_keys_names_file_and_key(tmp_path: Path, extra: str,
                                                         message: str) -> None:
    """A wrong claim template or keyword list is one line naming the file and the key."""
    path = tmp_path / "reflection.toml"
    path.write_text(GOOD + extra, encoding="utf-8")
    with pytest.raises(ContentError, match=message) as caught:
        load_content_file(path)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_a_bad_destination_names_the_situation(tmp_path: Path) -> None:
    """destination = "manager" on a situation is refused with its place."""
    path = tmp_path / "reflection.toml"
    path.write_text(GOOD.replace('id = "yes"', 'id = "yes"\ndestination = "manager"'),
                    encoding="utf-8")
    with pytest.raises(ContentError, match=r"key 'situations\[0\].destination' must be one"):
        load_content_file(path)


def test_docs_list_every_claim_kind_template_and_placeholder() -> None:
    """docs/records.md documents every claim kind, template key and placeholder."""
    table = set(re.findall(r"^\| `([a-z-]+)` \|", DOC, re.MULTILINE))
    assert set(KINDS) <= table
    for key in NEUTRAL:
        assert f"`{key}`" in DOC, key
    for name in PLACEHOLDERS:
        assert f"`{{{name}}}`" in DOC, name
