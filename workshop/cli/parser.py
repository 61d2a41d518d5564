"""The argument parser: every command module's sub-commands, and usage errors as one line.

Built only when the command line names a command or an option: ``workshop`` alone (the home
screen, what most people type) starts without importing argparse at all.
"""

from __future__ import annotations

import argparse
import importlib

from workshop import __version__

COMMAND_MODULES = ("authoring", "records", "player", "rooms", "serve", "facilitate")
"""Modules under ``workshop.cli`` that add sub-commands (missing ones are skipped)."""


class Parser(argparse.ArgumentParser):
    """argparse, with usage errors as one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = Parser(
        prog="workshop",
        description="Staff Path Workshop: branching scenarios about the jump from senior to "
        "staff engineer, a reflection on whether you want the job, and notes to keep. "
        "With no command, opens the workshop's home screen.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
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


def home_args(argv: list[str]) -> argparse.Namespace | None:
    """The arguments when they name no command (the home screen), parsed without importing
    every command module: the home screen is what most people open, and each import shows in
    its start-up time. None when a command, help or an unknown option is given."""
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return None
    try:
        from workshop.cli import player
    except ImportError:
        return None
    parser = Parser(prog="workshop", add_help=False)
    player.register_root(parser)
    args, rest = parser.parse_known_args(argv)
    return None if rest else args
