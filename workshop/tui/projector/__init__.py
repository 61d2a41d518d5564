"""The projector view (``workshop project CODE``, or ``p`` in the dashboard): what a
facilitator can put on a wall or share on a call. It reads only the room's anonymous published
state: never a handle, an unrevealed count or an unshared answer."""

from workshop.tui.projector.app import ProjectorApp, ProjectorOptions, make_projector
from workshop.tui.projector.screen import ProjectorScreen

__all__ = ["ProjectorApp", "ProjectorOptions", "ProjectorScreen", "make_projector"]
