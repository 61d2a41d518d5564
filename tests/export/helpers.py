"""A fixed pair of sessions of the synthetic workshop, for export tests and golden files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.record.helpers import SENIOR_PATH, STAFF_PATH, fixed_clock, mini, play
from workshop.record import Session, SessionStore

TRICKY = ("I *didn't* own it.\n- not a list\n1. not numbered\n# not a heading\n"
          "<b>not bold</b> [not a link](http://example.com) | pipe & `tick` \\ back_slash_")
"""An answer full of Markdown and HTML that must come out as the same words."""


def sessions(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[SessionStore, Session,
                                                                     Session]:
    """An earlier senior-leaning session and a later staff-leaning one, with fixed ids."""
    tokens = iter(["0001", "0002", "0003"])
    monkeypatch.setattr("workshop.record.store.secrets.token_hex", lambda n: next(tokens))
    store = SessionStore(root, clock=fixed_clock(step=600))
    earlier = play(store.create(mini()), SENIOR_PATH)
    script = [(a, TRICKY if a == "answer:days" else v) for a, v in STAFF_PATH]
    later = play(store.create(mini(), handle="ana"), script[:4])
    later.give_reason("Two teams kept paging each other, and nobody owned the handoff.")
    play(later, script[4:])
    later.set_notes("Bring this to the 1:1 on the 14th.\nAsk about the CI fleet.")
    return store, earlier, later
