"""The end of a track in plain mode: the reflection, written out as text.

The Textual app draws the reflection as a plot and bars; here it is read top to bottom (often
aloud), so every number also comes with the axis's own words, and the evidence is the player's
choices quoted back, as in the app.
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


def _quoted(text: str) -> str:
    """The player's words in quotes, ending the sentence once (not “Done.”.)."""
    text = text.strip()
    return f"“{text}”" if text[-1:] in ".!?" else f"“{text}”."


def _quote(item: Any) -> str:
    """One piece of evidence in the player's words."""
    where = f"In *{item.scenario_title}*"
    if item.kind == "choice":
        line = f"{where}, you chose “{item.label}”."
    elif item.kind == "rating":
        scale = f" (1 = {item.low}, 5 = {item.high})" if item.low or item.high else ""
        line = f"{where}, to “{item.label}” you answered {item.value} of 5{scale}."
    else:
        line = f"{where}, to “{item.label}” you wrote: {_quoted(str(item.value))}"
    if item.reason:
        line += f" Your reason: {_quoted(item.reason)}"
    if item.note:
        line += f" {item.note}"
    return f"- {line}"


def _markdown(reflection: Any) -> str:
    content = reflection.content
    label = content.label
    situation = reflection.situation
    profile = reflection.profile
    parts: list[str] = [f"**{situation.title}**", situation.summary, situation.text.strip()]
    if reflection.thin:
        parts.append("_Few of your decisions spoke to the axes, so this is a tentative "
                     "reading._")
    lines = [f"**{label('where', 'Where you stand')}**", "",
             f"- {label('doing', 'Doing the staff work')}: {_signed(profile.doing)}",
             f"- {label('wanting', 'Wanting the staff job')}: {_signed(profile.wanting)}"]
    if profile.stated_want is not None:
        lines.append(f"- How much you said you want the job: {profile.stated_want} of 5")
    for reading in profile.axes:
        if reading.score is None:
            continue
        words = f" — {reading.reading}" if reading.reading else ""
        lines.append(f"- {reading.axis.label}: {reading.score:+.2f}{words}")
    parts.append("\n".join(lines))
    if reflection.key_evidence:
        parts.append("\n".join([f"**{label('evidence', 'What weighed most')}**", "",
                                *(_quote(e) for e in reflection.key_evidence)]))
    if reflection.against:
        parts.append("\n".join([f"**{label('against', 'What pulls the other way')}**", "",
                                *(_quote(e) for e in reflection.against)]))
    answers = [e for e in reflection.answers if e.value]
    if answers:
        parts.append("\n".join([f"**{label('answers', 'In your own words')}**", "",
                                *(_quote(e) for e in answers)]))
    parts.append(_next_steps(reflection.next_steps, label))
    if reflection.comparison is not None:
        parts.append(_comparison(reflection.comparison))
    return "\n\n".join(p for p in parts if p.strip())


def _next_steps(steps: Any, label: Any) -> str:
    lines = [f"**{label('next', 'Next steps')}**", ""]
    for days, items in (("30", steps.days30), ("60", steps.days60), ("90", steps.days90)):
        lines += [f"- In {days} days: {item}" for item in items]
    if steps.own:
        lines.append(f"- A cross-team problem to own: {steps.own}")
    if steps.artifact:
        lines.append(f"- An artifact to write: {steps.artifact}")
    if steps.manager_question:
        lines.append(f"- A question for your manager: {steps.manager_question}")
    return "\n".join(lines) if len(lines) > 2 else ""


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
