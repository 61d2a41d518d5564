"""Commands for facilitators: create a room, list rooms."""

from __future__ import annotations

import argparse
import socket
from pathlib import Path
from typing import Any

from workshop.errors import UsageError
from workshop.rooms import Room, create_room, list_rooms
from workshop.rooms.names import printable
from workshop.rooms.room import new_passcode
from workshop.scenario import load_workshop
from workshop.text import terminal_safe


def register(sub: Any) -> None:
    """Add ``workshop room create`` and ``workshop room list``."""
    room = sub.add_parser(
        "room", help="create and list group-workshop rooms",
        description="A room is a group workshop: participants join it over SSH with "
        "'ssh -p 2222 HANDLE@HOST' once 'workshop serve --room CODE' runs (or from a "
        "browser, with 'workshop serve --room CODE --web PORT').",
    )
    rsub = room.add_subparsers(dest="room_command", metavar="ACTION", parser_class=type(room))
    create = rsub.add_parser(
        "create", help="create a room and print its code and join command",
        description="Create a room: prints its code, the line participants type to join, and "
        "the command that starts the server.",
    )
    create.add_argument("title", metavar="TITLE", help="the room's title, e.g. 'Staff path, May'")
    create.add_argument("--track", help="the track the room plays (e.g. quick or full; "
                        "default: the workshop's first track)")
    lock = create.add_mutually_exclusive_group(required=True)
    lock.add_argument("--passcode", metavar="CODE",
                      help="participants type this when they join (at least 6 characters; "
                      "stored only as a hash)")
    lock.add_argument("--generate-passcode", action="store_true",
                      help="make a strong passcode, print it once (only its hash is kept)")
    lock.add_argument("--open", action="store_true",
                      help="no passcode: anyone who can reach the server may join")
    create.add_argument("--named", action="store_true",
                        help="the facilitator sees who is done by handle (default: counts only)")
    create.add_argument("--content", type=Path, metavar="PATH",
                        help="a workshop folder to play (default: the bundled workshop)")
    create.add_argument("--data-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                        help="where rooms are kept (default: WORKSHOP_HOME or the platform's "
                        "data folder)")
    create.add_argument("--host", default=None,
                        help="the host name participants use, for the printed join line "
                        "(default: this machine's name)")
    create.add_argument("--port", type=int, default=2222,
                        help="the port the server will listen on (default: 2222)")
    create.add_argument("--web-port", type=int, metavar="PORT",
                        help="the port the browser join will listen on (serve --web PORT): "
                        "prints the browser link beside the ssh line")
    create.set_defaults(handler=cmd_create)

    listing = rsub.add_parser("list", help="list the rooms and how many have joined each",
                              description="List the rooms under the data folder, newest first.")
    listing.add_argument("--data-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                         help="where rooms are kept")
    listing.set_defaults(handler=cmd_list)
    room.set_defaults(handler=lambda args: _usage(room))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _data_dir_flag(args: argparse.Namespace) -> str:
    data_dir = getattr(args, "data_dir", None)
    return f" --data-dir {data_dir}" if data_dir else ""


def cmd_create(args: argparse.Namespace) -> int:
    """``workshop room create``."""
    if args.passcode is not None and not args.passcode.strip():
        raise UsageError("the passcode is empty", hint="give one, or use --generate-passcode")
    passcode = new_passcode() if args.generate_passcode else args.passcode
    if args.content is not None and not args.content.exists():
        raise UsageError("no such file or folder", path=args.content,
                         hint="give a workshop folder")
    workshop = load_workshop(args.content)
    room = create_room(args.title, workshop=workshop, track=args.track,
                       passcode=passcode, anonymous=not args.named,
                       data_dir=getattr(args, "data_dir", None), content=args.content)
    if args.web_port is not None and not 0 < args.web_port <= 65535:
        raise UsageError(f"--web-port {args.web_port} is not a port number", hint="use 1-65535")
    host = args.host or socket.gethostname() or "HOST"
    port = "" if args.port == 22 else f"-p {args.port} "
    track = workshop.track(room.settings.track)
    print(terminal_safe(f"Room {room.code} created: {room.settings.title}"))
    print(terminal_safe(f"  workshop: {workshop.title}, {track.title} "
                        f"({len(track.scenarios)} scenarios)"))
    if args.generate_passcode:
        print(f"  passcode: {passcode}   (shown only now: note it; only its hash is kept)")
    else:
        print(f"  passcode: {'yes' if room.has_passcode else 'none (open room)'}")
    print(f"  folder:   {room.path}")
    print()
    print("Start the server (the facilitator):")
    web = f" --web {args.web_port}" if args.web_port is not None else ""
    print(f"  workshop serve --room {room.code}{_data_dir_flag(args)} --host 0.0.0.0 "
          f"--port {args.port}{web}")
    print("Watch and pace the room (the facilitator's dashboard, on the same machine):")
    print(f"  workshop facilitate {room.code}{_data_dir_flag(args)}")
    print("Participants join with (HANDLE: a name of their choice):")
    print(f"  ssh {port}HANDLE@{host}")
    print("and take their notes home with:")
    print(f"  ssh {port}HANDLE@{host} export > notes.md")
    if args.web_port is not None:
        link = f"http://{host}/" if args.web_port == 80 else f"http://{host}:{args.web_port}/"
        print("or, without ssh, in a browser (the notes are a link on the page):")
        print(f"  {link}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """``workshop room list``."""
    rooms = list_rooms(getattr(args, "data_dir", None))
    if not rooms:
        print("No rooms yet: create one with 'workshop room create TITLE --open'.")
        return 0
    print(f"{'CODE':<8} {'CREATED':<21} {'TRACK':<8} {'PASS':<5} {'JOINED':>6}  TITLE")
    for room in rooms:
        if not isinstance(room, Room):
            print(f"{'?':<8} broken: {terminal_safe(str(room))}")
            continue
        s = room.settings
        print(f"{s.code:<8} {s.created:<21} {printable(s.track, 8):<8} "
              f"{'yes' if room.has_passcode else 'no':<5} {len(room.handles()):>6}  "
              f"{printable(s.title, 60)}")
    return 0
