"""How a play session was asked for: one plain dataclass every shell takes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class PlayOptions:
    """Everything a shell needs to know to start (see ``docs/playing.md``).

    The command line fills one of these and builds a :class:`~workshop.play.PlayContext`
    from it; the Textual app, plain mode and the SSH participant session all take that
    context, so none of them parses options of its own.
    """

    content: Path | None = None
    """A workshop folder, ``workshop.toml`` or scenario file (None: the bundled workshop)."""
    data_dir: Path | None = None
    """Where records live (None: ``WORKSHOP_HOME`` or the platform's data folder)."""
    theme: str | None = None
    """The theme for this run (None: the remembered one, else the default)."""
    resume: str | None = None
    """A session id to open where it stopped; "" for the latest unfinished one."""
    track: str | None = None
    """Start a new session on this track right away."""
    watch: bool = False
    """Reload the content when its files change and replay the choices made so far."""
    room: Path | None = None
    """Room mode: the room's folder (set with :attr:`handle`)."""
    handle: str | None = None
    """Room mode: the participant's handle."""
    scenario: str | None = None
    """Start a new session on this one scenario right away."""
    play: bool = False
    """Start playing right away (the first track unless :attr:`track` or :attr:`scenario`)."""
    plain: bool = False
    """Line by line (``--plain``): the resume command printed on quit says so too."""
