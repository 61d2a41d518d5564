"""Session records: the TOML schema, the atomic store, migrations, resume and history.

``SessionStore`` is what the user interfaces call: :meth:`SessionStore.create` starts a
session, :meth:`SessionStore.latest_unfinished` and :meth:`SessionStore.open` resume one, and
:meth:`SessionStore.summaries` lists them. A :class:`Session` saves its record atomically after
every action; :class:`JourneyView` reads what a record says the player did. See
``docs/records.md`` for the file format.
"""

from __future__ import annotations

from workshop.errors import RecordError
from workshop.record.atomic import write_atomic
from workshop.record.migrations import MIGRATIONS
from workshop.record.schema import (
    FINISHED,
    IN_PROGRESS,
    SCHEMA_VERSION,
    Record,
    dump,
    parse,
    read,
)
from workshop.record.store import Session, SessionStore, SessionSummary
from workshop.record.view import JourneyView

__all__ = [
    "FINISHED",
    "IN_PROGRESS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "JourneyView",
    "Record",
    "RecordError",
    "Session",
    "SessionStore",
    "SessionSummary",
    "dump",
    "parse",
    "read",
    "write_atomic",
]
