"""TOML files -> the plain-data model, reporting every problem with its file and line.

The loader never evaluates anything: it checks keys and types, parses condition expressions
with :mod:`workshop.scenario.expressions`, and builds frozen dataclasses. Semantic checks that
need the whole scenario (targets, reachability, variables) live in
:mod:`workshop.scenario.validate`; :func:`load_path` runs both.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from workshop import tomlread
from workshop.scenario import expressions
from workshop.scenario.diagnostics import Diagnostic, Sink, report_expression
from workshop.scenario.model import (
    FORMAT_1_1,
    FORMAT_VERSION,
    Ask,
    Axis,
    Choice,
    Condition,
    Effects,
    Scenario,
    Scene,
    TextPart,
    Track,
    Workshop,
)
from workshop.scenario.source import KeyPath, SourceFile
from workshop.text import terminal_safe

MANIFEST = "workshop.toml"
"""The manifest's file name inside a workshop folder."""

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
VAR_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_END = re.compile(r"\(at end of document\)")
_TOML_HINTS = (
    ("Illegal character '\\n'",
     'a quoted string ends on the line it starts; use """ for text over several lines'),
    ("Invalid value", 'text values need quotes: key = "text"'),
    ("Unterminated string", "close the string with the quotes it opened with"),
    ("Unclosed", "close the bracket or brace"),
    ("overwrite", "a key is set twice in the same table"),
    ("twice", "each [table] is declared once"),
)
"""Hints for tomllib's commonest messages (matched by a fragment of the message)."""


_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    bool: "a boolean",
    dict: "a table",
    list: "an array",
    datetime.datetime: "a date-time",
    datetime.date: "a date",
    datetime.time: "a time",
}


@dataclass
class LoadResult:
    """What loading produced: the workshop (None when it could not be built) and diagnostics."""

    workshop: Workshop | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        """Diagnostics that make the content invalid."""
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Diagnostics that only warn."""
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is a workshop and no error."""
        return self.workshop is not None and not self.errors


def read_toml(path: Path, sink: Sink) -> tuple[SourceFile, dict[str, Any]] | None:
    """Read and parse one TOML file, reporting E007 (unreadable) or E001 (bad TOML)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        sink.add("E007", f"cannot read the file: {error.strerror or error}", SourceFile(path, ""))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        sink.add(
            "E007",
            "the file is not UTF-8 text",
            SourceFile(path, ""),
            line=line,
            column=error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1,
            hint="save it as UTF-8",
        )
        return None
    # Some Windows editors start UTF-8 files with a byte-order mark; TOML does not allow one.
    text = text.removeprefix("\ufeff")
    source = SourceFile(path, text)
    try:
        data = tomlread.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POS.search(message)
        column: int | None = None
        if match:
            line, column = int(match.group(1)), int(match.group(2))
        else:
            # "(at end of document)": point at the last line that has anything on it.
            line = max(1, len(text.rstrip().splitlines()))
        message = _TOML_END.sub("", _TOML_POS.sub("", message)).strip()
        if isinstance(error, tomlread.TooDeepError):
            sink.add("E021", message, source, line=error.line or 1, column=error.column,
                     hint="no workshop file needs this much nesting")
            return None
        hint = _list_hint(message) or next((h for key, h in _TOML_HINTS if key in message), "")
        sink.add("E001", message[:1].lower() + message[1:], source, line=line, column=column,
                 hint=hint)
        return None
    return source, data


_DECLARED_TWICE = re.compile(r"declare \(((?:'[^']*'(?:, )?)+)\) twice")


def _dotted(path: KeyPath) -> str:
    """``("scenes", "a", "choices")`` as written in a table header: ``scenes.a.choices``."""
    return ".".join(str(part) if ID_PATTERN.match(str(part)) else f'"{part}"'
                    for part in path if not isinstance(part, int))


def _list_hint(message: str) -> str:
    """The fix for ``[scenes.a.choices]`` written twice with single brackets: tomllib says
    only "cannot declare ... twice", which does not say that a list needs ``[[...]]``."""
    found = _DECLARED_TWICE.search(message)
    if found is None:
        return ""
    keys = tuple(re.findall(r"'([^']*)'", found.group(1)))
    if keys[-1] not in _LISTS:
        return ""
    return f"each entry of a list is written [[{_dotted(keys)}]], with double brackets"


_LISTS = frozenset({"choices", "parts", "questions", "tracks", "axes"})
"""Keys whose value is a list of tables (written ``[[...]]``)."""


class _Table:
    """Reads the keys of one TOML table, reporting unknown, missing and mistyped keys."""

    def __init__(
        self, sink: Sink, source: SourceFile, data: dict[str, Any], path: KeyPath, what: str
    ) -> None:
        self.sink = sink
        self.source = source
        self.data = data
        self.path = path
        self.what = what
        self.seen: set[str] = set()

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
        """An optional key; reports E004 and returns ``default`` when mistyped."""
        self.seen.add(key)
        if key not in self.data:
            return default
        value = self.data[key]
        if not _is(value, kind):
            # [scenes.a.choices] (single brackets) makes one table where a list was meant.
            brackets = kind is list and isinstance(value, dict)
            hint = f"write [[{_dotted((*self.path, key))}]], with double brackets, for " \
                "each entry" if brackets else ""
            self.sink.add(
                "E004",
                f"'{key}' in {self.what} must be {_describe(kind)}, not {_describe(type(value))}",
                self.source,
                (*self.path, key),
                hint=hint,
            )
            return default
        if isinstance(value, str) and key != "id":
            # Display text reaches terminals (the app passes ESC through): escape sequences
            # and control characters go here, once, newlines and tabs kept (issue 12).
            value = terminal_safe(value, multiline=True)
        return value

    def require(self, key: str, kind: type | tuple[type, ...]) -> Any:
        """A required key; reports E003 when absent."""
        if key not in self.data:
            self.seen.add(key)
            self.sink.add(
                "E003",
                f"{self.what} is missing '{key}'",
                self.source,
                self.path,
                hint=f"add {key} = ...",
            )
            return None
        return self.get(key, kind)

    def strings(self, key: str) -> tuple[str, ...]:
        """An optional array of strings."""
        value = self.get(key, list, [])
        if not all(isinstance(item, str) for item in value):
            self.sink.add(
                "E004", f"'{key}' in {self.what} must be an array of strings", self.source,
                (*self.path, key),
            )
            return ()
        return tuple(value)

    def id(self, key: str = "id") -> str | None:
        """A required id (letters, digits, '-' and '_')."""
        value = self.require(key, str)
        if value is not None and not ID_PATTERN.match(value):
            self.sink.add(
                "E015",
                f"'{value}' is not a valid id for {self.what}",
                self.source,
                (*self.path, key),
                hint="use letters, digits, '-' and '_', starting with a letter or digit",
            )
            return None
        return cast("str | None", value)

    def done(self, known: tuple[str, ...] = ()) -> None:
        """Report every key that was not read as unknown (E002), with a suggestion."""
        allowed = self.seen | set(known)
        for key in self.data:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
            known_keys = ", ".join(sorted(allowed))
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {known_keys}"
            self.sink.add(
                "E002", f"unknown key '{key}' in {self.what}", self.source, (*self.path, key),
                hint=hint,
            )


def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool):
        return bool in kinds
    if float in kinds and isinstance(value, int):
        return True
    return isinstance(value, kinds)


def _describe(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = []
    for k in kinds:
        if k is float:
            names.append("a number")
        else:
            names.append(_TYPE_NAMES.get(k, k.__name__))
    return " or ".join(dict.fromkeys(names))


def _condition(
    sink: Sink, source: SourceFile, text: str | None, path: KeyPath
) -> Condition | None:
    if text is None:
        return None
    try:
        return Condition(text, expressions.parse(text))
    except expressions.ExpressionError as error:
        code = "E021" if isinstance(error, expressions.ExpressionTooDeepError) else "E012"
        report_expression(sink, source, path, text, error, code)
        return None


def _numbers(table: _Table, key: str) -> dict[str, float]:
    value = table.get(key, dict, {})
    out: dict[str, float] = {}
    for name, weight in value.items():
        if not _is(weight, float):
            table.sink.add(
                "E004", f"'{key}.{name}' must be a number", table.source, (*table.path, key, name)
            )
            continue
        out[name] = weight
    return out


def _values(table: _Table, key: str) -> dict[str, Any]:
    value = table.get(key, dict, {})
    out: dict[str, Any] = {}
    for name, item in value.items():
        if not _is(item, (str, int, float, bool)):
            table.sink.add(
                "E004",
                f"'{key}.{name}' must be a number, string or boolean",
                table.source,
                (*table.path, key, name),
            )
            continue
        out[name] = item
    return out


def _array_of_tables(
    table: _Table, key: str
) -> list[tuple[int, dict[str, Any]]]:
    value = table.get(key, list, [])
    items = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            table.sink.add(
                "E004", f"each entry of '{key}' must be a table", table.source,
                (*table.path, key, index),
            )
            continue
        items.append((index, item))
    return items


def parse_choice(
    sink: Sink, source: SourceFile, data: dict[str, Any], path: KeyPath, scene_id: str
) -> Choice | None:
    """Build one choice from its table."""
    t = _Table(sink, source, data, path, f"a choice in scene '{scene_id}'")
    choice_id = t.id()
    if choice_id is not None:
        t.what = f"choice '{choice_id}' in scene '{scene_id}'"
    label = t.require("label", str)
    goto = t.get("goto", str)
    detour = t.get("detour", str)
    returns = t.get("return", bool, False)
    if returns and (goto or detour):
        sink.add(
            "E017", f"{t.what} has 'return' and also '{'goto' if goto else 'detour'}'",
            source, path, hint="a return choice goes back to where the detour started",
        )
    elif not (goto or detour or returns):
        sink.add(
            "E017", f"{t.what} leads nowhere", source, path,
            hint="add goto = \"scene-id\", detour = \"scene-id\" or return = true",
        )
    choice = Choice(
        id=choice_id or "",
        label=label or "",
        goto=goto,
        detour=detour,
        returns=bool(returns),
        consequence=t.get("consequence", str, ""),
        show_if=_condition(sink, source, t.get("if", str), (*path, "if")),
        requires=_condition(sink, source, t.get("requires", str), (*path, "requires")),
        reason=t.get("reason", str, ""),
        sticky=t.get("sticky", bool, False),
        fallback=t.get("fallback", bool, False),
        set=_values(t, "set"),
        add=_numbers(t, "add"),
        signals=_numbers(t, "signals"),
        tags=t.strings("tags"),
        meta=t.get("meta", dict, {}),
    )
    t.done()
    if choice_id is None or label is None:
        return None
    return choice


def parse_ask(
    sink: Sink, source: SourceFile, data: dict[str, Any], path: KeyPath, scene_id: str,
    what: str = "",
) -> Ask | None:
    """Build a reflection prompt from its table (``what`` names it in messages)."""
    t = _Table(sink, source, data, path, what or f"the prompt in scene '{scene_id}'")
    ask_id = t.id()
    kind = t.require("type", str)
    if kind is not None and kind not in ("text", "rating"):
        sink.add(
            "E018", f"prompt type must be \"text\" or \"rating\", not \"{kind}\"", source,
            (*path, "type"),
        )
        kind = None
    question = t.require("question", str)
    low = t.get("low", str, "")
    high = t.get("high", str, "")
    if kind == "rating":
        for end, value in (("low", low), ("high", high)):
            if not value:
                sink.add(
                    "E003", f"rating in scene '{scene_id}' is missing '{end}'", source, path,
                    hint=f"label the {'1' if end == 'low' else '5'} end of the scale",
                )
    signals = _numbers(t, "signals")
    placeholder = t.get("placeholder", str, "")
    t.done()
    if ask_id is None or kind is None or question is None:
        return None
    return Ask(ask_id, kind, question, low, high, placeholder, signals)


def _parse_asks(t: _Table, scene_id: str) -> tuple[Ask, ...]:
    """A scene's prompts: its ``ask`` table, or its ``[[questions]]`` in order (not both)."""
    sink, source, path = t.sink, t.source, t.path
    ask_data = t.get("ask", dict)
    questions = _array_of_tables(t, "questions")
    if ask_data is not None and "questions" in t.data:
        sink.add(
            "E017", f"scene '{scene_id}' has both 'ask' and 'questions'", source,
            (*path, "questions"),
            hint="use one: move the 'ask' table into [[scenes.ID.questions]] as its first entry",
        )
    asks: list[Ask] = []
    if ask_data is not None:
        # An empty [scenes.x.ask] table is still a prompt, missing its keys.
        ask = parse_ask(sink, source, ask_data, (*path, "ask"), scene_id)
        if ask is not None:
            asks.append(ask)
    seen: set[str] = {ask.id for ask in asks}
    for index, item in questions:
        where = (*path, "questions", index)
        what = f"question {index + 1} in scene '{scene_id}'"
        ask = parse_ask(sink, source, item, where, scene_id, what)
        if ask is None:
            continue
        if ask.id in seen:
            sink.add(
                "E005", f"question id '{ask.id}' is used twice in scene '{scene_id}'", source,
                (*where, "id"), hint="each question needs its own id: answers are stored under it",
            )
            continue
        seen.add(ask.id)
        asks.append(ask)
    return tuple(asks)


def parse_scene(
    sink: Sink, source: SourceFile, scene_id: str, data: Any, path: KeyPath
) -> Scene | None:
    """Build one scene from its table."""
    if not isinstance(data, dict):
        sink.add("E004", f"scene '{scene_id}' must be a table", source, path)
        return None
    if not ID_PATTERN.match(scene_id):
        sink.add(
            "E015", f"'{scene_id}' is not a valid scene id", source, path,
            hint="use letters, digits, '-' and '_'",
        )
    t = _Table(sink, source, data, path, f"scene '{scene_id}'")
    text = t.require("text", str)
    parts = []
    for index, item in _array_of_tables(t, "parts"):
        where = f"a text part of scene '{scene_id}'"
        p = _Table(sink, source, item, (*path, "parts", index), where)
        part_text = p.require("text", str)
        condition = _condition(sink, source, p.get("if", str), (*path, "parts", index, "if"))
        otherwise = p.get("else", str, "")
        if "else" in p.data and "if" not in p.data:
            sink.add(
                "E003", f"a text part of scene '{scene_id}' has 'else' but no 'if'", source,
                (*path, "parts", index, "else"),
                hint="add if = \"...\": 'else' is shown when that condition is false",
            )
        p.done()
        if part_text is not None:
            parts.append(TextPart(part_text, condition, otherwise))
    choices = []
    seen: dict[str, int] = {}
    for index, item in _array_of_tables(t, "choices"):
        choice = parse_choice(sink, source, item, (*path, "choices", index), scene_id)
        if choice is None:
            continue
        if choice.id in seen:
            sink.add(
                "E005", f"choice id '{choice.id}' is used twice in scene '{scene_id}'", source,
                (*path, "choices", index, "id"), hint="choice ids must be unique in a scene",
            )
            continue
        seen[choice.id] = index
        choices.append(choice)
    asks = _parse_asks(t, scene_id)
    next_scene = t.get("next", str)
    if next_scene is not None and choices:
        sink.add(
            "E017", f"scene '{scene_id}' has both 'next' and choices", source, (*path, "next"),
            hint="use one: 'next' is shorthand for a single Continue choice",
        )
    scene = Scene(
        id=scene_id,
        text=text or "",
        title=t.get("title", str, ""),
        parts=tuple(parts),
        choices=tuple(choices),
        next=next_scene,
        ending=t.get("ending", bool, False),
        asks=asks,
        facilitator=t.get("facilitator", str, ""),
        tags=t.strings("tags"),
        meta=t.get("meta", dict, {}),
        on_enter=parse_effects(sink, source, t.get("on_enter", dict), (*path, "on_enter"),
                               scene_id),
    )
    t.done()
    return scene


def parse_effects(
    sink: Sink, source: SourceFile, data: dict[str, Any] | None, path: KeyPath, scene_id: str
) -> Effects | None:
    """Build a scene's ``on_enter = { set = {...}, add = {...} }`` (None when absent)."""
    if data is None:
        return None
    t = _Table(sink, source, data, path, f"on_enter of scene '{scene_id}'")
    effects = Effects(set=_values(t, "set"), add=_numbers(t, "add"))
    t.done()
    return effects


def needs_format_1_1(sink: Sink, source: SourceFile, fmt: str, path: KeyPath,
                     feature: str) -> None:
    """Report E022 when a format-1 file uses ``feature``, which format 1.1 added."""
    if fmt == FORMAT_1_1:
        return
    sink.add(
        "E022", f"{feature} needs format 1.1, but this file is format 1", source, path,
        hint=f'write format = "{FORMAT_1_1}" at the top of the file',
    )


def _format_version(t: _Table) -> str:
    """The file's format as the model spells it: ``format = 1`` is "1", ``"1.1"`` is "1.1"."""
    if isinstance(t.data.get("format"), float):
        # format = 1.1 without quotes is a TOML float: the commonest slip when opting in.
        t.seen.add("format")
        t.sink.add("E016", f"format {t.data['format']} is a number; format 1.1 is written as "
                   "a string", t.source, (*t.path, "format"),
                   hint=f'write format = "{FORMAT_1_1}" (with the quotes)')
        return str(FORMAT_VERSION)
    version = t.get("format", (int, str), FORMAT_VERSION)
    # Format 1 is the integer 1 and 1.1 the string "1.1", as files have always written them.
    spelled = str(version)
    if version not in (FORMAT_VERSION, FORMAT_1_1):
        shown = f'"{version}"' if isinstance(version, str) else str(version)
        t.sink.add(
            "E016", f"format {shown} is not supported (this version reads format "
            f'{FORMAT_VERSION} and "{FORMAT_1_1}")', t.source, (*t.path, "format"),
            hint=f'upgrade the workshop tool, or write format = 1 or format = "{FORMAT_1_1}"',
        )
        return str(FORMAT_VERSION)
    return spelled


def _needs_format_11(sink: Sink, source: SourceFile, data: dict[str, Any]) -> None:
    """E022 for each format 1.1 feature a format 1 scenario file uses, naming it."""
    scenes = data.get("scenes")
    if not isinstance(scenes, dict):
        return
    for scene_id, scene in scenes.items():
        if not isinstance(scene, dict):
            continue
        used: list[tuple[str, KeyPath]] = []
        if "questions" in scene:
            used.append(("several questions in one scene ([[questions]])",
                         ("scenes", scene_id, "questions")))
        parts = scene.get("parts")
        for index, part in enumerate(parts if isinstance(parts, list) else []):
            if isinstance(part, dict) and "else" in part:
                used.append(("'else' on a text part", ("scenes", scene_id, "parts", index,
                                                       "else")))
        for feature, where in used:
            needs_format_1_1(sink, source, "1", where, feature)


def parse_scenario(sink: Sink, source: SourceFile, data: dict[str, Any]) -> Scenario | None:
    """Build a scenario from a parsed scenario file."""
    t = _Table(sink, source, data, (), "the scenario")
    fmt = _format_version(t)
    if fmt != FORMAT_1_1 and data.get("format", FORMAT_VERSION) == FORMAT_VERSION:
        # Only a file that truly says format 1: an unsupported format already has its error,
        # and naming features before the format is fixed would be noise.
        _needs_format_11(sink, source, data)
    scenario_id = t.id()
    title = t.require("title", str)
    summary = t.require("summary", str)
    section = t.require("section", str)
    minutes = t.require("minutes", int)
    if minutes is not None and minutes < 1:
        sink.add("E018", "minutes must be at least 1", source, ("minutes",))
    start = t.require("start", str)
    version = t.get("version", (str, int), "1")
    variables = _variables(t)
    scenes_data = t.require("scenes", dict) or {}
    scenes: dict[str, Scene] = {}
    for scene_id, scene_data in scenes_data.items():
        scene = parse_scene(sink, source, scene_id, scene_data, ("scenes", scene_id))
        if scene is not None:
            scenes[scene_id] = scene
            if scene.on_enter is not None:
                needs_format_1_1(sink, source, fmt, ("scenes", scene_id, "on_enter"),
                                 f"on_enter (scene '{scene_id}')")
    tags = t.strings("tags")
    meta = t.get("meta", dict, {})
    t.done()
    if None in (scenario_id, title, summary, section, minutes, start):
        return None
    return Scenario(
        id=cast(str, scenario_id),
        title=cast(str, title),
        summary=cast(str, summary),
        section=cast(str, section),
        minutes=cast(int, minutes),
        start=cast(str, start),
        scenes=scenes,
        variables=variables,
        version=str(version),
        tags=tags,
        meta=meta,
        source=source,
        format=fmt,
    )


def _variables(t: _Table) -> dict[str, Any]:
    """A file's ``[variables]`` table: valid names with their starting values."""
    variables: dict[str, Any] = {}
    for name, value in _values(t, "variables").items():
        if not VAR_PATTERN.match(name):
            t.sink.add(
                "E015", f"'{name}' is not a valid variable name", t.source, ("variables", name),
                hint="use letters, digits and '_', starting with a letter",
            )
            continue
        variables[name] = value
    return variables


@dataclass
class _Manifest:
    id: str
    title: str
    version: str
    promise: str
    description: str
    scenario_ids: list[tuple[int, str]]
    tracks: list[Track]
    axes: list[Axis]
    meta: dict[str, Any]
    variables: dict[str, Any] = field(default_factory=dict)
    format: str = "1"


def parse_manifest(sink: Sink, source: SourceFile, data: dict[str, Any]) -> _Manifest | None:
    """Read a workshop manifest (``workshop.toml``)."""
    t = _Table(sink, source, data, (), "the workshop manifest")
    fmt = _format_version(t)
    workshop_id = t.id()
    title = t.require("title", str)
    version = t.require("version", (str, int))
    promise = t.get("promise", str, "")
    description = t.get("description", str, "")
    scenario_ids = []
    for index, item in enumerate(t.require("scenarios", list) or []):
        if not isinstance(item, str) or not ID_PATTERN.match(item):
            sink.add(
                "E015", f"scenarios[{index}] must be a scenario id", source,
                ("scenarios", index),
            )
            continue
        scenario_ids.append((index, item))
    tracks = []
    for index, item in _array_of_tables(t, "tracks"):
        tt = _Table(sink, source, item, ("tracks", index), f"track {index + 1}")
        track_id = tt.id()
        track = Track(
            id=track_id or "",
            title=tt.require("title", str) or "",
            scenarios=tt.strings("scenarios"),
            minutes=tt.get("minutes", int, 0),
            description=tt.get("description", str, ""),
        )
        tt.done()
        if track_id:
            tracks.append(track)
    axes = []
    for index, item in _array_of_tables(t, "axes"):
        at = _Table(sink, source, item, ("axes", index), f"axis {index + 1}")
        axis_id = at.id()
        group = at.require("group", str)
        if group is not None and group not in ("doing", "wanting"):
            sink.add(
                "E018", f"axis group must be \"doing\" or \"wanting\", not \"{group}\"", source,
                ("axes", index, "group"),
            )
            group = None
        axis = Axis(
            id=axis_id or "",
            group=group or "doing",
            label=at.require("label", str) or "",
            low=at.get("low", str, ""),
            mid=at.get("mid", str, ""),
            high=at.get("high", str, ""),
            description=at.get("description", str, ""),
        )
        at.done()
        if axis_id and group:
            axes.append(axis)
    meta = t.get("meta", dict, {})
    variables = _variables(t)
    if "variables" in data:
        needs_format_1_1(sink, source, fmt, ("variables",), "[variables] in workshop.toml")
    t.done()
    if workshop_id is None or title is None or version is None:
        return None
    return _Manifest(
        workshop_id, title, str(version), promise, description, scenario_ids, tracks, axes, meta,
        variables, fmt,
    )


def _load_scenario_file(path: Path, sink: Sink) -> Scenario | None:
    read = read_toml(path, sink)
    if read is None:
        return None
    return parse_scenario(sink, *read)


def load_workshop_dir(root: Path, sink: Sink) -> Workshop | None:
    """Load a workshop folder: its manifest and every scenario it lists."""
    manifest_path = root / MANIFEST
    read = read_toml(manifest_path, sink)
    if read is None:
        return None
    source, data = read
    manifest = parse_manifest(sink, source, data)
    if manifest is None:
        return None
    scenarios: dict[str, Scenario] = {}
    for index, scenario_id in manifest.scenario_ids:
        # Point at the item itself: a long list is often written one id per line.
        if scenario_id in scenarios:
            sink.add(
                "E005", f"scenario '{scenario_id}' is listed twice", source,
                ("scenarios", index),
            )
            continue
        path = root / f"{scenario_id}.toml"
        if not path.is_file():
            sink.add(
                "E014", f"scenario '{scenario_id}' has no file {path.name}", source,
                ("scenarios", index), hint=f"create {path} or remove it from the list",
            )
            continue
        scenario = _load_scenario_file(path, sink)
        if scenario is None:
            continue
        if scenario.id != scenario_id:
            sink.add(
                "E005", f"file {path.name} declares id '{scenario.id}', but the manifest "
                f"lists it as '{scenario_id}'", scenario.source, ("id",),
                hint="a scenario's id must match its file name",
            )
        if manifest.variables:
            # Each scenario knows the workshop-level variables, so a run of it alone (explore,
            # graph, a single scenario from home) starts from their declared values.
            scenario = dataclasses.replace(scenario, shared=dict(manifest.variables))
        scenarios[scenario_id] = scenario
    return Workshop(
        id=manifest.id,
        title=manifest.title,
        version=manifest.version,
        scenarios=scenarios,
        tracks=tuple(manifest.tracks),
        axes=tuple(manifest.axes),
        promise=manifest.promise,
        description=manifest.description,
        root=root,
        meta=manifest.meta,
        source=source,
        variables=dict(manifest.variables),
        format=manifest.format,
    )


def manifest_variables(manifest_path: Path | None) -> dict[str, Any]:
    """The workshop-level variables of a manifest file ({} when there is none).

    A scenario file checked on its own still reads them, so it is not told they are
    undefined; the manifest's own problems are left to checking the whole folder.
    """
    read = read_toml(manifest_path, Sink()) if manifest_path is not None else None
    if read is None:
        return {}
    manifest = parse_manifest(Sink(), *read)
    return manifest.variables if manifest is not None else {}


def load_loose(paths: list[Path], sink: Sink, root: Path | None,
               shared: dict[str, Any] | None = None) -> Workshop:
    """Load scenario files that have no manifest into an anonymous workshop.

    ``shared``: workshop-level variables from a manifest beside a single file, if any.
    """
    scenarios: dict[str, Scenario] = {}
    for path in paths:
        scenario = _load_scenario_file(path, sink)
        if scenario is None:
            continue
        if shared:
            scenario = dataclasses.replace(scenario, shared=dict(shared))
        if scenario.id in scenarios:
            sink.add(
                "E005", f"scenario id '{scenario.id}' is also used by another file",
                scenario.source, ("id",),
            )
            continue
        scenarios[scenario.id] = scenario
    name = root.name if root else (paths[0].stem if paths else "scenarios")
    return Workshop(
        id=name, title=name, version="0", scenarios=scenarios, root=root,
        loose=True,
    )


MANIFEST_SEARCH_DEPTH = 3
"""How many folders up from a lone scenario file :func:`find_manifest` looks (its own, and
two above: a ``drafts/`` folder inside a workshop folder)."""


def find_manifest(path: Path) -> Path | None:
    """The ``workshop.toml`` a lone scenario file belongs to: the nearest one in its folder or
    a folder above, stopping at a repository's root (a folder holding ``.git``)."""
    folder = path.resolve().parent
    for _ in range(MANIFEST_SEARCH_DEPTH):
        candidate = folder / MANIFEST
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent
    return None


def _with_manifest(workshop: Workshop, manifest_path: Path | None) -> Workshop:
    """A lone scenario file's workshop, given the axes of the manifest found for it, so that
    its signals are checked (E013) as they would be in the whole workshop. A manifest that
    does not load is ignored here: validating the workshop reports its problems."""
    if manifest_path is None:
        return workshop
    scratch = Sink()
    read = read_toml(manifest_path, scratch)
    if read is None:
        return workshop
    manifest = parse_manifest(scratch, *read)
    if manifest is None or scratch.errors:
        return workshop
    return dataclasses.replace(workshop, axes=tuple(manifest.axes), source=read[0])


def load_path(path: Path, *, validate: bool = True) -> LoadResult:
    """Load (and by default validate) a workshop folder, a manifest, or scenario files.

    Accepts a folder holding ``workshop.toml``; the manifest itself; a single scenario file
    (checked on its own, against the axes of the nearest manifest: see
    :func:`find_manifest`); or a folder of scenario files without a manifest.

    Raises:
        FileNotFoundError: the path does not exist.
    """
    from workshop.scenario.validate import validate_workshop

    if not path.exists():
        raise FileNotFoundError(path)
    sink = Sink()
    workshop: Workshop | None
    if path.is_dir() and (path / MANIFEST).is_file():
        workshop = load_workshop_dir(path, sink)
    elif path.is_file() and path.name == MANIFEST:
        workshop = load_workshop_dir(path.parent, sink)
    elif path.is_file():
        found = find_manifest(path)
        workshop = _with_manifest(load_loose([path], sink, None, manifest_variables(found)), found)
    else:
        files = sorted(path.glob("*.toml"))
        workshop = load_loose(files, sink, path)
    if workshop is not None and validate:
        validate_workshop(workshop, sink)
    return LoadResult(workshop, sink.items)


def iter_choice_targets(choice: Choice) -> list[str]:
    """The scenes a choice can move to directly (its goto and detour)."""
    return [target for target in (choice.detour, choice.goto) if target]


Loader = Callable[[Path], LoadResult]
