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

import contextlib
import csv
import io
import json
import tomllib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from workshop import tomlread
from workshop.errors import RecordError, UsageError, WorkshopError
from workshop.export.escaping import csv_cell, markdown_line, markdown_text
from workshop.record.schema import migrate
from workshop.record.view import JourneyView
from workshop.rooms.aggregates import Aggregator, shared_texts
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
    left_out: int = 0
    """People the facilitator removed, left out of every count (0 when included)."""
    included_removed: int = 0
    """People the facilitator removed who are counted all the same (``--include-removed``)."""

    def base_words(self) -> str:
        """What every count is out of, in words: "6 people (1 removed person left out)"."""
        words = f"{self.participants} {_people(self.participants)}"
        if self.left_out:
            n = self.left_out
            words += f" ({n} removed {_people(n)} left out; --include-removed counts them)"
        elif self.included_removed:
            n = self.included_removed
            words += f" ({n} removed {_people(n)} included)"
        return words


def _people(n: int, one: str = "person") -> str:
    return one if n == 1 else "people"


@dataclass(frozen=True)
class Reading:
    """One participant's record, read once and shared by every part of an export."""

    handle: str
    data: dict[str, Any]
    """The record's TOML, upgraded to this version's schema where it could be."""
    journey: JourneyView | None
    """Its journey (None: the record holds none)."""


def read_records(room: Room) -> list[Reading]:
    """Every participant's record, each file read once; unreadable ones are skipped (they
    are not an export's to report: ``workshop history`` names them)."""
    readings = []
    for handle in room.handles():
        path = room.participant_path(handle)
        try:
            data = tomlread.loads(path.read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        # A newer schema: read what fits, as the live aggregates do.
        with contextlib.suppress(RecordError):
            data = migrate(data, path)
        readings.append(Reading(handle, data, JourneyView.from_data(data)))
    return readings


def shared_answers(readings: list[Reading], workshop: Workshop) -> tuple[Shared, ...]:
    """Text answers participants chose to share, per prompt, sorted (no author)."""
    found: dict[str, list[str]] = {}
    for reading in readings:
        if reading.journey is None:
            continue
        for ask_id, text in shared_texts(reading.data, reading.journey):
            found.setdefault(ask_id, []).append(text)
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


def debrief(readings: list[Reading], control: Control, workshop: Workshop,
            summary: RoomSummary, aggregates: dict[str, Any] | None = None) -> Debrief:
    """The one-page summary: joined and finished, the shift in wanting the job, how many
    answered each decision, the answers shown, when the session ran, and the questions.

    ``readings`` are the people the export counts (removed people already left out or not).
    """
    start_id, end_id = _want_ids(workshop)
    starts, ends = [0] * 5, [0] * 5
    up = same = down = 0
    first = last = ""
    for reading in readings:
        journey = reading.journey
        if journey is None:
            continue
        if journey.created:
            first = min(first, journey.created) if first else journey.created
        last = max(last, journey.updated)
        answers = journey.answers()
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


def summarize(room: Room, workshop: Workshop | None = None, *,
              include_removed: bool = False) -> RoomSummary:
    """Build the summary of a room from its records, each read once.

    Args:
        room: the room.
        workshop: its content (loaded when not given).
        include_removed: count the people the facilitator removed too (default: they leave
            every count, as on the dashboard).
    """
    workshop = workshop or room.workshop()
    track = workshop.track(room.settings.track)
    try:
        control = read_control(room)
    except RoomError:
        control = Control()
    readings = read_records(room)
    aggregator = Aggregator(room, list(track.scenarios), include_removed=include_removed)
    aggregator.fold({r.handle: (r.data, r.journey) for r in readings})
    aggregates = aggregator.to_data()
    removed = sum(1 for r in readings if control.is_removed(r.handle))
    counted = [r for r in readings if include_removed or not control.is_removed(r.handle)]
    joined, finished = participants(aggregates)
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    summary = RoomSummary(room.code, room.settings.title, workshop.title, track.title, stamp,
                          joined, finished, tuple(steps(aggregates, workshop, track.scenarios)),
                          shared_answers(counted, workshop),
                          left_out=0 if include_removed else removed,
                          included_removed=removed if include_removed else 0)
    return replace(summary, debrief=debrief(counted, control, workshop, summary, aggregates))


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
           f"Every count is out of {summary.base_words()}: {summary.participants} joined, "
           f"{summary.finished} of {summary.participants} finished the track. "
           "Counts only: this summary names nobody.", ""]
    if summary.debrief is not None:
        out += _debrief_markdown(summary.debrief)
    people = summary.participants
    for item in summary.steps:
        out += [f"## {item.index + 1}. {item.title}", "",
                f"{item.done} of {people} people finished this step, {item.here} of {people} "
                "still in it.", ""]
        for dec in item.decisions:
            out += [f"### {dec.title}", "",
                    f"{dec.total} of {people} people chose (each counted once, with their "
                    "latest choice); shares are of those who chose.", ""]
            out += _table("Choice", dec.bars)
            if dec.note:
                out += [f"> Discuss: {dec.note}", ""]
        for rate in item.ratings:
            mean = f"mean {rate.mean:.1f}" if rate.mean is not None else "no ratings yet"
            out += [f"### {rate.question}", "",
                    f"1 = {rate.low or 'low'}, 5 = {rate.high or 'high'}; "
                    f"{rate.total} of {people} people rated, {mean}.", ""]
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
           f"- **Joined:** {d.joined} · **finished:** {d.finished} of {d.joined}",
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
    lines = [f"| {head} | People | Share | |", "|---|--:|--:|---|"]
    for item in bars:
        label = item.label.replace("|", "\\|")
        share = f"{item.count / total:.0%}" if total else "–"
        chart = bar(item.count, most, 20)
        lines.append(f"| {label} | {item.count} | {share} | {f'`{chart}`' if chart else ''} |")
    return [*lines, ""]


def _rows(summary: RoomSummary) -> list[dict[str, Any]]:
    """One row per count; ``of`` is what it is out of (the people in the export)."""
    rows: list[dict[str, Any]] = []
    for item in summary.steps:
        base = {"step": item.index + 1, "scenario": item.scenario_id,
                "of": summary.participants}
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
                                     "count", "of"], lineterminator="\n")
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
        "base": summary.base_words(),
        "removed_left_out": summary.left_out,
        "removed_included": summary.included_removed,
        "steps": [
            {
                "step": item.index + 1,
                "scenario": item.scenario_id,
                "title": item.title,
                "done": item.done,
                "here": item.here,
                "of": summary.participants,
                "decisions": [
                    {"scene": d.scene_id, "title": d.title, "note": d.note,
                     "answered": d.total, "of": summary.participants,
                     "choices": [{"id": b.key, "label": b.label, "count": b.count}
                                 for b in d.bars]}
                    for d in item.decisions
                ],
                "ratings": [
                    {"ask": r.ask_id, "question": r.question,
                     "rated": r.total, "of": summary.participants,
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


def export_room(room: Room, fmt: str, workshop: Workshop | None = None, *,
                include_removed: bool = False) -> str:
    """A room's export as text, computed now (removed people left out unless included).

    Raises:
        UsageError: an unknown format.
        ContentError, RoomError: the room's content does not load.
    """
    if fmt not in FORMATS:
        raise UsageError(f"no export format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")
    return render(summarize(room, workshop, include_removed=include_removed), fmt)
