"""Regression from the QA pass: every command's --help reads as sentences."""

from __future__ import annotations

import argparse

from workshop.cli import build_parser

Parsers = dict[str, argparse.ArgumentParser]


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> Parsers:
    found: Parsers = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[f"{prefix}{name}"] = sub
                found.update(_commands(sub, f"{prefix}{name} "))
    return found


def test_every_command_description_starts_with_a_capital_and_ends_a_sentence() -> None:
    """`workshop play --help` (and every other command's) opens with "Play the workshop: …"
    as a sentence, like `workshop validate --help`, not a lower-case fragment."""
    commands = _commands(build_parser())
    assert {"play", "resume", "history", "export", "validate", "room create"} <= set(commands)
    for name, parser in commands.items():
        description = parser.description or ""
        assert description[:1].isupper(), f"workshop {name} --help: {description!r}"
        assert description.rstrip().endswith((".", ")")), f"workshop {name} --help"
