"""Reflection: a profile on the workshop's axes, a place among the content's situations,
the player's own choices and answers as evidence, next steps, and what moved since last time.

The words and thresholds come from ``reflection.toml`` beside the workshop (see
:mod:`workshop.reflection.content`); the scale is described in
:mod:`workshop.reflection.profile`.
"""

from __future__ import annotations

from workshop.reflection.content import (
    AxisNotes,
    InventorySection,
    NextSteps,
    ReflectionContent,
    SituationText,
    load_content,
    load_content_file,
)
from workshop.reflection.profile import AxisReading, Evidence, Profile, gather
from workshop.reflection.reflect import Comparison, Move, Reflection, place, reflect

__all__ = [
    "AxisNotes",
    "AxisReading",
    "Comparison",
    "Evidence",
    "InventorySection",
    "Move",
    "NextSteps",
    "Profile",
    "Reflection",
    "ReflectionContent",
    "SituationText",
    "gather",
    "load_content",
    "load_content_file",
    "place",
    "reflect",
]
