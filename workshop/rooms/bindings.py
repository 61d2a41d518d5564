"""Who owns which handle: the key, resume code or browser token each handle first joined with.

``bindings.toml`` has one writer, the SSH server, which binds a handle only after the
connection's authentication has completed (never from inside a key callback: a key offered
there is not yet proven). Resume codes and browser tokens are stored as hashes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from workshop import tomlread
from workshop.record.atomic import write_atomic
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
        """Bind a free handle and save the file.

        Raises:
            RoomError: the handle is already bound, or the file cannot be written.
        """
        if handle in self.entries:
            raise RoomError(f"handle '{handle}' is already taken", path=self.path)
        stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        binding = Binding(handle, key, code_hash, stamp, token_hash)
        self.entries[handle] = binding
        try:
            self.save()
        except OSError as error:
            del self.entries[handle]
            raise RoomError(f"cannot be written: {error.strerror or error}",
                            path=self.path) from None
        return binding

    def save(self) -> None:
        """Write the whole file atomically."""
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
        write_atomic(self.path, tomli_w.dumps({"handles": handles}).encode("utf-8"))
