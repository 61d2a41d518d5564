"""The explore report drawn with Rich: one table row per scenario, then what needs a look."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from workshop.authoring.explore import Playthrough, Report, ScenarioReport


def _ratio(done: int, total: int) -> Text:
    style = "green" if done == total else "yellow"
    return Text(f"{done}/{total}", style)


def _length(play: Playthrough | None, loops: bool = False) -> str:
    if play is None:
        return "–"
    return f"{play.scenes}{'+' if loops else ''}"


def _mode(r: ScenarioReport) -> str:
    if r.mode == "random":
        return f"{r.runs} random"
    return "every path"


def _path(play: Playthrough) -> str:
    """The choice ids of a path; a long one keeps its start and end (JSON has it all)."""
    choices = list(play.choices)
    if not choices:
        return "(at the start)"
    if len(choices) > 12:
        choices = [*choices[:8], f"… {len(choices) - 11} more …", *choices[-3:]]
    return " → ".join(choices)


def _names(names: list[str], limit: int = 20) -> str:
    if len(names) <= limit:
        return ", ".join(names)
    return ", ".join(names[:limit]) + f" and {len(names) - limit} more (see --format json)"


def details(r: ScenarioReport) -> list[Text]:
    """Lines naming what was not covered, and how to reproduce each stuck run."""
    lines: list[Text] = []

    def add(style: str, label: str, body: str) -> None:
        lines.append(Text.assemble(("  " + label, style), " ", body))

    if r.unreached_endings:
        add("red", "endings never reached:", _names(r.unreached_endings))
    others = [s for s in r.unreached_scenes if s not in r.unreached_endings]
    if others:
        add("red", "scenes never reached:", _names(others))
    if r.never_taken:
        add("yellow", "choices never taken:", _names(r.never_taken))
    for f in r.exhausted[:10]:
        add("red", f"ran out of choices in '{f.scene}'", f"({f.count}×), e.g. {_path(f.example)}")
    if len(r.exhausted) > 10:
        add("red", "…", f"and {len(r.exhausted) - 10} more scenes where runs ran out")
    for f in r.looping[:10]:
        what = "no way to an end from" if r.mode == "exhaustive" else "hit the step cap in"
        add("red", f"{what} '{f.scene}'", f"({f.count}×), e.g. {_path(f.example)}")
    if len(r.looping) > 10:
        add("red", "…", f"and {len(r.looping) - 10} more scenes where runs got stuck")
    if r.gave_up:
        add("yellow", "note:", f"more than {r.states} play states; played {r.runs} random "
            "runs instead (raise --max-paths to search every path)")
    return lines


def render(report: Report) -> RenderableType:
    """The report: a coverage table, the details under it, and a totals line."""
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False, collapse_padding=True,
                  caption="min, max: path length in scenes, start to end", caption_justify="left")
    table.add_column("scenario", no_wrap=True)
    table.add_column("paths", no_wrap=True)
    table.add_column("scenes", justify="right")
    table.add_column("endings", justify="right")
    table.add_column("untaken", justify="right")
    table.add_column("min", justify="right")
    table.add_column("max", justify="right")
    table.add_column("stuck", justify="right")
    for column in table.columns:
        column.min_width = len(str(column.header))  # headers never shrink to "endin…"
    for r in report.scenarios:
        stuck = sum(f.count for f in r.exhausted) + sum(f.count for f in r.looping)
        table.add_row(
            r.scenario,
            _mode(r),
            _ratio(len(r.scenes) - len(r.unreached_scenes), len(r.scenes)),
            _ratio(len(r.endings) - len(r.unreached_endings), len(r.endings)),
            Text(str(len(r.never_taken)), "yellow" if r.never_taken else "green"),
            _length(r.shortest),
            _length(r.longest, r.can_loop),
            Text(str(stuck), "red" if stuck else "green"),
        )
    parts: list[RenderableType] = [table]
    for r in report.scenarios:
        lines = details(r)
        if lines:
            parts.append(Text(r.scenario, "bold"))
            parts.extend(lines)
    t = report.totals()
    parts.append(Text(
        f"{t['scenarios']} scenarios: {t['scenes_reached']}/{t['scenes']} scenes and "
        f"{t['endings_reached']}/{t['endings']} endings reached, "
        f"{t['choices_never_taken']} choices never taken, "
        f"{t['exhausted']} runs out of choices, {t['looping']} stuck in a loop",
    ))
    if any(r.can_loop for r in report.scenarios):
        parts.append(Text("longest N+: a player can also go round a loop; N counts the "
                          "longest path that does not", "dim"))
    return Group(*parts)
