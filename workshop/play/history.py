"""Past sessions as menu entries, and writing a session's notes to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop.play.context import PlayContext


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
        items.append((summary.id, f"{when}  {title}", f"{record.track} track · {state} · "
                      f"{summary.id}"))
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
