"""The server's host key: made once, kept in the data folder, its fingerprint printed."""

from __future__ import annotations

import os
from pathlib import Path

import asyncssh

from workshop.errors import WorkshopError
from workshop.paths import host_key_file


def host_key_path(data_dir: Path) -> Path:
    """Where the host key lives (shared by every room served from this data folder)."""
    return host_key_file(data_dir)


def load_or_create(path: Path) -> asyncssh.SSHKey:
    """Read the host key, generating it (mode 0600) the first time.

    Raises:
        WorkshopError: the key file cannot be read or written.
    """
    try:
        if path.exists():
            return asyncssh.read_private_key(str(path))
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = asyncssh.generate_private_key("ssh-ed25519", comment="workshop serve")
        data = key.export_private_key()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return key
    except (OSError, asyncssh.KeyImportError) as error:
        raise WorkshopError(f"cannot use the host key: {error}", path=path,
                            hint="fix its permissions, or move it away to make a new one")\
            from None


def fingerprint(key: asyncssh.SSHKey) -> str:
    """The key's SHA256 fingerprint, as ``ssh`` shows it on first connection."""
    return str(key.get_fingerprint("sha256"))
