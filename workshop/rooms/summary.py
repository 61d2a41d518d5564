"""The room's published aggregates, read against the content: decisions, ratings, progress.

The dashboard, the participant's reveal panel and the exports all read the same published
aggregates (``aggregates.json``, see :mod:`workshop.rooms.aggregates`) through these helpers,
so what a facilitator sees, what a participant is shown and what an export says agree. Labels
come from the content; counts come from the aggregates; nothing here reads a participant's
record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workshop.engine.run import interpolate
from workshop.scenario.model import Scenario, Workshop


@dataclass(frozen=True)
class Bar:
    """One option of a decision (or one rating value) and how many picked it."""

    key: str
    """The choice id (or the rating as text)."""
    label: str
    count: int


@dataclass(frozen=True)
class Decision:
    """How the room chose at one scene of a scenario."""

    scenario_id: str
    scene_id: str
    title: str
    """The scene's title (its id when it has none)."""
    bars: tuple[Bar, ...]
    note: str = ""
    """The content's discussion note for facilitators (never shown to participants)."""
    scenario_title: str = ""
    """The scenario's title, so a reveal seen later still says which question it answers."""
    base: int = 0
    """People in the room (removed people left out): the base the total is out of."""

    @property
    def total(self) -> int:
        """How many people chose here (each counted once, with their latest choice)."""
        return sum(bar.count for bar in self.bars)

    @property
    def question(self) -> str:
        """What the decision is, in words a participant recognises later:
        "Scenario · scene"."""
        return f"{self.scenario_title} · {self.title}" if self.scenario_title else self.title


@dataclass(frozen=True)
class Rating:
    """The room's distribution of a 1–5 self-rating."""

    scenario_id: str
    ask_id: str
    question: str
    low: str
    high: str
    bars: tuple[Bar, ...]
    """Always five bars, for 1 to 5."""

    @property
    def total(self) -> int:
        """How many gave a rating."""
        return sum(bar.count for bar in self.bars)

    @property
    def mean(self) -> float | None:
        """The mean rating (None when nobody rated yet)."""
        if not self.total:
            return None
        return sum(int(bar.key) * bar.count for bar in self.bars) / self.total


@dataclass(frozen=True)
class Step:
    """One scenario of the room's track: where the room is in it and how it chose."""

    index: int
    scenario_id: str
    title: str
    done: int = 0
    """Participants who finished it."""
    here: int = 0
    """Participants playing it now."""
    done_by: tuple[str, ...] = ()
    """Handles who finished it (named rooms only)."""
    decisions: tuple[Decision, ...] = ()
    ratings: tuple[Rating, ...] = ()
    notes: tuple[tuple[str, str], ...] = field(default=())
    """(scene title, discussion note) for every scene of the scenario that has one."""


def _scenario_entry(aggregates: dict[str, Any] | None, scenario_id: str) -> dict[str, Any]:
    if not aggregates:
        return {}
    for entry in aggregates.get("scenarios", []):
        if isinstance(entry, dict) and entry.get("id") == scenario_id:
            return entry
    return {}


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def decision(aggregates: dict[str, Any] | None, scenario: Scenario, scene_id: str) -> Decision:
    """How the room chose at one scene (every choice of the scene listed, in content order)."""
    scene = scenario.scenes[scene_id]
    counts = _scenario_entry(aggregates, scenario.id).get("choices", {}).get(scene_id, {})
    counts = counts if isinstance(counts, dict) else {}
    bars = [Bar(choice.id, interpolate(choice.label, scenario.variables),
                _count(counts.get(choice.id))) for choice in scene.choices]
    base = _count(aggregates.get("participants")) if aggregates else 0
    return Decision(scenario.id, scene_id, scene.title or scene_id, tuple(bars),
                    scene.facilitator, scenario.title, base)


def rating(aggregates: dict[str, Any] | None, scenario: Scenario, ask_id: str) -> Rating:
    """The room's ratings for one rating prompt of a scenario."""
    ask = next(a for a in scenario.asks if a.id == ask_id)
    counts = _scenario_entry(aggregates, scenario.id).get("ratings", {}).get(ask_id, {})
    counts = counts if isinstance(counts, dict) else {}
    bars = tuple(Bar(str(n), str(n), _count(counts.get(str(n)))) for n in range(1, 6))
    return Rating(scenario.id, ask_id, ask.question, ask.low, ask.high, bars)


def step(aggregates: dict[str, Any] | None, workshop: Workshop, track: tuple[str, ...],
         index: int) -> Step:
    """Everything about one step of the track (decisions with choices, ratings, notes)."""
    scenario = workshop.scenarios[track[index]]
    entry = _scenario_entry(aggregates, scenario.id)
    decisions = tuple(decision(aggregates, scenario, scene.id)
                      for scene in scenario.scenes.values() if len(scene.choices) > 1)
    ratings = tuple(rating(aggregates, scenario, ask.id)
                    for ask in scenario.asks if ask.kind == "rating")
    notes = tuple((scene.title or scene.id, scene.facilitator)
                  for scene in scenario.scenes.values() if scene.facilitator)
    done_by = entry.get("done_by", [])
    return Step(index, scenario.id, scenario.title, _count(entry.get("done")),
                _count(entry.get("here")),
                tuple(h for h in done_by if isinstance(h, str)) if isinstance(done_by, list)
                else (), decisions, ratings, notes)


def steps(aggregates: dict[str, Any] | None, workshop: Workshop,
          track: tuple[str, ...]) -> list[Step]:
    """Every step of the track, in order."""
    return [step(aggregates, workshop, track, i) for i in range(len(track))]


def participants(aggregates: dict[str, Any] | None) -> tuple[int, int]:
    """(participants with a record, participants who finished the track)."""
    if not aggregates:
        return 0, 0
    return _count(aggregates.get("participants")), _count(aggregates.get("finished"))


BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(count: int, most: int, width: int) -> str:
    """A horizontal bar of ``count`` against ``most``, ``width`` cells at full length.

    Eighth-blocks make small rooms readable: 1 of 7 is not rounded away to nothing.
    """
    if most <= 0 or count <= 0 or width <= 0:
        return ""
    eighths = max(1, round(count / most * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (BLOCKS[part] if part else "")


def chart_lines(bars: tuple[Bar, ...], *, width: int = 30, label_width: int = 34) -> list[str]:
    """A text bar chart, one line per bar: label, bar, count and share."""
    total = sum(b.count for b in bars)
    most = max((b.count for b in bars), default=0)
    lines = []
    for item in bars:
        label = item.label if len(item.label) <= label_width \
            else item.label[: label_width - 1] + "…"
        share = f"{item.count / total:4.0%}" if total else "  - "
        lines.append(f"{label:<{label_width}} {bar(item.count, most, width):<{width}} "
                     f"{item.count:>3} {share}")
    return lines
