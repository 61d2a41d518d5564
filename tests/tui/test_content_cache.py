"""The validated-content cache never hides an error and notices every edit."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from workshop.errors import ContentError
from workshop.play.content_cache import load_with_cache
from workshop.scenario.outline import Outline

from .conftest import EXAMPLE


def test_an_edit_after_caching_is_seen_and_an_error_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(EXAMPLE, folder)
    cache = tmp_path / "cache"
    assert load_with_cache(folder, cache).outline.title == "Your First Workshop"
    assert len(list(cache.glob("*.pickle"))) == 1
    cached = load_with_cache(folder, cache)  # from the cache
    assert cached.outline.title == "Your First Workshop"
    assert cached.workshop().title == "Your First Workshop"
    assert [t.id for t in cached.outline.tracks] == [t.id for t in cached.workshop().tracks]

    manifest = folder / "workshop.toml"
    manifest.write_text(manifest.read_text().replace('title = "Your First Workshop"',
                                                     'title = "Renamed"'))
    os.utime(manifest, ns=(0, manifest.stat().st_mtime_ns + 5_000_000_000))
    assert load_with_cache(folder, cache).outline.title == "Renamed"
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
    assert load_with_cache(EXAMPLE, cache).workshop().id == "first-workshop"


def test_a_cache_file_damaged_after_its_outline_still_gives_the_whole_workshop(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    load_with_cache(EXAMPLE, cache)
    [cached] = cache.glob("*.pickle")
    data = cached.read_bytes()
    cached.write_bytes(data[: len(data) // 2])  # The outline is whole, the workshop cut.
    content = load_with_cache(EXAMPLE, cache)
    assert content.outline.title == "Your First Workshop"
    workshop = content.workshop()
    assert workshop.id == "first-workshop"
    assert content.workshop() is workshop  # Loaded once.


def test_a_cache_file_from_the_older_single_pickle_layout_is_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    workshop = load_with_cache(EXAMPLE, cache).workshop()
    [cached] = cache.glob("*.pickle")
    cached.write_bytes(pickle.dumps(workshop))
    assert load_with_cache(EXAMPLE, cache).workshop().id == "first-workshop"
    assert isinstance(pickle.loads(cached.read_bytes())[1], Outline)  # Rewritten.
