"""Who owns which handle: the key, resume code or browser token each handle first joined with.

``bindings.toml`` has one writer, the SSH server, which binds a handle only after the
connection's authentication has completed (never from inside a key callback: a key offered
there is not yet proven). Resume codes and browser tokens are stored as hashes.

The server binds with :meth:`Bindings.bind_async`: the file is written (and synced to disk) in
a worker thread, once for every handle bound while the previous write was under way, so a
burst of joins neither stalls the server's event loop on the disk nor writes the whole file
once per person.
"""

from __future__ import annotations

import asyncio
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from workshop import tomlread
from workshop.record.atomic import write_atomic, write_atomic_async
from workshop.rooms.room import RoomError


@dataclass(frozen=True)
class Binding:
    """What a handle is bound to: a public key fingerprint, a resume-code hash, or the hash of
    a browser's token (``workshop serve --web``)."""

    handle: str
    key: str | None = None
    """``SHA256:...`` fingerprint of the public key (None when bound to a code)."""
    code_hash: str | None = None
    """scrypt hash of the resume code (None when bound to a key)."""
    bound: str = ""
    """When the handle was first bound (UTC)."""
    token_hash: str | None = None
    """``sha256:...`` of the random token a browser keeps in a cookie (None otherwise)."""


class Bindings:
    """The bindings file of a room, held in memory by its one writer."""

    def __init__(self, path: Path, entries: dict[str, Binding] | None = None) -> None:
        self.path = path
        self.entries: dict[str, Binding] = dict(entries or {})
        self._changes = 0
        """Bindings made in memory so far (by :meth:`bind_async`)."""
        self._saved = 0
        """How many of those the file on disk holds."""
        self._writer = asyncio.Lock()

    @classmethod
    def load(cls, path: Path) -> Bindings:
        """Read the file (an absent file is an empty room).

        Raises:
            RoomError: the file cannot be read or is malformed.
        """
        try:
            data: dict[str, Any] = tomlread.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise RoomError(f"cannot be read: {error}", path=path,
                            hint="it is left untouched; fix or remove it") from None
        entries: dict[str, Binding] = {}
        handles = data.get("handles", {})
        if not isinstance(handles, dict):
            raise RoomError("'handles' must be a table", path=path)
        for handle, table in handles.items():
            if not isinstance(table, dict):
                raise RoomError(f"'handles.{handle}' must be a table", path=path)
            key, code_hash = table.get("key"), table.get("code_hash")
            token_hash = table.get("token_hash")
            if not any(isinstance(v, str) for v in (key, code_hash, token_hash)):
                raise RoomError(f"'handles.{handle}' has neither 'key' nor 'code_hash' nor "
                                "'token_hash'", path=path)
            entries[handle] = Binding(handle, key if isinstance(key, str) else None,
                                      code_hash if isinstance(code_hash, str) else None,
                                      str(table.get("bound", "")),
                                      token_hash if isinstance(token_hash, str) else None)
        return cls(path, entries)

    def get(self, handle: str) -> Binding | None:
        """The binding of a handle, if it has one."""
        return self.entries.get(handle)

    def bind(self, handle: str, *, key: str | None = None, code_hash: str | None = None,
             token_hash: str | None = None) -> Binding:
        """Bind a free handle and save the file (outside a server: tools and tests; the
        server binds only with :meth:`bind_async`, whose queued writes this would race).

        Raises:
            RoomError: the handle is already bound, or the file cannot be written.
        """
        binding = self._add(handle, key, code_hash, token_hash)
        try:
            self.save()
        except OSError as error:
            del self.entries[handle]
            raise self._unwritable(error) from None
        return binding

    async def bind_async(self, handle: str, *, key: str | None = None,
                         code_hash: str | None = None,
                         token_hash: str | None = None) -> Binding:
        """:meth:`bind` for the server's event loop: returns once the binding is on disk.

        The handle is taken at once (a second claim meanwhile is refused); the file is
        written by the process's writer thread (``write_atomic_async``), and one write
        covers every handle bound while the previous write was under way (a group commit),
        so fifty people joining at once cost a few writes, and the loop relays everyone
        else's screens meanwhile.

        Raises:
            RoomError: the handle is already bound, or the file cannot be written (the
                handle is free again then).
        """
        binding = self._add(handle, key, code_hash, token_hash)
        self._changes += 1
        mine = self._changes
        try:
            async with self._writer:
                if self._saved < mine:
                    covered = self._changes
                    await write_atomic_async(self.path, self._dump())
                    self._saved = covered
        except OSError as error:
            if self.entries.get(handle) is binding:
                del self.entries[handle]
            raise self._unwritable(error) from None
        return binding

    def _add(self, handle: str, key: str | None, code_hash: str | None,
             token_hash: str | None) -> Binding:
        if handle in self.entries:
            raise RoomError(f"handle '{handle}' is already taken", path=self.path)
        stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        binding = Binding(handle, key, code_hash, stamp, token_hash)
        self.entries[handle] = binding
        return binding

    def _unwritable(self, error: OSError) -> RoomError:
        return RoomError(f"cannot be written: {error.strerror or error}", path=self.path)

    def save(self) -> None:
        """Write the whole file atomically."""
        write_atomic(self.path, self._dump())

    def _dump(self) -> bytes:
        """The whole file's text, as it is in memory now."""
        handles: dict[str, Any] = {}
        for handle, binding in sorted(self.entries.items()):
            table: dict[str, Any] = {"bound": binding.bound}
            if binding.key is not None:
                table["key"] = binding.key
            if binding.code_hash is not None:
                table["code_hash"] = binding.code_hash
            if binding.token_hash is not None:
                table["token_hash"] = binding.token_hash
            handles[handle] = table
        return tomli_w.dumps({"handles": handles}).encode("utf-8")
