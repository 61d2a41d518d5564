"""The reflection's words and thresholds: ``reflection.toml`` beside a workshop's manifest.

Nothing the reflection says to a player is in code. A workshop folder may hold a
``reflection.toml`` (see ``docs/records.md``, "Reflection content"); a workshop without one
borrows the bundled workshop's. Every problem is a :class:`~workshop.errors.ContentError`
naming the file and the key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop.errors import ContentError
from workshop.paths import DEFAULT_WORKSHOP, bundled_workshop_dir
from workshop.scenario.model import Workshop

FILE_NAME = "reflection.toml"
GROUPS = ("doing", "wanting")
RANGE_KEYS = ("doing", "wanting", "stated_want")
DESTINATIONS = ("staff", "senior", "open")


@dataclass(frozen=True, slots=True)
class NextSteps:
    """What to do after the workshop, fitted to where the player landed."""

    days30: tuple[str, ...] = ()
    days60: tuple[str, ...] = ()
    days90: tuple[str, ...] = ()
    own: str = ""
    """The one cross-team problem to own (a prompt to pick it)."""
    artifact: str = ""
    """The artifact to write."""
    manager_question: str = ""
    """The one question to take to the manager."""
    own_title: str = ""
    """The heading for :attr:`own` when the default ("the one cross-team problem to own")
    does not fit the place (a senior destination owns an area, not a cross-team problem)."""


@dataclass(frozen=True, slots=True)
class SituationText:
    """One of the places the reflection can put a player."""

    id: str
    title: str
    summary: str
    """One line: the bottom line in a sentence."""
    text: str
    """Markdown paragraphs that say what this place means."""
    when: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Inclusive ranges on ``doing``, ``wanting`` and ``stated_want`` that must all hold."""
    next: NextSteps = field(default_factory=NextSteps)
    fallback: bool = False
    """The honest middle: used when no other situation fits or the evidence is thin."""
    destination: str = "open"
    """Where a player placed here is heading: ``"staff"``, ``"senior"`` or ``"open"``."""


@dataclass(frozen=True, slots=True)
class InventorySection:
    """One part of the evidence inventory the export leaves to fill in."""

    id: str
    title: str
    why: str = ""
    """Why a promotion committee reads this part."""
    prompts: tuple[str, ...] = ()
    """Past-tense sentence starters with ``___`` placeholders."""
    seed_asks: tuple[str, ...] = ()
    """Ask ids whose free-text answers seed this part, when the player gave them."""
    destination: str = "staff"
    """The destination this part serves: ``"staff"`` (``[[inventory]]``) or ``"senior"``
    (``[[senior_inventory]]``)."""


@dataclass(frozen=True, slots=True)
class AxisNotes:
    """What the article says when a choice leans toward or away from one axis's staff end."""

    toward: str = ""
    away: str = ""
    keywords: tuple[str, ...] = ()
    """Words that, in a free-text answer, show the answer bears on this axis."""


@dataclass(frozen=True, slots=True)
class Character:
    """Someone the scenarios introduce, as an answer might name them."""

    keywords: tuple[str, ...] = ()
    """Words (lower case) that name them or what they stand for."""
    scenarios: tuple[str, ...] = ()
    """The scenarios they appear in."""
    name: str = ""
    """How the reflection names them."""
    met: tuple[str, ...] = ()
    """The choices (``"scenario/choice"``) by which a player goes to hear them."""
    echo: str = ""
    """What they said that an answer with one of :attr:`keywords` echoes (shown only when
    the player took one of the :attr:`met` choices)."""


@dataclass(frozen=True, slots=True)
class ClaimText:
    """One claim template: a heading and one to three sentences with ``{placeholders}``."""

    title: str
    text: str


@dataclass(frozen=True, slots=True)
class ReflectionContent:
    """Everything ``reflection.toml`` holds."""

    path: Path | None
    situations: tuple[SituationText, ...]
    want_start: str = "want-start"
    """The ask id of the opening 'how much do I want the staff job?' rating."""
    want_end: str = "want-end"
    """The ask id of the closing rating of the same question."""
    stated_want_weight: float = 0.5
    """How much the stated want (the last rating) counts in the ``wanting`` reading, 0..1."""
    min_decisions: int = 4
    """Fewer decisions that speak to an axis than this, and the reflection stays in the middle."""
    min_scenarios: int = 1
    """Fewer scenarios played than this, and the reflection places nobody."""
    moved: float = 0.25
    """A change of at least this much on a −1..1 reading counts as 'moved' between sessions."""
    axes: dict[str, AxisNotes] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    """What the article says about a choice, by ``"scenario/choice"``."""
    labels: dict[str, str] = field(default_factory=dict)
    """Headings and small words the exports use (keys documented in docs/records.md)."""
    inventory: tuple[InventorySection, ...] = ()
    """The staff evidence inventory's parts (staff-scale projects, influence, multiplier)."""
    senior_inventory: tuple[InventorySection, ...] = ()
    """The senior destination's inventory: the senior strengths to make visible."""
    claims: dict[str, ClaimText] = field(default_factory=dict)
    """Claim templates by key (``[claims]``); missing keys use neutral built-in words."""
    telling: tuple[str, ...] = ()
    """Choices (``"scenario/choice"``) and asks (ask id) that say most about a player."""
    characters: dict[str, Character] = field(default_factory=dict)
    """People in the scenarios: an answer naming one bears on claims from their scenarios."""

    @property
    def fallback(self) -> SituationText:
        """The honest middle."""
        return next(s for s in self.situations if s.fallback)

    def situation(self, situation_id: str) -> SituationText:
        """A situation by id.

        Raises:
            KeyError: no such situation.
        """
        for situation in self.situations:
            if situation.id == situation_id:
                return situation
        raise KeyError(situation_id)

    def label(self, key: str, default: str) -> str:
        """A heading or small word from ``[labels]``, or the default."""
        return self.labels.get(key, default)


class _Reader:
    def __init__(self, path: Path, data: dict[str, Any], prefix: str = "") -> None:
        self.path = path
        self.data = data
        self.prefix = prefix

    def fail(self, key: str, problem: str) -> ContentError:
        return ContentError(f"key '{self.prefix}{key}' {problem}", path=self.path)

    def get(self, key: str, kind: type | tuple[type, ...], what: str, default: Any = None,
            required: bool = False) -> Any:
        if key not in self.data:
            if required:
                raise self.fail(key, "is missing")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise self.fail(key, f"must be {what}, not {type(value).__name__}")
        return value

    def text(self, key: str, required: bool = False) -> str:
        return str(self.get(key, str, "text", "", required)).strip()

    def number(self, key: str, default: float) -> float:
        return float(self.get(key, (int, float), "a number", default))

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.get(key, list, "a list of text", [])
        if not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of text")
        return tuple(v.strip() for v in value)

    def table(self, key: str) -> dict[str, Any]:
        value: dict[str, Any] = self.get(key, dict, "a table", {})
        return value

    def known(self, allowed: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in allowed:
                raise self.fail(key, f"is not a known key (known: {', '.join(allowed)})")


def _situation(path: Path, data: Any, index: int) -> SituationText:
    prefix = f"situations[{index}]."
    if not isinstance(data, dict):
        raise ContentError(f"key 'situations[{index}]' must be a table", path=path)
    read = _Reader(path, data, prefix)
    read.known(("id", "title", "summary", "text", "when", "next", "fallback", "destination"))
    when: dict[str, tuple[float, float]] = {}
    when_read = _Reader(path, read.table("when"), prefix + "when.")
    when_read.known(RANGE_KEYS)
    for key, value in when_read.data.items():
        if not (isinstance(value, list) and len(value) == 2
                and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
                and value[0] <= value[1]):
            raise when_read.fail(key, "must be [low, high], two numbers with low ≤ high")
        when[key] = (float(value[0]), float(value[1]))
    next_read = _Reader(path, read.table("next"), prefix + "next.")
    next_read.known(("days30", "days60", "days90", "own", "artifact", "manager_question",
                     "own_title"))
    fallback = bool(read.get("fallback", bool, "true or false", False))
    destination = read.text("destination") or "open"
    if destination not in DESTINATIONS:
        raise read.fail("destination", f"must be one of {', '.join(DESTINATIONS)}")
    if fallback and when:
        raise read.fail("when", "cannot be given on the fallback situation")
    return SituationText(
        id=read.text("id", required=True),
        title=read.text("title", required=True),
        summary=read.text("summary", required=True),
        text=read.text("text", required=True),
        when=when,
        next=NextSteps(
            days30=next_read.texts("days30"),
            days60=next_read.texts("days60"),
            days90=next_read.texts("days90"),
            own=next_read.text("own"),
            artifact=next_read.text("artifact"),
            manager_question=next_read.text("manager_question"),
            own_title=next_read.text("own_title"),
        ),
        fallback=fallback,
        destination=destination,
    )


def parse_content(path: Path, data: dict[str, Any]) -> ReflectionContent:
    """Build reflection content from the parsed TOML of ``path``.

    Raises:
        ContentError: a key is missing, unknown or mistyped (the message names it).
    """
    read = _Reader(path, data)
    read.known(("format", "scale", "axes", "notes", "labels", "situations", "inventory",
                "claims", "telling", "characters", "senior_inventory"))
    if read.get("format", int, "a whole number", 1) != 1:
        raise read.fail("format", "must be 1 (the reflection format this version reads)")
    scale = _Reader(path, read.table("scale"), "scale.")
    scale.known(("want_start", "want_end", "stated_want_weight", "min_decisions",
                 "min_scenarios", "moved"))
    weight = scale.number("stated_want_weight", 0.5)
    if not 0 <= weight <= 1:
        raise scale.fail("stated_want_weight", "must be between 0 and 1")
    axes: dict[str, AxisNotes] = {}
    for axis_id, table in read.table("axes").items():
        if not isinstance(table, dict):
            raise read.fail(f"axes.{axis_id}", "must be a table")
        axis_read = _Reader(path, table, f"axes.{axis_id}.")
        axis_read.known(("toward", "away", "keywords"))
        axes[axis_id] = AxisNotes(axis_read.text("toward"), axis_read.text("away"),
                                  tuple(k.lower() for k in axis_read.texts("keywords") if k))
    notes = read.table("notes")
    labels = read.table("labels")
    for name, table in (("notes", notes), ("labels", labels)):
        for key, value in table.items():
            if not isinstance(value, str):
                raise read.fail(f"{name}.{key}", "must be text")
    raw_situations = read.get("situations", list, "an array of tables", [], required=True)
    situations = tuple(_situation(path, s, i) for i, s in enumerate(raw_situations))
    ids = [s.id for s in situations]
    for situation_id in ids:
        if ids.count(situation_id) > 1:
            raise read.fail("situations", f"has the id '{situation_id}' twice")
    if sum(s.fallback for s in situations) != 1:
        raise read.fail("situations", "must have exactly one situation with fallback = true "
                        "(the honest middle)")
    inventory = []
    for key, destination in (("inventory", "staff"), ("senior_inventory", "senior")):
        for index, table in enumerate(read.get(key, list, "an array of tables", [])):
            if not isinstance(table, dict):
                raise read.fail(f"{key}[{index}]", "must be a table")
            part = _Reader(path, table, f"{key}[{index}].")
            part.known(("id", "title", "why", "prompts", "seed_asks"))
            inventory.append(InventorySection(
                id=part.text("id", required=True), title=part.text("title", required=True),
                why=part.text("why"), prompts=part.texts("prompts"),
                seed_asks=part.texts("seed_asks"), destination=destination,
            ))
    return ReflectionContent(
        path=path,
        senior_inventory=tuple(p for p in inventory if p.destination == "senior"),
        claims=_claims(path, read.table("claims")),
        telling=read.texts("telling"),
        characters=_characters(path, read.table("characters")),
        inventory=tuple(p for p in inventory if p.destination == "staff"),
        situations=situations,
        want_start=scale.text("want_start") or "want-start",
        want_end=scale.text("want_end") or "want-end",
        stated_want_weight=weight,
        min_decisions=int(scale.number("min_decisions", 4)),
        min_scenarios=int(scale.number("min_scenarios", 1)),
        moved=scale.number("moved", 0.25),
        axes=axes,
        notes={str(k): str(v).strip() for k, v in notes.items()},
        labels={str(k): str(v) for k, v in labels.items()},
    )


def _claims(path: Path, table: dict[str, Any], prefix: str = "") -> dict[str, ClaimText]:
    # Keys nest ([claims.moved.up]); a table holding title or text is one template.
    claims: dict[str, ClaimText] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if not isinstance(value, dict):
            raise ContentError(f"key 'claims.{name}' must be a table with title and text",
                               path=path)
        nested = {k: v for k, v in value.items() if isinstance(v, dict)}
        claims.update(_claims(path, nested, f"{name}."))
        own = {k: v for k, v in value.items() if k not in nested}
        if not own:
            continue
        read = _Reader(path, own, f"claims.{name}.")
        read.known(("title", "text"))
        title, text = read.text("title", required=True), read.text("text", required=True)
        for part, words in (("title", title), ("text", text)):
            for placeholder in _PLACEHOLDER.findall(words):
                if placeholder not in PLACEHOLDERS:
                    raise read.fail(part, f"uses {{{placeholder}}}, which is not a placeholder "
                                    f"(known: {', '.join(PLACEHOLDERS)})")
        claims[name] = ClaimText(title, text)
    return claims


def _characters(path: Path, table: dict[str, Any]) -> dict[str, Character]:
    characters: dict[str, Character] = {}
    for key, value in table.items():
        if not isinstance(value, dict):
            raise ContentError(f"key 'characters.{key}' must be a table", path=path)
        read = _Reader(path, value, f"characters.{key}.")
        read.known(("keywords", "scenarios", "name", "met", "echo"))
        characters[str(key)] = Character(tuple(k.lower() for k in read.texts("keywords") if k),
                                         read.texts("scenarios"), read.text("name"),
                                         read.texts("met"), read.text("echo"))
    return characters


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PLACEHOLDERS = ("where", "count", "total", "axis", "group", "start", "end", "first",
                "second", "question", "bears_on", "rating", "other", "choice", "note", "name")
"""The words a claim template may use; :mod:`workshop.reflection.claims` fills them in."""


_CACHE: dict[tuple[Path, int], ReflectionContent] = {}


def load_content_file(path: Path) -> ReflectionContent:
    """Read one ``reflection.toml`` (cached until the file changes).

    Raises:
        ContentError: it cannot be read or does not fit the format.
    """
    try:
        key = (path.resolve(), path.stat().st_mtime_ns)
    except OSError as error:
        raise ContentError(f"cannot be read: {error.strerror or error}", path=path) from None
    cached = _CACHE.get(key)
    if cached is None:
        cached = _CACHE[key] = _read_content_file(path)
    return cached


def _read_content_file(path: Path) -> ReflectionContent:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(f"cannot be read: {error}", path=path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"is not valid TOML: {error}", path=path) from None
    return parse_content(path, data)


def content_path(workshop: Workshop) -> Path:
    """Where a workshop's reflection content is: its own file, else the bundled one."""
    if workshop.root is not None:
        own = workshop.root / FILE_NAME
        if own.is_file():
            return own
    return bundled_workshop_dir(DEFAULT_WORKSHOP) / FILE_NAME


def load_content(workshop: Workshop) -> ReflectionContent:
    """The reflection content for a workshop.

    Raises:
        ContentError: the file is missing, unreadable or malformed.
    """
    path = content_path(workshop)
    if not path.is_file():
        raise ContentError("the reflection content is missing", path=path,
                           hint=f"add a {FILE_NAME} beside workshop.toml")
    return load_content_file(path)
