"""``workshop serve`` (the room's SSH server) and ``workshop ssh-session`` (the same
participant session behind the system's OpenSSH server)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from workshop.errors import UsageError
from workshop.paths import data_dir as resolve_data_dir


def register(sub: Any) -> None:
    """Add ``serve`` and ``ssh-session``."""
    p = sub.add_parser(
        "serve", help="run a room's SSH server: participants join with 'ssh -p PORT HANDLE@HOST' "
        "(or a browser, with --web PORT)",
        description="Serve a room over SSH. Each participant gets their own workshop session "
        "on their own terminal; 'ssh -p PORT HANDLE@HOST export > notes.md' prints their "
        "notes. Nothing else is offered: no shell, no commands, no file transfer, no "
        "forwarding. Prints the host key fingerprint at start; ctrl+c stops it, every "
        "session saved. See docs/deploy.md.",
    )
    p.add_argument("--room", required=True, metavar="CODE", help="the room code "
                   "('workshop room create' prints it)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only; "
                   "0.0.0.0 for the network)")
    p.add_argument("--port", type=int, default=2222, help="port to listen on (default: 2222)")
    p.add_argument("--data-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                   help="where rooms and the host key are kept (default: WORKSHOP_HOME or the "
                   "platform's data folder)")
    p.add_argument("--max-sessions", type=int, default=100, metavar="N",
                   help="participants connected at once (default: 100)")
    p.add_argument("--public-host", metavar="NAME",
                   help="the host name participants type, for the messages they read")
    p.add_argument("--idle-timeout", type=float, default=1800, metavar="SECONDS",
                   help="close a session after this long without a key press (default: 1800)")
    p.add_argument("--handshake-timeout", type=float, default=10, metavar="SECONDS",
                   help="close a connection that has not sent its SSH user name after this "
                   "long (default: 10)")
    p.add_argument("--session-timeout", type=float, default=10, metavar="SECONDS",
                   help="close a logged-in connection that has not opened a session after "
                   "this long (default: 10)")
    p.add_argument("--session-memory", type=int, default=200, metavar="MB",
                   help="memory one participant's session may use; over it, that session is "
                   "saved and closed with a note (default: 200)")
    p.add_argument("--facilitator-key", type=Path, metavar="FILE",
                   help="public keys (one per line) that may connect as 'facilitator' to get "
                   "the dashboard: ssh -p PORT facilitator@HOST (see docs/facilitating.md)")
    web = p.add_argument_group(
        "browser join", "Serve the same sessions to a browser too: participants open "
        "http://HOST:PORT/, type a handle (and the passcode), and play in the page; a cookie "
        "ties the handle to that browser as a key does over SSH. See docs/deploy.md.")
    web.add_argument("--web", type=int, metavar="PORT", dest="web_port",
                     help="also serve the room to browsers on this port (0: any free port)")
    web.add_argument("--no-ssh", action="store_true",
                     help="browsers only: do not listen for SSH (needs --web)")
    web.add_argument("--tls-cert", type=Path, metavar="FILE",
                     help="serve the browser join over HTTPS with this PEM certificate "
                     "(chain); needs --tls-key")
    web.add_argument("--tls-key", type=Path, metavar="FILE",
                     help="the certificate's PEM private key")
    web.add_argument("--web-origin", action="append", default=[], metavar="ORIGIN",
                     help="a page origin allowed to open sessions besides the site's own, "
                     "e.g. https://workshop.example.org behind a reverse proxy (repeatable)")
    web.add_argument("--web-host", action="append", default=[], metavar="NAME",
                     help="a host name the browser join answers to besides its own (the "
                     "--public-url's, the --host's, the machine's name); any other name in a "
                     "request's Host header is refused, against DNS rebinding (repeatable)")
    web.add_argument("--public-url", metavar="URL",
                     help="the browser link to print, e.g. https://workshop.example.org/ "
                     "behind a reverse proxy")
    p.set_defaults(handler=cmd_serve)

    s = sub.add_parser(
        "ssh-session",
        help="a participant's session, for sshd's ForceCommand (see docs/deploy.md)",
        description="Run one participant's room session on this terminal, as the system's "
        "OpenSSH server's ForceCommand. The handle is --handle or the login name. "
        "SSH_ORIGINAL_COMMAND may be empty (play) or 'export' (print the notes); anything "
        "else is refused.",
    )
    s.add_argument("--room", required=True, metavar="CODE", help="the room code")
    s.add_argument("--handle", help="the participant's handle (default: the login name)")
    s.add_argument("--data-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                   help="where rooms are kept")
    s.set_defaults(handler=cmd_ssh_session)


def _check_port(port: int) -> None:
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port} is not a port number", hint="use 1-65535")


def cmd_serve(args: argparse.Namespace) -> int:
    """``workshop serve``."""
    from workshop.rooms import open_room
    from workshop.ssh import hostkey
    from workshop.ssh.limits import Limits
    from workshop.ssh.options import ServeOptions
    from workshop.ssh.server import run

    _check_port(args.port)
    if args.max_sessions < 1:
        raise UsageError(f"--max-sessions {args.max_sessions} is below 1")
    for flag in ("idle_timeout", "handshake_timeout", "session_timeout"):
        if getattr(args, flag) <= 0:
            raise UsageError(f"--{flag.replace('_', '-')} must be above 0")
    if args.session_memory < 1:
        raise UsageError(f"--session-memory {args.session_memory} is below 1 (MB)")
    web = _web_options(args)
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    room = open_room(args.room, data_dir)
    room.workshop()  # fail now, in one line, if the content no longer loads
    key = hostkey.load_or_create(hostkey.host_key_path(data_dir))
    options = ServeOptions(room=room, data_dir=data_dir, host=args.host, port=args.port,
                           max_sessions=args.max_sessions, public_host=args.public_host,
                           idle_timeout=args.idle_timeout,
                           session_memory_mb=args.session_memory,
                           facilitator_keys=_facilitator_keys(args.facilitator_key),
                           limits=Limits(handshake_timeout=args.handshake_timeout,
                                         session_timeout=args.session_timeout),
                           web=web, ssh=not args.no_ssh)
    try:
        return run(options, key)
    except OSError as error:
        where = f"{args.host}:{args.port}" if not args.no_ssh else f"{args.host}:{args.web_port}"
        if web is not None and not args.no_ssh:
            where += f" or {args.host}:{args.web_port}"
        raise UsageError(f"cannot listen on {where}: {error.strerror or error}",
                         hint="pick another --port or --web, or stop what uses it") from None


def _web_options(args: argparse.Namespace) -> Any:
    """The browser join's options from ``--web`` and its companions (None without it)."""
    if args.web_port is None:
        for flag in ("no_ssh", "tls_cert", "tls_key", "web_origin", "web_host", "public_url"):
            if getattr(args, flag):
                raise UsageError(f"--{flag.replace('_', '-')} needs --web PORT",
                                 hint="add --web 8080, for example")
        return None
    if not 0 <= args.web_port <= 65535:
        raise UsageError(f"--web {args.web_port} is not a port number", hint="use 1-65535")
    if not args.no_ssh and args.web_port == args.port != 0:
        raise UsageError(f"--web {args.web_port} is the SSH --port too",
                         hint="give them different ports")
    from workshop.web.options import WebOptions, load_tls

    if (args.tls_cert is None) != (args.tls_key is None):
        raise UsageError("--tls-cert and --tls-key go together", hint="give both, or neither")
    context = None
    if args.tls_cert is not None:
        for path in (args.tls_cert, args.tls_key):
            if not path.is_file():
                raise UsageError("no such file", path=path, hint="give a PEM file")
        import ssl

        try:
            context = load_tls(str(args.tls_cert), str(args.tls_key))
        except (OSError, ssl.SSLError) as error:
            raise UsageError(f"cannot be used as a certificate and key: "
                             f"{getattr(error, 'reason', None) or error}", path=args.tls_cert,
                             hint="give a PEM certificate and its PEM private key") from None
    for origin in args.web_origin:
        if not origin.startswith(("http://", "https://")) or origin.count("/") != 2:
            raise UsageError(f"--web-origin {origin!r} is not an origin",
                             hint="scheme and host only, e.g. https://workshop.example.org")
    from workshop.web.hosts import valid_name

    for name in args.web_host:
        if not valid_name(name):
            raise UsageError(f"--web-host {name!r} is not a host name",
                             hint="a name or an address only, e.g. workshop.example.org")
    return WebOptions(port=args.web_port, host=args.host, ssl_context=context,
                      origins=frozenset(args.web_origin), public_url=args.public_url,
                      hosts=frozenset(args.web_host))


def _facilitator_keys(path: Path | None) -> frozenset[str]:
    if path is None:
        return frozenset()
    from workshop.ssh.facilitator import load_keys

    return load_keys(path)


def cmd_ssh_session(args: argparse.Namespace) -> int:
    """``workshop ssh-session``: what sshd's ForceCommand runs for a participant."""
    from workshop.rooms import normalize_handle, open_room, read_participant
    from workshop.ssh.participant import run_participant
    from workshop.ssh.terminal import validate_term

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    room = open_room(args.room, data_dir)
    handle = normalize_handle(args.handle or os.environ.get("USER")
                              or os.environ.get("LOGNAME") or "")
    command = os.environ.get("SSH_ORIGINAL_COMMAND", "").strip()
    if command == "export":
        session = read_participant(room, handle)
        try:
            from workshop.export import render  # type: ignore[attr-defined,unused-ignore]
        except ImportError:
            sys.stdout.write(f"# Notes of {handle}\n\n{session.notes}\n")
            return 0
        sys.stdout.write(render(session, "md"))
        return 0
    if command:
        print("This workshop runs no commands; the only one it accepts is 'export'.",
              file=sys.stderr)
        return 2
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("This workshop is interactive: connect from a terminal (try 'ssh -t').",
              file=sys.stderr)
        return 1
    # Textual would take COLUMNS/LINES over the real window size; TERM comes from the client.
    for name in ("COLUMNS", "LINES"):
        os.environ.pop(name, None)
    os.environ["TERM"] = validate_term(os.environ.get("TERM"))
    _home_in_room(room.path, handle)
    return run_participant(room.path, handle, data_dir=data_dir, log_path=room.log_path)


def _home_in_room(room_dir: Path, handle: str) -> None:
    """Point a participant's settings and caches inside the room, as ``serve`` does.

    The account sshd runs the forced command as is the facilitator's: its own folders
    (records, settings, caches) are no participant's to read or write (issue 12).
    """
    import contextlib

    from workshop.rooms.participants import participant_home
    from workshop.ssh.facilitator import FACILITATOR

    if handle == FACILITATOR:
        return
    home = participant_home(room_dir, handle)
    with contextlib.suppress(OSError):
        home.mkdir(parents=True, exist_ok=True)
    for name in ("HOME", "WORKSHOP_HOME", "WORKSHOP_CONFIG", "XDG_CONFIG_HOME"):
        os.environ[name] = str(home)
