"""Shared test helpers: the synthetic workshop and a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from workshop.record import Session, SessionStore
from workshop.scenario import load_workshop
from workshop.scenario.model import Workshop

MINI = Path(__file__).resolve().parent / "mini"
"""A tiny synthetic workshop (three scenarios, four axes, want-start and want-end)."""


def mini() -> Workshop:
    """The synthetic workshop, loaded."""
    return load_workshop(MINI)


def fixed_clock(start: str = "2026-01-05T09:00:00+00:00",
                step: float = 60.0) -> Callable[[], datetime]:
    """A clock that starts at ``start`` and moves ``step`` seconds on each reading."""
    moment = [datetime.fromisoformat(start).astimezone(UTC)]

    def clock() -> datetime:
        now = moment[0]
        moment[0] = now + timedelta(seconds=step)
        return now

    return clock


STAFF_PATH: list[tuple[str, str | int | None]] = [
    ("answer:want-start", 3),
    ("choose", "continue"),
    ("answer:tactical-example", "I tuned our own build cache; the wider version was the CI "
     "fleet every team shares."),
    ("choose", "cross-team"),
    ("advance", None),
    ("choose", "write"),
    ("answer:doc-week", 5),
    ("choose", "continue"),
    ("advance", None),
    ("answer:days", "Mornings writing, afternoons with two teams deciding something."),
    ("choose", "aim-staff"),
    ("answer:want-end", 5),
    ("choose", "continue"),
    ("advance", None),
]
"""A playthrough of the mini workshop that leans staff in doing and wanting."""

SENIOR_PATH: list[tuple[str, str | int | None]] = [
    ("answer:want-start", 4),
    ("choose", "continue"),
    ("answer:tactical-example", "The ledger rewrite: fast, but only for us."),
    ("choose", "go-deeper"),
    ("advance", None),
    ("choose", "ship"),
    ("answer:doc-week", 1),
    ("choose", "continue"),
    ("advance", None),
    ("answer:days", "Deep in the code with headphones on."),
    ("choose", "stay-senior"),
    ("answer:want-end", 2),
    ("choose", "continue"),
    ("advance", None),
]
"""A playthrough that leans senior: depth on the team, code over writing."""


def play(session: Session, script: list[tuple[str, str | int | None]]) -> Session:
    """Apply scripted actions to a session."""
    for action, value in script:
        if action == "choose":
            assert isinstance(value, str)
            session.choose(value)
        elif action == "advance":
            session.advance()
        elif action.startswith("answer:"):
            assert value is not None
            session.answer(action.split(":", 1)[1], value)
        elif action.startswith("skip:"):
            session.skip(action.split(":", 1)[1])
        else:
            raise AssertionError(action)
    return session


def played_store(root: Path, script: list[tuple[str, str | int | None]],
                 clock: Callable[[], datetime] | None = None) -> tuple[SessionStore, Session]:
    """A store in ``root`` holding one session of the mini workshop played along ``script``."""
    store = SessionStore(root, clock=clock or fixed_clock())
    session = store.create(mini())
    return store, play(session, script)
