"""The validated-content cache never hides an error and notices every edit."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from workshop.errors import ContentError
from workshop.tui.content_cache import load_with_cache

from .conftest import EXAMPLE


def test_an_edit_after_caching_is_seen_and_an_error_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(EXAMPLE, folder)
    cache = tmp_path / "cache"
    assert load_with_cache(folder, cache).title == "Your First Workshop"
    assert len(list(cache.glob("*.pickle"))) == 1
    assert load_with_cache(folder, cache).title == "Your First Workshop"  # from the cache

    manifest = folder / "workshop.toml"
    manifest.write_text(manifest.read_text().replace('title = "Your First Workshop"',
                                                     'title = "Renamed"'))
    os.utime(manifest, ns=(0, manifest.stat().st_mtime_ns + 5_000_000_000))
    assert load_with_cache(folder, cache).title == "Renamed"
    assert len(list(cache.glob("*.pickle"))) == 1  # the stale entry was replaced

    manifest.write_text(manifest.read_text().replace('scenarios = ["check-in", "the-outage"]',
                                                     'scenarios = ["check-in", "missing"]'))
    os.utime(manifest, ns=(0, manifest.stat().st_mtime_ns + 10_000_000_000))
    with pytest.raises(ContentError, match="missing"):
        load_with_cache(folder, cache)


def test_a_corrupt_cache_file_means_a_normal_load(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_with_cache(EXAMPLE, cache)
    [cached] = cache.glob("*.pickle")
    cached.write_bytes(b"not a pickle")
    assert load_with_cache(EXAMPLE, cache).id == "first-workshop"
