"""Write a file so that, on disk, it is always either the old or the new complete version."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TEMP_SUFFIX = ".tmp"
"""Temporary files are ``.NAME.XXXX.tmp`` beside the target; listings skip them."""


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically and durably.

    Writes a temporary file in the same folder (so the rename never crosses file systems),
    flushes and fsyncs it, renames it over the target with :func:`os.replace` and fsyncs the
    folder so the rename itself survives a power cut. A crash at any moment leaves the previous
    file or the new one, never a mix; at worst a stray temporary file stays behind.

    ``durable=False`` skips both fsyncs, for files derived from others and rewritten often
    (a room's published counts): still atomic for every reader, just not forced to disk.

    Raises:
        OSError: the folder cannot be written.
    """
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    # Windows cannot open a folder for fsync; the rename is as durable as it gets there.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_WRITER: list[ThreadPoolExecutor] = []
"""The process's one writer thread for :func:`write_atomic_async` (made when first used)."""


async def write_atomic_async(path: Path, data: bytes, *, durable: bool = True) -> None:
    """:func:`write_atomic` for an event loop: done by the process's one writer thread.

    The room server's loop relays everyone's screens; a write that waits on a busy disk
    (a rename or an fsync took up to tens of milliseconds in a burst of joins) must not stop
    it. There is one writer thread, so writes land in the order they were asked for, and a
    write once asked for is done even when its caller stops waiting (a cancelled task): a
    newer version of a file is never overwritten by an older one, nor skipped.

    Raises:
        OSError: the folder cannot be written.
    """
    if not _WRITER:
        _WRITER.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="workshop-write"))
    write = functools.partial(write_atomic, path, data, durable=durable)
    # Shielded: a caller that stops waiting does not take back a write still queued.
    await asyncio.shield(asyncio.get_running_loop().run_in_executor(_WRITER[0], write))
