"""Upgrades from older record schemas, one step per version.

A record is read as plain data, then each registered step lifts it one version until it reaches
:data:`~workshop.record.schema.SCHEMA_VERSION`. A step takes the data of version N and returns
the data of version N + 1; it never touches the file (the upgraded record is written back only
on the next action the player takes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Data = dict[str, Any]
Migration = Callable[[Data], Data]

MIGRATIONS: dict[int, Migration] = {}
"""``schema_version -> step`` that upgrades a record of that version by one."""


def migration(version: int) -> Callable[[Migration], Migration]:
    """Register the step that upgrades records of ``version`` to ``version + 1``."""

    def register(step: Migration) -> Migration:
        MIGRATIONS[version] = step
        return step

    return register


@migration(0)
def _v0_to_v1(data: Data) -> Data:
    """Schema 0 (the pre-release draft) to 1.

    Schema 0 named the timestamps ``started``/``saved``, kept the workshop as two top-level
    strings (``workshop``, ``workshop_version``) and marked the end with ``finished = true``.
    """
    upgraded = dict(data)
    upgraded["schema_version"] = 1
    upgraded["created"] = upgraded.pop("started", "")
    upgraded["updated"] = upgraded.pop("saved", upgraded["created"])
    workshop_id = upgraded.pop("workshop", "")
    version = upgraded.pop("workshop_version", "")
    if not isinstance(workshop_id, dict):
        upgraded["workshop"] = {"id": workshop_id, "version": version, "scenarios": {}}
    else:
        upgraded["workshop"] = workshop_id
    finished = upgraded.pop("finished", False)
    upgraded.setdefault("status", "finished" if finished is True else "in-progress")
    return upgraded
