"""Room mode of the participant's app: pacing, reveal, timer and broadcast (issue 7)."""

from workshop.tui.room.screen import RoomSceneScreen

__all__ = ["RoomSceneScreen"]
