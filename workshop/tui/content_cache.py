"""A cache of validated content, so the app's first frame does not wait for TOML and checks.

Loading and validating the bundled workshop takes tens of milliseconds on every start; the
result only changes when a content file (or the loader itself) changes. The validated
:class:`~workshop.scenario.model.Workshop` is kept as a pickle under the data folder, named by
a hash of every content file's and loader module's path, size and modification time. Anything
odd about the cache (missing, stale, unreadable, from another version) means a normal load, so
errors in the content are reported exactly as without a cache — only content that validated is
ever cached. The cache lives in the user's own data folder, the same trust as their records.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from workshop import __version__
from workshop.scenario import load_workshop, resolve
from workshop.scenario.model import Workshop

_LOADER = Path(__file__).resolve().parent.parent / "scenario"


def _files(root: Path) -> list[Path]:
    files = [root] if root.is_file() else sorted(root.rglob("*.toml"))
    return files + sorted(_LOADER.glob("*.py"))


def cache_key(root: Path) -> str:
    """A name that changes whenever a content file or the loader changes."""
    digest = hashlib.sha256(f"{__version__}|{sys.version}|{root.resolve()}".encode())
    for path in _files(root):
        stat = path.stat()
        digest.update(f"|{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def load_with_cache(path: Path | None, cache_dir: Path) -> Workshop:
    """Load and validate content like :func:`workshop.scenario.load_workshop`, via the cache.

    Raises:
        UsageError: the path does not exist.
        ContentError: the content has errors (never cached, so always reported).
    """
    root = resolve(path)
    # One file per content folder: its name starts with the folder's own short hash.
    folder = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:8]
    try:
        cached = cache_dir / f"{folder}-{cache_key(root)}.pickle"
    except OSError:
        return load_workshop(path)
    try:
        workshop = pickle.loads(cached.read_bytes())
        if isinstance(workshop, Workshop):
            return workshop
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            TypeError, ValueError, IndexError, KeyError):
        pass  # Unreadable or from other code: load normally and write it again.
    workshop = load_workshop(path)
    _store(cached, workshop)
    return workshop


def _store(target: Path, workshop: Workshop) -> None:
    """Write the cache file atomically; a cache that cannot be written is no problem."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        folder = target.name.split("-", 1)[0]
        for old in target.parent.glob(f"{folder}-*.pickle"):
            old.unlink(missing_ok=True)  # Older versions of the same folder's content.
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(workshop, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        finally:
            Path(temporary).unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass
