"""The relay's input guard: a paste of any size reaches the app whole or cut, never unended."""

from __future__ import annotations

import pytest

from workshop.ssh.paste import PASTE_END, PASTE_START, InputGuard, KeyBudget

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


def test_keys_faster_than_the_budget_are_dropped() -> None:
    """4 MB of keys in one go: only the burst passes; a second later, a second's worth more.
    Each key becomes an event the app keeps until handled, so a flood must not pass whole."""
    now = [0.0]
    budget = KeyBudget(rate=1000, burst=4000, clock=lambda: now[0])
    guard = InputGuard()
    out = guard.feed(b"k" * (4 << 20), budget.available())
    budget.spend(guard.keys_passed)
    assert out == b"k" * 4000
    assert guard.feed(b"k", budget.available()) == b""
    now[0] = 1.0
    assert len(guard.feed(b"k" * 5000, budget.available())) == 1000


def test_a_key_right_after_a_large_paste_passes() -> None:
    """ctrl+s sent in the same read as a 16 KB paste reaches the app: paste text does not use
    up the room left for keys."""
    guard = InputGuard()
    data = PASTE_START + b"p" * 16_384 + PASTE_END + b"\x13"
    assert guard.feed(data, 100) == data
