"""Semantic checks over a loaded workshop: targets, reachability, loops, variables, axes.

The loader has already checked keys and types; here every scenario is checked as a graph and
every expression against the declared variables. Graph checks are linear in the number of
scenes and choices, so a 10,000-scene workshop validates in a fraction of a second.

The graph walks live in :mod:`workshop.scenario.validate_graph` and the search for traps
(W003 over a group of scenes) in :mod:`workshop.scenario.validate_traps`; this module holds
the checks themselves and reports, in order, what they find.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from workshop.scenario import expressions
from workshop.scenario.diagnostics import Sink, report_expression
from workshop.scenario.model import FORMAT_1_1, Choice, Condition, Scenario, Scene, Workshop
from workshop.scenario.source import KeyPath, SourceFile
from workshop.scenario.validate_graph import cyclic, finishing, reach, scene_edges
from workshop.scenario.validate_traps import find_traps

_INTERPOLATION = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def interpolation_names(text: str) -> Iterator[str]:
    """The variable names a text interpolates with ``{name}`` (``{{`` is a literal brace)."""
    for match in _INTERPOLATION.finditer(text):
        if match.group(1) is not None:
            yield match.group(1).strip()



def ask_path(scenario: Scenario, scene: Scene, index: int) -> KeyPath:
    """Where a scene's ``index``-th prompt is written: its ``ask`` table or a ``[[questions]]``
    entry (the file says which; a scene has one or the other)."""
    base: KeyPath = ("scenes", scene.id)
    source = scenario.source
    if index == 0 and source is not None and source.line_of((*base, "ask")) \
            != source.line_of(base):
        return (*base, "ask")
    return (*base, "questions", index)


def validate_workshop(workshop: Workshop, sink: Sink) -> None:
    """Run every semantic check, adding diagnostics to ``sink``."""
    axes = {axis.id for axis in workshop.axes}
    spoken: set[str] = set()
    asks: dict[str, str] = {}
    shared_read: set[str] = set()
    # A lone scenario file is checked against the axes of a manifest found beside it.
    checked_axes = None if workshop.loose and workshop.source is None else axes
    for scenario in workshop.scenarios.values():
        checker = _Checker(scenario, sink, checked_axes, spoken)
        checker.run()
        shared_read |= checker.read & set(scenario.shared)
        for scene in scenario.scenes.values():
            for index, ask in enumerate(scene.asks):
                if ask.id in asks:
                    sink.add(
                        "E005",
                        f"prompt id '{ask.id}' is also used in scenario '{asks[ask.id]}'",
                        scenario.source, (*ask_path(scenario, scene, index), "id"),
                        hint="prompt ids must be unique across the workshop",
                    )
                asks.setdefault(ask.id, scenario.id)
    if workshop.loose:
        return
    manifest = workshop.source
    check_workshop_variables(workshop, shared_read, sink)
    for index, track in enumerate(workshop.tracks):
        for position, name in enumerate(track.scenarios):
            if name not in workshop.scenarios:
                sink.add(
                    "E019", f"track '{track.id}' names scenario '{name}', which the workshop "
                    "does not list", manifest, ("tracks", index, "scenarios", position),
                )
    seen_tracks: set[str] = set()
    for index, track in enumerate(workshop.tracks):
        if track.id in seen_tracks:
            sink.add("E005", f"track id '{track.id}' is used twice", manifest,
                     ("tracks", index, "id"))
        seen_tracks.add(track.id)
    seen_axes: set[str] = set()
    for index, axis in enumerate(workshop.axes):
        if axis.id in seen_axes:
            sink.add("E005", f"axis id '{axis.id}' is used twice", manifest,
                     ("axes", index, "id"))
        seen_axes.add(axis.id)
        if axis.id not in spoken and workshop.scenarios:
            sink.add(
                "W006", f"no choice or rating speaks to axis '{axis.id}'", manifest,
                ("axes", index), hint="add signals to some choices, or remove the axis",
            )


def check_workshop_variables(workshop: Workshop, read: set[str], sink: Sink) -> None:
    """W005 for a workshop-level variable no scenario reads (format 1.1)."""
    if any(d.code in ("E010", "E012") for d in sink.items):
        return  # a misspelt name or a condition that does not parse may be the reader
    for name in workshop.variables:
        if name not in read:
            sink.add(
                "W005", f"workshop variable '{name}' is declared but no scenario reads it",
                workshop.source, ("variables", name),
                hint="use it in a condition or text, or remove it",
            )


def did_you_mean(name: str, known: Iterator[str] | list[str] | set[str]) -> str:
    """A "did you mean 'x'?" hint for a misspelt name ('' when nothing is close)."""
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


class _Checker:
    """All checks for one scenario."""

    def __init__(
        self, scenario: Scenario, sink: Sink, axes: set[str] | None, spoken: set[str]
    ) -> None:
        self.scenario = scenario
        self.sink = sink
        self.source: SourceFile | None = scenario.source
        self.axes = axes
        self.spoken = spoken
        # Workshop-level variables are read and set like the scenario's own (format 1.1);
        # a format-1 file that names one is told to opt in (E022), not that it is undefined.
        self.shared = scenario.shared if scenario.format == FORMAT_1_1 else {}
        self.types = {
            name: expressions.type_name(value)
            for name, value in {**self.shared, **scenario.variables}.items()
        }
        self.read: set[str] = set()
        self.changed: set[str] = set()
        self.broken_scenes = {
            d.keypath[1] for d in sink.items
            if d.source is self.source and d.severity == "error" and len(d.keypath) >= 2
            and d.keypath[0] == "scenes"
        }

    def add(self, code: str, message: str, path: KeyPath, hint: str = "") -> None:
        self.sink.add(code, message, self.source, path, hint=hint)

    def run(self) -> None:
        scenario = self.scenario
        for name in scenario.variables:
            if name in scenario.shared:
                self.add(
                    "E023", f"variable '{name}' is also a workshop variable (declared in "
                    "workshop.toml); the scenario's would hide it", ("variables", name),
                    hint="rename the scenario's variable, or drop it and use the workshop's",
                )
        if scenario.start not in scenario.scenes:
            self.add(
                "E006", f"start scene '{scenario.start}' does not exist", ("start",),
                hint=self._suggest(scenario.start),
            )
        for scene in scenario.scenes.values():
            self.check_scene(scene)
        self.check_graph()
        # A condition that does not parse may read any variable: say nothing of unused ones
        # until it is fixed, rather than warn about a variable the author did use.
        if any(d.code == "E012" and d.source is self.source for d in self.sink.items):
            return
        for name in scenario.variables:
            if name not in self.read:
                self.add(
                    "W005", f"variable '{name}' is declared but never read",
                    ("variables", name), hint="use it in a condition or text, or remove it",
                )

    def _suggest(self, name: str) -> str:
        import difflib

        close = difflib.get_close_matches(name, list(self.scenario.scenes), n=1, cutoff=0.6)
        return f"did you mean '{close[0]}'?" if close else ""

    def undefined_hint(self, name: str, otherwise: str) -> str:
        """The hint for an undefined variable: a close name, or ``otherwise``."""
        return did_you_mean(name, set(self.types)) or otherwise

    def format_1_feature(self, name: str, path: KeyPath) -> bool:
        """E022 when this format-1 file names a workshop variable; True when reported."""
        if name not in self.scenario.shared or self.scenario.format == FORMAT_1_1:
            return False
        self.read.add(name)  # it is read, only in the wrong format: no W005 on top
        self.add("E022", f"workshop variable '{name}' needs format 1.1, but this file is "
                 "format 1", path, hint=f'write format = "{FORMAT_1_1}" at the top of the file')
        return True

    def check_text(self, text: str, path: KeyPath) -> None:
        for name in interpolation_names(text):
            if name in self.types:
                self.read.add(name)
            elif not self.format_1_feature(name, path):
                self.add(
                    "E010", f"text interpolates undefined variable '{{{name}}}'", path,
                    hint=self.undefined_hint(
                        name, "declare it under [variables], or write {{ for a literal brace"),
                )

    def check_condition(self, condition: Condition | None, path: KeyPath) -> None:
        if condition is None:
            return
        try:
            kind = expressions.check(condition.node, self.types, self.scenario.scenes)
            if kind != "boolean":
                # 'if = "trust"' would otherwise test a number for truth; say what to write.
                raise expressions.ExpressionError(
                    f"a condition must be true or false, not a {kind}", condition.node.column
                )
        except expressions.ExpressionError as error:
            code = "E010" if error.message.startswith("undefined") else "E011"
            if "unknown scene" in error.message:
                code = "E006"
            missing = sorted(expressions.names(condition.node) - set(self.types))
            if code == "E010" and missing and self.format_1_feature(missing[0], path):
                return
            hint = self.undefined_hint(missing[0], "") if code == "E010" and missing else ""
            if self.source is not None:
                report_expression(self.sink, self.source, path, condition.source, error, code,
                                  hint=hint)
            # Still count what it reads, so W005 does not pile onto the real problem.
            self.read |= expressions.names(condition.node) & set(self.types)
            return
        self.read |= expressions.names(condition.node)

    def check_scene(self, scene: Scene) -> None:
        base: KeyPath = ("scenes", scene.id)
        self.check_text(scene.text, (*base, "text"))
        for index, part in enumerate(scene.parts):
            self.check_text(part.text, (*base, "parts", index, "text"))
            self.check_text(part.otherwise, (*base, "parts", index, "else"))
            self.check_condition(part.show_if, (*base, "parts", index, "if"))
        if scene.next and scene.next not in self.scenario.scenes:
            self.add("E006", f"scene '{scene.id}' continues to unknown scene '{scene.next}'",
                     (*base, "next"), hint=self._suggest(scene.next))
        if scene.ending and (scene.choices or scene.next):
            self.add("W004", f"ending '{scene.id}' has choices; they are never offered", base,
                     hint="remove them, or set ending = false")
        # A scene whose keys already failed to load (a misspelt 'ending', a broken choice)
        # is not also called a dead end: the first error is the one to fix.
        if not scene.ending and not scene.choices and not scene.next \
                and scene.id not in self.broken_scenes:
            self.add(
                "E008", f"scene '{scene.id}' is not an ending and offers no choice", base,
                hint="add a choice, a 'next', or ending = true",
            )
        for index, ask in enumerate(scene.asks):
            where = ask_path(self.scenario, scene, index)
            for axis, _weight in ask.signals.items():
                self.check_axis(axis, (*where, "signals", axis))
            if ask.signals and ask.kind != "rating":
                self.add("E018", f"only ratings carry signals (scene '{scene.id}')",
                         (*where, "signals"))
        for index, choice in enumerate(scene.choices):
            self.check_choice(scene, choice, (*base, "choices", index))
        if scene.on_enter is not None:
            self.check_effects(f"on_enter of scene '{scene.id}'", scene.on_enter.set,
                               scene.on_enter.add, (*base, "on_enter"))

    def check_axis(self, axis: str, path: KeyPath) -> None:
        self.spoken.add(axis)
        if self.axes is not None and axis not in self.axes:
            known = ", ".join(sorted(self.axes)) or "none declared"
            self.add("E013", f"signal names undeclared axis '{axis}'", path,
                     hint=f"known axes: {known}")

    def check_choice(self, scene: Scene, choice: Choice, path: KeyPath) -> None:
        for key in ("goto", "detour"):
            target = getattr(choice, key)
            if target and target not in self.scenario.scenes:
                self.add(
                    "E006", f"choice '{choice.id}' in scene '{scene.id}' points to unknown "
                    f"scene '{target}'", (*path, key), hint=self._suggest(target),
                )
        self.check_text(choice.label, (*path, "label"))
        self.check_text(choice.consequence, (*path, "consequence"))
        self.check_condition(choice.show_if, (*path, "if"))
        self.check_condition(choice.requires, (*path, "requires"))
        self.check_effects(f"choice '{choice.id}'", choice.set, choice.add, path)
        for axis in choice.signals:
            self.check_axis(axis, (*path, "signals", axis))

    def check_effects(self, who: str, sets: dict[str, expressions.Value],
                      adds: dict[str, int | float], path: KeyPath) -> None:
        """The ``set`` and ``add`` of a choice or of a scene's ``on_enter``."""
        for name, value in sets.items():
            if name not in self.types:
                if not self.format_1_feature(name, (*path, "set", name)):
                    self.add("E010", f"{who} sets undefined variable '{name}'",
                             (*path, "set", name),
                             hint=self.undefined_hint(name, "declare it under [variables]"))
            elif expressions.type_name(value) != self.types[name]:
                self.add(
                    "E011", f"{who} sets {self.types[name]} variable '{name}' "
                    f"to a {expressions.type_name(value)}", (*path, "set", name),
                )
            else:
                self.changed.add(name)
        for name in adds:
            if name not in self.types:
                if not self.format_1_feature(name, (*path, "add", name)):
                    self.add("E010", f"{who} adds to undefined variable '{name}'",
                             (*path, "add", name),
                             hint=self.undefined_hint(name, "declare it under [variables]"))
            elif self.types[name] != "number":
                self.add("E011", f"{who} adds to {self.types[name]} variable "
                         f"'{name}'; only numbers can be added to", (*path, "add", name))
            else:
                self.changed.add(name)

    def constant_false(self, condition: Condition | None) -> bool:
        """True when a condition reads only variables nothing changes, and is false."""
        if condition is None or expressions.uses_visits(condition.node):
            return False
        read = expressions.names(condition.node)
        # Another scenario of the track may change a workshop variable before this one.
        if read & (self.changed | set(self.shared)) or not read <= set(self.types):
            return False
        try:
            expressions.check(condition.node, self.types)
        except expressions.ExpressionError:
            return False
        return not expressions.evaluate(condition.node, self.scenario.variables, {})

    def check_graph(self) -> None:
        """The checks over the scenario's graph, in the order their diagnostics are listed."""
        self.check_never_offered()
        if self.scenario.start not in self.scenario.scenes:
            return
        reached = reach(self.scenario.scenes, [self.scenario.start])
        self.check_reachable(reached)
        looping = cyclic(self.scenario.scenes)
        self.check_fallbacks(reached, looping)
        one_way = self.check_one_way_detours(reached)
        stuck = self.check_loops(reached, looping)
        self.check_traps(reached, set(stuck), one_way)

    def check_never_offered(self) -> None:
        """W002: a choice whose condition is false and can never change."""
        for scene in self.scenario.scenes.values():
            for index, choice in enumerate(scene.choices):
                for key in ("if", "requires"):
                    cond = choice.show_if if key == "if" else choice.requires
                    if self.constant_false(cond):
                        assert cond is not None
                        self.add(
                            "W002", f"choice '{choice.id}' in scene '{scene.id}' can never be "
                            f"{'shown' if key == 'if' else 'enabled'}: '{cond.source}' is "
                            "false and nothing changes its variables",
                            ("scenes", scene.id, "choices", index, key),
                        )

    def check_fallbacks(self, reached: set[str], looping: set[str]) -> None:
        """W008: a fallback beside a choice that is always available is never offered.

        A choice is always available when it has no ``if`` or ``requires`` and is never used
        up: it is sticky, or it is once-only in a scene play can enter only once. (A return
        is not: it is hidden outside a detour.) Explore would only see the fallback untaken.
        """
        scenes = self.scenario.scenes
        if not any(c.fallback for s in scenes.values() for c in s.choices):
            return
        again = looping | {
            choice.goto or scene.id
            for scene in scenes.values() for choice in scene.choices if choice.detour
        }
        for scene in scenes.values():
            if scene.id not in reached or scene.ending or scene.next:
                continue
            always = next((
                c for c in scene.choices
                if not c.fallback and not c.returns and c.show_if is None
                and c.requires is None and (c.sticky or scene.id not in again)
            ), None)
            if always is None:
                continue
            why = "is sticky" if always.sticky else "is there on the only visit to the scene"
            for index, choice in enumerate(scene.choices):
                if choice.fallback:
                    self.add(
                        "W008", f"fallback '{choice.id}' in scene '{scene.id}' can never be "
                        f"offered: choice '{always.id}' has no condition and {why}",
                        ("scenes", scene.id, "choices", index, "fallback"),
                        hint="fallbacks show only when no other choice can be taken; make "
                        "it an ordinary choice, or put a condition on the other",
                    )

    def check_one_way_detours(self, reached: set[str]) -> set[str]:
        """W009: a detour whose scenes hold no ``return`` choice never comes back.

        Its ``goto`` is then never reached, and a sticky detour opens detour after detour;
        saying so is clearer than the loop warning (W003) such a detour would otherwise get.

        Returns:
            The scenes of those detours (W003 says nothing more about them).
        """
        scenes = self.scenario.scenes
        one_way: set[str] = set()
        if not any(c.detour for s in scenes.values() for c in s.choices):
            return one_way
        # Scenes from which a return can be reached, worked backwards once from the scenes
        # that hold one: linear however many detours run into one long main line.
        into: dict[str, list[str]] = {}
        for scene in scenes.values():
            for _, target in scene_edges(scene):
                into.setdefault(target, []).append(scene.id)
        can_return = {s.id for s in scenes.values() if any(c.returns for c in s.choices)}
        queue = list(can_return)
        while queue:
            for source in into.get(queue.pop(), ()):
                if source not in can_return:
                    can_return.add(source)
                    queue.append(source)
        for scene in scenes.values():
            if scene.id not in reached:
                continue
            for index, choice in enumerate(scene.choices):
                if not choice.detour or choice.detour not in scenes \
                        or choice.detour in can_return:
                    continue
                # No scene of this detour returns, so its scenes are all outside can_return.
                if choice.detour not in one_way:
                    one_way |= reach(scenes, [choice.detour])
                one_way.add(scene.id)
                after = f"'{choice.goto}' is never reached" if choice.goto else \
                    f"play never comes back to '{scene.id}'"
                self.add(
                    "W009", f"detour '{choice.id}' in scene '{scene.id}' never comes back: no "
                    f"scene it leads to has a return choice, so {after}",
                    ("scenes", scene.id, "choices", index, "detour"),
                    hint="add a return = true choice in the detour, or use goto instead",
                )
        return one_way

    def check_reachable(self, reached: set[str]) -> None:
        """Reachability from the start (W001), and from detour starts (W007)."""
        scenario = self.scenario
        scenes = scenario.scenes
        for scene_id in scenes:
            if scene_id not in reached:
                self.add("W001", f"scene '{scene_id}' can never be reached from the start "
                         f"scene '{scenario.start}'", ("scenes", scene_id),
                         hint="link to it from another scene, or remove it")
        detour_starts = [
            c.detour for s in scenes.values() for c in s.choices if c.detour in scenes
        ]
        in_detour = reach(scenes, [d for d in detour_starts if d])
        for scene in scenes.values():
            for index, choice in enumerate(scene.choices):
                if choice.returns and scene.id not in in_detour and scene.id in reached:
                    self.add(
                        "W007", f"choice '{choice.id}' returns, but no detour reaches scene "
                        f"'{scene.id}'", ("scenes", scene.id, "choices", index, "return"),
                        hint="reach this scene with detour = ... from another scene",
                    )

    def check_loops(self, reached: set[str], looping: set[str]) -> list[str]:
        """A loop with no way out (E009), and a revisited scene of once-only choices (W003).

        Returns:
            The reachable scenes stuck in a loop with no way out.
        """
        scenes = self.scenario.scenes
        done = finishing(scenes)
        stuck = [
            s for s in scenes if s in reached and s not in done and s in looping
        ]
        if stuck:
            names = ", ".join(f"'{s}'" for s in stuck[:8])
            more = f" and {len(stuck) - 8} more" if len(stuck) > 8 else ""
            self.add(
                "E009", f"loop with no way out: {names}{more} can never reach an ending",
                ("scenes", stuck[0]), hint="give one of these scenes a choice that leads out",
            )
        for scene_id in scenes:
            scene = scenes[scene_id]
            if scene_id not in looping or scene_id not in done:
                continue
            if scene.ending or scene.next or not scene.choices:
                continue
            if not any(c.lasts or c.fallback for c in scene.choices):
                self.add(
                    "W003", f"scene '{scene_id}' can be revisited, but all its choices are "
                    "once-only: it may run out of choices", ("scenes", scene_id),
                    hint="make a way out sticky = true, or add a fallback = true choice",
                )
        return stuck

    def check_traps(self, reached: set[str], stuck: set[str], one_way: set[str]) -> None:
        """W003: a group of scenes play can circle for ever (see :func:`find_traps`); not
        for the scenes of a detour that never comes back, which W009 already explains."""
        scenario = self.scenario
        for trap in find_traps(
            scenario.scenes, scenario.start, reached, stuck,
            {**self.shared, **scenario.variables},
        ):
            if set(trap) & one_way:
                continue
            names = ", ".join(f"'{s}'" for s in trap[:8])
            more = f" and {len(trap) - 8} more" if len(trap) > 8 else ""
            self.add(
                "W003", f"a play can loop forever in {names}{more}: once the once-only "
                "choices there are used, the sticky ones only lead back",
                ("scenes", trap[0]),
                hint="give one of them a sticky way out with no condition, or make the "
                "looping choice once-only",
            )
