"""The run engine: one scenario played, pure and deterministic.

A :class:`Run` knows where the player is, the variables, how often each scene was entered,
which once-only choices are used up, the detour stack, the path taken (choice ids) and the
answers given. It never touches a file or a terminal; records save its :meth:`Run.to_data`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workshop.scenario import expressions
from workshop.scenario.expressions import Value
from workshop.scenario.model import Ask, Choice, Condition, Effects, Scenario, Scene

CONTINUE = "continue"
"""The id of the single choice a scene with ``next`` offers."""

_INTERPOLATION = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")

Answer = str | int
"""A free-text answer or a 1–5 rating."""


class ChoiceError(ValueError):
    """A choice that cannot be taken now: unknown, hidden, used up or greyed out."""


class RunStateError(ValueError):
    """Saved run state that does not fit the scenario it is restored against."""


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """A choice as the player sees it right now."""

    id: str
    label: str
    """The label with ``{variables}`` filled in."""
    enabled: bool
    reason: str = ""
    """Why a greyed-out choice cannot be taken."""
    choice: Choice | None = None
    """The model's choice (None for the Continue of a ``next`` scene)."""
    number: int = 1
    """The choice's number: its place in the scene's list of choices, counted from 1. A
    hidden or used-up choice keeps its number unused, so a choice is called by the same
    number every time its scene is shown (after a detour too)."""

    @property
    def once(self) -> bool:
        """True for a once-only choice (it disappears after it is taken)."""
        return self.choice is not None and not self.choice.lasts


@dataclass(frozen=True, slots=True)
class Step:
    """What happened when a choice was taken."""

    choice_id: str
    from_scene: str
    consequence: str
    """Markdown to show before moving on ('' when the choice has none)."""
    scene: str
    """The scene the run is in now."""


def format_value(value: Value) -> str:
    """How a variable reads inside text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def interpolate(text: str, variables: dict[str, Value]) -> str:
    """Fill ``{name}`` with variables; ``{{`` and ``}}`` are literal braces."""

    def replace(match: re.Match[str]) -> str:
        whole = match.group()
        if whole == "{{":
            return "{"
        if whole == "}}":
            return "}"
        name = (match.group(1) or "").strip()
        if name in variables:
            return format_value(variables[name])
        return whole

    return _INTERPOLATION.sub(replace, text)


@dataclass
class Run:
    """One scenario in play."""

    scenario: Scenario
    scene_id: str
    variables: dict[str, Value] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)
    taken: set[tuple[str, str]] = field(default_factory=set)
    """(scene, choice) pairs of once-only choices already used."""
    stack: list[str] = field(default_factory=list)
    """Where each open detour continues when it returns."""
    path: list[tuple[str, str]] = field(default_factory=list)
    """Every (scene, choice id) taken, in order."""
    answers: dict[str, Answer] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    """Prompt ids the player chose to skip."""
    carried: dict[str, Value] = field(default_factory=dict)
    """The workshop-level variables' values when this run started (carried in from the
    track's earlier scenarios): undo and replay start again from them."""
    homes: list[bool] = field(default_factory=list)
    """For each open detour (beside :attr:`stack`): True when its return comes back to the
    scene it was opened from. Not saved: :meth:`from_data` rebuilds it from the path."""

    @classmethod
    def start(cls, scenario: Scenario, carried: Mapping[str, Value] | None = None) -> Run:
        """A fresh run at the scenario's start scene.

        Args:
            scenario: The scenario to play.
            carried: Workshop-level variables' values brought from earlier scenarios of the
                track; names missing here (or None) start at their declared values.
        """
        start = carried_values(scenario, carried)
        run = cls(scenario, scenario.start, {**start, **scenario.variables}, carried=start)
        run._enter(scenario.start)
        return run

    def _enter(self, scene_id: str, *, arrived: bool = True) -> None:
        self.scene_id = scene_id
        self.visits[scene_id] = self.visits.get(scene_id, 0) + 1
        on_enter = self.scenario.scenes[scene_id].on_enter
        # A detour coming back (arrived=False) returns to a scene the player never left.
        if arrived and on_enter is not None:
            self._apply(on_enter)

    def _apply(self, effects: Effects | Choice) -> None:
        for name, value in effects.set.items():
            self.variables[name] = value
        for name, amount in effects.add.items():
            current = self.variables.get(name, 0)
            assert isinstance(current, int | float) and not isinstance(current, bool)
            self.variables[name] = current + amount

    @property
    def shared(self) -> dict[str, Value]:
        """The workshop-level variables' current values (what the track carries on)."""
        return {name: self.variables[name] for name in self.scenario.shared
                if name in self.variables}

    @property
    def scene(self) -> Scene:
        """The current scene."""
        return self.scenario.scenes[self.scene_id]

    def holds(self, condition: Condition | None) -> bool:
        """Whether a condition holds now (no condition always holds)."""
        if condition is None:
            return True
        return bool(expressions.evaluate(condition.node, self.variables, self.visits))

    def interpolate(self, text: str) -> str:
        """Fill ``{variables}`` in text with their current values."""
        return interpolate(text, self.variables)

    def text(self) -> str:
        """The current scene's Markdown: its text and the parts whose conditions hold."""
        scene = self.scene
        chunks = [scene.text.strip()]
        chunks += [part.text.strip() for part in scene.parts if self.holds(part.show_if)]
        return self.interpolate("\n\n".join(c for c in chunks if c))

    @property
    def ask(self) -> Ask | None:
        """The current scene's prompt, if it has one."""
        return self.scene.ask

    def choices(self) -> list[ChoiceView]:
        """The choices to show now, in order: enabled ones and greyed-out ones with reasons."""
        scene = self.scene
        if scene.ending:
            return []
        if scene.next:
            return [ChoiceView(CONTINUE, "Continue", True)]
        shown: list[ChoiceView] = []
        fallbacks: list[ChoiceView] = []
        for number, choice in enumerate(scene.choices, 1):
            if not choice.lasts and (scene.id, choice.id) in self.taken:
                continue
            if choice.returns and not self.stack:
                continue
            if not self.holds(choice.show_if):
                continue
            enabled = self.holds(choice.requires)
            reason = ""
            if not enabled:
                reason = choice.reason or f"needs {expressions.to_text(choice.requires.node)}" \
                    if choice.requires else ""
            view = ChoiceView(choice.id, self.interpolate(choice.label), enabled,
                              self.interpolate(reason), choice, number)
            (fallbacks if choice.fallback else shown).append(view)
        if any(view.enabled for view in shown):
            return shown
        return shown + fallbacks

    @property
    def ended(self) -> bool:
        """True at an ending."""
        return self.scene.ending

    @property
    def exhausted(self) -> bool:
        """True when a scene that is not an ending has nothing left to take.

        The scenario is then over without an ending (validation warns where this can happen).
        """
        return not self.scene.ending and not any(v.enabled for v in self.choices())

    @property
    def finished(self) -> bool:
        """The scenario is over: an ending was reached or the choices ran out."""
        return self.ended or self.exhausted

    def choose(self, choice_id: str) -> Step:
        """Take a choice by id: apply its effects and move on.

        Raises:
            ChoiceError: the choice is not offered now, or is greyed out.
        """
        views = {view.id: view for view in self.choices()}
        view = views.get(choice_id)
        if view is None:
            raise ChoiceError(f"choice '{choice_id}' is not offered in scene '{self.scene_id}'")
        if not view.enabled:
            raise ChoiceError(f"choice '{choice_id}' is not available: {view.reason}")
        from_scene = self.scene_id
        self.path.append((from_scene, choice_id))
        choice = view.choice
        if choice is None:
            assert self.scene.next is not None
            self._enter(self.scene.next)
            return Step(choice_id, from_scene, "", self.scene_id)
        if not choice.lasts:
            self.taken.add((from_scene, choice.id))
        self._apply(choice)
        consequence = self.interpolate(choice.consequence)
        arrived = True
        if choice.returns:
            target = self.stack.pop()
            # A return that lands back where its detour began is not an arrival (the player
            # never left); one that moves on to the detour's goto arrives there.
            arrived = not (self.homes.pop() if self.homes else True)
        elif choice.detour:
            self.stack.append(choice.goto or from_scene)
            self.homes.append(choice.goto in (None, from_scene))
            target = choice.detour
        else:
            assert choice.goto is not None
            target = choice.goto
        self._enter(target, arrived=arrived)
        return Step(choice_id, from_scene, consequence, self.scene_id)

    def answer(self, ask_id: str, value: Answer | None) -> None:
        """Record an answer to the current scene's prompt; None records it as skipped.

        Raises:
            ChoiceError: the current scene has no such prompt, or a rating is not 1–5.
        """
        ask = self.ask
        if ask is None or ask.id != ask_id:
            raise ChoiceError(f"scene '{self.scene_id}' does not ask '{ask_id}'")
        if value is None:
            self.answers.pop(ask_id, None)
            self.skipped.add(ask_id)
            return
        if ask.kind == "rating" and (
            not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5
        ):
            raise ChoiceError(f"a rating is a whole number from 1 to 5, not {value!r}")
        if ask.kind == "text":
            value = str(value)
        self.answers[ask_id] = value
        self.skipped.discard(ask_id)

    def skipped_asks(self) -> list[Ask]:
        """The questions skipped in this run, in the scenario's order (to answer later)."""
        return [scene.ask for scene in self.scenario.scenes.values()
                if scene.ask is not None and scene.ask.id in self.skipped
                and scene.id in self.visits]

    def answer_later(self, ask_id: str, value: Answer) -> None:
        """Answer a question of a scene visited earlier (skipped then), as if given in place.

        Raises:
            ChoiceError: no visited scene asks it, or a rating is not 1–5.
        """
        scene = next((s for s in self.scenario.scenes.values()
                      if s.ask is not None and s.ask.id == ask_id and s.id in self.visits), None)
        if scene is None or scene.ask is None:
            raise ChoiceError(f"no scene played in '{self.scenario.id}' asks '{ask_id}'")
        ask = scene.ask
        if ask.kind == "rating" and (
            not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5
        ):
            raise ChoiceError(f"a rating is a whole number from 1 to 5, not {value!r}")
        self.answers[ask_id] = str(value) if ask.kind == "text" else value
        self.skipped.discard(ask_id)

    def to_data(self) -> dict[str, Any]:
        """The run state as plain data (TOML- and JSON-safe)."""
        return {
            "scenario": self.scenario.id,
            "scene": self.scene_id,
            "variables": dict(self.variables),
            "visits": dict(self.visits),
            "taken": [[scene, choice] for scene, choice in sorted(self.taken)],
            "stack": list(self.stack),
            "path": [[scene, choice] for scene, choice in self.path],
            "answers": dict(self.answers),
            "skipped": sorted(self.skipped),
            # Only when the workshop has workshop-level variables: format-1 runs save as before.
            **({"carried": dict(self.carried)} if self.carried else {}),
        }

    @classmethod
    def from_data(cls, scenario: Scenario, data: dict[str, Any]) -> Run:
        """Restore a run exactly from :meth:`to_data`'s output.

        Raises:
            RunStateError: the data names a scene or variable the scenario does not have.
        """
        try:
            scene = data["scene"]
            if scene not in scenario.scenes:
                raise RunStateError(f"scene '{scene}' is no longer in scenario '{scenario.id}'")
            for name in data.get("stack", []):
                if name not in scenario.scenes:
                    raise RunStateError(f"scene '{name}' is no longer in '{scenario.id}'")
            variables = _typed({**scenario.shared, **scenario.variables},
                               data.get("variables", {}))
            # A record written before the workshop had workshop-level variables (or by
            # format 1) has no 'carried': the declared values are where such a run began.
            carried = _typed(dict(scenario.shared), data.get("carried", {}))
            stack = [str(s) for s in data.get("stack", [])]
            path = [(str(s), str(c)) for s, c in data.get("path", [])]
            return cls(
                scenario=scenario,
                scene_id=scene,
                variables=variables,
                visits={str(k): int(v) for k, v in data.get("visits", {}).items()},
                taken={(str(s), str(c)) for s, c in data.get("taken", [])},
                stack=stack,
                path=path,
                answers=dict(data.get("answers", {})),
                skipped=set(data.get("skipped", [])),
                carried=carried,
                homes=_homes(scenario, path, len(stack)),
            )
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, RunStateError):
                raise
            raise RunStateError(f"run state is malformed: {error}") from error

    @classmethod
    def replay(cls, scenario: Scenario, choice_ids: Iterable[str],
               carried: Mapping[str, Value] | None = None) -> Run:
        """Start the scenario (from ``carried`` workshop-level values, as :meth:`start`) and
        take each choice in turn.

        Raises:
            ChoiceError: a choice in the list cannot be taken where the replay reaches it.
        """
        run = cls.start(scenario, carried)
        for index, choice_id in enumerate(choice_ids):
            try:
                run.choose(choice_id)
            except ChoiceError as error:
                raise ChoiceError(f"step {index + 1}: {error}") from error
        return run

    def undo(self) -> Run:
        """A run with the last choice taken back (replayed from the start; answers kept)."""
        run = Run.replay(self.scenario, [choice for _, choice in self.path[:-1]], self.carried)
        reached = set(run.visits)
        for ask_id, value in self.answers.items():
            scene = next(
                (s for s in self.scenario.scenes.values() if s.ask and s.ask.id == ask_id), None
            )
            if scene is not None and scene.id in reached:
                run.answers[ask_id] = value
        run.skipped = {a for a in self.skipped if a not in run.answers}
        return run


def carried_values(scenario: Scenario, carried: Mapping[str, Value] | None) -> dict[str, Value]:
    """The workshop-level values a run of ``scenario`` starts from: the declared values,
    overridden by those carried in (names the workshop no longer declares are dropped)."""
    values = dict(scenario.shared)
    for name, value in (carried or {}).items():
        if name in values:
            values[name] = value
    return values


def _typed(declared: dict[str, Value], saved: Any) -> dict[str, Value]:
    """Saved variable values laid over the declared ones, each checked against its type.

    Names no longer declared are dropped.

    Raises:
        RunStateError: a saved value's type differs from the declared one's.
    """
    values = dict(declared)
    for name, value in dict(saved).items():
        if name not in values:
            continue
        # A hand-edited record must not make a later condition compare wrong types.
        expected = expressions.type_name(values[name])
        if not isinstance(value, bool | int | float | str) or \
                expressions.type_name(value) != expected:
            raise RunStateError(f"variable '{name}' should be a {expected}, not {value!r}")
        values[name] = value
    return values


def _homes(scenario: Scenario, path: list[tuple[str, str]], open_detours: int) -> list[bool]:
    """:attr:`Run.homes` rebuilt from a saved path (each detour opened and not yet closed)."""
    homes: list[bool] = []
    for scene_id, choice_id in path:
        scene = scenario.scenes.get(scene_id)
        choice = next((c for c in scene.choices if c.id == choice_id), None) \
            if scene is not None else None
        if choice is None:
            continue
        if choice.returns and homes:
            homes.pop()
        elif choice.detour:
            homes.append(choice.goto in (None, scene_id))
    # A path that no longer fits the scenario: assume returns come home, as most do.
    return homes if len(homes) == open_detours else [True] * open_detours
