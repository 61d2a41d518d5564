"""The plain-data model of a workshop: what the loader builds and the engine runs.

Nothing here reads files or evaluates anything; these are frozen dataclasses that the loader
fills from TOML (see ``docs/authoring.md`` for the file format they mirror).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from workshop.scenario.expressions import Node, Value
from workshop.scenario.source import SourceFile

FORMAT_VERSION = 1
"""The scenario format version this code reads."""

FORMAT_1_1 = "1.1"
"""The format that adds workshop-level variables and ``on_enter`` (written as a string)."""

FORMATS = ("1", FORMAT_1_1)
"""Every format this code reads, as the model spells them (``format = 1`` is ``"1"``)."""

AskKind = Literal["text", "rating"]
AxisGroup = Literal["doing", "wanting"]


@dataclass(frozen=True, slots=True)
class Condition:
    """A parsed condition and the text the author wrote."""

    source: str
    """The expression as written in the file."""
    node: Node
    """The parsed expression."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One option offered in a scene."""

    id: str
    """Stable id, unique in its scene; records store it instead of a position."""
    label: str
    """What the player reads on the option."""
    goto: str | None = None
    """The scene this choice leads to (after the detour returns, when there is a detour)."""
    detour: str | None = None
    """A scene to visit first; a ``return`` choice there comes back here."""
    returns: bool = False
    """Ends the current detour and goes back to where it was started."""
    consequence: str = ""
    """Markdown shown after the choice is taken."""
    show_if: Condition | None = None
    """Hidden unless this holds."""
    requires: Condition | None = None
    """Shown greyed out, with :attr:`reason`, unless this holds."""
    reason: str = ""
    """Why the choice is greyed out ("needs trust ≥ 2")."""
    sticky: bool = False
    """Offered again after being taken (choices are once-only by default)."""
    fallback: bool = False
    """Offered only when nothing else is."""
    set: dict[str, Value] = field(default_factory=dict)
    """Variables set to a value when taken."""
    add: dict[str, int | float] = field(default_factory=dict)
    """Numbers added to variables when taken."""
    signals: dict[str, float] = field(default_factory=dict)
    """Reflection axes this choice speaks to, and how much (negative: the other way)."""
    tags: tuple[str, ...] = ()
    """Free-form tags, kept for exports and tools."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Free-form metadata, kept for exports and tools."""

    @property
    def lasts(self) -> bool:
        """Never used up: a sticky choice, or a ``return``.

        A return is the way out of a detour, and one side scene may serve many detours: were
        its return used up by the first, the second would find no way back.
        """
        return self.sticky or self.returns


@dataclass(frozen=True, slots=True)
class TextPart:
    """A paragraph of scene text shown only when its condition holds."""

    text: str
    show_if: Condition | None = None
    otherwise: str = ""
    """Shown instead of :attr:`text` when the condition does not hold (``else``, format 1.1)."""


@dataclass(frozen=True, slots=True)
class Ask:
    """A reflection prompt: a free-text question or a 1–5 self-rating."""

    id: str
    """Unique across the workshop; answers are stored under it."""
    kind: AskKind
    """``"text"`` or ``"rating"``."""
    question: str
    low: str = ""
    """Label of rating 1."""
    high: str = ""
    """Label of rating 5."""
    placeholder: str = ""
    """Hint shown in an empty text box."""
    signals: dict[str, float] = field(default_factory=dict)
    """For ratings: axes the answer speaks to; (rating − 3) × weight is added."""


@dataclass(frozen=True, slots=True)
class Effects:
    """Changes to variables made on entering a scene (format 1.1 ``on_enter``)."""

    set: dict[str, Value] = field(default_factory=dict)
    """Variables set to a value."""
    add: dict[str, int | float] = field(default_factory=dict)
    """Numbers added to variables."""


@dataclass(frozen=True, slots=True)
class Scene:
    """A situation: text, perhaps a prompt, and the choices that leave it."""

    id: str
    text: str
    title: str = ""
    parts: tuple[TextPart, ...] = ()
    """Conditional paragraphs, appended after :attr:`text` in order."""
    choices: tuple[Choice, ...] = ()
    next: str | None = None
    """Shorthand for a single 'Continue' choice to this scene."""
    ending: bool = False
    """An ending: the scenario is over when it is reached."""
    asks: tuple[Ask, ...] = ()
    """The scene's prompts, asked in this order: its ``ask`` table, or each of its
    ``[[questions]]`` (format 1.1)."""
    facilitator: str = ""
    """A discussion note shown to facilitators, never to players."""
    tags: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    on_enter: Effects | None = None
    """Applied when the player arrives (the start, a goto, a detour or ``next``), not when a
    detour returns here: the player never left, so the scene's effects stay applied once."""

    @property
    def ask(self) -> Ask | None:
        """The scene's first prompt (most scenes ask one question at most); code that shows
        or counts prompts reads :attr:`asks`."""
        return self.asks[0] if self.asks else None


@dataclass(frozen=True, slots=True)
class Scenario:
    """One branching story, one file."""

    id: str
    title: str
    summary: str
    section: str
    """The part of the article it draws on."""
    minutes: int
    start: str
    scenes: dict[str, Scene]
    variables: dict[str, Value] = field(default_factory=dict)
    version: str = "1"
    tags: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    source: SourceFile | None = field(default=None, compare=False, repr=False)
    format: str = "1"
    """The file's format: ``"1"`` or ``"1.1"``."""
    shared: dict[str, Value] = field(default_factory=dict)
    """The workshop-level variables (declared in ``workshop.toml``) with their declared
    values: a run of this scenario alone starts from these; a track carries them over."""

    @property
    def endings(self) -> list[Scene]:
        """The scenes that end the scenario."""
        return [scene for scene in self.scenes.values() if scene.ending]

    @property
    def asks(self) -> list[Ask]:
        """Every prompt in the scenario, in file order."""
        return [ask for scene in self.scenes.values() for ask in scene.asks]


@dataclass(frozen=True, slots=True)
class Axis:
    """A reflection axis declared by the workshop."""

    id: str
    group: AxisGroup
    label: str
    low: str = ""
    """What a low reading says, in the workshop's words."""
    mid: str = ""
    high: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class Track:
    """An ordered selection of scenarios (a full track, a quick track...)."""

    id: str
    title: str
    scenarios: tuple[str, ...]
    minutes: int = 0
    description: str = ""


@dataclass(frozen=True, slots=True)
class Workshop:
    """A manifest and its scenarios: everything needed to play and reflect."""

    id: str
    title: str
    version: str
    scenarios: dict[str, Scenario]
    """In the manifest's order."""
    tracks: tuple[Track, ...] = ()
    axes: tuple[Axis, ...] = ()
    promise: str = ""
    """One line that says what the workshop gives."""
    description: str = ""
    root: Path | None = None
    """The folder the manifest was loaded from."""
    meta: dict[str, Any] = field(default_factory=dict)
    source: SourceFile | None = field(default=None, compare=False, repr=False)
    """The manifest file (None for scenario files loaded without one). A lone scenario file
    validated beside a manifest is loose but has its manifest's source and axes."""
    loose: bool = False
    """Loaded from scenario files, not through a manifest: no tracks, and axes only when a
    manifest was found for a lone file (then its signals are checked against them)."""
    variables: dict[str, Value] = field(default_factory=dict)
    """Workshop-level variables and their starting values (format 1.1): they live across a
    track, carried from scenario to scenario in track order."""
    format: str = "1"
    """The manifest's format: ``"1"`` or ``"1.1"``."""

    def track(self, track_id: str | None = None) -> Track:
        """A track by id; the first track when None.

        Without tracks (scenario files loaded on their own), the one track is every scenario
        in order, with the id ``all``.
        """
        if not self.tracks and track_id in (None, "all"):
            return Track("all", "All scenarios", tuple(self.scenarios))
        if track_id is None:
            return self.tracks[0]
        for track in self.tracks:
            if track.id == track_id:
                return track
        raise KeyError(track_id)

    def axis(self, axis_id: str) -> Axis:
        """An axis by id."""
        for axis in self.axes:
            if axis.id == axis_id:
                return axis
        raise KeyError(axis_id)

    def ask(self, ask_id: str) -> tuple[Scenario, Scene, Ask]:
        """Find a prompt by id anywhere in the workshop."""
        for scenario in self.scenarios.values():
            for scene in scenario.scenes.values():
                for ask in scene.asks:
                    if ask.id == ask_id:
                        return scenario, scene, ask
        raise KeyError(ask_id)
