"""The end of a track in plain mode: the reflection, written out as text.

The Textual app draws the reflection as a plot and bars; here it is read top to bottom (often
aloud): the same mirror as the app (:mod:`workshop.export.mirror`: tensions with their
evidence, the want ratings side by side, telling choices, own words, next steps), then every
reading in numbers, each with the axis's own words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop.errors import WorkshopError
from workshop.plain.prompts import Option, Prompter
from workshop.plain.render import Renderer

DONE = "\x00done"


def show_reflection(session: Any, store: Any, out: Renderer) -> None:
    """Print the reflection on a finished session (``workshop.reflection.reflect``)."""
    out.blank()
    out.heading("Reflection")
    out.markdown(reflection_markdown(session, store))


def offer_export(session: Any, store: Any, prompter: Prompter, out: Renderer,
                 folder: Path | None = None) -> None:
    """Offer to write the notes (Markdown, or an HTML page) into ``folder`` (default: the
    current folder), as ``workshop export ID -o FOLDER`` would."""
    from workshop.export import FORMATS, render
    from workshop.record import write_atomic

    folder = Path.cwd() if folder is None else folder
    stem = f"{session.workshop.id}-{session.id}"
    options = [
        Option(f"Save my notes as Markdown: {stem}.md", "md", key="1"),
        Option(f"Save them as a web page with charts: {stem}.html", "html", key="2"),
        Option("Done", DONE, key="d"),
    ]
    while True:
        out.blank()
        picked = prompter.select(f"Keep your notes? (into {folder})", options)
        if picked == DONE:
            return
        target = folder / f"{stem}{FORMATS[picked].suffix}"
        try:
            text = render(session, picked, history=_history(session, store))
            write_atomic(target, text.encode("utf-8"))
        except WorkshopError as error:
            out.error(f"Cannot export: {error}")
        except OSError as error:
            out.error(f"{target}: cannot write the export: {error.strerror or error}")
        else:
            out.note(f"Written: {target}")


def _history(session: Any, store: Any) -> list[Any]:
    """The player's other readable records of the same workshop (for the comparison)."""
    try:
        summaries = store.summaries()
    except (OSError, WorkshopError):
        return []
    return [s.record for s in summaries
            if s.record is not None and s.id != session.id
            and s.record.workshop_id == session.workshop.id]


def reflection_markdown(session: Any, store: Any) -> str:
    """The reflection as Markdown; a plain account of the path when the workshop has no
    reflection content (a small custom workshop, for instance)."""
    from workshop.reflection import reflect

    try:
        reflection = reflect(session, session.workshop, _history(session, store))
    except WorkshopError as error:
        return (f"_No reflection for this workshop ({error.message}). Here is the path you "
                f"took._\n\n{path_markdown(session)}")
    return _markdown(reflection)


def _signed(value: float | None) -> str:
    if value is None:
        return "no reading"
    return f"{value:+.2f} on a scale from −1 to +1"


def _markdown(reflection: Any) -> str:
    # The mirror first (tensions, the want ratings side by side, telling choices, own words,
    # next steps), then every reading in numbers and words, read top to bottom.
    from workshop.export.mirror import mirror_sections

    label = reflection.content.label
    profile = reflection.profile
    parts = [text for _, text in mirror_sections(reflection)]
    lines = [f"**{label('where', 'Where you stand')}**", "",
             f"- {label('doing', 'Doing')}: {_signed(profile.doing)}",
             f"- {label('wanting', 'Wanting')}: {_signed(profile.wanting)}"]
    for reading in profile.axes:
        if reading.score is None:
            continue
        words = f" — {reading.reading}" if reading.reading else ""
        lines.append(f"- {reading.axis.label}: {reading.score:+.2f}{words}")
    parts.append("\n".join(lines))
    if reflection.comparison is not None:
        parts.append(_comparison(reflection.comparison))
    return "\n\n".join(p for p in parts if p.strip())


def _comparison(comparison: Any) -> str:
    lines = ["**Since last time**", "",
             f"- Last session ({comparison.previous_date}): "
             f"{comparison.previous_situation.title}"]
    for move in (*comparison.groups, *comparison.moved):
        if move.before is None and move.now is None:
            continue
        before = "no reading" if move.before is None else f"{move.before:+.2f}"
        now = "no reading" if move.now is None else f"{move.now:+.2f}"
        lines.append(f"- {move.label}: {before} then, {now} now")
    return "\n".join(lines)


def path_markdown(session: Any) -> str:
    """What the player chose and answered, scenario by scenario."""
    workshop = session.workshop
    lines: list[str] = []
    for scenario_id in session.journey.track.scenarios:
        run = session.journey.runs.get(scenario_id)
        if run is None:
            continue
        scenario = workshop.scenarios[scenario_id]
        lines += [f"**{scenario.title}**", ""]
        for scene_id, choice_id in run.path:
            scene = scenario.scenes.get(scene_id)
            choice = next((c for c in scene.choices if c.id == choice_id), None) if scene else None
            if choice is not None:
                lines.append(f"- You chose: {run.interpolate(choice.label)}")
        for ask_id, value in run.answers.items():
            try:
                _, _, ask = workshop.ask(ask_id)
            except KeyError:
                continue
            shown = f"{value} of 5" if ask.kind == "rating" else f"“{value}”"
            lines.append(f"- {ask.question} {shown}")
        lines.append("")
    return "\n".join(lines).strip()
