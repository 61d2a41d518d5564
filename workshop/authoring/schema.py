"""The scenario format as JSON Schema (draft 2020-12), for editors with a TOML language server.

One Python description (:data:`TABLES`) generates both schemas. The files shipped in
``workshop/schema/`` are its output (``python -m workshop.authoring.schema`` rewrites them, and
a test fails when they differ); another test checks that the keys here are exactly the keys the
loader reads, so the schema cannot drift from the loader.

Every table is closed (``additionalProperties: false``) so an editor flags a misspelt key as
the author types, and every key has a description for hover help. Beyond keys and types, the
schema says what the validator says wherever JSON Schema can: a choice's one way out, no
``next`` beside choices, no dead end, a rating's two labels, signals on ratings only
(``tests/authoring/test_schema_parity.py`` runs the diagnostic examples through both).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from workshop.scenario.loader import ID_PATTERN, VAR_PATTERN
from workshop.scenario.model import FORMAT_1_1, FORMAT_VERSION

Kind = Literal["scenario", "workshop"]
KINDS: tuple[Kind, ...] = ("scenario", "workshop")

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
"""Where the generated schema files live (shipped in the wheel under ``workshop/schema``)."""

DRAFT = "https://json-schema.org/draft/2020-12/schema"

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a table."""

    name: str
    schema: Json
    """Its JSON Schema, without the description."""
    description: str
    required: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A TOML table of the format: its keys, and what it is for."""

    name: str
    description: str
    keys: tuple[Key, ...]
    extra: Json = field(default_factory=dict)
    """More schema keywords for the table (e.g. ``anyOf``)."""


def _str(**more: Any) -> Json:
    return {"type": "string", **more}


_ID = _str(pattern=ID_PATTERN.pattern)
_BOOL: Json = {"type": "boolean"}
_INT: Json = {"type": "integer"}
_NUMBER: Json = {"type": "number"}
_TAGS: Json = {"type": "array", "items": {"type": "string"}}
_META: Json = {"type": "object"}
_VALUE: Json = {"type": ["string", "number", "boolean"]}
_FORMAT: Json = {"enum": [FORMAT_VERSION, FORMAT_1_1]}
_EXPR = _str(minLength=1)


_NEEDS_1_1: Json = {"required": ["format"],
                    "patternProperties": {"^format$": {"const": FORMAT_1_1}}}
"""What a file using a format 1.1 feature must say (E022). Written with patternProperties so
it is a rule on the table, not a second table of keys."""


def _ref(name: str) -> Json:
    return {"$ref": f"#/$defs/{name}"}


def _map(values: Json, names: str = VAR_PATTERN.pattern) -> Json:
    return {"type": "object", "propertyNames": {"pattern": names},
            "additionalProperties": values}


_SIGNALS = _map(_NUMBER, ID_PATTERN.pattern)

CHOICE = Table("choice", "A choice offered in a scene.", (
    Key("id", _ID, "Stable id, unique in its scene. Records store it, so keep it when you "
        "reword the label.", required=True),
    Key("label", _str(), "What the player reads on the option; {variable} is filled in.",
        required=True),
    Key("goto", _ID, "The scene this choice leads to (with 'detour': where to go on after "
        "the detour returns)."),
    Key("detour", _ID, "Visit this scene first; a 'return = true' choice there comes back "
        "(to 'goto', or to this scene)."),
    Key("return", _BOOL, "Ends the current detour and goes back to where it started."),
    Key("consequence", _str(), "Markdown shown after the choice is taken."),
    Key("if", _EXPR, "Condition: the choice is hidden unless it holds, e.g. \"trust >= 2\"."),
    Key("requires", _EXPR, "Condition: the choice is shown greyed out unless it holds."),
    Key("reason", _str(), "Why a greyed-out choice cannot be taken (\"needs trust ≥ 2\")."),
    Key("sticky", _BOOL, "Offered again after it is taken (choices are once-only by "
        "default)."),
    Key("fallback", _BOOL, "Offered only when no other choice is, so a scene never runs "
        "out."),
    Key("set", _map(_VALUE), "Variables set to a value when the choice is taken."),
    Key("add", _map(_NUMBER), "Numbers added to variables when the choice is taken "
        "(negative to subtract)."),
    Key("signals", _SIGNALS, "Reflection axes this choice speaks to, and how much "
        "(negative: the other way)."),
    Key("tags", _TAGS, "Free-form tags, kept for exports and tools."),
    Key("meta", _META, "Free-form metadata, kept for exports and tools."),
), extra={
    # E017: exactly one way out. 'return = true' stands alone; otherwise goto or detour.
    "if": {"required": ["return"], "properties": {"return": {"const": True}}},
    "then": {"not": {"anyOf": [{"required": ["goto"]}, {"required": ["detour"]}]}},
    "else": {"anyOf": [{"required": ["goto"]}, {"required": ["detour"]}]},
})

PART = Table("part", "A paragraph of scene text shown only when its condition holds.", (
    Key("text", _str(), "Markdown appended to the scene's text.", required=True),
    Key("if", _EXPR, "Condition: the paragraph is shown only when it holds."),
    Key("else", _str(), "Markdown shown instead when the condition does not hold (needs "
        "'if'; format \"1.1\")."),
), extra={"dependentRequired": {"else": ["if"]}})

ASK = Table("ask", "A reflection prompt: a free-text question or a 1–5 self-rating.", (
    Key("id", _ID, "Unique across the workshop; answers are stored under it.",
        required=True),
    Key("type", {"enum": ["text", "rating"]}, "\"text\" for a free answer, \"rating\" for "
        "1 to 5.", required=True),
    Key("question", _str(), "The question the player answers.", required=True),
    Key("low", _str(), "Rating: the label of 1 (required for ratings)."),
    Key("high", _str(), "Rating: the label of 5 (required for ratings)."),
    Key("placeholder", _str(), "Text: a hint shown in the empty answer box."),
    Key("signals", _SIGNALS, "Rating: axes the answer speaks to; (rating − 3) × weight is "
        "added."),
), extra={
    # E003: a rating labels both ends of its scale; E018: only ratings carry signals.
    "if": {"required": ["type"], "properties": {"type": {"const": "rating"}}},
    "then": {"required": ["low", "high"],
             "properties": {"low": {"minLength": 1}, "high": {"minLength": 1}}},
    "else": {"properties": {"signals": {"maxProperties": 0}}},
})

SCENE = Table("scene", "A situation: text, perhaps a prompt, and the choices that leave "
              "it.", (
    Key("text", _str(), "The scene's Markdown; {variable} is filled in.", required=True),
    Key("title", _str(), "A short heading."),
    Key("parts", {"type": "array", "items": _ref("part")}, "Paragraphs shown only when "
        "their condition holds, after the text."),
    Key("choices", {"type": "array", "items": _ref("choice")}, "The choices offered, in "
        "order."),
    Key("next", _ID, "Shorthand for a single Continue choice to this scene (instead of "
        "choices)."),
    Key("ending", _BOOL, "This scene ends the scenario."),
    Key("ask", _ref("ask"), "A reflection prompt shown with the scene."),
    Key("questions", {"type": "array", "items": _ref("ask")}, "Several prompts asked one "
        "after another ([[scenes.ID.questions]], instead of 'ask'; format \"1.1\")."),
    Key("facilitator", _str(), "A discussion note for facilitators, never shown to "
        "players."),
    Key("tags", _TAGS, "Free-form tags, kept for exports and tools."),
    Key("meta", _META, "Free-form metadata, kept for exports and tools."),
    Key("on_enter", _ref("on_enter"), "Format 1.1: variables set and added each time the "
        "player arrives here (not when a detour returns here)."),
), extra={
    "allOf": [
        # E017: one question table or the other, not both.
        {"not": {"required": ["ask", "questions"]}},
        # E017: 'next' is shorthand for one Continue choice, so not beside choices.
        {"not": {"required": ["next", "choices"],
                 "properties": {"choices": {"minItems": 1}}}},
        # E008: a scene that is not an ending offers a way on.
        {"anyOf": [
            {"required": ["next"]},
            {"required": ["choices"], "properties": {"choices": {"minItems": 1}}},
            {"required": ["ending"], "properties": {"ending": {"const": True}}},
        ]},
    ],
})

ON_ENTER = Table("on_enter", "Effects applied on arriving in a scene (format 1.1).", (
    Key("set", _map(_VALUE), "Variables set to a value on arrival."),
    Key("add", _map(_NUMBER), "Numbers added to variables on arrival (negative to "
        "subtract)."),
))

_FORMAT_1_1_GATE: Json = {
    # A file that does not say format "1.1" may not use its features (the loader's E022).
    # patternProperties, not properties: these are conditions on the tables described above,
    # not tables of their own.
    "if": {"required": ["format"], "patternProperties": {"^format$": {"const": FORMAT_1_1}}},
    "else": {"patternProperties": {"^scenes$": {"additionalProperties": {"not": {"anyOf": [
        {"required": ["questions"]},
        {"required": ["on_enter"]},
        {"required": ["parts"],
         "patternProperties": {"^parts$": {"contains": {"required": ["else"]}}}},
    ]}}}}},
}

SCENARIO = Table("scenario", "One branching scenario (one file).", (
    Key("format", _FORMAT, f"The scenario format version; this tool reads {FORMAT_VERSION} "
        f"and \"{FORMAT_1_1}\" (on_enter, else, [[questions]], workshop variables)."),
    Key("id", _ID, "The scenario's id; in a workshop it must match the file name.",
        required=True),
    Key("title", _str(), "The title players see.", required=True),
    Key("summary", _str(), "One or two sentences on what the scenario is about.",
        required=True),
    Key("section", _str(), "The part of the source material it draws on.", required=True),
    Key("minutes", _INT | {"minimum": 1}, "Estimated minutes to play.", required=True),
    Key("start", _ID, "The id of the first scene.", required=True),
    Key("version", {"type": ["string", "integer"]}, "The scenario's own version, saved "
        "in records."),
    Key("variables", _map(_VALUE), "Variables and their initial values (number, boolean "
        "or string)."),
    Key("scenes", _map(_ref("scene"), ID_PATTERN.pattern), "The scenes, by id: "
        "[scenes.ID].", required=True),
    Key("tags", _TAGS, "Free-form tags, kept for exports and tools."),
    Key("meta", _META, "Free-form metadata, kept for exports and tools."),
), extra=_FORMAT_1_1_GATE)

TRACK = Table("track", "An ordered selection of scenarios.", (
    Key("id", _ID, "The track's id (workshop play --track ID).", required=True),
    Key("title", _str(), "The title players pick from.", required=True),
    Key("scenarios", {"type": "array", "items": _ID}, "Scenario ids in play order."),
    Key("minutes", _INT, "Estimated minutes for the whole track."),
    Key("description", _str(), "What the track is for."),
))

AXIS = Table("axis", "A reflection axis that choices and ratings speak to.", (
    Key("id", _ID, "The axis id used in 'signals'.", required=True),
    Key("group", {"enum": ["doing", "wanting"]}, "\"doing\" (would your choices read as "
        "the work) or \"wanting\" (do you want the job).", required=True),
    Key("label", _str(), "The axis name in the reflection.", required=True),
    Key("low", _str(), "What a low reading says."),
    Key("mid", _str(), "What a middle reading says."),
    Key("high", _str(), "What a high reading says."),
    Key("description", _str(), "A longer explanation."),
))

MANIFEST = Table("workshop", "A workshop manifest (workshop.toml).", (
    Key("format", _FORMAT, f"The format version; this tool reads {FORMAT_VERSION} and "
        f"\"{FORMAT_1_1}\" (workshop variables)."),
    Key("id", _ID, "The workshop's id.", required=True),
    Key("title", _str(), "The workshop's title.", required=True),
    Key("version", {"type": ["string", "integer"]}, "The workshop's version, saved in "
        "records.", required=True),
    Key("promise", _str(), "One line on what the workshop gives."),
    Key("description", _str(), "A longer description."),
    Key("scenarios", {"type": "array", "items": _ID}, "Scenario ids in order; each is a "
        "file ID.toml beside this one.", required=True),
    Key("tracks", {"type": "array", "items": _ref("track")}, "Selections of scenarios "
        "([[tracks]])."),
    Key("axes", {"type": "array", "items": _ref("axis")}, "Reflection axes ([[axes]])."),
    Key("meta", _META, "Free-form metadata, kept for exports and tools."),
    Key("variables", _map(_VALUE), "Format 1.1: workshop-level variables and their starting "
        "values; they carry from scenario to scenario along a track."),
), extra={"if": {"required": ["variables"]}, "then": _NEEDS_1_1})

TABLES: dict[str, Table] = {t.name: t for t in (SCENARIO, SCENE, CHOICE, PART, ASK,
                                                 MANIFEST, TRACK, AXIS, ON_ENTER)}
"""Every table of the format by name: what the loader reads, key by key."""

_DEFS: dict[Kind, tuple[Table, ...]] = {
    "scenario": (SCENE, CHOICE, PART, ASK, ON_ENTER),
    "workshop": (TRACK, AXIS),
}
_ROOT: dict[Kind, Table] = {"scenario": SCENARIO, "workshop": MANIFEST}


def _object(table: Table) -> Json:
    out: Json = {
        "type": "object",
        "description": table.description,
        "properties": {
            key.name: {**key.schema, "description": key.description} for key in table.keys
        },
        "additionalProperties": False,
    }
    required = [key.name for key in table.keys if key.required]
    if required:
        out["required"] = required
    out.update(table.extra)
    return out


def schema(kind: Kind) -> Json:
    """The JSON Schema of a scenario file or of a ``workshop.toml``."""
    root = _ROOT[kind]
    out: Json = {
        "$schema": DRAFT,
        "title": f"Staff Path Workshop {kind} file (format {FORMAT_VERSION})",
    }
    out.update(_object(root))
    out["$defs"] = {table.name: _object(table) for table in _DEFS[kind]}
    return out


def text(kind: Kind) -> str:
    """The schema as the JSON text shipped in ``workshop/schema/KIND.schema.json``."""
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"


def path(kind: Kind) -> Path:
    """The shipped schema file for a kind."""
    return SCHEMA_DIR / f"{kind}.schema.json"


def write_files() -> list[Path]:
    """Regenerate the shipped schema files from :data:`TABLES`."""
    written = []
    for kind in KINDS:
        target = path(kind)
        target.write_text(text(kind), encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    for written in write_files():
        print(written, file=sys.stderr)
