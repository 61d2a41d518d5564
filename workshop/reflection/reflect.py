"""Place a player in one of the content's situations, with evidence and next steps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from workshop.record import Record
from workshop.reflection.content import (
    NextSteps,
    ReflectionContent,
    SituationText,
    load_content,
)
from workshop.reflection.profile import Evidence, Profile, gather
from workshop.scenario.model import Workshop


class HasRecord(Protocol):
    """Anything that can give its record (a live ``Session``)."""

    @property
    def record(self) -> Record: ...


Source = Record | HasRecord


@dataclass(frozen=True, slots=True)
class Move:
    """How one reading changed between an earlier session and this one."""

    key: str
    """An axis id, ``doing``, ``wanting``, ``want_start`` or ``want_end``."""
    label: str
    before: float | None
    now: float | None

    @property
    def delta(self) -> float | None:
        """now − before (None when either is missing)."""
        if self.before is None or self.now is None:
            return None
        return self.now - self.before


@dataclass(frozen=True, slots=True)
class Comparison:
    """This session against the player's earlier finished ones of the same workshop."""

    previous_id: str
    previous_date: str
    previous_situation: SituationText
    earlier: tuple[tuple[str, str, str], ...]
    """Every earlier session, oldest first: (id, created, situation title)."""
    groups: tuple[Move, ...]
    """doing, wanting, want_start, want_end: last time and now."""
    moved: tuple[Move, ...]
    """Axes that moved by at least the content's ``moved`` threshold, largest first."""


@dataclass(frozen=True, slots=True)
class Reflection:
    """The whole reflection: profile, place, evidence, next steps, comparison."""

    record: Record
    profile: Profile
    situation: SituationText
    evidence: tuple[Evidence, ...]
    """Everything the player chose and answered, in order, with what the article says."""
    key_evidence: tuple[Evidence, ...]
    """The choices and ratings that weigh most on where the player landed."""
    against: tuple[Evidence, ...]
    """The strongest evidence that pulls the other way (honesty, not a verdict)."""
    content: ReflectionContent
    comparison: Comparison | None = None
    thin: bool = False
    """True when too few decisions spoke to the axes to place anyone firmly."""
    axis_groups: dict[str, str] = field(default_factory=dict)

    @property
    def next_steps(self) -> NextSteps:
        """The next steps of the situation the player landed in."""
        return self.situation.next

    @property
    def decisions(self) -> tuple[Evidence, ...]:
        """The choices the player took, in order."""
        return tuple(e for e in self.evidence if e.kind == "choice")

    @property
    def ratings(self) -> tuple[Evidence, ...]:
        """The ratings the player gave, in order."""
        return tuple(e for e in self.evidence if e.kind == "rating")

    @property
    def answers(self) -> tuple[Evidence, ...]:
        """The free-text answers the player gave, in order."""
        return tuple(e for e in self.evidence if e.kind == "answer")

    def to_data(self) -> dict[str, Any]:
        """Plain data for the JSON and TOML exports."""
        data: dict[str, Any] = {
            "situation": {"id": self.situation.id, "title": self.situation.title,
                          "summary": self.situation.summary},
            "thin_evidence": self.thin,
            "profile": self.profile.to_data(),
            "key_evidence": [
                {"scenario": e.scenario_id, "scene": e.scene_id, "kind": e.kind,
                 "label": e.label, "note": e.note}
                for e in self.key_evidence
            ],
        }
        if self.comparison is not None:
            c = self.comparison
            data["comparison"] = {
                "previous": c.previous_id,
                "previous_situation": c.previous_situation.id,
                "moved": [{"axis": m.key, "before": round(m.before or 0, 3),
                           "now": round(m.now or 0, 3)} for m in c.moved],
            }
        return data


def _record(source: Source) -> Record:
    return source if isinstance(source, Record) else source.record


def _inside(value: float | None, bounds: tuple[float, float]) -> bool:
    return value is not None and bounds[0] <= value <= bounds[1]


def place(profile: Profile, content: ReflectionContent) -> tuple[SituationText, bool]:
    """The situation whose ranges all hold (the first, in file order), else the middle.

    Returns the situation and whether the evidence was too thin to place firmly.
    """
    thin = profile.decisions < content.min_decisions
    if thin or profile.doing is None or profile.wanting is None:
        return content.fallback, True
    values = {"doing": profile.doing, "wanting": profile.wanting,
              "stated_want": None if profile.stated_want is None else float(profile.stated_want)}
    for situation in content.situations:
        if situation.fallback:
            continue
        if all(_inside(values[key], bounds) for key, bounds in situation.when.items()):
            return situation, False
    return content.fallback, False


def _strongest(evidence: list[Evidence], sign: float, choices: int,
               ratings: int) -> tuple[Evidence, ...]:
    # Choices and ratings are ranked apart so strong ratings cannot crowd out the choices.
    picked: list[Evidence] = []
    for kind, limit in (("choice", choices), ("rating", ratings)):
        scored = []
        for item in evidence:
            if item.kind != kind:
                continue
            weight = sum(abs(v) for v in item.signals.values() if v * sign > 0)
            if weight > 0:
                scored.append((weight, item))
        scored.sort(key=lambda pair: -pair[0])
        picked += [item for _, item in scored[:limit]]
    return tuple(picked)


def _lean(profile: Profile) -> float:
    # Which way the evidence leans overall decides what "supporting" means.
    values = [v for v in (profile.doing, profile.wanting) if v is not None]
    return 1.0 if sum(values) >= 0 else -1.0


def reflect(source: Source, workshop: Workshop, history: Iterable[Source] = (), *,
            content: ReflectionContent | None = None) -> Reflection:
    """Reflect on one session.

    Args:
        source: A live ``Session`` or a stored :class:`~workshop.record.Record`.
        workshop: The workshop it was played with (as it is now).
        history: The player's other sessions; earlier ones of the same workshop are compared.
        content: The reflection words (default: the workshop's ``reflection.toml``).

    Raises:
        ContentError: the reflection content cannot be loaded.
    """
    record = _record(source)
    content = content or load_content(workshop)
    profile, evidence = gather(record, workshop, content)
    situation, thin = place(profile, content)
    groups: dict[str, str] = {axis.id: axis.group for axis in workshop.axes}
    lean = _lean(profile)
    key = _strongest(evidence, lean, 4, 2)
    against = _strongest(evidence, -lean, 2, 1)
    comparison = _compare(record, profile, workshop, content, history)
    return Reflection(record, profile, situation, tuple(evidence), key, against, content,
                      comparison, thin, groups)


def _compare(record: Record, profile: Profile, workshop: Workshop, content: ReflectionContent,
             history: Iterable[Source]) -> Comparison | None:
    earlier = []
    for item in history:
        other = _record(item)
        # Only finished sessions of the same workshop: a session left after one scenario
        # says too little to compare with.
        if (other.id == record.id or other.workshop_id != record.workshop_id
                or not other.finished):
            continue
        if other.created >= record.created:
            continue
        earlier.append(other)
    if not earlier:
        return None
    earlier.sort(key=lambda r: r.created)
    placed = []
    for other in earlier:
        other_profile, _ = gather(other, workshop, content)
        other_situation, _ = place(other_profile, content)
        placed.append((other, other_profile, other_situation))
    previous, before, before_situation = placed[-1]
    groups = (
        Move("doing", content.label("doing", "Doing the staff work"), before.doing,
             profile.doing),
        Move("wanting", content.label("wanting", "Wanting the staff job"), before.wanting,
             profile.wanting),
        Move("want_start", content.label("want_start", "Want, at the start"),
             _float(before.want_start), _float(profile.want_start)),
        Move("want_end", content.label("want_end", "Want, at the end"),
             _float(before.want_end), _float(profile.want_end)),
    )
    moved = []
    for reading in profile.axes:
        old = before.axis(reading.axis.id).score
        move = Move(reading.axis.id, reading.axis.label, old, reading.score)
        if move.delta is not None and abs(move.delta) >= content.moved:
            moved.append(move)
    moved.sort(key=lambda m: -abs(m.delta or 0))
    return Comparison(
        previous_id=previous.id,
        previous_date=previous.created,
        previous_situation=before_situation,
        earlier=tuple((r.id, r.created, s.title) for r, _, s in placed),
        groups=groups,
        moved=tuple(moved),
    )


def _float(value: int | None) -> float | None:
    return None if value is None else float(value)
