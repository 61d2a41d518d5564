"""Past sessions as menu entries, and writing a session's notes to a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.play.context import PlayContext

if TYPE_CHECKING:
    from workshop.scenario.model import Workshop

SCENARIO_TRACK = "scenario:"
"""How a record names a session on one scenario: ``scenario:<scenario id>``."""


def track_label(track_id: str, workshop: Workshop | None = None) -> str:
    """What a session's track is called, in words a player reads.

    A record names a one-scenario session ``scenario:<id>``: shown as it is, that id is long
    and has no space to wrap at, so a narrow table cut it to "scenario:…". This says "one
    scenario: <title>" instead (the id when the workshop or the scenario is gone), and a
    track's title for a track.

    Args:
        track_id: The record's track (a track id or ``scenario:<id>``).
        workshop: The workshop the session was played with, when it can be loaded.
    """
    if track_id.startswith(SCENARIO_TRACK):
        scenario_id = track_id[len(SCENARIO_TRACK):]
        scenario = workshop.scenarios.get(scenario_id) if workshop else None
        return f"one scenario: {scenario.title if scenario else scenario_id}"
    track = next((t for t in workshop.tracks if t.id == track_id), None) if workshop else None
    return track.title if track else f"{track_id} track"


def history_items(summaries: list[Any]) -> list[tuple[str, str, str]]:
    """(id, title, detail) for each readable past session, newest first.

    Broken records are listed too (their problem as the detail), so the player knows they
    exist; opening one reports the problem instead of overwriting the file.
    """
    items: list[tuple[str, str, str]] = []
    for summary in summaries:
        record = summary.record
        if record is None:
            items.append((summary.id, f"{summary.id} (cannot be read)", summary.problem or ""))
            continue
        done, total = record.progress
        state = "finished" if record.finished else f"{done} of {total} scenarios done"
        when = record.updated.replace("T", " ").rstrip("Z")[:16]
        title = record.workshop_title or record.workshop_id
        items.append((summary.id, f"{when}  {title}", f"{track_label(record.track)} · "
                      f"{state} · {summary.id}"))
    return items


def exports_dir(context: PlayContext) -> Path:
    """Where exported notes are written: ``exports/`` beside the session records."""
    return context.folders.exports


def export_notes(context: PlayContext, session_id: str) -> tuple[Path, str]:
    """Render a session's notes as Markdown and write them; returns the file and the text.

    Raises:
        WorkshopError: the session cannot be read, or the file cannot be written.
    """
    from workshop.errors import RecordError
    from workshop.export import render
    from workshop.record import write_atomic

    session: Any
    if context.store is None:
        # Watching files: the session lives in memory only, and its notes can still be kept.
        session = context.session
        if session is None or session.id != session_id:
            raise RecordError("nothing is saved while watching files, so there is nothing "
                              "to export")
        name = f"{context.workshop.id}-watch.md"
    else:
        session = context.store.open(session_id, context.workshop)
        name = f"{session.id}.md"
    text = render(session, "md")
    path = exports_dir(context) / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    except OSError as error:
        raise RecordError(f"cannot write the notes: {error.strerror or error}",
                          path=path) from None
    return path, text
