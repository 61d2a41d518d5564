"""A deterministic player for the bundled workshop: leans staff or senior at every decision."""

from __future__ import annotations

from workshop.engine import CONTINUE
from workshop.record import Session

MAX_STEPS = 400


def _score(signals: dict[str, float], lean: int) -> float:
    return lean * sum(signals.values())


def play_leaning(session: Session, lean: int, *, want_start: int, want_end: int,
                 texts: dict[str, str] | None = None) -> Session:
    """Play the whole track: at each scene answer the prompt and take the choice whose
    signals add up highest (lean=+1) or lowest (lean=-1); ties go to the first offered.

    Ratings with signals get 5 or 1 in the direction of the lean; the want ratings get the
    given values; text prompts get an answer naming the prompt (or one from ``texts``).
    """
    texts = texts or {}
    for _ in range(MAX_STEPS):
        run = session.journey.run
        if run is None:
            return session
        ask = run.ask
        if ask is not None and ask.id not in run.answers and ask.id not in run.skipped:
            if ask.id == "want-start":
                session.answer(ask.id, want_start)
            elif ask.id == "want-end":
                session.answer(ask.id, want_end)
            elif ask.kind == "rating":
                leaning = sum(ask.signals.values()) * lean
                session.answer(ask.id, 5 if leaning > 0 else 1 if leaning < 0 else 3)
            else:
                session.answer(ask.id, texts.get(ask.id, f"My answer to {ask.id}, in my words."))
            continue
        if run.finished:
            session.advance()
            continue
        views = [v for v in run.choices() if v.enabled]
        if len(views) == 1 and views[0].id == CONTINUE:
            session.choose(CONTINUE)
            continue
        best = max(views, key=lambda v: _score(v.choice.signals if v.choice else {}, lean))
        session.choose(best.id)
    raise AssertionError("the playthrough did not end")


def play_path(session: Session, *, doing: int, wanting: int, want_start: int | None,
              want_end: int | None, texts: dict[str, str] | None = None,
              flip: frozenset[str] = frozenset(), skip_all: bool = False,
              scenarios: int | None = None) -> Session:
    """Play as a scripted player who leans each group of axes its own way.

    At each decision the choice scoring highest on ``doing × (doing signals) + wanting ×
    (wanting signals)`` is taken (ties to the first offered); in the scenarios named in
    ``flip`` both leans are reversed (a player pulled both ways). Ratings with signals lean
    the ``wanting`` way; the want ratings get the given values (None: skipped). With
    ``skip_all`` every prompt is skipped and the choice carrying the least signal is taken.
    ``scenarios`` stops after that many scenarios of the track.
    """
    texts = texts or {}
    groups = {axis.id: axis.group for axis in session.workshop.axes}
    done = 0
    for _ in range(MAX_STEPS):
        run = session.journey.run
        if run is None:
            return session
        sign = -1 if run.scenario.id in flip else 1
        ask = run.ask
        if ask is not None and ask.id not in run.answers and ask.id not in run.skipped:
            wanted = {"want-start": want_start, "want-end": want_end}
            if skip_all or (ask.id in wanted and wanted[ask.id] is None):
                session.skip(ask.id)
            elif ask.id in wanted:
                session.answer(ask.id, wanted[ask.id])  # type: ignore[arg-type]
            elif ask.kind == "rating":
                leaning = sum(ask.signals.values()) * wanting * sign
                session.answer(ask.id, 5 if leaning > 0 else 1 if leaning < 0 else 3)
            else:
                session.answer(ask.id, texts.get(ask.id, f"My answer to {ask.id}, in my words."))
            continue
        if run.finished:
            done += 1
            if scenarios is not None and done >= scenarios:
                return session
            session.advance()
            continue
        views = [v for v in run.choices() if v.enabled]
        if len(views) == 1 and views[0].id == CONTINUE:
            session.choose(CONTINUE)
            continue

        def score(signals: dict[str, float], sign: int = sign) -> float:
            if skip_all:
                return -sum(abs(v) for v in signals.values())
            return sign * sum(v * (doing if groups.get(k) == "doing" else wanting)
                              for k, v in signals.items())

        best = max(views, key=lambda v: score(dict(v.choice.signals) if v.choice else {}))
        session.choose(best.id)
    raise AssertionError("the playthrough did not end")
