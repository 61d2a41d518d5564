"""What every export format draws from: the record, its reflection and small text helpers."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any, Protocol

from workshop.export.escaping import markdown_text, visible
from workshop.record import Record
from workshop.record.view import JourneyView
from workshop.reflection import Reflection, reflect
from workshop.scenario.model import Workshop


class SessionLike(Protocol):
    """A live session: it has a record and the workshop it plays."""

    @property
    def record(self) -> Record: ...

    @property
    def workshop(self) -> Workshop: ...


@dataclass(frozen=True)
class Document:
    """One export's inputs, computed once."""

    record: Record
    workshop: Workshop
    reflection: Reflection
    shareable: bool = False
    """Only the part meant for a manager."""

    @property
    def date(self) -> str:
        """The session's last activity, as ``YYYY-MM-DD``."""
        return self.record.updated[:10]

    @property
    def long_date(self) -> str:
        """The session's last activity in words: ``5 January 2026``."""
        try:
            moment = datetime.fromisoformat(self.record.updated.replace("Z", "+00:00"))
        except ValueError:
            return self.date
        return f"{moment.day} {moment:%B %Y}"

    @property
    def revisit_date(self) -> str:
        """About three months after the session, in words: when to read the notes again."""
        try:
            moment = datetime.fromisoformat(self.record.updated.replace("Z", "+00:00"))
        except ValueError:
            return "three months from now"
        later = moment + timedelta(days=91)
        return f"{later.day} {later:%B %Y}"

    @property
    def track_title(self) -> str:
        """The title of the track played (its id when it is gone)."""
        track_id = self.record.track
        if track_id.startswith("scenario:"):
            scenario = self.workshop.scenarios.get(track_id.split(":", 1)[1])
            return f"Scenario: {scenario.title}" if scenario else track_id
        for track in self.workshop.tracks:
            if track.id == track_id:
                return track.title
        return track_id

    @property
    def missing_scenarios(self) -> list[str]:
        """Scenarios in the record that the workshop no longer has."""
        return self.journey.unknown_scenarios

    @cached_property
    def journey(self) -> JourneyView:
        """The record's journey, read once, resolved against the workshop."""
        return JourneyView.from_record(self.record, self.workshop)

    def label(self, key: str, default: str) -> str:
        """A heading from the reflection content's ``[labels]``, or the default."""
        return self.reflection.content.label(key, default)

    @property
    def neutral(self) -> bool:
        """True when the reflection content brings no ``[labels]`` (a workshop reflecting in
        neutral words, see :mod:`workshop.reflection.neutral`): the notes then never speak of
        the staff job on their own."""
        return not self.reflection.content.labels

    def words(self, key: str, staff: str, plain: str) -> str:
        """A label, else the staff-job wording, or the plain one for a neutral workshop."""
        return self.label(key, plain if self.neutral else staff)

    @property
    def want_question(self) -> str:
        """The want question in the workshop's own words (the rating's question)."""
        content = self.reflection.content
        for item in self.reflection.ratings:
            if item.ask_id in (content.want_start, content.want_end):
                return self.label("want_question", item.label)
        return self.words("want_question", "How much do I want the staff job?",
                          "My opening and closing rating")


def build(source: SessionLike | Record, *, workshop: Workshop | None = None,
          history: Iterable[SessionLike | Record] = (), shareable: bool = False) -> Document:
    """Gather the record, the workshop and the reflection for an export.

    Raises:
        ValueError: a bare record was given without its workshop.
        ContentError: the reflection content cannot be loaded.
    """
    if isinstance(source, Record):
        if workshop is None:
            raise ValueError("exporting a bare record needs its workshop")
        record = source
    else:
        record = source.record
        workshop = workshop or source.workshop
    others = [h if isinstance(h, Record) else h.record for h in history]
    reflection = reflect(record, workshop, others)
    return Document(record, workshop, reflection, shareable)


def escape(text: str) -> str:
    """A player's text as Markdown that renders back to the same words and nothing else (line
    breaks become soft); see :mod:`workshop.export.escaping`."""
    return markdown_text(text)


def cell(text: str) -> str:
    """A player's text for one table cell: escaped, on one line."""
    return escape(" ".join(text.split()))


def inline(text: str) -> str:
    """Content text (trusted Markdown, written by the workshop's author) on one line."""
    return " ".join(text.split())


def ccell(text: str) -> str:
    """Content text for one table cell: on one line, with its pipes escaped."""
    return inline(text).replace("|", "\\|")


def quote(text: str) -> str:
    """Free text as a Markdown block quote that keeps every word and line break of it."""
    lines = markdown_text(visible(text).strip("\n")).split("\n")
    out = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        # A backslash at the end of a line is a hard line break inside the paragraph.
        out.append(f"> {line}\\" if line and following else (f"> {line}" if line else ">"))
    return "\n".join(out)


def signed(value: float | None) -> str:
    """A reading as ``+0.40`` / ``-0.25`` / ``n/a``."""
    if value is None:
        return "n/a"
    return f"{value:+.2f}"


def bar(value: float | None, half: int = 5) -> str:
    """A text bar for a −1..1 reading: ``·····│███··``."""
    if value is None:
        return "·" * half + "│" + "·" * half
    cells = round(abs(value) * half)
    if value < 0:
        return "·" * (half - cells) + "█" * cells + "│" + "·" * half
    return "·" * half + "│" + "█" * cells + "·" * (half - cells)


def dots(rating: int) -> str:
    """A 1–5 rating as ``●●●○○``."""
    return "●" * rating + "○" * (5 - rating)


def private_record(data: dict[str, Any]) -> dict[str, Any]:
    """Record data with everything private removed: notes, reasons and free-text answers."""
    shared = copy.deepcopy(data)
    shared["notes"] = ""
    shared.pop("reasons", None)
    runs = list(shared.get("journey", {}).get("runs", {}).values())
    runs += shared.get("superseded", [])
    for run in runs:
        answers = run.get("answers", {})
        run["answers"] = {k: v for k, v in answers.items() if isinstance(v, int)}
    return shared


# "you" after these words is the object of the sentence: "gave you energy" -> "gave me energy".
_OBJECT_AFTER = frozenset((
    "for", "at", "to", "with", "from", "about", "of", "by", "than", "like", "gave", "give",
    "gives", "makes", "make", "made", "let", "lets", "help", "helps", "tell", "tells", "told",
    "show", "shows", "drained", "drains", "pulling", "pulls", "pull", "ask", "asks", "draw",
    "draws", "suit", "suits", "suited"))
_BE = {"are": "am", "were": "was", "'re": "'m", "’re": "’m"}
_SECOND_PERSON = re.compile(r"\b([Yy]ou(?:rself|rs|r)?)\b(\s*)(are|were|['’]re)?\b|"
                            r"\b([Yy]ou)(['’]re)")
_WORD_BEFORE = re.compile(r"([A-Za-z']+)\W*$")


def first_person(text: str) -> str:
    """Content written to the player ("you", "your") as the player's own words ("I", "my"),
    for the part of the notes meant to be read aloud or handed on.

    Only the second person is changed: "your" → "my", "yourself" → "myself", "you are" →
    "I am"; "you" becomes "me" after a preposition or a verb that takes an object and at the
    end of a clause, "I" elsewhere. Content should be imperatives or statements for this to
    read well; the bundled workshop's next steps and summaries are.
    """

    def swap(match: re.Match[str]) -> str:
        word = match.group(1) or match.group(4)
        space = match.group(2) or ""
        verb = match.group(3) or match.group(5) or ""
        capital = word[0] == "Y"
        lower = word.lower()
        if lower == "your":
            out = "my"
        elif lower == "yours":
            out = "mine"
        elif lower == "yourself":
            out = "myself"
        else:
            before = _WORD_BEFORE.search(text[: match.start()])
            after = text[match.end():match.end() + 1]
            is_object = (not verb and (
                (before is not None and before.group(1).lower() in _OBJECT_AFTER)
                or after in ("", ".", ",", ";", ":", "!", "?", ")")))
            out = "me" if is_object else "I"
        if capital:
            out = out[0].upper() + out[1:]
        if verb:
            return f"{out}{space}{_BE.get(verb.lower(), verb)}"
        return f"{out}{space}"

    return _SECOND_PERSON.sub(swap, text)
