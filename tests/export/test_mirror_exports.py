"""The notes exports as a mirror (issue 14): a first-person part to share with nothing private
in it, each choice's note titled for what it is, and a map that draws every situation."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.reflection.autoplay import play_leaning
from workshop.export import render
from workshop.export.markdown import PART_TWO
from workshop.record import Session, SessionStore
from workshop.reflection import load_content
from workshop.scenario import load_workshop

SECRET = "Zanzibar-quokka secret"
"""A distinctive phrase the player writes in every free-text answer."""


def _play(tmp_path: Path, lean: int, start: int, end: int, track: str = "full",
          scenario: str | None = None) -> Session:
    workshop = load_workshop()
    store = SessionStore(tmp_path)
    texts = {ask.id: f"{SECRET}: I'd miss finishing things ({ask.id})."
             for scenario in workshop.scenarios.values()
             for scene in scenario.scenes.values()
             if (ask := scene.ask) is not None and ask.kind != "rating"}
    created = (store.create(workshop, scenario_id=scenario) if scenario
               else store.create(workshop, track))
    return play_leaning(created, lean, want_start=start, want_end=end, texts=texts)


@pytest.fixture(scope="module")
def staff(tmp_path_factory: pytest.TempPathFactory) -> Session:
    """Leans staff at every decision, wants the job 4 then 5."""
    return _play(tmp_path_factory.mktemp("staff"), +1, 4, 5)


@pytest.fixture(scope="module")
def senior(tmp_path_factory: pytest.TempPathFactory) -> Session:
    """Loves the hands-on work: leans senior at every decision, wants the job 2 then 1."""
    return _play(tmp_path_factory.mktemp("senior"), -1, 2, 1)


def _part_one(markdown: str) -> str:
    body = markdown.split("\n---\n", 1)[1]
    return body.split(PART_TWO, 1)[0]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", html.unescape(re.sub(r"<[^>]+>", " ", text)).lower()))


@pytest.mark.parametrize("who", ["staff", "senior"])
def test_the_part_to_share_holds_nothing_private_in_any_export(
        who: str, request: pytest.FixtureRequest) -> None:
    """A phrase the player wrote in their answers is never in the part meant to be handed on:
    not in Part 1 of the full notes, not anywhere in a shareable export of any format."""
    session: Session = request.getfixturevalue(who)
    markdown = render(session, "md")
    assert SECRET in markdown  # the full notes keep it, in the private part
    assert SECRET not in _part_one(markdown)
    page = render(session, "html")
    assert SECRET in page
    assert SECRET not in page.split("Part 2 · Private", 1)[0]
    for fmt in ("md", "html", "json", "toml"):
        assert SECRET not in render(session, fmt, shareable=True), fmt


@pytest.mark.parametrize("who", ["staff", "senior"])
def test_the_part_to_share_is_written_in_the_first_person(
        who: str, request: pytest.FixtureRequest) -> None:
    """Part 1 is meant to be read aloud to a manager: it says "my" and "I", never "your"
    (scenario titles, which are names, aside)."""
    session: Session = request.getfixturevalue(who)
    titles = [s.title for s in session.workshop.scenarios.values()]
    for part in (_part_one(render(session, "md")), render(session, "md", shareable=True)):
        for title in titles:
            part = part.replace(title, "")
        words = _words(part)
        assert {"my", "i"} <= words
        assert not words & {"your", "yours", "yourself"}, sorted(words & {"your", "yourself"})


def test_each_choice_note_is_titled_for_what_it_is(staff: Session) -> None:
    """The decision log calls the note on a choice "What this choice tends to mean", never a
    quotation of the article."""
    for fmt in ("md", "html"):
        text = render(staff, fmt)
        assert "What this choice tends to mean" in text
        assert "What the article says" not in text


def test_the_html_map_draws_every_situation(staff: Session) -> None:
    """The map of situations has a labelled region for each of the five, including the
    article's central case, wanting staff while working on the senior axis."""
    page = render(staff, "html")
    labels = " ".join(re.findall(r'class="region-label"[^>]*>([^<]*)<', page))
    content = load_content(load_workshop())
    assert len(content.situations) == 5
    for situation in content.situations:
        assert " ".join(situation.title.split()) in labels, situation.title
    assert "Wanting staff, working on the senior axis" in labels



def test_a_senior_destination_gets_its_own_inventory_not_the_staff_one(senior: Session) -> None:
    """A player who lands on staying senior gets the senior strengths to make visible and a
    manager question that fits, never the staff evidence inventory nor "The one cross-team
    problem to own: None is required"."""
    markdown = render(senior, "md")
    assert "situation: \"senior-destination\"" in markdown
    part_one = _part_one(markdown)
    for staff_only in ("Evidence inventory", "Staff-scale projects", "Cross-team influence",
                       "Multiplier work", "The one cross-team problem to own",
                       "None is required", "promotion committee"):
        assert staff_only not in part_one, staff_only
    assert "What I want seen where I am" in part_one
    assert "### Depth others rely on" in part_one
    assert "What does an excellent senior engineer look like" in part_one


def test_the_claims_appear_with_their_evidence_tensions_first(senior: Session) -> None:
    """The private part says what the mirror sees: the tensions first, each with the choices
    it rests on, then the patterns; the part to share names the telling choices in my words."""
    markdown = render(senior, "md")
    private = markdown.split(PART_TWO, 1)[1]
    assert "Where you pull against yourself" in private
    assert private.index("Where you pull against yourself") < private.index(
        "What your choices show")
    tension = private[private.index("Where you pull against yourself"):]
    assert "· you chose “" in tension.split("###", 2)[1]
    assert "## The choices that say most about me" in _part_one(markdown)
    assert "I chose “Tell Priya: the senior role" in _part_one(markdown)


def test_one_scenario_without_a_want_rating_is_not_a_placement(tmp_path: Path) -> None:
    """After a single scenario that never asks how much I want the job, the notes place
    nobody: they say there is too little to go on yet, and what more play would show."""
    workshop = load_workshop()
    wants = {"want-start", "want-end"}
    scenario = next(sid for sid, sc in workshop.scenarios.items()
                    if not any(scene.ask is not None and scene.ask.id in wants
                               for scene in sc.scenes.values()))
    markdown = render(_play(tmp_path, +1, 5, 5, scenario=scenario), "md")
    assert "not placed: too little to go on yet" in markdown
    for situation in load_content(workshop).situations:
        assert f"**{situation.title}**" not in _part_one(markdown)


def test_one_scenario_never_speaks_of_the_scenarios(tmp_path: Path) -> None:
    """A place's own paragraphs (written for a whole track) are left out after one scenario,
    so the notes never say "across the scenarios" of a single one."""
    workshop = load_workshop()
    first = next(iter(workshop.scenarios))
    session = _play(tmp_path, +1, 5, 5, scenario=first)
    markdown = render(session, "md")
    content = load_content(workshop)
    assert "across the scenarios" not in markdown.lower()
    for situation in content.situations:
        assert situation.text.strip()[:60] not in markdown


def test_a_workshop_without_reflection_content_gets_neutral_notes(tmp_path: Path) -> None:
    """A custom workshop that brings no reflection.toml is not about the staff job: its notes
    and plain-mode reflection never speak of the staff job, seniors or a promotion committee."""
    import shutil

    from workshop.plain.reflect import reflection_markdown

    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"
    folder = tmp_path / "custom"
    shutil.copytree(example, folder)
    (folder / "reflection.toml").unlink()
    workshop = load_workshop(folder)
    store = SessionStore(tmp_path / "sessions")
    session = play_leaning(store.create(workshop, workshop.tracks[-1].id), +1, want_start=4,
                           want_end=2)
    page = render(session, "html")
    page = re.sub(r"<[^>]+>", " ", page[page.index("</style>"):])  # what a reader sees
    for text in (render(session, "md"), page, reflection_markdown(session, store)):
        found = re.findall(r"[^.\n]*\b(?:staff|senior|promotion committee)\b[^.\n]*", text,
                           re.IGNORECASE)
        assert not found, found[:3]
