"""Room exports for the facilitator: a Markdown summary, CSV or JSON of the room's aggregates.

An export is anonymous by construction. It is built from the aggregates (counts per choice,
ratings per value, how many finished each step), computed afresh from the records by the
rooms' own :class:`~workshop.rooms.aggregates.Aggregator` so it works at any moment, with or
without a server running. No handle appears in it, named room or not, and no free text except
answers their authors chose to share — those are listed sorted, so their order says nothing
about who wrote them.

Shared answers are participants' text and the room title is the facilitator's: both are
escaped for the medium (:mod:`workshop.export.escaping`), so in Markdown they render as the
same words and never as HTML, an image, a link or a heading, and no CSV cell starts a formula.
The workshop's own content (titles, questions, discussion notes) is its author's Markdown.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from workshop.errors import RecordError, UsageError, WorkshopError
from workshop.export.escaping import csv_cell, markdown_line, markdown_text
from workshop.record import read as read_record
from workshop.rooms.aggregates import Aggregator
from workshop.rooms.control import Control, read_control
from workshop.rooms.debrief import Answered, Debrief, shift_words, timing_words
from workshop.rooms.debrief_html import render_html
from workshop.rooms.room import Room, RoomError
from workshop.rooms.sanitize import sanitize
from workshop.rooms.summary import Bar, Step, bar, participants, steps
from workshop.scenario.model import Workshop

FORMATS = ("md", "csv", "json", "html")


@dataclass(frozen=True)
class Shared:
    """The text answers shared with the room for one prompt (no author)."""

    scenario_id: str
    ask_id: str
    question: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class RoomSummary:
    """Everything an export says about a room."""

    code: str
    title: str
    workshop_title: str
    track_title: str
    exported: str
    participants: int
    finished: int
    steps: tuple[Step, ...]
    shared: tuple[Shared, ...]
    debrief: Debrief | None = None
    """The one-page summary at the top (None: not computed)."""


def fresh_aggregates(room: Room, track: tuple[str, ...]) -> dict[str, Any]:
    """The room's aggregates computed now from its records (nothing is written)."""
    aggregator = Aggregator(room, list(track))
    aggregator.refresh()
    return aggregator.to_data()


def shared_answers(room: Room, workshop: Workshop) -> tuple[Shared, ...]:
    """Text answers participants chose to share, per prompt, sorted; unreadable records are
    skipped (they are not this export's to report)."""
    found: dict[str, list[str]] = {}
    for handle in room.handles():
        try:
            record = read_record(room.participant_path(handle))
        except RecordError:
            continue
        answers = record.answers()
        for ask_id in record.shared:
            value = answers.get(ask_id)
            if isinstance(value, str) and value.strip():
                found.setdefault(ask_id, []).append(
                    sanitize(value, multiline=True, limit=2000).strip())
    result = []
    for ask_id, texts in found.items():
        try:
            scenario, _scene, ask = workshop.ask(ask_id)
        except KeyError:
            continue
        if ask.kind == "text":
            result.append(Shared(scenario.id, ask_id, ask.question, tuple(sorted(texts))))
    return tuple(sorted(result, key=lambda s: (s.scenario_id, s.ask_id)))


def _want_ids(workshop: Workshop) -> tuple[str, str]:
    """The prompts of the opening and closing "how much do I want the staff job?" ratings."""
    from workshop.reflection.content import load_content

    try:
        content = load_content(workshop)
    except WorkshopError:
        return "want-start", "want-end"  # the reflection's own defaults
    return content.want_start, content.want_end


def debrief(room: Room, workshop: Workshop, summary: RoomSummary,
            aggregates: dict[str, Any] | None = None) -> Debrief:
    """The one-page summary: joined and finished, the shift in wanting the job, how many
    answered each decision, the answers shown, when the session ran, and the questions."""
    try:
        control = read_control(room)
    except RoomError:
        control = Control()
    start_id, end_id = _want_ids(workshop)
    starts, ends = [0] * 5, [0] * 5
    up = same = down = 0
    first = last = ""
    for handle in room.handles():
        if control.is_removed(handle):
            continue  # a removed person leaves every total
        try:
            record = read_record(room.participant_path(handle))
        except RecordError:
            continue
        first = min(first, record.created) if first else record.created
        last = max(last, record.updated)
        answers = record.answers()
        start, end = answers.get(start_id), answers.get(end_id)
        if isinstance(start, int) and 1 <= start <= 5:
            starts[start - 1] += 1
        if isinstance(end, int) and 1 <= end <= 5:
            ends[end - 1] += 1
        if isinstance(start, int) and isinstance(end, int):
            up += end > start
            same += end == start
            down += end < start
    try:
        question = workshop.ask(start_id)[2].question
    except KeyError:
        question = "How much do I want the staff job?"
    answered = tuple(Answered(item.index, item.title, dec.title, dec.total)
                     for item in summary.steps for dec in item.decisions)
    from workshop.rooms.shared import shared_answers as published_shared

    shown = tuple((a.question, a.text) for a in published_shared(aggregates, workshop)
                  if a.key in control.shown)
    questions = tuple((item.title, title, note) for item in summary.steps
                      for title, note in item.notes)
    return Debrief(summary.participants, summary.finished, tuple(starts), tuple(ends), up, same,
                   down, question, answered, shown,
                   sum(len(s.answers) for s in summary.shared), first, last, questions)


def summarize(room: Room, workshop: Workshop | None = None,
              aggregates: dict[str, Any] | None = None) -> RoomSummary:
    """Build the summary of a room (aggregates computed afresh unless given)."""
    workshop = workshop or room.workshop()
    track = workshop.track(room.settings.track)
    if aggregates is None:
        aggregates = fresh_aggregates(room, track.scenarios)
    joined, finished = participants(aggregates)
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    summary = RoomSummary(room.code, room.settings.title, workshop.title, track.title, stamp,
                          joined, finished, tuple(steps(aggregates, workshop, track.scenarios)),
                          shared_answers(room, workshop))
    return replace(summary, debrief=debrief(room, workshop, summary, aggregates))


def render(summary: RoomSummary, fmt: str) -> str:
    """The summary as ``md``, ``csv`` or ``json`` text.

    Raises:
        UsageError: an unknown format.
    """
    if fmt == "md":
        return _markdown(summary)
    if fmt == "csv":
        return _csv(summary)
    if fmt == "json":
        return json.dumps(_json(summary), indent=2, ensure_ascii=False) + "\n"
    if fmt == "html":
        return render_html(summary)
    raise UsageError(f"no export format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")


def _markdown(summary: RoomSummary) -> str:
    out = [f"# {markdown_line(sanitize(summary.title))}", "",
           f"Room `{summary.code}` · {summary.workshop_title}, {summary.track_title} · "
           f"exported {summary.exported}", "",
           f"{summary.participants} joined, {summary.finished} finished the track. "
           "Counts only: this summary names nobody.", ""]
    if summary.debrief is not None:
        out += _debrief_markdown(summary.debrief)
    for item in summary.steps:
        out += [f"## {item.index + 1}. {item.title}", "",
                f"{item.done} finished this step, {item.here} still in it.", ""]
        for dec in item.decisions:
            out += [f"### {dec.title}", ""]
            out += _table("Choice", dec.bars)
            if dec.note:
                out += [f"> Discuss: {dec.note}", ""]
        for rate in item.ratings:
            mean = f"mean {rate.mean:.1f}" if rate.mean is not None else "no ratings yet"
            out += [f"### {rate.question}", "",
                    f"1 = {rate.low or 'low'}, 5 = {rate.high or 'high'}; "
                    f"{rate.total} rated, {mean}.", ""]
            out += _table("Rating", rate.bars)
        pending = [note for title, note in item.notes
                   if note not in {d.note for d in item.decisions}]
        if pending:
            out += ["### Discussion questions", ""]
            out += [f"- {note}" for note in pending]
            out += [""]
        for share in (s for s in summary.shared if s.scenario_id == item.scenario_id):
            out += [f"### Shared answers: {share.question}", "",
                    "Shared by their authors, anonymously.", ""]
            out += [answer_item(text) for text in share.answers]
            out += [""]
    return "\n".join(out).rstrip() + "\n"


def _debrief_markdown(d: Debrief) -> list[str]:
    out = ["## Summary", "",
           f"- **Joined:** {d.joined} · **finished:** {d.finished}",
           f"- **{d.want_question}** {shift_words(d)}",
           "", "| Rating | 1 | 2 | 3 | 4 | 5 |", "|---|--:|--:|--:|--:|--:|",
           "| At the start | " + " | ".join(str(n) for n in d.want_start) + " |",
           "| At the end | " + " | ".join(str(n) for n in d.want_end) + " |", "",
           "| Step | Decision | Answered |", "|---|---|--:|"]
    out += [f"| {a.step + 1}. {a.step_title} | {a.title} | {a.answered} of {d.joined} |"
            for a in d.answered]
    out += ["", f"- **Time:** {timing_words(d)}",
            f"- **Shared answers:** {d.shared_count} shared with the room, "
            f"{len(d.shown)} shown on the projector.", ""]
    if d.shown:
        out += ["### Shown on the projector", ""]
        out += [answer_item(f"{question} — {text}") for question, text in d.shown]
        out += [""]
    if d.questions:
        out += ["### Discussion questions", ""]
        out += [f"- {step_title}, {title}: {note}" for step_title, title, note in d.questions]
        out += [""]
    return out


def answer_item(text: str) -> str:
    """A shared answer as one list item: escaped, its lines kept as hard breaks inside it."""
    lines = [line for line in markdown_text(text).split("\n") if line]
    # A trailing backslash is a hard line break; the indent keeps each line in the item.
    return "- " + "\\\n  ".join(lines)


def _table(head: str, bars: tuple[Bar, ...]) -> list[str]:
    """A Markdown table with a text bar per option (readable rendered or as plain text)."""
    total = sum(b.count for b in bars)
    most = max((b.count for b in bars), default=0)
    lines = [f"| {head} | Count | Share | |", "|---|--:|--:|---|"]
    for item in bars:
        label = item.label.replace("|", "\\|")
        share = f"{item.count / total:.0%}" if total else "–"
        chart = bar(item.count, most, 20)
        lines.append(f"| {label} | {item.count} | {share} | {f'`{chart}`' if chart else ''} |")
    return [*lines, ""]


def _rows(summary: RoomSummary) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for item in summary.steps:
        base = {"step": item.index + 1, "scenario": item.scenario_id}
        rows.append({**base, "kind": "progress", "item": "", "option": "done",
                     "label": "finished this step", "count": item.done})
        rows.append({**base, "kind": "progress", "item": "", "option": "here",
                     "label": "in this step now", "count": item.here})
        for dec in item.decisions:
            for b in dec.bars:
                rows.append({**base, "kind": "choice", "item": dec.scene_id, "option": b.key,
                             "label": b.label, "count": b.count})
        for rate in item.ratings:
            for b in rate.bars:
                rows.append({**base, "kind": "rating", "item": rate.ask_id, "option": b.key,
                             "label": rate.question, "count": b.count})
        for share in (s for s in summary.shared if s.scenario_id == item.scenario_id):
            for text in share.answers:
                rows.append({**base, "kind": "shared", "item": share.ask_id, "option": "",
                             "label": text, "count": 1})
    return rows


def _csv(summary: RoomSummary) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, ["step", "scenario", "kind", "item", "option", "label",
                                     "count"], lineterminator="\n")
    writer.writeheader()
    for row in _rows(summary):
        # Last, on the cells as written: a tab stripped earlier must not uncover a formula.
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def _json(summary: RoomSummary) -> dict[str, Any]:
    return {
        "room": summary.code,
        "title": summary.title,
        "workshop": summary.workshop_title,
        "track": summary.track_title,
        "exported": summary.exported,
        "participants": summary.participants,
        "finished": summary.finished,
        "steps": [
            {
                "step": item.index + 1,
                "scenario": item.scenario_id,
                "title": item.title,
                "done": item.done,
                "here": item.here,
                "decisions": [
                    {"scene": d.scene_id, "title": d.title, "note": d.note,
                     "choices": [{"id": b.key, "label": b.label, "count": b.count}
                                 for b in d.bars]}
                    for d in item.decisions
                ],
                "ratings": [
                    {"ask": r.ask_id, "question": r.question,
                     "counts": {b.key: b.count for b in r.bars},
                     "mean": round(r.mean, 2) if r.mean is not None else None}
                    for r in item.ratings
                ],
                "shared": [
                    {"ask": s.ask_id, "question": s.question, "answers": list(s.answers)}
                    for s in summary.shared if s.scenario_id == item.scenario_id
                ],
            }
            for item in summary.steps
        ],
    }


def export_room(room: Room, fmt: str, workshop: Workshop | None = None) -> str:
    """A room's export as text, computed now.

    Raises:
        UsageError: an unknown format.
        ContentError, RoomError: the room's content does not load.
    """
    if fmt not in FORMATS:
        raise UsageError(f"no export format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")
    return render(summarize(room, workshop), fmt)
