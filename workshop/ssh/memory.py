"""A memory ceiling per participant session (see ``docs/deploy.md``).

Two layers:

* the **ceiling** (``workshop serve --session-memory MB``, 200 MB by default): the server reads
  each session's resident memory from ``/proc/PID/statm`` every few seconds and stops a session
  over it the way the idle timeout does: the app gets its own ctrl+q, saves and quits, and the
  participant reads one line saying why. Only that session ends.
* the **backstop**: each session process gets an address-space limit (``RLIMIT_AS``) far above
  the ceiling, for growth too fast for the check to see. A Python process with Textual maps
  much more address space than it uses (thread stacks, malloc arenas), so the limit is set
  relative to what the process has mapped when it starts, never as an absolute figure.
"""

from __future__ import annotations

import contextlib
import os
import resource

SESSION_MEMORY_MB = 200
"""Default ceiling of a session's resident memory, in MB."""

BACKSTOP_MIN_BYTES = 1 << 30
"""The backstop leaves at least this much address space above what a session starts with."""

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_bytes(pid: int) -> int | None:
    """Resident memory of a process (None when it is gone or /proc is not there)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            fields = statm.read().split()
        return int(fields[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return None


def mapped_bytes(pid: int | str = "self") -> int | None:
    """Address space a process has mapped (its VmSize), or None."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * _PAGE
    except (OSError, IndexError, ValueError):
        return None


def backstop_bytes(ceiling: int, mapped: int) -> int:
    """The address-space limit for a session that has ``mapped`` bytes mapped now."""
    return mapped + max(BACKSTOP_MIN_BYTES, 4 * ceiling)


def apply_backstop(ceiling: int) -> int | None:
    """Limit this process's address space well above ``ceiling``; returns the limit set.

    Does nothing (returns None) where the mapped size cannot be read or the limit cannot be
    lowered: the server's ceiling check still holds.
    """
    mapped = mapped_bytes()
    if mapped is None or ceiling <= 0:
        return None
    limit = backstop_bytes(ceiling, mapped)
    with contextlib.suppress(ValueError, OSError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        return limit
    return None
