"""Plain mode: the workshop line by line, for screen readers, dumb terminals and quick runs.

``workshop play --plain`` calls :func:`run_plain`. It plays the same content with the same
records as the Textual app — numbered lines to type and clean text, one line after another,
in every terminal — and every action is saved as it happens, so ``ctrl+c`` at any point stops
cleanly and prints the command that continues where the player stopped.
"""

from __future__ import annotations

import shlex
from dataclasses import replace
from typing import Any, cast

from workshop.plain.player import QUIT, PlainPlayer
from workshop.plain.prompts import Option, Prompter, default_prompter
from workshop.plain.render import Renderer
from workshop.play import PlayContext, PlayOptions, build
from workshop.play import resume_command as play_resume_command
from workshop.record import Session, SessionStore
from workshop.scenario.model import Workshop

INTERRUPTED = 130
"""Exit code after ``ctrl+c`` (the shell's convention for an interrupt)."""

LATEST = ""
"""``resume`` value meaning "the latest unfinished session" (``workshop resume`` with no ID)."""


def resume_command(session_id: str, options: Any) -> str:
    """The command that continues a session in plain mode, as the player should type it."""
    return play_resume_command(session_id, getattr(options, "data_dir", None), plain=True)


def run_plain(
    options: PlayOptions | PlayContext, *, prompter: Prompter | None = None,
    out: Renderer | None = None,
) -> int:
    """Play in plain mode; returns the exit code.

    With ``resume`` set, continues that session (``""``: the latest unfinished one); with
    ``track`` or ``scenario``, starts it at once; otherwise offers a menu: continue the
    unfinished session, start a track, play one scenario.

    Args:
        options: The play context the command line built, or the options to build it from.
        prompter: How to ask (default: numbered lines read from standard input).
        out: Where to print (default: standard output).

    Raises:
        UsageError: an unknown track, scenario or session id.
        ContentError: the workshop does not load.
        RecordError: the session record cannot be read or continued.
    """
    if not isinstance(options, PlayContext):
        options = build(replace(options, plain=True))
    context = options
    prompter = prompter or default_prompter()
    out = out or Renderer()
    session: Session | None = None
    try:
        session = _open_session(context, prompter, out)
        if session is None:
            return 0
        finished = PlainPlayer(session.workshop, session, prompter, out).play()
    except KeyboardInterrupt:
        out.blank()
        if session is None:
            out.note("Stopped before anything started; nothing to save.")
        else:
            _stopped(session, context.options, out)
        return INTERRUPTED
    if not finished:
        _stopped(session, context.options, out)
        return 0
    _finish(session, context.store, prompter, out, context.options)
    return 0


def _open_session(context: PlayContext, prompter: Prompter, out: Renderer) -> Session | None:
    """The session to play: resumed, started on the given track, or picked from a menu."""
    options = context.options
    resumed = cast("Session | None", context.session)
    if resumed is not None:  # build() opened it (--resume)
        _welcome(resumed.workshop, out)
        return _resumed(resumed, out)
    workshop = context.workshop
    if options.track is not None or options.scenario is not None:
        session = cast(Session, context.new_session(options.track, options.scenario))
        _welcome(workshop, out)
        return session
    _welcome(workshop, out)
    return _menu(workshop, context.store, prompter, out)


def _welcome(workshop: Workshop, out: Renderer) -> None:
    out.heading(workshop.title)
    if workshop.promise:
        out.aside(workshop.promise)


def _resumed(session: Session, out: Renderer) -> Session:
    for problem in getattr(session, "resume_problems", []):
        # The store already rebuilt what it could; the player should know what changed.
        out.note(f"Note: {problem}")
    journey = session.journey
    if journey.finished:
        out.note(f"Session {session.id} is finished; here is its reflection again.")
    else:
        out.note(f"Continuing session {session.id}: {_where(session)}.")
    return session


def _where(session: Session) -> str:
    journey = session.journey
    done, total = journey.progress
    scenario = journey.scenario
    title = f" — {scenario.title}" if scenario is not None else ""
    return f"{journey.track.title}, scenario {done + 1} of {total}{title}"


def _menu(workshop: Workshop, store: SessionStore, prompter: Prompter,
          out: Renderer) -> Session | None:
    options: list[Option] = []
    unfinished = store.latest_unfinished(workshop.id)
    # The tracks keep their numbers whether or not a session is unfinished: continuing is a
    # letter, so "2" always means the same track.
    if unfinished is not None:
        options.append(Option(f"Continue where you stopped: {_where(unfinished)}", "resume",
                              key="c"))
    tracks = workshop.tracks or (workshop.track(None),)
    for number, track in enumerate(tracks, start=1):
        minutes = f", about {track.minutes} minutes" if track.minutes else ""
        about = f" — {track.description}" if track.description else ""
        options.append(Option(f"{track.title}{minutes}{about}", f"track:{track.id}",
                              key=str(number)))
    options.append(Option("Play one scenario", "single", key="s"))
    options.append(Option("Quit", QUIT, key="q"))
    out.blank()
    picked = prompter.select("Where do you want to start?", options)
    if picked == QUIT:
        return None
    if picked == "resume" and unfinished is not None:
        return _resumed(unfinished, out)
    if picked == "single":
        scenarios = [
            Option(f"{s.title} ({s.minutes} min) — {s.summary}", s.id)
            for s in workshop.scenarios.values()
        ]
        scenarios.append(Option("Back", QUIT, key="b"))
        chosen = prompter.select("Which scenario?", scenarios)
        if chosen == QUIT:
            return _menu(workshop, store, prompter, out)
        return store.create(workshop, None, scenario_id=chosen)
    track_id = picked.split(":", 1)[1]
    return store.create(workshop, track_id if workshop.tracks else None)


def _stopped(session: Session, options: Any, out: Renderer) -> None:
    out.note(f"Saved. Your session is {session.id}.")
    out.note(f"Continue with: {resume_command(session.id, options)}")
    out.note(f"(or in the full app: workshop resume {session.id})")


def _finish(session: Session, store: SessionStore, prompter: Prompter, out: Renderer,
            options: Any) -> None:
    """The reflection, as text, and the notes to keep."""
    from workshop.plain.reflect import offer_export, show_reflection

    show_reflection(session, store, out)
    out.blank()
    out.note(f"Your record is saved as {session.path}.")
    data_dir = getattr(options, "data_dir", None)
    where = f" --data-dir {shlex.quote(str(data_dir))}" if data_dir is not None else ""
    out.note(f"Export your notes any time with: workshop export {session.id}{where} "
             "-o notes.md")
    try:
        offer_export(session, store, prompter, out)
    except KeyboardInterrupt:
        # Everything is saved; stopping here only skips the export.
        out.blank()


__all__ = ["INTERRUPTED", "LATEST", "resume_command", "run_plain"]
