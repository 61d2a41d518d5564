"""The command line: parses arguments, builds services, hands them to a shell.

Each group of commands lives in its own module with a ``register(subparsers)`` function
(collected by :mod:`workshop.cli.parser`); a handler returns the exit code. User errors
(:class:`~workshop.errors.WorkshopError`) are printed as one line on stderr, never as a
traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from workshop.errors import WorkshopError
from workshop.text import terminal_safe

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    from workshop.cli.parser import build_parser as build

    return build()


def _arguments(arguments: list[str]) -> Any:
    """The parsed arguments; ``workshop`` alone opens home without building any parser."""
    if not arguments:
        from types import SimpleNamespace

        return SimpleNamespace()  # The home handler reads each option with None as default.
    from workshop.cli.parser import build_parser as build
    from workshop.cli.parser import home_args

    args = home_args(arguments)
    return build().parse_args(arguments) if args is None else args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = _arguments(arguments)
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
        # Errors quote files (titles, names, values): nothing in them may steer the terminal.
        print(f"workshop: {terminal_safe(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("workshop: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
