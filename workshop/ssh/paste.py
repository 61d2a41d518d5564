"""Bounds on what one participant's keyboard can push into their app.

The relay (:class:`workshop.ssh.session.ParticipantSession`) queues what the app has not read
yet. Without a bound, a 4 MB paste would sit in the server's memory; with a blunt one (drop
everything past the cap) a large bracketed paste loses its end marker ``ESC [ 201 ~`` and the
app waits for it forever. :class:`InputGuard` sits in front of the queue and knows where
bracketed pastes start and end, even when a marker is split between two reads:

* a paste's text is cut at :data:`PASTE_MAX_BYTES` (on a UTF-8 character boundary), and its end
  marker is always delivered, so the app gets a complete, shorter paste;
* other input (keys, mouse reports) is dropped while the queue is over its cap or faster than
  :class:`KeyBudget` allows (a flood, not typing: every byte becomes an event the app holds
  until it has handled it, so 4 MB of keys grew a session by ~150 MB); a paste that starts
  then is dropped whole, markers included, so the app never sees half of one.
"""

from __future__ import annotations

import time
from collections.abc import Callable

PASTE_START = b"\x1b[200~"
PASTE_END = b"\x1b[201~"

PASTE_MAX_BYTES = 64 * 1024
"""The most text of one paste passed to the app: above every answer cap (see
``workshop.record.limits``), so the app can say the paste is too long, far below what would
slow it down."""

QUEUE_MAX_BYTES = 64 * 1024
"""Input queued for the app beyond which keys (not paste text) are dropped."""


KEY_RATE = 4 * 1024
"""Bytes of keys per second passed on over time: fast typing with key repeat is ~100 bytes a
second, a mouse dragged quickly ~1.5 KB (each report is ~14 bytes)."""

KEY_BURST = 4 * 1024
"""Bytes of keys passed on at once before :data:`KEY_RATE` applies."""


class KeyBudget:
    """A token bucket for keys: ``burst`` bytes at once, refilled at ``rate`` a second.

    Args:
        rate: Bytes per second.
        burst: The most bytes available at once.
        clock: Time source (tests inject one).
    """

    def __init__(self, rate: int = KEY_RATE, burst: int = KEY_BURST,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self._tokens = float(burst)
        self._at = clock()

    def available(self) -> int:
        """Bytes of keys that may pass now."""
        now = self.clock()
        self._tokens = min(float(self.burst), self._tokens + (now - self._at) * self.rate)
        self._at = now
        return int(self._tokens)

    def spend(self, size: int) -> None:
        """Count ``size`` bytes of keys passed on."""
        self._tokens -= size


def _partial(data: bytes, marker: bytes) -> int:
    """Length of the longest end of ``data`` that is a proper beginning of ``marker``."""
    for size in range(min(len(marker) - 1, len(data)), 0, -1):
        if data.endswith(marker[:size]):
            return size
    return 0


class InputGuard:
    """Tracks bracketed pastes in a byte stream and bounds what passes.

    Args:
        paste_max: Bytes of one paste's text passed on; the rest is dropped.
    """

    def __init__(self, paste_max: int = PASTE_MAX_BYTES) -> None:
        self.paste_max = paste_max
        self.in_paste = False
        """Inside a paste whose start marker was passed on (its end marker will be too)."""
        self.dropping = False
        """Inside a paste dropped whole (start, text and end)."""
        self.cut = 0
        """Bytes of paste text dropped so far (for the log)."""
        self.keys_passed = 0
        """Bytes of keys (not paste text, not markers) passed on so far."""
        self._pasted = 0
        self._truncated = False
        self._carry = b""
        self._room = 0

    @property
    def holding(self) -> bool:
        """True while the beginning of a marker is held back waiting for the rest."""
        return bool(self._carry)

    def feed(self, data: bytes, room: int) -> bytes:
        """What of ``data`` to pass to the app.

        Args:
            data: Bytes from the participant.
            room: Bytes of keys (outside pastes) the queue still takes; keys beyond are
                dropped, and a paste starting when there is no room is dropped whole.
        """
        buf = self._carry + data
        self._carry = b""
        self._room = room
        out = bytearray()
        i = 0
        while i < len(buf):
            if self.in_paste or self.dropping:
                j = buf.find(PASTE_END, i)
                if j < 0:
                    # Hold back what may be the start of the end marker: the rest of a paste
                    # follows at once, so this costs no latency.
                    stop = len(buf) - _partial(buf[i:], PASTE_END)
                    self._paste_text(out, buf[i:stop])
                    self._carry = buf[stop:]
                    break
                self._paste_text(out, buf[i:j])
                if self.in_paste:
                    out += PASTE_END
                self.in_paste = self.dropping = False
                i = j + len(PASTE_END)
                continue
            j = buf.find(PASTE_START, i)
            if j < 0:
                # A lone ESC is a key the player waits on: hold back only "ESC [" and more.
                held = _partial(buf[i:], PASTE_START)
                stop = len(buf) - (held if held >= 2 else 0)
                self._keys(out, buf[i:stop], room)
                self._carry = buf[stop:]
                break
            self._keys(out, buf[i:j], room)
            if self._room > 0:
                out += PASTE_START
                self.in_paste = True
                self._pasted = 0
                self._truncated = False
            else:
                self.dropping = True
            i = j + len(PASTE_START)
        return bytes(out)

    def flush(self, room: int) -> bytes:
        """Give up waiting for the rest of a held-back marker outside a paste (they were keys)."""
        if self.in_paste or self.dropping or not self._carry:
            return b""
        held, self._carry = self._carry, b""
        self._room = room
        out = bytearray()
        self._keys(out, held, room)
        return bytes(out)

    def close_paste(self) -> bytes:
        """End an open paste now (the session is stopping): the end marker, if one is owed."""
        owed = PASTE_END if self.in_paste else b""
        self.in_paste = self.dropping = False
        self._carry = b""
        return owed

    def _keys(self, out: bytearray, data: bytes, room: int) -> None:
        # ``room`` bounds the keys of one feed; paste text does not use it up.
        take = min(len(data), max(0, self._room))
        out += data[:take]
        self._room -= take
        self.keys_passed += take

    def _paste_text(self, out: bytearray, text: bytes) -> None:
        if self.dropping:
            self.cut += len(text)
            return
        if self._truncated:
            self.cut += len(text)
            return
        take = self.paste_max - self._pasted
        if take >= len(text):
            out += text
            self._pasted += len(text)
            return
        # Cut after a whole character: finish the one in progress (continuation bytes).
        take = max(take, 0)
        while take < len(text) and text[take] & 0xC0 == 0x80:
            take += 1
        out += text[:take]
        self.cut += len(text) - take
        self._pasted = self.paste_max
        self._truncated = True
