"""The mirror in words: a reflection's claims, ratings, telling choices, own words and next
steps as Markdown, for the reflection screen and plain mode (second person: it speaks to the
player) and for the private part of the notes.

The order is the issue's (#14): the tensions first, each with the evidence it rests on; then
the opening and closing want ratings side by side and what moved between them; the few telling
choices; what else the mirror sees; the player's own words beside the claims they bear on; and
where this leaves them, with next steps for staff and senior alike. With too little evidence
it places nobody and says what more play would show.

Everything the player typed goes through :mod:`workshop.export.escaping`; claim words are
escaped too, since a claim may quote a choice label or an answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from workshop.export.escaping import markdown_line
from workshop.reflection import Reflection
from workshop.reflection.claims import Cite, Claim

MORE_PLAY = ("There is too little to go on yet: too few of your decisions spoke to the "
             "questions, or you have not said how much you want the job. Play more of the track "
             "(and answer the ratings at its start and end), and the mirror will show where your "
             "choices and your answers agree, and where they pull apart.")
"""What the thin case says when the reflection content gives no words of its own."""


def _words(text: str) -> str:
    """A player's (or a claim's) text on one line, inert as Markdown."""
    return markdown_line(" ".join(str(text).split()))


def cite_line(cite: Cite, *, notes: bool = True) -> str:
    """One piece of evidence as a short line: scenario · what you chose / rated / wrote."""
    where = f"*{_words(cite.scenario_title)}*"
    if cite.choice:
        said = f"you chose “{_words(cite.label)}”"
    elif isinstance(cite.value, int):
        said = f"you rated “{_words(cite.label)}” {cite.value} of 5"
    else:
        said = f"you wrote “{_words(str(cite.value or ''))}”"
    note = f" — {_words(cite.note)}" if notes and cite.note else ""
    return f"- {where} · {said}{note}"


def ratings_line(reflection: Reflection) -> str:
    """The opening and closing want ratings side by side: "At the start 4 → at the end 2"."""

    def shown(value: int | None) -> str:
        return "not rated" if value is None else f"{value}"

    start, end = reflection.want_start, reflection.want_end
    line = f"At the start **{shown(start)}** → at the end **{shown(end)}**"
    if start is not None and end is not None:
        line += (" (held steady)" if start == end
                 else f" (up {end - start})" if end > start else f" (down {start - end})")
    return line


SHOWN_CITES = 3
"""Evidence lines shown under one claim; a pattern over thirty choices names a few and counts
the rest (its text already gives the honest count)."""


def _claim(claim: Claim, notes: bool = False) -> list[str]:
    lines = [f"**{_words(claim.title)}**", "", _words(claim.text), ""]
    lines += [cite_line(c, notes=notes) for c in claim.evidence[:SHOWN_CITES]]
    rest = len(claim.evidence) - SHOWN_CITES
    if rest > 0:
        lines.append(f"- … and {rest} more like {'this' if rest == 1 else 'these'}")
    return lines


def _section(title: str, lines: Sequence[str]) -> str:
    return "\n".join([f"### {title}", "", *lines]).rstrip()


def mirror_sections(reflection: Reflection) -> list[tuple[str, str]]:
    """The mirror as (key, Markdown) sections, in reading order (see the module docstring)."""
    content = reflection.content
    label = content.label
    out: list[tuple[str, str]] = []
    if reflection.enough:
        situation = reflection.situation
        out.append(("place", f"**{_words(situation.title)}.** {_words(situation.summary)}"))
    else:
        more = reflection.more_play or MORE_PLAY
        out.append(("thin", "\n".join([f"**{label('thin_title', 'Too little to go on yet')}**",
                                       "", _words(more)])))
    tensions = reflection.tensions
    moved_kind = [c for c in tensions if c.kind == "moved"]
    if tensions:
        lines: list[str] = []
        for claim in tensions:
            if claim.kind == "moved":
                continue  # shown with the ratings, side by side
            lines += [*_claim(claim), ""]
        if lines:
            out.append(("tensions", _section(label("tensions", "Where you pull against "
                                                    "yourself"), lines)))
    asked = next((e.label for e in reflection.ratings
                  if e.ask_id in (content.want_start, content.want_end)), "")
    rating_lines = [(f"“{_words(asked)}” " if asked else "") + ratings_line(reflection)]
    for claim in moved_kind:
        rating_lines += ["", _words(claim.text)]
    if reflection.moved_by:
        rating_lines += ["", "What moved it, between the two:", ""]
        rating_lines += [cite_line(c, notes=False) for c in reflection.moved_by]
    out.append(("ratings", _section(label("want_ratings", "Your rating at the start and at "
                                          "the end"), rating_lines)))
    if reflection.telling:
        out.append(("telling", _section(label("telling", "The choices that say most"),
                                        [cite_line(c) for c in reflection.telling])))
    others = [c for c in reflection.claims
              if c.kind not in ("own-words", "telling") and c not in tensions]
    if others:
        lines = []
        for claim in others:
            lines += [*_claim(claim), ""]
        out.append(("patterns", _section(label("patterns", "What your choices show"), lines)))
    if reflection.own_words:
        lines = []
        for cite, claims in reflection.own_words:
            lines += [f"- To “{_words(cite.label)}” (*{_words(cite.scenario_title)}*) you "
                      f"wrote: “{_words(str(cite.value or ''))}”"]
            if claims:
                titles = "; ".join(f"**{_words(c.title)}**" for c in claims)
                lines.append(f"  - Beside: {titles}")
        out.append(("own-words", _section(label("answers", "In your own words"), lines)))
    if reflection.enough:
        out.append(("next", _section(label("next", "Where this leaves you"),
                                     next_step_lines(reflection))))
    return out


def next_step_lines(reflection: Reflection) -> list[str]:
    """The next steps of the place the player landed in, as Markdown list items."""
    steps = reflection.next_steps
    lines: list[str] = []
    for title, items in (("In 30 days", steps.days30), ("In 60 days", steps.days60),
                         ("In 90 days", steps.days90)):
        lines += [f"- **{title}**: {_inline(item)}" for item in items]
    own_title = steps.own_title or (
        "A problem to own" if reflection.destination != "senior" else "The area to own")
    for title, text in ((own_title, steps.own), ("An artifact to write", steps.artifact),
                        ("A question for your manager", steps.manager_question)):
        if text:
            lines.append(f"- **{title}**: {_inline(text)}")
    return lines


def _inline(text: str) -> str:
    # Content (the author's Markdown) on one line.
    return " ".join(text.split())


def mirror_markdown(reflection: Reflection) -> str:
    """The whole mirror as one Markdown text (see :func:`mirror_sections`)."""
    return "\n\n".join(text for _, text in mirror_sections(reflection) if text)
