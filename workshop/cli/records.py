"""Commands over saved sessions: ``workshop history`` and ``workshop export``."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from workshop.errors import RecordError, WorkshopError
from workshop.export import FORMATS, render
from workshop.record import Record, Session, SessionStore, write_atomic
from workshop.text import SafeRenderable, terminal_safe

HISTORY_HELP = "list your sessions, newest first, with where each one landed"
EXPORT_HELP = "export a session as Markdown notes, a self-contained HTML page, JSON or TOML"


def _add_common(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS keeps a value given before the command (`workshop --data-dir D history`).
    parser.add_argument("--data-dir", metavar="DIR", type=Path, default=argparse.SUPPRESS,
                        help="where session records are kept (default: $WORKSHOP_HOME or the "
                        "platform's data folder)")
    parser.add_argument("--content", metavar="PATH", type=Path, default=argparse.SUPPRESS,
                        help="the workshop folder sessions were played from, if not bundled")


def _capital(text: str) -> str:
    """A one-line ``help`` (lower case) made the start of a description's sentence."""
    return text[:1].upper() + text[1:]


def register(sub: Any) -> None:
    """Add ``history`` and ``export``."""
    history = sub.add_parser("history", help=HISTORY_HELP, description=_capital(HISTORY_HELP) +
                             ". Records that cannot be read are listed as broken, with the "
                             "reason, and are never changed.")
    _add_common(history)
    history.set_defaults(handler=cmd_history)

    export = sub.add_parser(
        "export", help=EXPORT_HELP,
        description=_capital(EXPORT_HELP) + ". Writes to standard output unless -o is given. The "
        "Markdown has a part to share with your manager and a private part; --shareable "
        "leaves the private part out.")
    export.add_argument("session", nargs="?", metavar="SESSION",
                        help="a session id or a unique start of one (see 'workshop history'); "
                        "default: the latest session")
    export.add_argument("--format", "-f", choices=tuple(FORMATS), default="md",
                        help="md (default), html, json or toml")
    export.add_argument("-o", "--output", metavar="FILE", type=Path,
                        help="write to FILE (or into FILE if it is a folder) instead of "
                        "standard output; '-' is standard output")
    export.add_argument("--shareable", action="store_true",
                        help="only the part meant for your manager: no reasons, answers or "
                        "notes")
    _add_common(export)
    export.set_defaults(handler=cmd_export)


def _store(args: argparse.Namespace) -> SessionStore:
    store = SessionStore.default(getattr(args, "data_dir", None))
    content = getattr(args, "content", None)
    if content is not None:
        from workshop.scenario import load_workshop

        store.add_workshop(load_workshop(content))
    return store


def _when(stamp: str) -> str:
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    return moment.strftime("%Y-%m-%d %H:%M")


def _placed(store: SessionStore, record: Record, history: list[Record]) -> Text:
    from workshop.reflection import reflect

    try:
        workshop = store.workshop_for(record)
        reflection = reflect(record, workshop, content=None)
    except WorkshopError as error:
        return Text(f"cannot reflect: {terminal_safe(error.message)}", style="yellow")
    title = terminal_safe(reflection.situation.title)
    if not record.finished and reflection.thin:
        return Text("too early to say", style="dim")
    if not record.finished:
        return Text(f"{title} (so far)", style="dim")
    return Text(title)


def _track(store: SessionStore, record: Record) -> Text:
    from workshop.play.history import track_label

    try:
        workshop = store.workshop_for(record)
    except WorkshopError:
        workshop = None  # the label falls back on the ids the record holds
    return Text(terminal_safe(track_label(record.track, workshop)), style="dim")


def cmd_history(args: argparse.Namespace) -> int:
    """``workshop history``."""
    store = _store(args)
    summaries = store.summaries()
    console = Console(highlight=False)
    if not summaries:
        console.print(f"No sessions yet in {store.root}. Start one with 'workshop'.")
        return 0
    readable = [s.record for s in summaries if s.record is not None]
    # Cells are Text, not markup: a record's track or file name is shown as it is.
    # Light rules, not a full grid, and the track under the session's id rather than in a
    # column of its own: at 80 columns a fifth column squeezed the track to "scenario:…".
    table = Table(title=Text(f"Sessions in {store.root}"), title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Started", no_wrap=True)
    # "fold", not the default ellipsis: a long word wraps instead of being cut.
    table.add_column("Session and track", overflow="fold")
    table.add_column("Progress", justify="right")
    table.add_column("Where you landed")
    for summary in summaries:
        record = summary.record
        if record is None:
            stamp = datetime.fromtimestamp(summary.modified).strftime("%Y-%m-%d %H:%M")
            table.add_row(stamp, Text(terminal_safe(summary.id)),
                          Text("broken", style="bold red"),
                          Text(terminal_safe(summary.problem or ""), style="red"))
            continue
        done, total = record.progress
        progress = f"{done}/{total}" + (" ✓" if record.finished else "")
        session = Text(terminal_safe(record.id)) + Text("\n") + _track(store, record)
        table.add_row(_when(record.created), session, progress,
                      _placed(store, record, readable))
    # Everything in the table came from record files: no escape sequence reaches the terminal.
    console.print(SafeRenderable(table))
    if any(s.broken for s in summaries):
        console.print("Broken records are left exactly as they are; new sessions start beside "
                      "them.", style="dim")
    return 0


def _open(store: SessionStore, session_id: str | None) -> Session:
    if session_id:
        return store.open(session_id)
    latest = store.latest()
    if latest is None:
        broken = [s for s in store.summaries() if s.broken]
        hint = "play one with 'workshop'"
        if broken:
            hint = f"{len(broken)} record(s) there cannot be read; see 'workshop history'"
        raise RecordError("no sessions to export yet", path=store.root, hint=hint)
    return store.open(latest.id)


def _target(output: Path, session: Session, fmt: str, shareable: bool) -> Path:
    if output.is_dir():
        part = "-shareable" if shareable else ""
        return output / f"{session.workshop.id}-{session.id}{part}{FORMATS[fmt].suffix}"
    return output


def cmd_export(args: argparse.Namespace) -> int:
    """``workshop export``."""
    store = _store(args)
    session = _open(store, args.session)
    history = [s.record for s in store.summaries()
               if s.record is not None and s.record.id != session.id]
    text = render(session, args.format, shareable=args.shareable, history=history)
    # "-" is standard output, as for most tools: never a file named "-".
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    target = _target(args.output, session, args.format, args.shareable)
    if target.suffix == ".toml" and target.resolve().parent == store.root.resolve():
        raise WorkshopError("will not write an export over the session records",
                            path=target, hint="choose a file outside the records folder")
    folder = target.parent
    if not folder.is_dir():
        problem = "it is not a folder" if folder.exists() else "no such folder"
        raise WorkshopError(f"cannot write the export: {problem}", path=folder)
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as error:
        raise WorkshopError(f"cannot write the export: {error.strerror or error}",
                            path=target) from None
    print(target)
    return 0
