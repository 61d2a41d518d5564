"""A participant's link to their room: the facilitator's control and the room's counts.

Looked at by the participant's screen when the room announces a change (room events), and
every few seconds anyway; a look that finds nothing new costs a ``stat`` of the control file,
and of the published aggregates once something is revealed, whatever the room's size.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop.rooms.control import Control, ControlReader
from workshop.rooms.room import AGGREGATES_FILE


class RoomLink:
    """What one participant's session reads from the room folder."""

    def __init__(self, room_dir: Path, handle: str) -> None:
        self.room_dir = room_dir
        self.handle = handle
        self.reader = ControlReader(room_dir)
        self.reader.poll()
        self.aggregates: dict[str, Any] | None = None
        self._agg_stamp: tuple[int, int, int] | None = None
        self.poll()

    @property
    def control(self) -> Control:
        """The facilitator's state as last read."""
        return self.reader.control

    def poll(self) -> bool:
        """Read what changed; True when the control or the counts are new."""
        changed = self.reader.poll() is not None
        if not self.control.revealed:
            # The counts show only in a reveal: in a rush of choices, 200 sessions need not
            # each re-read them on every publication while nothing is revealed.
            if self.aggregates is not None:
                changed = True
            self.aggregates, self._agg_stamp = None, None
            return changed
        path = self.room_dir / AGGREGATES_FILE
        try:
            stat = path.stat()
            stamp: tuple[int, int, int] | None = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if stamp != self._agg_stamp:
            import json

            try:
                data = json.loads(path.read_text(encoding="utf-8")) if stamp else None
            except (OSError, ValueError):
                return changed  # being replaced: look again next time
            self._agg_stamp = stamp
            self.aggregates = data if isinstance(data, dict) else None
            changed = True
        return changed
