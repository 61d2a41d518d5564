"""The session record: what is on disk, how it is read, checked, upgraded and written.

A record is one TOML file (see ``docs/records.md`` for an annotated example). Reading is strict:
anything that does not fit the schema raises :class:`~workshop.errors.RecordError` naming the
file and the key, and the file is left exactly as it is.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from workshop import tomlread
from workshop.errors import RecordError
from workshop.record.migrations import MIGRATIONS

SCHEMA_VERSION = 1
"""The record schema this code writes and the newest it reads."""

IN_PROGRESS = "in-progress"
FINISHED = "finished"
STATUSES = (IN_PROGRESS, FINISHED)

_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
_START_FRESH = "it is left untouched; start a new session beside it"


def now_iso() -> str:
    """The current UTC time as ``2026-11-27T03:07:31Z``."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class Record:
    """One session as stored on disk (plain data; the live state is a Session)."""

    id: str
    """The file's stem; also what ``workshop export SESSION`` takes."""
    workshop_id: str
    workshop_version: str
    created: str
    """UTC ISO 8601 timestamp of the first save."""
    updated: str
    """UTC ISO 8601 timestamp of the last save."""
    track: str
    journey: dict[str, Any]
    """The engine's :meth:`Journey.to_data` output."""
    scenario_versions: dict[str, str] = field(default_factory=dict)
    """The version of each scenario when the player started it."""
    status: str = IN_PROGRESS
    notes: str = ""
    handle: str | None = None
    room: str | None = None
    content: str | None = None
    """The content folder of a workshop that is not bundled, so it can be found again."""
    workshop_title: str = ""
    reasons: dict[str, dict[str, str]] = field(default_factory=dict)
    """Why the player took a choice: ``{scenario: {"scene/choice": text}}``."""
    superseded: list[dict[str, Any]] = field(default_factory=list)
    """Runs that had to start again after a content change, kept so nothing is lost."""
    shared: list[str] = field(default_factory=list)
    """Ask ids of text answers the participant chose to share, anonymously, with their room
    (room exports quote only these; every other text answer stays private)."""
    drafts: dict[str, dict[str, str]] = field(default_factory=dict)
    """Half-written answers not submitted yet: ``{scenario: {ask id: text}}``. Optional (a
    record without it reads as before, so no migration); an answer given drops its draft."""
    schema_version: int = SCHEMA_VERSION

    @property
    def finished(self) -> bool:
        """True once the player played the whole track."""
        return self.status == FINISHED

    @property
    def progress(self) -> tuple[int, int]:
        """(scenarios completed, scenarios in the track), from the stored journey."""
        scenarios = self.journey.get("scenarios", [])
        total = len(scenarios) if isinstance(scenarios, list) else 0
        done = self.journey.get("index", 0)
        done = done if isinstance(done, int) else 0
        if self.finished:
            done = total
        return min(done, total), total

    def answers(self) -> dict[str, str | int]:
        """Every answer stored in the journey, across scenarios."""
        merged: dict[str, str | int] = {}
        for run in self.journey.get("runs", {}).values():
            if isinstance(run, dict):
                merged.update(run.get("answers", {}))
        return merged

    def to_data(self) -> dict[str, Any]:
        """The record as plain TOML/JSON-safe data, in the documented key order."""
        data: dict[str, Any] = {
            "schema_version": self.schema_version,
            "id": self.id,
            "status": self.status,
            "created": self.created,
            "updated": self.updated,
            "track": self.track,
        }
        if self.handle is not None:
            data["handle"] = self.handle
        if self.room is not None:
            data["room"] = self.room
        data["notes"] = self.notes
        workshop: dict[str, Any] = {
            "id": self.workshop_id,
            "version": self.workshop_version,
            "title": self.workshop_title,
        }
        if self.content is not None:
            workshop["content"] = self.content
        workshop["scenarios"] = dict(self.scenario_versions)
        data["workshop"] = workshop
        data["journey"] = self.journey
        if self.reasons:
            data["reasons"] = {k: dict(v) for k, v in self.reasons.items()}
        if self.superseded:
            data["superseded"] = [dict(run) for run in self.superseded]
        if self.shared:
            data["shared"] = sorted(self.shared)
        drafts = {k: dict(v) for k, v in self.drafts.items() if v}
        if drafts:
            data["drafts"] = drafts
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any], path: Path | None = None) -> Record:
        """Check and build a record from data of the current schema.

        Raises:
            RecordError: a key is missing or has the wrong type (the message names it).
        """
        read = _Reader(data, path)
        workshop = read.table("workshop")
        journey = read.table("journey")
        wread = _Reader(workshop, path, "workshop.")
        jread = _Reader(journey, path, "journey.")
        jread.string("track")
        index = jread.integer("index")
        scenarios = jread.array("scenarios")
        if not all(isinstance(s, str) for s in scenarios):
            jread.fail("scenarios", "must be a list of scenario ids")
        if not 0 <= index <= len(scenarios):
            jread.fail("index", f"is {index}, outside the track's {len(scenarios)} scenarios")
        # Format 1.1: the workshop-level variables' values now (readers' copy; resume
        # derives them from the runs' 'carried' and 'variables').
        for name, value in jread.table("variables", required=False).items():
            if not isinstance(value, str | int | float | bool):
                jread.fail(f"variables.{name}", "must be text, a number or true/false")
        runs = jread.table("runs", required=False)
        for scenario_id, run in runs.items():
            if not isinstance(run, dict):
                jread.fail(f"runs.{scenario_id}", "must be a table")
            rread = _Reader(run, path, f"journey.runs.{scenario_id}.")
            rread.string("scene")
            for key in ("variables", "visits", "answers"):
                rread.table(key, required=False)
            for key in ("taken", "stack", "path", "skipped"):
                rread.array(key, required=False)
            for step in run.get("path", []):
                if not (isinstance(step, list) and len(step) == 2
                        and all(isinstance(s, str) for s in step)):
                    rread.fail("path", "must be a list of [scene, choice] pairs")
            rread.table("carried", required=False)
            for key in ("variables", "carried"):
                for name, value in run.get(key, {}).items():
                    if not isinstance(value, str | int | float | bool):
                        rread.fail(f"{key}.{name}", "must be text, a number or true/false")
            for name, value in run.get("visits", {}).items():
                if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                    rread.fail(f"visits.{name}", "must be a whole number")
            for key in ("taken", "stack", "skipped"):
                items = run.get(key, [])
                flat = [x for item in items for x in (item if isinstance(item, list) else [item])]
                if not all(isinstance(x, str) for x in flat):
                    rread.fail(key, "must hold scene, choice or question ids")
            for ask_id, value in run.get("answers", {}).items():
                if not isinstance(value, str | int) or isinstance(value, bool):
                    rread.fail(f"answers.{ask_id}", "must be text or a whole number")
        status = read.string("status")
        if status not in STATUSES:
            read.fail("status", f"is '{status}'; it must be one of {', '.join(STATUSES)}")
        versions = wread.table("scenarios", required=False)
        reasons = read.table("reasons", required=False)
        for scenario_id, table in reasons.items():
            if not isinstance(table, dict) or not all(
                isinstance(v, str) for v in table.values()
            ):
                read.fail(f"reasons.{scenario_id}", "must be a table of text")
        shared = read.array("shared", required=False)
        if not all(isinstance(ask_id, str) for ask_id in shared):
            read.fail("shared", "must be a list of prompt ids")
        drafts = read.table("drafts", required=False)
        for scenario_id, table in drafts.items():
            if not isinstance(table, dict) or not all(
                isinstance(v, str) for v in table.values()
            ):
                read.fail(f"drafts.{scenario_id}", "must be a table of text")
        return cls(
            id=read.string("id"),
            workshop_id=wread.string("id"),
            workshop_version=wread.string("version"),
            workshop_title=wread.string("title", required=False),
            content=wread.optional_string("content"),
            scenario_versions={str(k): str(v) for k, v in versions.items()},
            created=read.timestamp("created"),
            updated=read.timestamp("updated"),
            track=read.string("track"),
            journey=journey,
            status=status,
            notes=read.string("notes", required=False),
            handle=read.optional_string("handle"),
            room=read.optional_string("room"),
            reasons={str(k): dict(v) for k, v in reasons.items()},
            superseded=[dict(r) for r in read.array("superseded", required=False)
                        if isinstance(r, dict)],
            shared=[str(ask_id) for ask_id in shared],
            drafts={str(k): dict(v) for k, v in drafts.items()},
            schema_version=SCHEMA_VERSION,
        )


class _Reader:
    """Typed access to one table of a record, failing with the key's full name."""

    def __init__(self, data: dict[str, Any], path: Path | None, prefix: str = "") -> None:
        self.data = data
        self.path = path
        self.prefix = prefix

    def fail(self, key: str, problem: str) -> None:
        raise RecordError(f"'{self.prefix}{key}' {problem}", path=self.path,
                          hint=_START_FRESH)

    def _get(self, key: str, kind: type, what: str, required: bool, default: Any) -> Any:
        if key not in self.data:
            if required:
                self.fail(key, "is missing")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(key, f"must be {what}, not {type(value).__name__} {value!r:.40}")
        return value

    def string(self, key: str, *, required: bool = True) -> str:
        return str(self._get(key, str, "text", required, ""))

    def optional_string(self, key: str) -> str | None:
        value = self._get(key, str, "text", False, None)
        return None if value is None else str(value)

    def integer(self, key: str) -> int:
        return int(self._get(key, int, "a whole number", True, 0))

    def table(self, key: str, *, required: bool = True) -> dict[str, Any]:
        value: dict[str, Any] = self._get(key, dict, "a table", required, {})
        return value

    def array(self, key: str, *, required: bool = True) -> list[Any]:
        value: list[Any] = self._get(key, list, "a list", required, [])
        return value

    def timestamp(self, key: str) -> str:
        value = self.string(key)
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            self.fail(key, f"is '{value:.40}', not a timestamp like 2026-11-27T03:07:31Z")
        return value


def migrate(data: dict[str, Any], path: Path | None = None) -> dict[str, Any]:
    """Upgrade record data of an older schema to :data:`SCHEMA_VERSION`.

    Raises:
        RecordError: no or a malformed schema version, a newer schema, or no upgrade path.
    """
    version = data.get("schema_version")
    if version is None:
        raise RecordError("has no 'schema_version'; it is not a session record", path=path,
                          hint=_START_FRESH)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise RecordError(f"'schema_version' is {version!r}, not a version number", path=path,
                          hint=_START_FRESH)
    if version > SCHEMA_VERSION:
        raise RecordError(
            f"was written by a newer version of the workshop (record schema {version}; this "
            f"version reads up to {SCHEMA_VERSION})",
            path=path,
            hint="upgrade staff-workshop to open it; the file is left untouched",
        )
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise RecordError(f"record schema {version} cannot be upgraded", path=path,
                              hint=_START_FRESH)
        data = step(data)
        version += 1
        data["schema_version"] = version
    return data


def parse(raw: bytes, path: Path | None = None) -> Record:
    """Read a record from the bytes of its file, upgrading an older schema.

    Raises:
        RecordError: the bytes are not UTF-8 TOML of a record this version can read; the
            message names the file, the line or key, and the problem.
    """
    if not raw.strip():
        raise RecordError("is empty (a save was cut off before it began?)", path=path,
                          hint=_START_FRESH)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RecordError(f"is not UTF-8 text (byte {error.start})", path=path,
                          hint=_START_FRESH) from None
    try:
        data = tomlread.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POS.search(message)
        place = match.group(1) if match else None
        message = _TOML_POS.sub("", message).strip()
        # Too deep is valid TOML, just nothing a record can be.
        what = "cannot be read" if isinstance(error, tomlread.TooDeepError) else \
            "is not valid TOML"
        raise RecordError(f"{what}: {message[:1].lower()}{message[1:]}", path=path,
                          place=place, hint=_START_FRESH) from None
    return Record.from_data(migrate(data, path), path)


_SCALAR = r'(?:"(?:[^"\\\n]|\\.)*"|-?\d+(?:\.\d+)?|true|false)'
_SCALAR_ARRAY = re.compile(r"\[\n(?:[ ]+" + _SCALAR + r",\n)+[ ]*\]")


def compact_toml(text: str) -> str:
    """TOML from tomli-w with short arrays of plain values put back on one line.

    Only the layout outside multi-line strings changes, so the text reads back exactly as
    before: tomli-w escapes every ``"`` inside a string, so ``\"\"\"`` in its output only ever
    opens or closes a multi-line string, and a single-line string holds no line break for the
    pattern to match across.
    """

    # tomli-w writes every array one item per line; short arrays of plain values (a path
    # step, a list of ids) read better on one line.
    def join(match: re.Match[str]) -> str:
        items = [line.strip().removesuffix(",") for line in match.group(0).split("\n")[1:-1]]
        line = "[" + ", ".join(items) + "]"
        return line if len(line) <= 80 else match.group(0)

    pieces = text.split('"""')
    # Even pieces are TOML structure, odd ones the bodies of multi-line strings.
    for index in range(0, len(pieces), 2):
        pieces[index] = _SCALAR_ARRAY.sub(join, pieces[index])
    return '"""'.join(pieces)


def _has_crlf(data: Any) -> bool:
    """True when a text anywhere in ``data`` holds a CRLF line break."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if "\r\n" in value:
                return True
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list | tuple):
            pending.extend(value)
    return False


def dump(record: Record) -> bytes:
    """The record as the bytes of its TOML file; reading them back gives the same record.

    Called after every action, so it never parses what it writes (issue #12, item 10): a
    long session would pay for reading its whole record back on every save. What makes the
    text read back the same is decided from the data instead (and proven by the round-trip
    tests in ``tests/record``).
    """
    data = record.to_data()
    # TOML readers turn a CRLF inside a multi-line string into LF (and tomli-w drops the CR
    # too); a text with one is written with escapes instead, so nothing the player typed
    # changes.
    text = tomli_w.dumps(data, multiline_strings=not _has_crlf(data))
    return compact_toml(text).encode("utf-8")


def read(path: Path) -> Record:
    """Read a record file.

    Raises:
        RecordError: the file cannot be read or is not a valid record.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RecordError("no such session record", path=path) from None
    except OSError as error:
        raise RecordError(f"cannot be read: {error.strerror or error}", path=path) from None
    return parse(raw, path)
