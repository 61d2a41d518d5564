"""The command line: parses arguments, builds services, hands them to a shell.

Each group of commands lives in its own module with a ``register(subparsers)`` function; a
handler returns the exit code. User errors (:class:`~workshop.errors.WorkshopError`) are printed
as one line on stderr, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from workshop import __version__
from workshop.errors import WorkshopError

COMMAND_MODULES = ("authoring", "records", "player", "rooms", "serve", "facilitate")
"""Modules under ``workshop.cli`` that add sub-commands (missing ones are skipped)."""


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors as one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = _Parser(
        prog="workshop",
        description="Staff Path Workshop: branching scenarios about the jump from senior to "
        "staff engineer, a reflection on whether you want the job, and notes to keep. "
        "With no command, opens the workshop's home screen.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"workshop.cli.{name}")
        except ModuleNotFoundError as error:
            if error.name == f"workshop.cli.{name}":
                continue
            raise
        module.register(sub)
        # A module may also add options to the top-level parser (e.g. `workshop --theme`).
        register_root = getattr(module, "register_root", None)
        if register_root is not None:
            register_root(parser)
    return parser


def _home_args(argv: list[str]) -> argparse.Namespace | None:
    """The arguments when they name no command (the home screen), parsed without importing
    every command module: the home screen is what most people open, and each import shows in
    its start-up time. None when a command, help or an unknown option is given."""
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return None
    try:
        from workshop.cli import player
    except ImportError:
        return None
    parser = _Parser(prog="workshop", add_help=False)
    player.register_root(parser)
    args, rest = parser.parse_known_args(argv)
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = _home_args(arguments)
    if args is None:
        parser = build_parser()
        args = parser.parse_args(arguments)
    handler = getattr(args, "handler", None)
    if handler is None:
        try:
            from workshop.cli.player import default_handler
        except ImportError:
            build_parser().print_help()
            return 0
        handler = default_handler
    try:
        return int(handler(args))
    except WorkshopError as error:
        print(f"workshop: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("workshop: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
