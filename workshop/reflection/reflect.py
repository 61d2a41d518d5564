"""Place a player in one of the content's situations, with evidence and next steps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from workshop.record import Record
from workshop.reflection.claims import TENSION_KINDS, Cite, Claim, mirror
from workshop.reflection.content import (
    FILE_NAME,
    InventorySection,
    NextSteps,
    ReflectionContent,
    SituationText,
    load_content,
)
from workshop.reflection.neutral import neutral_content
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
    claims: tuple[Claim, ...] = ()
    """What the mirror says, ordered: tensions first, then patterns, own words, telling."""
    telling: tuple[Cite, ...] = ()
    """The few strongest pieces of evidence (3-6), ranked."""
    enough: bool = False
    """False: too little evidence (or no want rating) to place anyone; :attr:`more_play`
    says what more play would tell."""
    destination: str = "open"
    """Where the player landed: ``"staff"``, ``"senior"`` or ``"open"``."""
    want_start: int | None = None
    """The opening 'want the staff job' rating (1-5)."""
    want_end: int | None = None
    """The closing one."""
    moved_by: tuple[Cite, ...] = ()
    """The choices between the two ratings that moved the wanting axes most (may be empty)."""
    own_words: tuple[tuple[Cite, tuple[Claim, ...]], ...] = ()
    """Each written answer with the claims it bears on (may be an empty tuple)."""
    scenarios_played: int = 0
    """Scenarios with at least one step the reflection read (for honest counts)."""
    more_play: str = ""
    """When not :attr:`enough`: one or two sentences on what more play would tell."""
    inventory: tuple[InventorySection, ...] = ()
    """The evidence inventory parts for the destination (senior strengths for 'senior')."""

    @property
    def tensions(self) -> tuple[Claim, ...]:
        """The claims whose kind is in :data:`~workshop.reflection.claims.TENSION_KINDS`."""
        return tuple(c for c in self.claims if c.kind in TENSION_KINDS)

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
            "enough": self.enough,
            "destination": self.destination,
            "claims": [claim.to_data() for claim in self.claims],
            "telling": [cite.to_data() for cite in self.telling],
            "moved_by": [cite.to_data() for cite in self.moved_by],
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
    # Never a confident placement without a want rating: signals alone are not a statement.
    thin = (profile.decisions < content.min_decisions or profile.stated_want is None
            or profile.scenarios < content.min_scenarios)
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
        content: The reflection words (default: the workshop's ``reflection.toml``; a
            workshop without one borrows the bundled scale with neutral words, see
            :mod:`workshop.reflection.neutral`).

    Raises:
        ContentError: the reflection content cannot be loaded.
    """
    record = _record(source)
    neutral = False
    if content is None:
        content = load_content(workshop)
        neutral = _neutral(workshop, content)
        if neutral:
            content = neutral_content(content)
    profile, evidence = gather(record, workshop, content)
    evidence = _once(evidence)
    situation, thin = place(profile, content)
    groups: dict[str, str] = {axis.id: axis.group for axis in workshop.axes}
    enough = not thin
    destination = situation.destination if enough else "open"
    lean = {"staff": 1.0, "senior": -1.0}.get(destination) or _lean(profile)
    key = _strongest(evidence, lean, 4, 2)
    # "What pulls the other way" never shows a choice that leans the player's own way.
    against = tuple(e for e in _strongest(evidence, -lean, 2, 1)
                    if sum(e.signals.values()) * lean < 0)
    comparison = _compare(record, profile, workshop, content, history)
    track = next((t for t in workshop.tracks if t.id == record.track), None)
    found = mirror(profile, evidence, content, groups,
                   {axis.id: axis.label for axis in workshop.axes},
                   neutral=neutral, enough=enough,
                   last_scenario=track.scenarios[-1] if track and track.scenarios else "")
    return Reflection(
        record, profile, situation, tuple(evidence), key, against, content, comparison, thin,
        groups, claims=found.claims, telling=found.telling, enough=enough,
        destination=destination, want_start=profile.want_start, want_end=profile.want_end,
        moved_by=found.moved_by, own_words=found.own_words,
        scenarios_played=found.scenarios_played, more_play=found.more,
        inventory=content.senior_inventory if destination == "senior" and content.senior_inventory
        else content.inventory,
    )


def _neutral(workshop: Workshop, content: ReflectionContent) -> bool:
    # A workshop that borrows the bundled content (no reflection.toml of its own) gets the
    # neutral claim words: the bundled ones speak of the staff job, which it may not be about.
    if workshop.root is None or content.path is None:
        return False
    own = workshop.root / FILE_NAME
    return not own.is_file() and content.path.resolve() != own.resolve()


def _once(evidence: list[Evidence]) -> list[Evidence]:
    # An axis's general line is said once per reflection, at its first use; later choices
    # without a note of their own show none rather than the same sentence again.
    said: set[str] = set()
    out = []
    for item in evidence:
        if item.note and not item.own_note:
            if item.note in said:
                item = replace(item, note="")
            else:
                said.add(item.note)
        out.append(item)
    return out


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
