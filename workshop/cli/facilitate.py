"""Commands for running a room: ``workshop facilitate CODE``, ``workshop project CODE`` and
``workshop room export``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workshop.errors import UsageError

FACILITATE_HELP = "the facilitator's dashboard for a room: pacing, reveal, timer, broadcast"
PROJECT_HELP = "the projector view of a room: join line, revealed charts, shown answers, timer"
EXPORT_HELP = "export a room's anonymous summary (Markdown, an HTML debrief, CSV or JSON)"


def _room_arguments(parser: argparse.ArgumentParser, *, host_default: str) -> None:
    """CODE, --data-dir, --host and --port: what the dashboard and the projector both take."""
    parser.add_argument("code", metavar="CODE", help="the room code ('workshop room list')")
    parser.add_argument("--data-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                        help="where rooms are kept (default: WORKSHOP_HOME or the platform's "
                        "data folder)")
    parser.add_argument("--host", metavar="NAME",
                        help="the host name participants type, for the join command shown "
                        f"(default: {host_default})")
    parser.add_argument("--port", type=int, default=2222,
                        help="the port 'workshop serve' listens on (default: 2222)")


def register(sub: Any) -> None:
    """Add ``facilitate``, and ``export`` under ``room`` (added by workshop.cli.rooms)."""
    p = sub.add_parser(
        "facilitate", help=FACILITATE_HELP,
        description="Open the facilitator's dashboard for a room: the join command in large "
        "type, who is in and how far each step got, the current step's counts, and the keys "
        "that hold or release the room, reveal a decision, run a timer, broadcast a line, "
        "lock joining, remove a participant and export the room. See docs/facilitating.md.",
    )
    _room_arguments(p, host_default="this machine's name")
    p.set_defaults(handler=cmd_facilitate)

    pr = sub.add_parser(
        "project", help=PROJECT_HELP,
        description="Open the projector view of a room, full screen, to put on a wall or "
        "share on a call: the join command, the current step and its questions, the charts "
        "of the decisions the facilitator revealed, the shared answers the facilitator chose "
        "to show, the timer and the broadcast line. It never shows a handle, a count not "
        "revealed, or an answer not shown. Reads the room's published state: run it beside "
        "'workshop serve'. The dashboard's p key opens the same view. See "
        "docs/facilitating.md.",
    )
    _room_arguments(pr, host_default="the line the server published, else this machine's "
                    "name")
    pr.set_defaults(handler=cmd_project)

    # `room` belongs to workshop.cli.rooms; its sub-command list is reached through argparse
    # so that module needs no change to gain `room export`.
    room = sub.choices.get("room")
    actions = [a for a in getattr(room, "_actions", [])
               if isinstance(a, argparse._SubParsersAction)]
    if not actions:
        return
    export = actions[0].add_parser(
        "export", help=EXPORT_HELP,
        description="Export a room at any moment, even while it runs: a Markdown summary with "
        "the room's charts and the discussion questions, or the anonymous counts as CSV or "
        "JSON. Never a handle, and no free-text answer unless its author shared it. Every "
        "count says what it is out of (the people in the room; people the facilitator "
        "removed are left out unless --include-removed).",
    )
    export.add_argument("code", metavar="CODE", help="the room code")
    export.add_argument("--format", "-f", choices=("md", "csv", "json", "html"), default="md",
                        help="md (default), csv, json, or html (a one-page debrief with "
                        "inline SVG charts, ready for slides)")
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write to this file ('-' or none: print to standard output)")
    export.add_argument("--include-removed", action="store_true",
                        help="count the people the facilitator removed too (default: they "
                        "leave every count, as on the dashboard; the export says how many)")
    export.add_argument("--data-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                        help="where rooms are kept")
    export.set_defaults(handler=cmd_room_export)


def cmd_facilitate(args: argparse.Namespace) -> int:
    """``workshop facilitate``."""
    from workshop.tui.dashboard import DashboardOptions, make_dashboard

    if not 0 < args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port number", hint="use 1-65535")
    app = make_dashboard(DashboardOptions(args.code, getattr(args, "data_dir", None),
                                          args.host, args.port))
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the dashboard needs a terminal",
                         hint="for a file, use 'workshop room export CODE'")
    app.run()
    return 0


def cmd_project(args: argparse.Namespace) -> int:
    """``workshop project``."""
    from workshop.tui.projector import ProjectorOptions, make_projector

    if not 0 < args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port number", hint="use 1-65535")
    app = make_projector(ProjectorOptions(args.code, getattr(args, "data_dir", None),
                                          args.host, args.port))
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the projector view needs a terminal",
                         hint="for a file, use 'workshop room export CODE --format html'")
    app.run()
    return 0


def cmd_room_export(args: argparse.Namespace) -> int:
    """``workshop room export``."""
    from workshop.rooms import open_room
    from workshop.rooms.export import export_room

    room = open_room(args.code, getattr(args, "data_dir", None))
    text = export_room(room, args.format, include_removed=args.include_removed)
    # "-" is standard output, as for `workshop export`: never a file named "-".
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot be written: {error.strerror or error}",
                         path=args.output) from None
    print(f"Wrote {args.output}", file=sys.stderr)
    return 0
