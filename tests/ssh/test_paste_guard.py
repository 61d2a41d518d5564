"""The relay's input guard: a paste of any size reaches the app whole or cut, never unended."""

from __future__ import annotations

import pytest

from workshop.ssh.paste import PASTE_END, PASTE_START, InputGuard

ROOM = 1 << 30


def feed_in_pieces(guard: InputGuard, data: bytes, size: int, room: int = ROOM) -> bytes:
    out = b""
    for at in range(0, len(data), size):
        out += guard.feed(data[at:at + size], room)
    return out + guard.flush(room)


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 4096])
def test_a_small_paste_passes_unchanged_whatever_the_chunking(size: int) -> None:
    """Markers split between reads are still recognised; the bytes pass as they came."""
    data = b"ab" + PASTE_START + "héllo wörld ✓".encode() * 20 + PASTE_END + b"\x13"
    guard = InputGuard(paste_max=10_000)
    assert feed_in_pieces(guard, data, size) == data
    assert not guard.in_paste and not guard.holding


@pytest.mark.parametrize("size", [1, 13, 1000, 65536])
def test_a_paste_over_the_cap_is_cut_and_still_ends(size: int) -> None:
    """A 1 MB paste: you get its first 64 KB, then the end marker, then the ctrl+s typed
    after it (before the fix the end marker was dropped and the app waited forever)."""
    text = ("añ✓" * 200_000).encode()[: 1 << 20]
    data = PASTE_START + text + PASTE_END + b"\x13"
    guard = InputGuard(paste_max=64 * 1024)
    out = feed_in_pieces(guard, data, size if size > 1 else 997)
    assert out.startswith(PASTE_START) and out.endswith(PASTE_END + b"\x13")
    body = out[len(PASTE_START):-len(PASTE_END) - 1]
    assert 64 * 1024 <= len(body) <= 64 * 1024 + 3
    body.decode("utf-8")  # cut on a character boundary
    assert text.startswith(body)
    assert guard.cut == len(text) - len(body)


def test_a_lone_escape_is_not_held_back() -> None:
    """Escape (skip) reaches the app at once; only 'ESC [2' and the like wait for more."""
    guard = InputGuard()
    assert guard.feed(b"\x1b", ROOM) == b"\x1b"
    assert guard.feed(b"\x1b[2", ROOM) == b""
    assert guard.holding
    assert guard.flush(ROOM) == b"\x1b[2"
    assert guard.feed(b"\x1b[A", ROOM) == b"\x1b[A"


def test_keys_over_the_queue_cap_are_dropped_and_a_paste_then_dropped_whole() -> None:
    """A flood of keys past the queue's room is dropped; a paste starting with no room is
    dropped start to end, so the app never sees half a paste."""
    guard = InputGuard()
    assert guard.feed(b"x" * 100, 10) == b"x" * 10
    assert guard.feed(PASTE_START + b"text" + PASTE_END + b"k", 0) == b""
    assert guard.feed(b"k", 5) == b"k"


def test_a_stopping_session_closes_an_open_paste() -> None:
    """When the server stops a session mid-paste, the app gets the end marker before ctrl+q."""
    guard = InputGuard()
    guard.feed(PASTE_START + b"half a paste", ROOM)
    assert guard.close_paste() == PASTE_END
    assert guard.close_paste() == b""
