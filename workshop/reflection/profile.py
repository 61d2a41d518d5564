"""From a record and the workshop's axes to a profile and the evidence behind it.

Scale: every axis reading is on −1..1. For each decision the player took, the choice's signal
on an axis is added to the axis's *raw* sum, and the largest signal any choice of that scene
carries on the axis (in absolute value) is added to its *reach*; a rating ask adds
``(rating − 3) × weight`` to raw and ``2 × |weight|`` to reach. The reading is ``raw / reach``:
−1 means every chance to lean on that axis went the senior way, +1 every chance went the staff
way, 0 even or unseen. A group (doing, wanting) is the sum of its axes' raw over the sum of
their reach. ``None`` means the path gave no chance to lean at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from workshop.engine import CONTINUE
from workshop.engine.run import Answer, interpolate
from workshop.record import Record
from workshop.record.view import JourneyView, ScenarioView
from workshop.reflection.content import GROUPS, ReflectionContent
from workshop.scenario.model import Ask, Axis, Choice, Scenario, Scene, Workshop

_MARKUP = re.compile(r"[*_`>#\[\]]")
_SENTENCE = re.compile(r"(?<=[.!?])\s")


@dataclass(frozen=True, slots=True)
class AxisReading:
    """Where the player stands on one axis."""

    axis: Axis
    raw: float
    reach: float
    count: int
    """How many decisions and ratings spoke to this axis."""

    @property
    def score(self) -> float | None:
        """−1..1, or None when nothing on the path spoke to this axis."""
        if self.reach <= 0:
            return None
        return max(-1.0, min(1.0, self.raw / self.reach))

    @property
    def reading(self) -> str:
        """The axis's own words for where the score falls (low, mid or high)."""
        score = self.score
        if score is None:
            return ""
        if score <= -1 / 3:
            return self.axis.low
        if score >= 1 / 3:
            return self.axis.high
        return self.axis.mid


@dataclass(frozen=True, slots=True)
class Evidence:
    """One thing the player did or said, with what the article says about it."""

    kind: str
    """``"choice"``, ``"rating"`` or ``"answer"`` (free text)."""
    scenario_id: str
    scenario_title: str
    scene_id: str
    situation: str
    """The scene's situation in one line."""
    label: str
    """The choice's label, or the question asked."""
    value: str | int | None = None
    """The rating or the text answer."""
    note: str = ""
    """What the article says about it (from content)."""
    reason: str = ""
    """The player's own reason for a choice, when they gave one."""
    signals: dict[str, float] = field(default_factory=dict)
    """Axis -> how far this leaned (for ratings, already ``(rating − 3) × weight``)."""
    choice_id: str = ""
    ask_id: str = ""
    low: str = ""
    """For ratings: the words of 1 and 5."""
    high: str = ""
    own_note: bool = False
    """True when :attr:`note` is written for this choice (not an axis's general line)."""
    last: bool = False
    """The last decision the player took in its scenario."""
    ends: bool = False
    """The choice led into one of the scenario's endings."""
    sets: bool = False
    """The choice set story variables (it changes what happens later: a cost)."""

    def weight(self, axes: dict[str, str], group: str) -> float:
        """How strongly this speaks to a group (signed): the sum of its signals there."""
        return sum(v for k, v in self.signals.items() if axes.get(k) == group)


@dataclass(frozen=True, slots=True)
class Profile:
    """Readings per axis and per group, and the stated want."""

    axes: tuple[AxisReading, ...]
    doing: float | None
    """The doing group's reading (signals only), −1..1."""
    wanting_signals: float | None
    """The wanting group's reading from choices and ratings, −1..1."""
    want_start: int | None
    want_end: int | None
    wanting: float | None
    """The wanting reading used for placement: signals blended with the stated want."""
    decisions: int
    """Decisions and ratings on the path that spoke to at least one axis."""
    scenarios: int = 0
    """Scenarios in which the player chose or answered something the reflection reads."""

    @property
    def stated_want(self) -> int | None:
        """The last answer to 'how much do I want the staff job?' (end, else start)."""
        return self.want_end if self.want_end is not None else self.want_start

    def axis(self, axis_id: str) -> AxisReading:
        """The reading of one axis.

        Raises:
            KeyError: no such axis.
        """
        for reading in self.axes:
            if reading.axis.id == axis_id:
                return reading
        raise KeyError(axis_id)

    def group(self, group: str) -> list[AxisReading]:
        """The readings of one group's axes."""
        return [r for r in self.axes if r.axis.group == group]

    def to_data(self) -> dict[str, Any]:
        """Plain data for the JSON and TOML exports (no None: TOML has none)."""

        def num(value: float | None) -> dict[str, float]:
            return {} if value is None else {"score": round(value, 3)}

        data: dict[str, Any] = {"scale": "-1 (senior end) .. 1 (staff end)",
                                "decisions": self.decisions}
        for key in ("doing", "wanting_signals", "wanting"):
            value = getattr(self, key)
            if value is not None:
                data[key] = round(value, 3)
        for key in ("want_start", "want_end"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        data["axes"] = {
            r.axis.id: {"group": r.axis.group, "label": r.axis.label, **num(r.score),
                        "raw": round(r.raw, 3), "reach": round(r.reach, 3), "count": r.count}
            for r in self.axes
        }
        return data


def one_line(text: str, limit: int = 160) -> str:
    """The first sentence of Markdown text, plain and at most ``limit`` characters."""
    plain = " ".join(_MARKUP.sub("", text).split())
    first = _SENTENCE.split(plain, maxsplit=1)[0] if plain else ""
    if len(first) > limit:
        first = first[: limit - 1].rsplit(" ", 1)[0] + "…"
    return first


def is_decision(scene: Scene, choice: Choice | None) -> bool:
    """A choice the reflection counts: one of several, or one that carries a signal or note."""
    if choice is None:
        return False
    return len(scene.choices) > 1 or bool(choice.signals) or "note" in choice.meta


def own_note(content: ReflectionContent, scenario: Scenario, scene: Scene,
             choice: Choice) -> str:
    """What a choice tends to mean, written for that choice: its ``meta.note``, a ``[notes]``
    line in the reflection content or the scene's ``meta.note`` ('' when none)."""
    for source in (choice.meta.get("note"), content.notes.get(f"{scenario.id}/{choice.id}"),
                   scene.meta.get("note")):
        if isinstance(source, str) and source.strip():
            return source.strip()
    return ""


def note_for(content: ReflectionContent, scenario: Scenario, scene: Scene,
             choice: Choice) -> str:
    """What a choice tends to mean: its own note (:func:`own_note`), else the axis note of
    its strongest signal."""
    mine = own_note(content, scenario, scene, choice)
    if mine:
        return mine
    if choice.signals:
        axis_id, value = max(choice.signals.items(), key=lambda kv: abs(kv[1]))
        notes = content.axes.get(axis_id)
        if notes is not None:
            return notes.toward if value > 0 else notes.away
    return ""


def _scene_line(scene: Scene, variables: dict[str, Any]) -> str:
    situation = scene.meta.get("situation")
    if isinstance(situation, str) and situation.strip():
        return situation.strip()
    line = one_line(interpolate(scene.text, variables))
    if scene.title:
        return f"{scene.title}: {line}" if line else scene.title
    return line


class _Tally:
    """Each axis's raw sum, reach and count, and the decisions that spoke to any axis."""

    def __init__(self, workshop: Workshop) -> None:
        self.group: dict[str, str] = {axis.id: axis.group for axis in workshop.axes}
        self.raw = dict.fromkeys(self.group, 0.0)
        self.reach = dict.fromkeys(self.group, 0.0)
        self.count = dict.fromkeys(self.group, 0)
        self.decisions = 0

    def rating(self, ask: Ask, value: Answer) -> dict[str, float]:
        """Count an answer; returns how far it leaned per axis (only ratings lean)."""
        signals: dict[str, float] = {}
        if ask.kind == "rating" and isinstance(value, int):
            for axis_id, weight in ask.signals.items():
                if axis_id in self.raw:
                    signals[axis_id] = (value - 3) * weight
                    self.raw[axis_id] += (value - 3) * weight
                    self.reach[axis_id] += 2 * abs(weight)
                    self.count[axis_id] += 1
            self.decisions += bool(signals)
        return signals

    def choice(self, scene: Scene, choice: Choice) -> None:
        """Count a decision against the strongest lean any choice of its scene offered."""
        spoke = False
        for axis_id in self.raw:
            top = max((abs(c.signals.get(axis_id, 0.0)) for c in scene.choices), default=0)
            if top > 0:
                self.raw[axis_id] += choice.signals.get(axis_id, 0.0)
                self.reach[axis_id] += top
                self.count[axis_id] += 1
                spoke = True
        self.decisions += spoke

    def reading(self, group: str) -> float | None:
        """A group's reading: its axes' raw over their reach (None: no reach)."""
        total = sum(self.reach[a] for a, g in self.group.items() if g == group)
        value = sum(self.raw[a] for a, g in self.group.items() if g == group)
        return max(-1.0, min(1.0, value / total)) if total > 0 else None


def _answer_evidence(content: ReflectionContent, played: ScenarioView, scene: Scene,
                     ask: Ask, value: Answer, variables: dict[str, Any],
                     tally: _Tally) -> Evidence:
    signals = tally.rating(ask, value)
    note = ""
    if signals:
        axis_id, lean = max(signals.items(), key=lambda kv: abs(kv[1]))
        notes = content.axes.get(axis_id)
        if notes is not None and lean:
            note = notes.toward if lean > 0 else notes.away
    assert played.scenario is not None
    return Evidence(
        kind="rating" if ask.kind == "rating" else "answer", scenario_id=played.id,
        scenario_title=played.scenario.title, scene_id=scene.id,
        situation=_scene_line(scene, variables), label=ask.question, value=value,
        note=note, signals=signals, ask_id=ask.id, low=ask.low, high=ask.high,
    )


def gather(record: Record, workshop: Workshop,
           content: ReflectionContent) -> tuple[Profile, list[Evidence]]:
    """Compute the profile and list the evidence, in the order the player met it.

    Choices and scenes that are no longer in the content are skipped (the record keeps them).
    """
    tally = _Tally(workshop)
    evidence: list[Evidence] = []
    journey = JourneyView.from_record(record, workshop)
    last_choice: dict[str, int] = {}
    for played in journey.in_track_order():
        scenario = played.scenario
        if scenario is None:
            continue
        variables = dict(played.variables)
        for step in played.steps:
            scene, taken = step.scene, step.choice
            if scene is None:
                continue
            asks = {ask.id: ask for ask in scene.asks}
            for answer in step.answers:
                if answer.ask_id in asks:
                    evidence.append(_answer_evidence(content, played, scene,
                                                     asks[answer.ask_id], answer.value,
                                                     variables, tally))
            if taken is None or taken.id == CONTINUE or taken.model is None \
                    or not is_decision(scene, taken.model):
                continue
            tally.choice(scene, taken.model)
            goto = scenario.scenes.get(taken.model.goto or "")
            mine = own_note(content, scenario, scene, taken.model)
            evidence.append(Evidence(
                kind="choice", scenario_id=played.id, scenario_title=scenario.title,
                scene_id=scene.id, situation=_scene_line(scene, variables),
                label=taken.label, note=note_for(content, scenario, scene, taken.model),
                reason=step.reason, signals={k: v for k, v in taken.signals.items()
                                             if k in tally.raw},
                choice_id=taken.id, own_note=bool(mine),
                ends=goto is not None and goto.ending, sets=bool(taken.model.set),
            ))
            last_choice[played.id] = len(evidence) - 1
    for index in last_choice.values():
        evidence[index] = replace(evidence[index], last=True)
    readings = tuple(AxisReading(axis, tally.raw[axis.id], tally.reach[axis.id],
                                 tally.count[axis.id]) for axis in workshop.axes)
    groups = {group: tally.reading(group) for group in GROUPS}
    doing, wanting_signals = groups["doing"], groups["wanting"]
    all_answers = journey.answers()
    want_start = _rating(all_answers.get(content.want_start))
    want_end = _rating(all_answers.get(content.want_end))
    stated = want_end if want_end is not None else want_start
    wanting = wanting_signals
    if stated is not None:
        said = (stated - 3) / 2
        k = content.stated_want_weight
        wanting = said if wanting is None else (1 - k) * wanting + k * said
    profile = Profile(readings, doing, wanting_signals, want_start, want_end, wanting,
                      tally.decisions, len({e.scenario_id for e in evidence}))
    return profile, evidence


def _rating(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return value
    return None
