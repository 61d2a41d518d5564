"""Hostile scenario, theme and record files: every command answers, none gives a traceback.

Hypothesis writes damaged files (mutations of real ones: deep nesting, huge numbers, wrong
types, binary garbage, odd unicode, escape sequences, cut-off and spliced text, deep dotted
keys and long conditions) and runs the commands over them in-process:

- scenario files: ``validate``, ``graph`` and ``explore`` through :func:`workshop.cli.main`;
- theme files: :func:`workshop.theming.load_themes`, and every theme that loads is turned into
  a Textual theme and its colours generated, as the app does at start;
- records: ``history``, ``export`` (md, html, json, toml), ``resume`` as the app builds it
  (:func:`workshop.tui.app.make_app`) and as plain mode runs it (quitting at the first
  question).

Each command must exit 0, 1 or 2 and write at most one line to stderr; anything else that
escapes (RecursionError, ValueError, KeyError, ...) fails the test with the file that caused
it. The examples are derandomised so CI is repeatable and bounded (about 300 files, well under
a minute on two cores); ``WORKSHOP_HYPOTHESIS_EXAMPLES=2000`` searches harder with fresh
random examples. The count of files tried is printed at the end of the run.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import tempfile
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.record.helpers import SENIOR_PATH, STAFF_PATH, play
from workshop.cli import main
from workshop.errors import WorkshopError
from workshop.paths import bundled_themes_dir
from workshop.plain import run_plain
from workshop.plain.render import Renderer
from workshop.play import PlayOptions
from workshop.record import SessionStore
from workshop.scenario import load_workshop
from workshop.theming import load_themes, theme_files
from workshop.tomlread import MAX_DEPTH

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "first-workshop"
MINI = ROOT / "tests" / "record" / "mini"

_EXAMPLES = int(os.environ.get("WORKSHOP_HYPOTHESIS_EXAMPLES", "0"))


def _settings(examples: int) -> settings:
    return settings(
        max_examples=_EXAMPLES or examples, deadline=None, derandomize=not _EXAMPLES,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                               HealthCheck.data_too_large],
    )


TRIED: Counter[str] = Counter()
"""Hostile files run through the commands, by kind (``conftest.py`` prints it at the end)."""


# -- hostile pieces ------------------------------------------------------------------------

DEEP_ARRAY = "[" * 5000 + "]" * 5000
HOSTILE_VALUES = [
    DEEP_ARRAY,
    "{ a = " * 3000 + "1" + " }" * 3000,
    "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1),  # just under the limit: parsed, then used
    "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
    "9" * 5000,
    "-" + "9" * 4400,
    "99999999999999999999999",
    "1e999", "-inf", "nan", "-0.0", "0x7fffffffffffffff", "-9223372036854775809",
    "true", "[]", "{}", '""', "[1, \"a\", 2.5, true]", "[{ a = 1 }, { b = [] }]",
    "1979-05-27T07:32:00Z", "1979-05-27", "07:32:00", "9999-12-31T23:59:59.999999+23:59",
    '"' + "not " * 3000 + 'x"',
    '"' + "(" * 3000 + "x" + ")" * 3000 + '"',
    '"visits(' + "a" * 5000 + ')"',
    '"\\u001b]0;pwned\\u0007\\u001b[2J"',
    '"\\u202e\\u0000\\ufeff\\uffff"',
    '"{' * 50 + '"',
    '"' + "x" * 100_000 + '"',
    '"""' + "\n" * 2000 + '"""',
]
"""Values written after ``key = `` (or into arrays): each one a known way to break a reader."""

HOSTILE_LINES = [
    "a" + ".a" * 3000 + " = 1",
    "[" + "t." * 3000 + "t]",
    "[[" + "a." * 200 + "a]]",
    "x = " + DEEP_ARRAY,
    "[scenes]\n[scenes]",
    '"\\ud800" = 1',
    "\x1b[31m = 1",
    "= 1",
    "[[[",
    '"""',
]
"""Whole lines spliced into a file."""


def _toml_value(value: Any) -> str:
    return tomli_w.dumps({"v": value})[4:-1]


@st.composite
def hostile_values(draw: st.DrawFn) -> str:
    """A TOML value (or something meant to look like one) that a reader should refuse or
    survive."""
    kind = draw(st.sampled_from(["known", "known", "depth", "int", "float", "text", "bytes"]))
    if kind == "known":
        return draw(st.sampled_from(HOSTILE_VALUES))
    if kind == "depth":
        depth = draw(st.integers(MAX_DEPTH - 3, MAX_DEPTH + 3))
        opener, closer = draw(st.sampled_from([("[", "]"), ("{ a = ", " }")]))
        return opener * depth + "1" + closer * depth
    if kind == "int":
        return str(draw(st.integers(min_value=-(10**40), max_value=10**40)))
    if kind == "float":
        return _toml_value(draw(st.floats()))
    if kind == "text":
        return _toml_value(draw(st.text(max_size=40)))
    return draw(st.binary(max_size=24)).decode("latin-1")


@st.composite
def mutated(draw: st.DrawFn, text: str) -> bytes:
    """``text`` with one to three hostile edits."""
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["value", "value", "value", "line", "delete", "cut",
                                     "garbage"]))
        lines = text.split("\n")
        if kind == "value":
            keyed = [i for i, line in enumerate(lines) if " = " in line] or [0]
            index = draw(st.sampled_from(keyed))
            key = lines[index].split(" = ", 1)[0]
            lines[index] = f"{key} = {draw(hostile_values())}"
            text = "\n".join(lines)
        elif kind == "line":
            index = draw(st.integers(0, len(lines)))
            lines.insert(index, draw(st.sampled_from(HOSTILE_LINES)))
            text = "\n".join(lines)
        elif kind == "delete":
            start = draw(st.integers(0, len(text)))
            text = text[:start] + text[start + draw(st.integers(1, 200)):]
        elif kind == "cut":
            text = text[: draw(st.integers(0, len(text)))]
        else:
            at = draw(st.integers(0, len(text)))
            raw = text.encode("utf-8", "surrogatepass")
            return raw[:at] + draw(st.binary(min_size=1, max_size=16)) + raw[at:]
    return text.encode("utf-8", "surrogatepass")


def _retyped(data: Any, path: list[Any], value: Any) -> Any:
    """``data`` with the value at ``path`` replaced."""
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*prefix, key))
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((*prefix, index))
            found += _paths(item, (*prefix, index))
    return found


WRONG_VALUES = st.recursive(
    st.none().map(lambda _: "") | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=20) | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3),
    max_leaves=6,
)
"""Valid TOML values of every type, to put where another type belongs."""


@st.composite
def retyped(draw: st.DrawFn, text: str) -> bytes:
    """``text`` parsed, one value swapped for a value of a random type, written back: valid
    TOML that does not fit the format."""
    data = tomllib.loads(text)
    path = draw(st.sampled_from(_paths(data)))
    return tomli_w.dumps(_retyped(data, list(path), draw(WRONG_VALUES))).encode("utf-8")


def hostile(text: str) -> st.SearchStrategy[bytes]:
    """Every way of damaging ``text``."""
    return mutated(text) | retyped(text)


# -- running commands ----------------------------------------------------------------------


DIAGNOSTIC = re.compile(r"^\S.*:\d+(:\d+)?: (error|warning) [EW]\d{3}: ")
"""A line of the authoring tools' report: one problem, with its file and line."""


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> int:
    """Run the command line in-process: it must exit 0, 1 or 2 with one line on stderr (the
    authoring tools may list diagnostics before it, one per line); an exception other than
    a user error fails the test with its traceback."""
    code = main(list(argv))
    _, err = capsys.readouterr()
    assert code in (0, 1, 2), (argv, code)
    lines = err.splitlines()
    assert "Traceback" not in err, err
    assert all(DIAGNOSTIC.match(line) for line in lines[:-1]), err
    return code


# -- scenario files ------------------------------------------------------------------------

SCENARIO_FILES = {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.toml"))}


@st.composite
def scenario_damage(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SCENARIO_FILES)))
    return name, draw(hostile(SCENARIO_FILES[name]))


@_settings(100)
@given(damage=scenario_damage())
def test_hostile_scenario_files(tmp_path_factory: pytest.TempPathFactory,
                                capsys: pytest.CaptureFixture[str],
                                damage: tuple[str, bytes]) -> None:
    """validate, graph and explore over a workshop with one hostile file each answer with an
    exit code and at most one line of error, never a traceback."""
    name, content = damage
    root = tmp_path_factory.mktemp("workshop")
    for original, text in SCENARIO_FILES.items():
        (root / original).write_text(text, encoding="utf-8")
    (root / name).write_bytes(content)
    TRIED["scenario"] += 1
    _cli(capsys, "validate", str(root))
    _cli(capsys, "graph", str(root / "the-outage.toml"))
    _cli(capsys, "explore", "--max-paths", "200", "--max-steps", "50", str(root))


# -- theme files ---------------------------------------------------------------------------

THEME_FILES = {p.name: p.read_text(encoding="utf-8") for p in theme_files(bundled_themes_dir())}


@st.composite
def theme_damage(draw: st.DrawFn) -> bytes:
    return draw(hostile(THEME_FILES[draw(st.sampled_from(sorted(THEME_FILES)))]))


@_settings(120)
@given(content=theme_damage())
def test_hostile_theme_files(tmp_path_factory: pytest.TempPathFactory, content: bytes) -> None:
    """A hostile theme file is one error line, or a theme Textual accepts: what the app does
    at start never raises."""
    from workshop.tui.themes import to_textual

    folder = tmp_path_factory.mktemp("themes")
    (folder / "hostile.toml").write_bytes(content)
    TRIED["theme"] += 1
    specs, errors = load_themes(user=folder)
    assert all("\n" not in str(error) for error in errors), errors
    for spec in specs.values():
        to_textual(spec).to_color_system().generate()


# -- records -------------------------------------------------------------------------------


@functools.cache
def _record_texts() -> dict[str, str]:
    """Records of the mini workshop: new, half-played with answers and notes, finished."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-records-"))
    try:
        store = SessionStore(folder)
        workshop = load_workshop(MINI)
        fresh = store.create(workshop)
        half = play(store.create(workshop), STAFF_PATH[:5])
        half.set_notes("notes \x1b]0;title\x07 over\ntwo lines, <b>=1+1</b>")
        done = play(store.create(workshop), SENIOR_PATH)
        assert done.finished
        return {s.id: s.path.read_text(encoding="utf-8") for s in (fresh, half, done)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class _Quit:
    """A plain-mode prompter that quits at the first question (as ctrl+c does)."""

    def select(self, question: str, options: Any) -> str:
        raise KeyboardInterrupt

    def text(self, question: str, hint: str = "") -> str:
        raise KeyboardInterrupt

    def confirm(self, question: str, default: bool = True) -> bool:
        raise KeyboardInterrupt


@st.composite
def record_damage(draw: st.DrawFn) -> tuple[str, bytes]:
    texts = _record_texts()
    session_id = draw(st.sampled_from(sorted(texts)))
    return session_id, draw(hostile(texts[session_id]))


@_settings(80)
@given(damage=record_damage(), fmt=st.sampled_from(["md", "html", "json", "toml"]))
def test_hostile_records(tmp_path_factory: pytest.TempPathFactory,
                         capsys: pytest.CaptureFixture[str],
                         damage: tuple[str, bytes], fmt: str) -> None:
    """history, export, and resume (app and plain) over a hostile record answer with an
    exit code and one line, list it as broken or use it, and never change the file."""
    from workshop.tui.app import make_app

    session_id, content = damage
    data_dir = tmp_path_factory.mktemp("data")
    records = data_dir / "sessions"
    records.mkdir()
    path = records / f"{session_id}.toml"
    path.write_bytes(content)
    TRIED["record"] += 1
    common = ("--data-dir", str(data_dir), "--content", str(MINI))
    assert _cli(capsys, "history", *common) == 0
    _cli(capsys, "export", session_id, "-f", fmt, *common)
    try:
        make_app(PlayOptions(data_dir=data_dir, content=MINI, resume=session_id))
    except WorkshopError as error:
        assert "\n" not in str(error), str(error)
    try:
        run_plain(PlayOptions(content=MINI, data_dir=data_dir, resume=session_id),
                  prompter=_Quit(), out=Renderer(io.StringIO(), width=None))
    except WorkshopError as error:
        assert "\n" not in str(error), str(error)
    capsys.readouterr()
    if path.read_bytes() != content:
        # Only a readable record may be written (the app upgrades or repairs its own file);
        # a broken one is never touched.
        assert SessionStore(records).summaries()[0].record is not None
