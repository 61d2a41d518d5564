"""Property tests: random scenarios always finish or are flagged; broken files never crash.

(a) Random valid scenarios, built as data and written with tomli_w: every seeded random play
    (bounded in steps) ends at an ending or by exhaustion, or the validator has reported the
    trap (E009, or W003 for a scene that can run out of choices or of ways out).
(b) Random mutations of valid files (deleted keys, wrong types, garbage bytes, truncation):
    loading never raises, and every diagnostic names a file and a line inside it.

Examples are derandomised so CI runs are repeatable; counts are kept small for speed. Set
``WORKSHOP_HYPOTHESIS_EXAMPLES=5000`` to search harder with fresh examples.
"""

from __future__ import annotations

import datetime
import os
import random
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.scenario.helpers import EXAMPLE
from workshop.engine import Run
from workshop.scenario.loader import load_path

# WORKSHOP_HYPOTHESIS_EXAMPLES=5000 searches harder, with fresh random examples each run.
_EXAMPLES = int(os.environ.get("WORKSHOP_HYPOTHESIS_EXAMPLES", "0"))
SETTINGS = settings(
    max_examples=_EXAMPLES or 60, deadline=None, derandomize=not _EXAMPLES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MAX_STEPS = 300

CONDITIONS = ("trust >= 1", "trust < 2", "flag", "not flag", "visits({scene}) > 1",
              "visits({scene}) < 3 or flag")


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """A scenario as data: 2–7 scenes, the last always an ending, random choices."""
    count = draw(st.integers(2, 7))
    names = [f"s{i}" for i in range(count)]
    scenes: dict[str, Any] = {}
    for index, name in enumerate(names):
        scene: dict[str, Any] = {"text": f"Scene {index}, trust {{trust}}, flag {{flag}}."}
        kind = "ending" if index == count - 1 else draw(
            st.sampled_from(["choices", "choices", "choices", "next", "ending"]))
        if kind == "ending":
            scene["ending"] = True
        elif kind == "next":
            scene["next"] = draw(st.sampled_from(names))
        else:
            choices = []
            for number in range(draw(st.integers(1, 3))):
                choice: dict[str, Any] = {"id": f"c{number}", "label": f"Choice {number}"}
                way = draw(st.sampled_from(["goto", "goto", "goto", "detour", "return"]))
                if way == "return":
                    choice["return"] = True
                elif way == "detour":
                    choice["detour"] = draw(st.sampled_from(names))
                    if draw(st.booleans()):
                        choice["goto"] = draw(st.sampled_from(names))
                else:
                    choice["goto"] = draw(st.sampled_from(names))
                if draw(st.booleans()):
                    choice["sticky"] = True
                if draw(st.integers(0, 4)) == 0:
                    choice["fallback"] = True
                condition = draw(st.sampled_from((None, None, *CONDITIONS)))
                if condition is not None:
                    key = draw(st.sampled_from(["if", "requires"]))
                    choice[key] = condition.format(scene=draw(st.sampled_from(names)))
                effect = draw(st.sampled_from([None, "add", "set"]))
                if effect == "add":
                    choice["add"] = {"trust": draw(st.integers(-1, 2))}
                elif effect == "set":
                    choice["set"] = {"flag": draw(st.booleans())}
                choices.append(choice)
            scene["choices"] = choices
        scenes[name] = scene
    return {
        "format": 1, "id": "random", "title": "Random", "summary": "Generated.",
        "section": "Tests", "minutes": 1, "start": "s0",
        "variables": {"trust": 0, "flag": False}, "scenes": scenes,
    }


@SETTINGS
@given(data=scenarios(), seeds=st.lists(st.integers(0, 2**32), min_size=3, max_size=3))
def test_random_plays_finish_or_are_flagged(
    tmp_path_factory: Any, data: dict[str, Any], seeds: list[int]
) -> None:
    """Every random play of a generated scenario ends (ending or exhaustion) within the step
    bound, unless the validator reported that it can get trapped."""
    path = Path(tmp_path_factory.mktemp("random")) / "random.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    result = load_path(path)
    codes = {d.code for d in result.diagnostics}
    assert not {c for c in codes if c.startswith("E")} - {"E009"}, \
        [d.format() for d in result.errors]
    if "E009" in codes:
        return
    assert result.workshop is not None
    scenario = result.workshop.scenarios["random"]
    for seed in seeds:
        rng = random.Random(seed)
        run = Run.start(scenario)
        for _ in range(MAX_STEPS):
            if run.finished:
                break
            enabled = [view.id for view in run.choices() if view.enabled]
            run.choose(rng.choice(enabled))
        else:
            assert "W003" in codes, (
                f"play with seed {seed} did not finish; path {run.path[-12:]}\n"
                + tomli_w.dumps(data)
            )
        # Whatever happened, the run state survives a round trip.
        assert Run.from_data(scenario, run.to_data()).to_data() == run.to_data()


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path and array index in parsed TOML, skipping free-form meta tables."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "meta":
                continue
            found.append((*prefix, key))
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((*prefix, index))
            found += _paths(item, (*prefix, index))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


# The files the scenario loader reads (reflection.toml is read by the reflection, which has
# its own tests in tests/reflection/).
FILES = sorted(p for p in EXAMPLE.glob("*.toml") if p.name != "reflection.toml")


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, bytes, bool]:
    """(file name, mutated bytes, whether the mutation must give an error)."""
    source = draw(st.sampled_from(FILES))
    text = source.read_text(encoding="utf-8")
    kind = draw(st.sampled_from(["delete", "retype", "garbage", "truncate"]))
    if kind in ("delete", "retype"):
        data = tomllib.loads(text)
        path = draw(st.sampled_from(_paths(data)))
        parent = _parent(data, path)
        if kind == "delete":
            if isinstance(parent, list):
                parent.pop(path[-1])
            else:
                del parent[path[-1]]
            return source.name, tomli_w.dumps(data).encode(), False
        # A date is the wrong type for every key outside meta.
        parent[path[-1]] = datetime.date(2024, 1, 2)
        return source.name, tomli_w.dumps(data).encode(), True
    raw = text.encode()
    at = draw(st.integers(0, len(raw)))
    if kind == "truncate":
        return source.name, raw[:at], False
    junk = draw(st.binary(min_size=1, max_size=8))
    return source.name, raw[:at] + junk + raw[at:], False


@SETTINGS
@given(mutation=mutations())
def test_mutated_files_give_located_diagnostics(
    tmp_path_factory: Any, mutation: tuple[str, bytes, bool]
) -> None:
    """A damaged workshop never crashes the loader: every problem names a file and a line
    inside it, and damage tomllib or the model cannot accept is reported as an error."""
    name, content, must_fail = mutation
    root = Path(tmp_path_factory.mktemp("mutated"))
    for original in FILES:
        (root / original.name).write_bytes(original.read_bytes())
    (root / name).write_bytes(content)
    result = load_path(root)
    for diagnostic in result.diagnostics:
        assert diagnostic.path is not None, diagnostic.format()
        assert diagnostic.path.parent == root
        lines = diagnostic.path.read_bytes().count(b"\n") + 1
        assert 1 <= diagnostic.lineno <= lines, diagnostic.format()
        assert "\n" not in diagnostic.format()
    try:
        tomllib.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        must_fail = True
    if must_fail:
        assert result.errors, f"no error for a broken {name}"
