"""A cache of validated content, so the app's first frame does not wait for TOML and checks.

Loading and validating the bundled workshop takes tens of milliseconds on every start; the
result only changes when a content file (or the loader itself) changes. The validated
:class:`~workshop.scenario.model.Workshop` is kept as a pickle under the data folder, one file
per content folder, marked with every content file's and loader module's path, size and
modification time. Anything odd about the cache (missing, stale, unreadable, from another
version) means a normal load, so errors in the content are reported exactly as without a
cache — only content that validated is ever cached. The cache lives in the user's own data
folder, the same trust as their records.

The file holds two pickles: that mark with the content's
:class:`~workshop.scenario.outline.Outline` (what the home screen shows), then the whole
workshop. A start from the cache reads only the first and keeps the second's bytes: the
content model is imported and the scenes unpickled when the workshop is first asked for,
after the first frame.
"""
from __future__ import annotations

import io
import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from workshop import __version__
from workshop.scenario import load_workshop, resolve
from workshop.scenario.outline import Outline, outline

if TYPE_CHECKING:
    from workshop.scenario.model import Workshop

_LOADER = Path(__file__).resolve().parent.parent / "scenario"

_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
               TypeError, ValueError, IndexError, KeyError)
"""What reading a damaged or foreign pickle can raise."""


def _files(root: Path) -> list[Path]:
    files = [root] if root.is_file() else sorted(root.rglob("*.toml"))
    return files + sorted(_LOADER.glob("*.py"))


def cache_key(root: Path) -> str:
    """A mark that changes whenever a content file or the loader changes.

    Kept whole in the cache file and compared whole (no hash that two states could share).
    """
    parts = [__version__, sys.version, str(root.resolve())]
    for path in _files(root):
        stat = path.stat()
        parts.append(f"{path}|{stat.st_size}|{stat.st_mtime_ns}")
    return "\n".join(parts)


class LoadedContent:
    """Validated content: its outline at once, the whole workshop when first asked for."""

    def __init__(self, path: Path | None, outline: Outline, workshop: Workshop | bytes) -> None:
        self.path = path
        self.outline = outline
        self._workshop = workshop

    def workshop(self) -> Workshop:
        """The whole workshop (unpickled on the first call; a damaged rest loads normally)."""
        if isinstance(self._workshop, bytes):
            from workshop.scenario.model import Workshop

            try:
                loaded = pickle.loads(self._workshop)
            except _UNREADABLE:
                loaded = None
            # The outline was read from the same file, so the content validated when cached.
            self._workshop = loaded if isinstance(loaded, Workshop) else load_workshop(self.path)
        return self._workshop


def load_with_cache(path: Path | None, cache_dir: Path) -> LoadedContent:
    """Load and validate content like :func:`workshop.scenario.load_workshop`, via the cache.

    Raises:
        UsageError: the path does not exist.
        ContentError: the content has errors (never cached, so always reported).
    """
    root = resolve(path)
    # One file per content folder, named after its path (a clash only costs a reload).
    cached = cache_dir / f"{zlib.crc32(str(root.resolve()).encode()):08x}.pickle"
    try:
        key = cache_key(root)
    except OSError:
        workshop = load_workshop(path)
        return LoadedContent(path, outline(workshop), workshop)
    try:
        data = cached.read_bytes()
        stream = io.BytesIO(data)
        first = pickle.Unpickler(stream).load()
        if (isinstance(first, tuple) and len(first) == 2 and first[0] == key
                and isinstance(first[1], Outline) and stream.tell() < len(data)):
            return LoadedContent(path, first[1], data[stream.tell():])
    except FileNotFoundError:
        pass
    except _UNREADABLE:
        pass  # Unreadable or from other code: load normally and write it again.
    workshop = load_workshop(path)
    _store(cached, key, workshop)
    return LoadedContent(path, outline(workshop), workshop)


def _store(target: Path, key: str, workshop: Workshop) -> None:
    """Write the cache file atomically; a cache that cannot be written is no problem."""
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for old in target.parent.glob("????????-*.pickle"):
            old.unlink(missing_ok=True)  # The layout before 0.1.0's lazy outline.
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((key, outline(workshop)), stream, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(workshop, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        finally:
            Path(temporary).unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass
