"""One typed view of a journey: what the player did, in order, as a record keeps it.

A record stores the journey as the engine's plain data (:meth:`Journey.to_data`): a track, a
position and one table per scenario started, each with its path of ``[scene, choice]`` pairs,
its answers, its skips and where it stands. Reflection, room aggregates, export and restore all
need the same walk over that data; :class:`JourneyView` does it once, and they read its frozen,
typed steps instead of dicts. This module (with :mod:`workshop.record.schema`, which checks the
layout, and the engine's own ``from_data``, which restores live state) is the only code that
knows the journey's keys.

Why in ``record/`` and not ``engine/``: the view reads what the *record* keeps, and must work
where the engine cannot: against content that changed or lost a scene since the record was
written, or with no content at all (the room's aggregator reads participants' files without
loading the workshop). A live :class:`~workshop.engine.Journey` needs every scenario it names
to exist; the record outlives them. When a workshop is given, each step is also resolved
against it (the scene, the choice and its signals, the prompt asked there); when it is not, or
the content is gone, those fields are ``None`` or empty and the ids remain.

The record keeps no time per step: the only timestamps are the record's ``created`` and
``updated``, which the view carries.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Literal

from workshop.engine.run import CONTINUE, Answer, interpolate
from workshop.record.schema import FINISHED, Record
from workshop.scenario.expressions import Value
from workshop.scenario.model import Ask, Choice, Scenario, Scene, Workshop

AnswerKind = Literal["text", "rating"]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _empty() -> Mapping[str, Any]:
    return _EMPTY


@dataclass(frozen=True, slots=True)
class AnswerView:
    """One answer the player gave to a scene's prompt."""

    ask_id: str
    """The prompt's id (unique across the workshop)."""
    value: Answer
    """The text typed, or the 1–5 rating."""
    kind: AnswerKind
    """``"rating"`` for a whole number, ``"text"`` for words (as the record stores them)."""
    ask: Ask | None = None
    """The prompt in the content, when a workshop was given and still asks it."""


@dataclass(frozen=True, slots=True)
class ChoiceTaken:
    """The choice taken at one step."""

    id: str
    """The choice's id (``"continue"`` for the Continue of a ``next`` scene)."""
    label: str
    """Its label with ``{variables}`` filled in from the run as saved; ``"Continue"`` for a
    Continue, ``""`` when the content is not given or no longer has the choice."""
    signals: Mapping[str, float] = field(default_factory=_empty)
    """The reflection axes it speaks to and how much, from the content (empty when unknown)."""
    model: Choice | None = None
    """The content's choice (None for a Continue, or when not given or gone)."""

    @property
    def detour(self) -> bool:
        """True when taking it opened a detour (a side scene that later returns)."""
        return self.model is not None and not self.model.returns and self.model.detour is not None

    @property
    def returns(self) -> bool:
        """True when taking it closed a detour and went back."""
        return self.model is not None and self.model.returns


@dataclass(frozen=True, slots=True)
class StepView:
    """One scene the player was in, and what they did there."""

    scene_id: str
    choice: ChoiceTaken | None
    """The choice taken to leave the scene; None for the scene the run stands in now."""
    scene: Scene | None = None
    """The content's scene (None when not given or removed since)."""
    answers: tuple[AnswerView, ...] = ()
    """The answers to this scene's prompts, in the scene's order, on the first visit that
    reached them (needs content: the record keeps answers per scenario, not per scene)."""
    skips: tuple[str, ...] = ()
    """The ids of this scene's prompts the player skipped (first visit only), in order."""
    reason: str = ""
    """The player's own reason for the choice, when they gave one."""

    @property
    def answer(self) -> AnswerView | None:
        """The first answer given here (most scenes ask one question at most)."""
        return self.answers[0] if self.answers else None

    @property
    def skipped(self) -> str | None:
        """The id of the first prompt skipped here."""
        return self.skips[0] if self.skips else None

    @property
    def detour(self) -> bool:
        """True when the choice taken here opened a detour."""
        return self.choice is not None and self.choice.detour

    @property
    def returns(self) -> bool:
        """True when the choice taken here came back from a detour."""
        return self.choice is not None and self.choice.returns


# Not slotted, so that :attr:`steps` can be built on first use: the room's aggregator reads
# only the path and the answers of every record that changed, on every refresh.
@dataclass(frozen=True)
class ScenarioView:
    """One scenario the player started, as far as they got."""

    id: str
    scene_id: str
    """The scene the run stands in now (its ending once the scenario is over)."""
    path: tuple[tuple[str, str], ...]
    """Every (scene, choice id) taken, in order, as stored (:attr:`steps` reads them)."""
    answers: tuple[AnswerView, ...]
    """Every answer kept for this scenario, in the record's order."""
    skipped: tuple[str, ...]
    """Ids of the prompts skipped, sorted."""
    variables: Mapping[str, Value]
    """The run's variables as saved."""
    in_track: bool
    """False for a scenario the track no longer lists (kept in the record)."""
    completed: bool
    """The player moved past it in the track, or finished the whole track."""
    scenario: Scenario | None = None
    """The content's scenario (None when not given or removed since)."""
    reasons: Mapping[str, str] = field(default_factory=_empty)
    """The player's reasons for choices here, by ``"scene/choice"``."""

    @cached_property
    def steps(self) -> tuple[StepView, ...]:
        """Every scene entered, in order: one step per choice taken, then the scene the run
        stands in now (the last step, with no choice)."""
        scenario, path, variables = self.scenario, self.path, dict(self.variables)
        by_ask = {a.ask_id: a for a in self.answers}
        seen: set[str] = set()
        steps: list[StepView] = []
        for position, visited in enumerate([*(s for s, _ in path), self.scene_id]):
            scene = scenario.scenes.get(visited) if scenario is not None else None
            answers: list[AnswerView] = []
            skips: list[str] = []
            # An answer belongs to the first visit of the scene that asks it (a scene can be
            # entered again; it is still one answer).
            for ask in scene.asks if scene is not None else ():
                if ask.id in seen or (ask.id not in by_ask and ask.id not in self.skipped):
                    continue
                seen.add(ask.id)
                if ask.id in by_ask:
                    answers.append(by_ask[ask.id])
                else:
                    skips.append(ask.id)
            choice = None
            reason = ""
            if position < len(path):
                choice_id = path[position][1]
                choice = _choice(scene, choice_id, variables)
                reason = self.reasons.get(f"{visited}/{choice_id}", "")
            steps.append(StepView(visited, choice, scene, tuple(answers), tuple(skips), reason))
        return tuple(steps)

    @property
    def choices(self) -> tuple[StepView, ...]:
        """The steps where a choice was taken (every step but the last)."""
        return tuple(step for step in self.steps if step.choice is not None)

    @property
    def ending(self) -> str | None:
        """The ending scene the run stands in, when the content marks it as one."""
        if self.scenario is None:
            return None
        scene = self.scenario.scenes.get(self.scene_id)
        return self.scene_id if scene is not None and scene.ending else None


@dataclass(frozen=True, slots=True)
class JourneyView:
    """A whole journey through one track, read from a record."""

    track: str
    """The track's id (``"scenario:ID"`` for a single scenario played from home)."""
    index: int
    """Position in :attr:`track_scenarios`; equal to its length once the track is done."""
    track_scenarios: tuple[str, ...]
    """The track's scenario ids, in play order, as the record saved them."""
    scenarios: tuple[ScenarioView, ...]
    """Every scenario started, in the order they were started."""
    finished: bool
    """True once the player played the whole track (the record's status)."""
    created: str = ""
    """UTC ISO 8601 time of the record's first save ('' when not read from a record)."""
    updated: str = ""
    """UTC ISO 8601 time of its last save."""

    @classmethod
    def from_record(cls, record: Record, workshop: Workshop | None = None) -> JourneyView:
        """The journey of a checked record, resolved against ``workshop`` when given."""
        return cls.from_journey_data(
            record.journey, workshop, finished=record.finished, reasons=record.reasons,
            created=record.created, updated=record.updated,
        )

    @classmethod
    def from_data(cls, data: dict[str, Any],
                  workshop: Workshop | None = None) -> JourneyView | None:
        """The journey of a record's parsed TOML that was not checked (a room's files).

        Tolerant: whatever does not fit the layout is left out rather than raised.

        Returns:
            The view, or None when the data holds no journey table at all.
        """
        journey = data.get("journey")
        if not isinstance(journey, dict):
            return None
        reasons = data.get("reasons")
        return cls.from_journey_data(
            journey, workshop, finished=data.get("status") == FINISHED,
            reasons=reasons if isinstance(reasons, dict) else None,
            created=_text(data.get("created")), updated=_text(data.get("updated")),
        )

    @classmethod
    def from_journey_data(
        cls, journey: dict[str, Any], workshop: Workshop | None = None, *,
        finished: bool = False, reasons: Mapping[str, Any] | None = None,
        created: str = "", updated: str = "",
    ) -> JourneyView:
        """The view of a journey table (the ``[journey]`` of a record).

        Args:
            journey: :meth:`Journey.to_data` output, as stored; oddities are left out.
            workshop: the content to resolve scenes, choices and prompts against.
            finished: the record's status says the whole track was played.
            reasons: the record's ``[reasons]`` (``{scenario: {"scene/choice": text}}``).
            created: the record's first save.
            updated: the record's last save.
        """
        track_scenarios = tuple(s for s in _list(journey.get("scenarios")) if isinstance(s, str))
        index = journey.get("index", 0)
        index = index if isinstance(index, int) and not isinstance(index, bool) else 0
        index = max(0, min(index, len(track_scenarios)))
        passed = set(track_scenarios[:index]) | (set(track_scenarios) if finished else set())
        runs = journey.get("runs")
        scenarios = []
        for scenario_id, run in _table(runs).items():
            if not isinstance(run, dict):
                continue
            scenario = workshop.scenarios.get(scenario_id) if workshop is not None else None
            why = reasons.get(scenario_id) if reasons is not None else None
            scenarios.append(_scenario_view(
                str(scenario_id), run, scenario, why if isinstance(why, dict) else _EMPTY,
                in_track=scenario_id in track_scenarios, completed=scenario_id in passed,
            ))
        return cls(_text(journey.get("track")), index, track_scenarios, tuple(scenarios),
                   finished, created, updated)

    def __iter__(self) -> Iterator[ScenarioView]:
        """The scenarios started, in the order they were started."""
        return iter(self.scenarios)

    def scenario(self, scenario_id: str) -> ScenarioView | None:
        """One scenario's view (None when it was never started)."""
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def in_track_order(self) -> tuple[ScenarioView, ...]:
        """The scenarios started, in the track's order, then any the track no longer lists
        (in the order they were started): the order a reflection reads them in."""
        by_id = {s.id: s for s in self.scenarios}
        ordered = [by_id[s] for s in self.track_scenarios if s in by_id]
        return (*ordered, *(s for s in self.scenarios if not s.in_track))

    @property
    def current(self) -> tuple[str, str] | None:
        """(scenario, scene) where the player stands; None once the track is done.

        The scene is '' when the record has no run for the scenario yet.
        """
        if self.finished or self.index >= len(self.track_scenarios):
            return None
        scenario_id = self.track_scenarios[self.index]
        run = self.scenario(scenario_id)
        return scenario_id, run.scene_id if run is not None else ""

    @property
    def unknown_scenarios(self) -> list[str]:
        """Scenarios started that the given workshop does not have (all, when none given)."""
        return [s.id for s in self.scenarios if s.scenario is None]

    def answers(self) -> dict[str, Answer]:
        """Every answer, across scenarios, by prompt id (a later scenario's answer wins)."""
        return {a.ask_id: a.value for s in self.scenarios for a in s.answers}


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _table(value: object) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _scenario_view(scenario_id: str, run: dict[str, Any], scenario: Scenario | None,
                   reasons: Mapping[str, Any], *, in_track: bool,
                   completed: bool) -> ScenarioView:
    # Plain isinstance checks against tuples: the room's aggregator runs this for every
    # record that changed, on every refresh.
    variables: dict[str, Value] = {
        str(k): v for k, v in _table(run.get("variables")).items()
        if isinstance(v, (bool, int, float, str))
    }
    path = [(step[0], step[1]) for step in _list(run.get("path"))
            if isinstance(step, list) and len(step) == 2
            and isinstance(step[0], str) and isinstance(step[1], str)]
    asks = _asks(scenario)
    answers = tuple(
        AnswerView(str(ask_id), value, "text" if isinstance(value, str) else "rating",
                   asks.get(str(ask_id)))
        for ask_id, value in _table(run.get("answers")).items()
        if isinstance(value, (str, int)) and not isinstance(value, bool)
    )
    skipped = tuple(sorted(s for s in _list(run.get("skipped")) if isinstance(s, str)))
    why = {k: v for k, v in reasons.items() if isinstance(v, str)} if reasons else _EMPTY
    return ScenarioView(scenario_id, _text(run.get("scene")), tuple(path), answers, skipped,
                        MappingProxyType(variables), in_track, completed, scenario, why)


def _asks(scenario: Scenario | None) -> dict[str, Ask]:
    if scenario is None:
        return {}
    return {ask.id: ask for ask in scenario.asks}


def _choice(scene: Scene | None, choice_id: str, variables: dict[str, Value]) -> ChoiceTaken:
    if scene is None:
        return ChoiceTaken(choice_id, "")
    model = next((c for c in scene.choices if c.id == choice_id), None)
    if model is None:
        label = "Continue" if choice_id == CONTINUE and scene.next else ""
        return ChoiceTaken(choice_id, label)
    return ChoiceTaken(choice_id, interpolate(model.label, variables),
                       MappingProxyType(dict(model.signals)), model)
