"""Commands for authors: validate, graph, explore, schema."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from workshop.errors import ContentError, UsageError
from workshop.scenario import check_path, stats
from workshop.scenario.diagnostics import Diagnostic
from workshop.scenario.source import SourceFile
from workshop.text import terminal_safe


def register(sub: Any) -> None:
    """Add the authoring commands."""
    p = sub.add_parser(
        "validate",
        help="check scenario files and report problems as PATH:LINE: message",
        description="Load and check workshop content. With no PATH, checks the bundled "
        "workshop. A lone scenario file is checked against the axes of the workshop.toml "
        "beside it (or up to two folders above). Valid content gets each track's computed "
        "minutes (200 words a minute, 20 s a choice or rating, 90 s a written answer), and a "
        "warning (W010) where a minutes figure is more than 15% away. Exit status: 0 valid, "
        "1 invalid content, 2 usage error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="a workshop folder, a workshop.toml, a scenario file, or a folder of "
                   "scenario files")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="output format (default: text)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(handler=cmd_validate)

    # graph, explore and schema live in their own module to keep this one small.
    from workshop.cli import authoring_tools

    authoring_tools.register(sub)


def _sort_key(d: Diagnostic) -> tuple[str, int]:
    return (str(d.path or ""), d.lineno)


def _keypath(message: str) -> tuple[str | int, ...]:
    """``key 'situations[1].when.doing' must …`` → ``("situations", 1, "when", "doing")``."""
    found = re.match(r"key '([^']+)'", message)
    if found is None:
        return ()
    path: list[str | int] = []
    for part in found.group(1).split("."):
        name, *indexes = part.split("[")
        path.append(name)
        path += [int(index.rstrip("]")) for index in indexes if index.rstrip("]").isdigit()]
    return tuple(path)


def _reflection_diagnostics(workshop: Any) -> list[Diagnostic]:
    """A workshop's own ``reflection.toml``, checked too (E020): otherwise a mistake in it
    shows only at the end of a playthrough, as a reflection that cannot be shown."""
    from workshop.reflection.content import FILE_NAME, load_content_file

    path = workshop.root / FILE_NAME if workshop.root is not None else None
    if path is None or not path.is_file():
        return []
    try:
        load_content_file(path)
    except ContentError as error:
        text = path.read_text(encoding="utf-8", errors="replace")
        at_line = re.search(r"at line (\d+)", error.message)
        keypath = _keypath(error.message)
        return [Diagnostic(
            "E020", error.message, SourceFile(path, text), keypath=keypath,
            line=int(at_line.group(1)) if at_line else (None if keypath else 1),
            hint=error.hint or "")]
    return []


def _timing(workshop: Any, estimates: list[dict[str, Any]]) -> list[Diagnostic]:
    """A valid workshop's computed minutes: added to ``estimates``, and W010 where a figure
    in its files is more than 15% off (see :mod:`workshop.authoring.timing`)."""
    from workshop.authoring import timing

    computed = timing.estimate(workshop)
    for kind, table in (("track", computed.tracks), ("scenario", computed.scenarios)):
        for est in table.values():
            estimates.append({"kind": kind, "workshop": workshop.id, "id": est.id,
                              "minutes": round(est.minutes, 1), "rounded": est.rounded,
                              "declared": est.declared})
    return timing.diagnostics(workshop, computed)


def _estimate_lines(estimates: list[dict[str, Any]]) -> list[str]:
    """``track 'quick': about 38 minutes (the manifest says 18)`` for each track; scenario
    files without a manifest have no tracks, so each scenario gets its line instead."""
    lines = []
    for entry in estimates:
        if entry["kind"] == "track" and entry["id"] == "all":
            continue
        by_track = any(e["kind"] == "track" and e["id"] != "all" and
                       e["workshop"] == entry["workshop"] for e in estimates)
        if (entry["kind"] == "track") != by_track:
            continue
        said = f" (the {'manifest' if by_track else 'file'} says {entry['declared']})" \
            if entry["declared"] else ""
        # The whole minutes W010 names, not a second rounding of the one-decimal figure
        # (37.45 -> 37.5 -> 38 would contradict a warning that says 37).
        rounded = entry["rounded"]
        lines.append(f"{entry['kind']} '{entry['id']}': about {rounded} "
                     f"minute{'' if rounded == 1 else 's'}{said}")
    return lines


def cmd_validate(args: argparse.Namespace) -> int:
    """``workshop validate``."""
    paths: list[Path | None] = [Path(p) for p in args.paths] or [None]
    diagnostics: list[Diagnostic] = []
    estimates: list[dict[str, Any]] = []
    totals = {"scenarios": 0, "scenes": 0, "choices": 0, "endings": 0}
    for path in paths:
        if path is not None and not path.exists():
            raise UsageError("no such file or folder", path=path,
                             hint="give a workshop folder, a workshop.toml or a scenario file")
        result = check_path(path)
        diagnostics += result.diagnostics
        if result.workshop is not None and result.ok:
            # Timing plays every path: only content that loads can be played.
            diagnostics += _timing(result.workshop, estimates)
        if result.workshop is not None:
            diagnostics += _reflection_diagnostics(result.workshop)
            counts = stats(result.workshop)
            for key in totals:
                totals[key] += getattr(counts, key)
    diagnostics.sort(key=_sort_key)
    errors = [d for d in diagnostics if d.severity == "error"]
    warnings = [d for d in diagnostics if d.severity == "warning"]
    failed = bool(errors) or (args.strict and bool(warnings))
    if args.format == "json":
        print(json.dumps({
            "valid": not failed,
            "errors": [d.to_json() for d in errors],
            "warnings": [d.to_json() for d in warnings],
            "stats": totals,
            "estimates": estimates,
        }, indent=2))
        return 1 if failed else 0
    for diagnostic in diagnostics:
        # Diagnostics quote the files they are about: one clean line each.
        print(terminal_safe(diagnostic.format()))
    for line in _estimate_lines(estimates):
        print(terminal_safe(line))
    console = Console(stderr=False, highlight=False)
    summary = (f"{totals['scenarios']} scenarios, {totals['scenes']} scenes, "
              f"{totals['choices']} choices, {totals['endings']} endings")
    verdict = "[red]invalid[/]" if failed else "[green]valid[/]"
    console.print(
        f"{verdict}: {summary}; {len(errors)} error(s), {len(warnings)} warning(s)",
        soft_wrap=True,
    )
    sys.stdout.flush()
    return 1 if failed else 0
