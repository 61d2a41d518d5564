"""The Markdown export: notes to keep, with a part to share and a private part.

The document is built as a list of :class:`Section` so the HTML export can render the same
content and add its charts between sections.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from workshop.export.document import (
    Document,
    bar,
    ccell,
    dots,
    escape,
    first_person,
    inline,
    quote,
    signed,
)
from workshop.export.escaping import markdown_code
from workshop.export.mirror import MORE_PLAY, mirror_sections
from workshop.reflection.claims import Cite


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the document."""

    key: str
    """A stable name (``bottom-line``, ``lean``, ``decisions``...)."""
    markdown: str
    private: bool = False
    """True for what belongs to the player only (left out with ``--shareable``)."""


def front_matter(doc: Document) -> str:
    """YAML front matter: the facts a notes tool indexes."""
    record = doc.record
    fields: list[tuple[str, str | int]] = [
        ("title", f"{doc.workshop.title}: reflection notes"),
        ("date", doc.date),
        ("session", record.id),
        ("workshop", record.workshop_id),
        ("workshop_version", record.workshop_version),
        ("track", record.track),
        ("schema_version", record.schema_version),
        ("status", record.status),
        ("situation", doc.reflection.situation.id),
    ]
    if doc.shareable:
        fields.append(("part", "shareable"))
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _rating(value: int | None) -> str:
    return "not given" if value is None else f"{value} / 5"


def _change(before: int | None, after: int | None) -> str:
    if before is None or after is None:
        return ""
    if after == before:
        return " (unchanged)"
    return f" (up {after - before})" if after > before else f" (down {before - after})"


def _title(doc: Document) -> str:
    done, total = doc.record.progress
    lines = [
        f"# {inline(doc.workshop.title)}: my reflection notes",
        "",
        # The date, track and id can come from the record file itself: escaped as its text.
        f"Last played {escape(doc.long_date)} · {escape(doc.track_title)} · {done} of {total} "
        f"scenarios · session {markdown_code(doc.record.id)}",
        "",
    ]
    if not doc.record.finished:
        lines += [f"_This session is not finished: the reflection covers the {done} of {total} "
                  "scenarios played so far._", ""]
    if doc.shareable:
        lines.append("> This is the part of my notes I chose to share.")
    else:
        lines.append(f"> Notes to keep. Read them again around {doc.revisit_date}. Part 1 is "
                     "for a 1:1 with my manager; Part 2 is private.")
    return "\n".join(lines)


def _bottom_line(doc: Document) -> str:
    reflection = doc.reflection
    profile = reflection.profile
    situation = reflection.situation
    question = doc.want_question
    if profile.want_end is None:
        # An unfinished track (or a skipped question) has no closing rating yet: say so.
        asked = ("the workshop asks it at the start of the track and again at the end; these "
                 "notes have no closing rating yet")
    else:
        asked = "I rated it at the start of the track and again at the end"
    lines = [
        f"## {doc.label('bottom_line', 'The bottom line')}",
        "",
        f"“{inline(question)}” {asked} (1 = not at all, 5 = very much).",
        "",
        "| | |",
        "| --- | --- |",
        f"| {doc.label('want_start', 'Want, at the start')} | {_rating(profile.want_start)} |",
        f"| {doc.label('want_end', 'Want, at the end')} | {_rating(profile.want_end)}"
        f"{_change(profile.want_start, profile.want_end)} |",
    ]
    if not reflection.enough:
        # Too little to go on: no placement, and what more play would show.
        more = reflection.more_play or MORE_PLAY
        lines += [f"| {doc.label('placed', 'Where the reflection placed me')} | not placed: "
                  "too little to go on yet |", "", f"_{inline(first_person(more))}_"]
        return "\n".join(lines)
    lines += [
        f"| {doc.label('placed', 'Where the reflection placed me')} | "
        f"**{ccell(situation.title)}** |",
        "",
        f"**{inline(first_person(situation.summary))}**",
    ]
    return "\n".join(lines)


def _cite(cite: Cite) -> str:
    """One piece of evidence in my words, for the part I share (never a written answer)."""
    where = f"In *{ccell(cite.scenario_title)}*"
    if cite.choice:
        line = f"- {where}, I chose “{ccell(first_person(cite.label))}”."
    else:
        line = f"- {where}, I rated “{ccell(cite.label)}” {cite.value} of 5."
    return line


def _telling(doc: Document) -> str:
    lines = [f"## {doc.label('telling_shared', 'The choices that say most about me')}", ""]
    note = doc.label("note", "What this choice tends to mean")
    shown = [c for c in doc.reflection.telling if not c.private and (c.choice or
                                                                      isinstance(c.value, int))]
    for cite in shown:
        lines.append(_cite(cite))
        if cite.note:
            lines.append(f"  - {note}: {inline(first_person(cite.note))}")
    if not shown:
        lines.append("Nothing on my path said much yet.")
    return "\n".join(lines)


def _lean(doc: Document) -> str:
    profile = doc.reflection.profile
    lines = [
        f"## {doc.label('lean', 'Where my choices lean')}",
        "",
        doc.words("scale_words", "Each reading runs from -1 (every chance went the senior way) "
                  "to +1 (every chance went the staff way); n/a means the path I played never "
                  "asked.", "Each reading runs from -1 (every chance went to an axis's low end) "
                  "to +1 (every chance went to its high end); n/a means the path I played never "
                  "asked."),
        "",
        f"- **{doc.label('doing', 'Doing')}:** {signed(profile.doing)}",
        f"- **{doc.label('wanting', 'Wanting')}:** {signed(profile.wanting)} "
        f"(choices and ratings {signed(profile.wanting_signals)}, with the last want rating "
        "counted in)",
        "",
        "| Axis | Group | Reading | |",
        "| --- | --- | --- | --- |",
    ]
    for reading in profile.axes:
        lines.append(f"| {ccell(reading.axis.label)} | {reading.axis.group} | "
                     f"{signed(reading.score)} | `{bar(reading.score)}` |")
    return "\n".join(lines)


def _inventory(doc: Document) -> str:
    reflection = doc.reflection
    if not reflection.inventory and doc.neutral:
        return ""  # a neutral workshop brings no inventory, and ours is the staff job's
    senior = reflection.destination == "senior"
    if senior:
        # Staying senior is a destination: its inventory is the strengths to make visible,
        # not a staff case with gaps.
        lines = [f"## {doc.label('inventory_senior', 'What I want seen where I am')}", "",
                 "The strengths of my senior work, written so others can point to them: one "
                 "line per piece of work, each with something that shows it."]
    else:
        lines = [
            f"## {doc.label('inventory', 'Evidence inventory (to fill in)')}",
            "",
            "What a promotion committee reads is artifacts, not claims. Fill in one line per "
            "piece of work, in the past tense, each with a link to the document that proves it.",
        ]
    for part in reflection.inventory:
        lines += ["", f"### {inline(part.title)}", ""]
        if part.why:
            lines += [f"_{inline(first_person(part.why))}_", ""]
        lines += [f"- {inline(prompt)}" for prompt in part.prompts]
        # What the player wrote that could start a part is private: it is shown beside the
        # answer in Part 2, never here (this part is handed on as it is).
    if not reflection.inventory:
        lines += ["", "- I led ___, which changed ___ for ___. Artifact: ___"]
    return "\n".join(lines)


def _next_steps(doc: Document) -> str:
    steps = doc.reflection.next_steps
    lines = [f"## {doc.label('next_steps', 'Next steps')}"]
    for title, items in (("Next 30 days", steps.days30), ("By 60 days", steps.days60),
                         ("By 90 days", steps.days90)):
        if items:
            lines += ["", f"### {title}", ""]
            lines += [f"- [ ] {inline(first_person(item))}" for item in items]
    default_own = ("The area to own" if doc.reflection.destination == "senior"
                   else "The one cross-team problem to own")
    extras = [
        (steps.own_title or doc.label("own", default_own), steps.own),
        (doc.label("artifact", "The artifact to write"), steps.artifact),
    ]
    lines.append("")
    for title, text in extras:
        if text:
            lines += [f"**{title}:** {inline(first_person(text))}", ""]
    if steps.manager_question:
        lines += [f"**{doc.label('manager_question', 'The question for my manager')}:**", "",
                  quote(steps.manager_question)]
    return "\n".join(lines).rstrip()


def _mirror(doc: Document) -> str:
    reflection = doc.reflection
    parts = [f"## {doc.label('mirror', 'What the reflection says to me')}"]
    for key, text in mirror_sections(reflection):
        if key in ("place", "thin", "tensions", "ratings", "patterns"):
            parts.append(text)
        if key == "place" and reflection.scenarios_played > 1:
            # The place's own paragraphs are written for a whole track ("the scenarios").
            parts.append(reflection.situation.text.strip())
    return "\n\n".join(parts)


def _decisions(doc: Document) -> str:
    lines = [f"## {doc.label('decisions', 'Decision log')}"]
    current = ""
    for number, item in enumerate(doc.reflection.decisions, start=1):
        if item.scenario_title != current:
            current = item.scenario_title
            lines += ["", f"### {inline(current)}"]
        marker = f"{number}. "
        pad = " " * len(marker)  # nested lines must line up with the item's text
        lines += ["", f"{marker}**{inline(item.situation)}**", "",
                  f"{pad}- I chose: {inline(item.label)}"]
        if item.reason:
            lines.append(f"{pad}- My reason: {escape(' '.join(item.reason.split()))}")
        if item.note:
            # The note is the workshop's own reading of the choice, not a quotation.
            lines.append(f"{pad}- {doc.label('note', 'What this choice tends to mean')}: "
                         f"{inline(item.note)}")
    if not doc.reflection.decisions:
        lines += ["", "No decisions yet."]
    missing = doc.missing_scenarios
    if missing:
        names = ", ".join(markdown_code(name) for name in missing)
        lines += ["", f"_Choices in {names} are kept in the record, but those "
                  "scenarios are no longer in the workshop, so they are not described here._"]
    return "\n".join(lines)


def _energy(doc: Document) -> str:
    content = doc.reflection.content
    skip = {content.want_start, content.want_end}
    ratings = [r for r in doc.reflection.ratings if r.ask_id not in skip
               and isinstance(r.value, int)]
    lines = [
        f"## {doc.label('energy', 'Energy map')}",
        "",
        "What my ratings say gives me energy (4–5) and what drains me (1–2).",
        "",
    ]
    if not ratings:
        return "\n".join([*lines, "No ratings yet."])
    lines += ["| Question | My rating | Leans to |", "| --- | --- | --- |"]
    gives, drains = [], []
    for item in ratings:
        assert isinstance(item.value, int)
        side = item.high if item.value >= 4 else item.low if item.value <= 2 else "neither side"
        lines.append(f"| {ccell(item.label)} | {dots(item.value)} {item.value} | {ccell(side)} |")
        line = f"- {inline(' '.join(item.label.split()))} _({inline(side)})_"
        if item.value >= 4:
            gives.append(line)
        elif item.value <= 2:
            drains.append(line)
    lines += ["", "**Gives me energy:**", ""]
    lines += gives or ["- nothing I rated high"]
    lines += ["", "**Drains me:**", ""]
    lines += drains or ["- nothing I rated low"]
    return "\n".join(lines)


def _answers(doc: Document) -> str:
    lines = [f"## {doc.label('answers', 'My answers, in my own words')}"]
    answers = doc.reflection.answers
    seeds = {ask: part.title for part in doc.reflection.content.inventory
             for ask in part.seed_asks}
    bears = {cite.ask: claims for cite, claims in doc.reflection.own_words}
    for item in answers:
        lines += ["", f"### {inline(item.label)}", "",
                  f"_{inline(item.scenario_title)}_", "", quote(str(item.value))]
        if bears.get(item.ask_id):
            titles = "; ".join(f"**{escape(c.title)}**" for c in bears[item.ask_id])
            lines += ["", f"Beside: {titles}"]
        if item.ask_id in seeds:
            lines += ["", f"_A start for “{inline(seeds[item.ask_id])}” in my evidence "
                      "inventory._"]
    if not answers:
        lines += ["", "No written answers yet."]
    return "\n".join(lines)


def _notes(doc: Document) -> str:
    return "\n".join([f"## {doc.label('notes', 'My notes')}", "", quote(doc.record.notes)])


def _since(doc: Document) -> str:
    comparison = doc.reflection.comparison
    assert comparison is not None
    lines = [
        f"## {doc.label('since', 'Since last time')}",
        "",
        f"Compared with my session of {escape(comparison.previous_date[:10])} "
        f"({markdown_code(comparison.previous_id)}), placed then as "
        f"**{inline(comparison.previous_situation.title)}**; now as "
        f"**{inline(doc.reflection.situation.title)}**.",
        "",
        "| Reading | Then | Now |",
        "| --- | --- | --- |",
    ]
    for move in comparison.groups:
        whole = move.key.startswith("want_")
        then = "n/a" if move.before is None else (f"{move.before:.0f} / 5" if whole
                                                   else signed(move.before))
        now = "n/a" if move.now is None else (f"{move.now:.0f} / 5" if whole
                                               else signed(move.now))
        lines.append(f"| {ccell(move.label)} | {then} | {now} |")
    lines.append("")
    if comparison.moved:
        lines.append("What moved most:")
        lines.append("")
        for move in comparison.moved:
            lines.append(f"- {inline(move.label)}: {signed(move.before)} → {signed(move.now)}")
    else:
        lines.append("No axis moved much.")
    if len(comparison.earlier) > 1:
        lines += ["", "Every earlier session:", ""]
        for session_id, created, title in comparison.earlier:
            lines.append(f"- {escape(created[:10])} {markdown_code(session_id)}: {inline(title)}")
    return "\n".join(lines)


def sections(doc: Document) -> list[Section]:
    """The document's sections in order; private ones are left out when shareable."""
    shared = [
        Section("title", _title(doc)),
        Section("bottom-line", _bottom_line(doc)),
        Section("lean", _lean(doc)),
        Section("telling", _telling(doc)),
        *([Section("inventory", inventory)] if (inventory := _inventory(doc)) else []),
        Section("next-steps", _next_steps(doc)),
    ]
    if doc.shareable:
        return shared
    private = [
        Section("mirror", _mirror(doc), True),
        Section("decisions", _decisions(doc), True),
        Section("energy", _energy(doc), True),
        Section("answers", _answers(doc), True),
    ]
    if doc.record.notes.strip():
        private.append(Section("notes", _notes(doc), True))
    if doc.reflection.comparison is not None:
        private.append(Section("since", _since(doc), True))
    return shared + private


PART_ONE = "# Part 1 · To share"
PART_TWO = "# Part 2 · Private"


def render(doc: Document) -> str:
    """The whole Markdown document."""
    parts = sections(doc)
    out = [front_matter(doc), parts[0].markdown]
    shared = [s for s in parts[1:] if not s.private]
    private = [s for s in parts[1:] if s.private]
    out.append(f"{PART_ONE}\n\n{_part_note(doc, False)}")
    out += [s.markdown for s in shared]
    if private:
        out.append(f"{PART_TWO}\n\n{_part_note(doc, True)}")
        out += [s.markdown for s in private]
    return "\n\n".join(out).rstrip() + "\n"


def _part_note(doc: Document, private: bool) -> str:
    if private:
        return ("_For me only: my decisions, my reasons, what drains me and everything I wrote. "
                "Export with `--shareable` to leave this part out._")
    return "_Written so I can bring it to a 1:1 with my manager as it is._"

