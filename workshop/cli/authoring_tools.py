"""``workshop graph``, ``workshop explore`` and ``workshop schema``: thin shells over
:mod:`workshop.authoring`. Registered by :mod:`workshop.cli.authoring`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from workshop.authoring import dot, explore, mermaid, report, schema, tree
from workshop.authoring.content import InvalidContent, find_scenario, load_valid
from workshop.errors import UsageError
from workshop.text import SafeRenderable, terminal_safe


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None


def register(sub: Any) -> None:
    """Add graph, explore and schema."""
    p = sub.add_parser(
        "graph",
        help="draw a scenario's shape: a tree, Mermaid or Graphviz DOT",
        description="Draw one scenario: its scenes, choices and where they lead, with "
        "endings, conditions, once-only and sticky choices, fallbacks and detours marked "
        "(a legend explains the symbols). Exit status: 0 drawn, 1 the scenario has errors "
        "(they are printed), 2 usage error (unknown scenario, bad path).",
    )
    p.add_argument("target", metavar="SCENARIO_OR_PATH",
                   help="a scenario file, or a scenario id of the workshop (--workshop)")
    p.add_argument("--format", choices=("tree", "mermaid", "dot"), default="tree",
                   help="tree (terminal, default), mermaid (renders on GitHub) or dot "
                   "(Graphviz)")
    p.add_argument("--workshop", metavar="PATH", default=None,
                   help="the workshop to find a scenario id in (default: the bundled one)")
    p.set_defaults(handler=cmd_graph)

    p = sub.add_parser(
        "explore",
        help="play every path headlessly and report coverage",
        description="Play the scenarios without a player: every path when the scenario is "
        "small enough, else seeded random playthroughs. Reports scenes and endings reached, "
        "choices never taken, the shortest and longest paths, and runs that ran out of "
        "choices or got stuck in a loop. Exit status: 0 (problems are warnings), 1 invalid "
        "content, or with --strict an unreached scene or a stuck run; 2 usage error.",
    )
    p.add_argument("path", nargs="?", metavar="PATH",
                   help="a workshop folder, a workshop.toml or a scenario file (default: the "
                   "bundled workshop)")
    p.add_argument("--random", type=_positive, metavar="N", default=None,
                   help="play N seeded random playthroughs per scenario instead of every path")
    p.add_argument("--seed", type=_whole, metavar="S", default=0,
                   help="seed of the random playthroughs (default: 0)")
    p.add_argument("--max-paths", type=_positive, metavar="M", default=explore.MAX_STATES,
                   help="distinct play states the search over every path may visit before it "
                   f"falls back to {explore.RUNS} random runs (default: {explore.MAX_STATES})")
    p.add_argument("--max-steps", type=_positive, metavar="K", default=None,
                   help="choices one random run may take before it counts as stuck in a loop "
                   f"(default: {explore.MAX_STEPS}, or ten per scene in longer scenarios)")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="output format (default: text)")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when a scene or ending is never reached or a run gets stuck")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   dest="assignments",
                   help="start every scenario with this workshop-level variable (format 1.1) "
                   "at VALUE, as if an earlier scenario had set it (repeatable; default: the "
                   "values declared in workshop.toml)")
    p.add_argument("--policies", action="store_true",
                   help="instead of coverage, play each scenario with fixed policies (always "
                   "the first choice, always the last, a detour first when offered) and "
                   "report which ending each reaches and whether one policy reaches the "
                   "staff-leaning ending of every scenario; with --strict, exit 1 if one does")
    p.set_defaults(handler=cmd_explore)

    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of scenario or workshop files (for editors)",
        description="Print the JSON Schema (draft 2020-12) of scenario files or of "
        "workshop.toml, so editors with a TOML language server (Taplo, Even Better TOML) "
        "complete and check keys. The same files ship in the package under "
        "workshop/schema/.",
    )
    p.add_argument("--kind", choices=schema.KINDS, default="scenario",
                   help="scenario (default) or workshop (the manifest)")
    p.add_argument("-o", "--output", metavar="FILE", default=None,
                   help="write to FILE instead of printing ('-' prints)")
    p.set_defaults(handler=cmd_schema)


def _print_errors(error: InvalidContent) -> int:
    for diagnostic in error.diagnostics:
        print(terminal_safe(diagnostic.format()), file=sys.stderr)
    print(f"workshop: {len(error.diagnostics)} error(s); fix them and try again",
          file=sys.stderr)
    return 1


def cmd_graph(args: argparse.Namespace) -> int:
    """``workshop graph``."""
    try:
        # `workshop --content PATH graph ID` works too: the top-level option names a workshop.
        scenario = find_scenario(args.target, args.workshop or getattr(args, "content", None))
    except InvalidContent as error:
        return _print_errors(error)
    if args.format == "mermaid":
        # Titles and labels come from the scenario file: nothing in them steers the terminal.
        sys.stdout.write(terminal_safe(mermaid.render(scenario), multiline=True))
    elif args.format == "dot":
        sys.stdout.write(terminal_safe(dot.render(scenario), multiline=True))
    else:
        Console(highlight=False).print(SafeRenderable(tree.render(scenario)))
    return 0


def cmd_explore(args: argparse.Namespace) -> int:
    """``workshop explore``."""
    try:
        workshop = load_valid(args.path or getattr(args, "content", None))
    except InvalidContent as error:
        return _print_errors(error)
    if args.policies:
        return _policies(workshop, args)
    carried = explore.starting_values(workshop, args.assignments)
    result = explore.explore_workshop(
        workshop, runs=args.random, seed=args.seed, max_states=args.max_paths,
        max_steps=args.max_steps, carried=carried,
    )
    failed = args.strict and result.problems > 0
    if args.format == "json":
        print(json.dumps({**result.to_json(), "ok": not failed}, indent=2))
    else:
        Console(highlight=False).print(SafeRenderable(report.render(result)))
    return 1 if failed else 0


def _policies(workshop: Any, args: argparse.Namespace) -> int:
    """``workshop explore --policies``."""
    from workshop.authoring import policies

    found = policies.report(workshop)
    failed = args.strict and bool(found.dominant)
    if args.format == "json":
        print(json.dumps({**found.to_json(), "ok": not failed}, indent=2))
    else:
        sys.stdout.write(terminal_safe(policies.render(found), multiline=True))
    return 1 if failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    """``workshop schema``."""
    text = schema.text(args.kind)
    # "-" is standard output, as for `workshop export`: never a file named "-".
    if args.output is None or args.output == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.output).expanduser()
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write the schema: {error.strerror or error}",
                         path=target) from error
    print(f"wrote {target}", file=sys.stderr)
    return 0
