"""Sessions on disk: create, open, resume, list; every action saved the moment it happens."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from os import PathLike
from pathlib import Path
from typing import Any

from workshop.engine import ChoiceError, Journey, Run, Step
from workshop.engine.run import Answer
from workshop.errors import RecordError, UsageError
from workshop.paths import bundled_workshop_dir, records_dir
from workshop.record.atomic import TEMP_SUFFIX, write_atomic
from workshop.record.limits import ANSWER_MAX_CHARS, NOTES_MAX_CHARS, check_length
from workshop.record.restore import Restored, restore
from workshop.record.schema import FINISHED, IN_PROGRESS, Record, dump, read
from workshop.scenario.model import Scenario, Workshop

Clock = Callable[[], datetime]
"""Returns the current time (tests inject a fixed one)."""

SUFFIX = ".toml"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _epoch(stamp: str) -> float:
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0


def _fingerprint(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class Session:
    """A session in play: the engine's journey plus everything the record keeps.

    Every mutating method saves the record atomically before it returns, so what the player
    did is on disk the moment it is done. Engine errors (:class:`~workshop.engine.ChoiceError`
    for a choice or answer that is not possible now) pass through unchanged and save nothing.
    """

    def __init__(self, store: SessionStore, record: Record, path: Path, workshop: Workshop,
                 restored: Restored) -> None:
        self.store = store
        self.path = path
        """The record file."""
        self.workshop = workshop
        self.journey: Journey = restored.journey
        self._record = record
        self._restored = restored
        self._fingerprint = _fingerprint(path)

    # -- what the UI reads -------------------------------------------------------------

    @property
    def id(self) -> str:
        """The session id (the record file's stem)."""
        return self._record.id

    @property
    def notes(self) -> str:
        """The player's free notes."""
        return self._record.notes

    @property
    def handle(self) -> str | None:
        """The participant handle in a group workshop."""
        return self._record.handle

    @property
    def room(self) -> str | None:
        """The room this session belongs to in a group workshop."""
        return self._record.room

    @property
    def created(self) -> str:
        """UTC ISO timestamp of the first save."""
        return self._record.created

    @property
    def updated(self) -> str:
        """UTC ISO timestamp of the last save."""
        return self._record.updated

    @property
    def finished(self) -> bool:
        """True once every scenario of the track has been played to its end."""
        journey = self.journey
        if journey.finished:
            return True
        done, total = journey.progress
        run = journey.run
        return done == total - 1 and run is not None and run.finished

    @property
    def resume_problems(self) -> list[str]:
        """What cannot be continued because the content changed since (empty when all can)."""
        return list(self._restored.problems)

    @property
    def restarted(self) -> str | None:
        """The scenario that has to start again after a content change, if any."""
        return self._restored.restarted

    @property
    def content_changes(self) -> list[str]:
        """Scenarios whose version differs from the one the player started (informational)."""
        changes = []
        for scenario_id, version in self._record.scenario_versions.items():
            scenario = self.workshop.scenarios.get(scenario_id)
            if scenario is not None and scenario.version != version:
                changes.append(f"scenario '{scenario_id}' changed since you played it "
                               f"(version {version} → {scenario.version})")
        return changes

    @property
    def reasons(self) -> dict[str, dict[str, str]]:
        """The player's reasons for choices: ``{scenario: {"scene/choice": text}}``."""
        return {k: dict(v) for k, v in self._record.reasons.items()}

    @property
    def record(self) -> Record:
        """The record as it would be written now."""
        record = self._record
        journey = self.journey.to_data()
        runs: dict[str, Any] = journey["runs"]
        superseded = list(record.superseded)
        # Runs that could not be restored after a content change stay in the record.
        for scenario_id, run_data in self._restored.orphans.items():
            if scenario_id not in runs:
                runs[scenario_id] = run_data
            elif run_data not in superseded:
                superseded.append(run_data)
        versions = dict(record.scenario_versions)
        for scenario_id in runs:
            scenario = self.workshop.scenarios.get(scenario_id)
            if scenario is not None:
                versions.setdefault(scenario_id, scenario.version)
        record.journey = journey
        record.track = self.journey.track.id
        record.scenario_versions = versions
        record.superseded = superseded
        record.status = FINISHED if self.finished else IN_PROGRESS
        return record

    # -- actions (each one saves) -------------------------------------------------------

    def _current_run(self) -> Run:
        run = self.journey.run
        if run is None:
            raise RecordError("the track is finished; there is nothing left to play",
                              path=self.path)
        return run

    def choose(self, choice_id: str) -> Step:
        """Take a choice in the current scenario and save.

        Raises:
            ChoiceError: the choice is not offered now.
            RecordError: the track is finished, or the record cannot be saved.
        """
        step = self._current_run().choose(choice_id)
        self.save()
        return step

    def answer(self, ask_id: str, value: Answer) -> None:
        """Answer the current scene's prompt (text, or a rating 1–5) and save.

        Raises:
            RecordError: a written answer is longer than ``ANSWER_MAX_CHARS`` (nothing saved).
        """
        if isinstance(value, str):
            check_length("Your answer", value, ANSWER_MAX_CHARS)
        run = self._current_run()
        run.answer(ask_id, value)
        self._keep_draft(run.scenario.id, ask_id, "")
        self.save()

    def skip(self, ask_id: str, draft: str = "") -> None:
        """Skip the current scene's prompt and save, keeping what was typed as a draft."""
        run = self._current_run()
        run.answer(ask_id, None)
        self._keep_draft(run.scenario.id, ask_id, draft)
        self.save()

    def answer_later(self, scenario_id: str, ask_id: str, value: Answer) -> None:
        """Answer a question skipped earlier (in any scenario played so far) and save.

        The answer is recorded as if it had been given in place; its draft is dropped.

        Raises:
            ChoiceError: that scenario was not played, or never asked that question.
            RecordError: a written answer is longer than ``ANSWER_MAX_CHARS`` (nothing saved).
        """
        if isinstance(value, str):
            check_length("Your answer", value, ANSWER_MAX_CHARS)
        run = self.journey.runs.get(scenario_id)
        if run is None:
            raise ChoiceError(f"scenario '{scenario_id}' has not been played")
        run.answer_later(ask_id, value)
        self._keep_draft(scenario_id, ask_id, "")
        self.save()

    def draft(self, ask_id: str, scenario_id: str | None = None) -> str:
        """The draft kept for a question ('' when there is none); the current scenario's by
        default."""
        if scenario_id is None:
            run = self.journey.run
            if run is None:
                return ""
            scenario_id = run.scenario.id
        return self._record.drafts.get(scenario_id, {}).get(ask_id, "")

    def set_draft(self, ask_id: str, text: str, scenario_id: str | None = None) -> None:
        """Keep what was typed for a question (the current scenario's by default), and save
        (only if it changed).

        Raises:
            RecordError: the draft is longer than ``ANSWER_MAX_CHARS`` (nothing saved).
        """
        check_length("Your answer", text, ANSWER_MAX_CHARS)
        if scenario_id is None:
            scenario_id = self._current_run().scenario.id
        if self._keep_draft(scenario_id, ask_id, text):
            self.save()

    def _keep_draft(self, scenario_id: str, ask_id: str, text: str) -> bool:
        """Put a draft in the record (''/blank removes it); True when that changed it."""
        drafts = self._record.drafts
        table = drafts.setdefault(scenario_id, {})
        before = table.get(ask_id, "")
        if text.strip():
            table[ask_id] = text
        else:
            table.pop(ask_id, None)
        if not table:
            drafts.pop(scenario_id, None)
        return before != table.get(ask_id, "")

    def advance(self) -> Scenario | None:
        """Move on to the next scenario of the track and save; returns it (None at the end)."""
        scenario = self.journey.advance()
        self.save()
        return scenario

    def undo(self) -> bool:
        """Take back the last choice (stepping back into the previous scenario when the
        current one has none yet) and save. Returns False when there is nothing to undo.

        Raises:
            ChoiceError: the content changed so the earlier path cannot be replayed.
        """
        if not self.journey.undo():
            return False
        self.save()
        return True

    @property
    def shared(self) -> set[str]:
        """Ask ids of text answers the participant shares, anonymously, with their room."""
        return set(self._record.shared)

    def share(self, ask_id: str, shared: bool = True) -> None:
        """Share (or stop sharing) a text answer anonymously with the room, and save."""
        chosen = set(self._record.shared)
        if shared:
            chosen.add(ask_id)
        else:
            chosen.discard(ask_id)
        self._record.shared = sorted(chosen)
        self.save()

    def set_notes(self, text: str) -> None:
        """Replace the player's free notes and save.

        Raises:
            RecordError: the notes are longer than ``NOTES_MAX_CHARS`` (nothing saved).
        """
        check_length("Your notes", text, NOTES_MAX_CHARS)
        self._record.notes = text
        self.save()

    def give_reason(self, text: str, *, scenario_id: str | None = None,
                    scene_id: str | None = None, choice_id: str | None = None) -> None:
        """Attach the player's reason to a choice they took (the latest one by default).

        Raises:
            RecordError: no choice has been taken yet, or the reason is longer than
                ``ANSWER_MAX_CHARS``.
        """
        check_length("Your reason", text, ANSWER_MAX_CHARS)
        if scenario_id is None or scene_id is None or choice_id is None:
            latest = self._latest_choice()
            if latest is None:
                raise RecordError("there is no choice to give a reason for yet", path=self.path)
            scenario_id, scene_id, choice_id = latest
        table = self._record.reasons.setdefault(scenario_id, {})
        key = f"{scene_id}/{choice_id}"
        if text.strip():
            table[key] = text
        else:
            table.pop(key, None)
        self.save()

    def _latest_choice(self) -> tuple[str, str, str] | None:
        order = list(self.journey.track.scenarios)
        for scenario_id in reversed(order[: self.journey.index + 1]):
            run = self.journey.runs.get(scenario_id)
            if run is not None and run.path:
                scene_id, choice_id = run.path[-1]
                return scenario_id, scene_id, choice_id
        return None

    def save(self) -> None:
        """Write the record atomically; never over a file that changed or broke meanwhile.

        Raises:
            RecordError: the file on disk was changed by something else since it was read
                (it is left as it is), or it cannot be written.
        """
        current = _fingerprint(self.path)
        if current is not None and current != self._fingerprint:
            try:
                read(self.path)
            except RecordError as error:
                raise RecordError(f"changed on disk and can no longer be read ({error.message})"
                                  "; your latest action was not saved over it",
                                  path=self.path) from None
            raise RecordError("was changed by another program since it was opened; your "
                              "latest action was not saved over it", path=self.path,
                              hint="open the session again")
        record = self.record
        record.updated = _iso(self.store.clock())
        try:
            write_atomic(self.path, dump(record))
        except OSError as error:
            raise RecordError(f"cannot be saved: {error.strerror or error}",
                              path=self.path) from None
        self._fingerprint = _fingerprint(self.path)
        self.store.saved(self.path)


@dataclass(frozen=True)
class SessionSummary:
    """One line of the history: a readable record, or a broken file and why."""

    id: str
    path: Path
    record: Record | None
    """None when the file cannot be read."""
    problem: str | None = None
    """Why the file cannot be read (None when it can)."""
    modified: float = 0.0
    """When a broken file was made: the time in its name, else its modification time."""

    @property
    def broken(self) -> bool:
        """True when the record cannot be read."""
        return self.record is None

    @property
    def sort_key(self) -> tuple[float, float]:
        """Newest first: the record's creation (then last save) time, or the file's time."""
        if self.record is not None:
            return _epoch(self.record.created), _epoch(self.record.updated)
        return self.modified, self.modified


class SessionStore:
    """A folder of session records, one TOML file each.

    Args:
        root: The folder (created on the first save).
        clock: The time source for timestamps and new ids (tests inject a fixed one).
        workshops: Workshops to open records with, besides the bundled ones and the content
            folder a record names.
    """

    def __init__(self, root: Path, *, clock: Clock | None = None,
                 workshops: Iterable[Workshop] = ()) -> None:
        self.root = Path(root)
        self.clock: Clock = clock or _utc_now
        self._workshops: dict[str, Workshop] = {w.id: w for w in workshops}

    @classmethod
    def default(cls, data_dir: Path | None = None, **kwargs: Any) -> SessionStore:
        """The store under the user's data folder (``--data-dir`` > ``WORKSHOP_HOME`` >
        the platform's data folder)."""
        return cls(records_dir(data_dir), **kwargs)

    def add_workshop(self, workshop: Workshop) -> None:
        """Make a workshop available for opening records played against it."""
        self._workshops[workshop.id] = workshop

    # -- finding files -------------------------------------------------------------

    def saved(self, path: Path) -> None:
        """Called after a session's record was written (a room store tells the room's
        listeners; a plain store has nobody to tell)."""

    def _files(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.iterdir()
                      if p.suffix == SUFFIX and not p.name.startswith(".")
                      and not p.name.endswith(TEMP_SUFFIX) and p.is_file())

    def locate(self, session_id: str) -> Path:
        """The file of a session: its id, a unique prefix of it, or a path to a record.

        Raises:
            RecordError: no such session, or the prefix matches several.
        """
        exact = self.root / f"{session_id}{SUFFIX}"
        if exact.is_file():
            return exact
        if session_id.endswith(SUFFIX) and Path(session_id).is_file():
            return Path(session_id)
        matches = [p for p in self._files() if p.stem.startswith(session_id)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            names = ", ".join(p.stem for p in matches[:4])
            raise RecordError(f"session '{session_id}' is ambiguous: it could be {names}",
                              path=self.root, hint="give more of the id")
        raise RecordError(f"no session '{session_id}'", path=self.root,
                          hint="run 'workshop history' to see the sessions")

    def read_record(self, session_id: str) -> Record:
        """Read a record without restoring it against content (for export and history).

        Raises:
            RecordError: not found, or the file cannot be read (it is left untouched).
        """
        return read(self.locate(session_id))

    # -- workshops -------------------------------------------------------------------

    def workshop_for(self, record: Record) -> Workshop:
        """The workshop a record was played with, as it is now.

        Raises:
            RecordError: the workshop cannot be found.
            ContentError: it is found but its content does not load.
        """
        from workshop.scenario import load_workshop

        known = self._workshops.get(record.workshop_id)
        if known is not None:
            return known
        candidates: list[Path] = []
        if record.content:
            candidates.append(Path(record.content))
        candidates.append(bundled_workshop_dir(record.workshop_id))
        for folder in candidates:
            if (folder / "workshop.toml").is_file() or folder.is_file():
                try:
                    workshop = load_workshop(folder)
                except UsageError:
                    continue
                if workshop.id == record.workshop_id:
                    self._workshops[workshop.id] = workshop
                    return workshop
        raise RecordError(f"was played with workshop '{record.workshop_id}', which cannot be "
                          f"found", path=self.root / f"{record.id}{SUFFIX}",
                          hint="pass --content PATH to the workshop's folder")

    # -- sessions ------------------------------------------------------------------------

    def create(self, workshop: Workshop, track_id: str | None = None, *,
               scenario_id: str | None = None, handle: str | None = None,
               room: str | PathLike[str] | None = None) -> Session:
        """Start a new session (a whole track, or one scenario) and save it at once.

        ``room`` is the room's code; a room folder is stored as its code (the folder's name),
        never as a path: TOML cannot hold a path object, and a record names no server path.

        Raises:
            UsageError: no such track or scenario in the workshop.
            RecordError: the folder cannot be written.
        """
        if scenario_id is not None:
            if scenario_id not in workshop.scenarios:
                raise UsageError(f"no scenario '{scenario_id}' in workshop '{workshop.id}'",
                                 hint="choose one of " + ", ".join(workshop.scenarios))
            journey = Journey.single(workshop, scenario_id)
        else:
            try:
                journey = Journey.start(workshop, track_id)
            except KeyError:
                tracks = ", ".join(t.id for t in workshop.tracks) or "none"
                raise UsageError(f"no track '{track_id}' in workshop '{workshop.id}'",
                                 hint=f"tracks: {tracks}") from None
        self._workshops.setdefault(workshop.id, workshop)
        moment = self.clock()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise RecordError(f"cannot create the records folder: {error.strerror or error}",
                              path=self.root) from None
        session_id = self._new_id(moment)
        content = None
        if workshop.root is not None:
            bundled = bundled_workshop_dir(workshop.id)
            if workshop.root.resolve() != bundled.resolve():
                content = str(workshop.root.resolve())
        stamp = _iso(moment)
        record = Record(
            id=session_id,
            workshop_id=workshop.id,
            workshop_version=workshop.version,
            workshop_title=workshop.title,
            content=content,
            created=stamp,
            updated=stamp,
            track=journey.track.id,
            journey=journey.to_data(),
            handle=handle,
            room=_room_code(room),
        )
        session = Session(self, record, self.root / f"{session_id}{SUFFIX}", workshop,
                          Restored(journey))
        session.save()
        return session

    def _new_id(self, moment: datetime) -> str:
        base = moment.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
        while True:
            candidate = f"{base}-{secrets.token_hex(2)}"
            if not (self.root / f"{candidate}{SUFFIX}").exists():
                return candidate

    def open(self, session_id: str, workshop: Workshop | None = None) -> Session:
        """Open a session by id (or unique prefix, or path) with its exact run state.

        Raises:
            RecordError: no such session, or its file cannot be read (left untouched).
            ContentError: the workshop it was played with does not load.
        """
        path = self.locate(session_id)
        return self._open_path(path, workshop)

    def _open_path(self, path: Path, workshop: Workshop | None = None) -> Session:
        record = read(path)
        if workshop is None or workshop.id != record.workshop_id:
            workshop = self.workshop_for(record)
        restored = restore(workshop, record.journey)
        return Session(self, record, path, workshop, restored)

    def summaries(self) -> list[SessionSummary]:
        """Every record in the folder, newest first; unreadable ones listed as broken."""
        summaries = []
        for path in self._files():
            try:
                modified = path.stat().st_mtime
            except OSError:
                modified = 0.0
            try:
                record = read(path)
            except RecordError as error:
                # A broken record sorts by the time in its name (when it has one) so it stays
                # where it was in the history, not at the top each time something touches it.
                summaries.append(SessionSummary(path.stem, path, None, _problem(error, path),
                                                _stamp_of(path.stem, modified)))
                continue
            summaries.append(SessionSummary(path.stem, path, record, None, modified))
        summaries.sort(key=lambda s: (s.sort_key, s.id), reverse=True)
        return summaries

    def latest(self, workshop_id: str | None = None, *,
               unfinished: bool = False) -> SessionSummary | None:
        """The newest readable record (of a workshop; unfinished only if asked)."""
        for summary in self.summaries():
            record = summary.record
            if record is None:
                continue
            if workshop_id is not None and record.workshop_id != workshop_id:
                continue
            if unfinished and record.finished:
                continue
            return summary
        return None

    def latest_unfinished(self, workshop_id: str | None = None, *,
                          tracks_first: bool = False) -> Session | None:
        """The most recently started unfinished session, opened (None when there is none).

        Args:
            workshop_id: Only sessions of this workshop (None: of any).
            tracks_first: The latest unfinished whole track, if any, before any session of
                a single scenario (a detour played from the palette or home).

        Raises:
            ContentError, RecordError: its workshop cannot be loaded.
        """
        candidates = [s for s in self.summaries() if s.record is not None
                      and not s.record.finished
                      and (workshop_id is None or s.record.workshop_id == workshop_id)]
        if not candidates:
            return None

        def newest(summary: SessionSummary) -> tuple[bool, float]:
            record = summary.record
            if record is None:
                return False, 0.0
            # A single scenario's journey has the track id "scenario:ID" (Journey.single).
            track = tracks_first and not record.track.startswith("scenario:")
            return track, _epoch(record.updated)

        candidates.sort(key=newest, reverse=True)
        return self._open_path(candidates[0].path)


def _room_code(room: str | PathLike[str] | None) -> str | None:
    if room is None or isinstance(room, str):
        return room
    return Path(room).name


def _stamp_of(stem: str, default: float) -> float:
    try:
        return datetime.strptime(stem[:15], "%Y%m%d-%H%M%S").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return default


def _problem(error: RecordError, path: Path) -> str:
    text = error.message
    if error.place:
        text = f"line {error.place}: {text}"
    return text


__all__ = ["Session", "SessionStore", "SessionSummary"]
