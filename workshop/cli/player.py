"""Playing the workshop: ``workshop`` (home), ``workshop play``, ``workshop resume``.

The command line builds one play context (:func:`workshop.play.build`) and hands it to a
shell: the Textual app or plain mode. Everything that can go wrong with the arguments (a broken
scenario folder, an unknown track, theme or session) is found while building it and printed as
one line before any screen starts. Textual is imported only when the full-screen app runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

PLAY_HELP = "play the workshop: start a track right away (the first one unless --track)"
RESUME_HELP = "continue a session where it stopped (the latest unfinished one without ID)"


def register_root(parser: argparse.ArgumentParser) -> None:
    """Top-level options for the home screen: ``workshop --theme NAME --data-dir DIR``."""
    _add_common(parser, root=True)


def _add_common(parser: argparse.ArgumentParser, *, root: bool = False) -> None:
    import argparse

    # The same options work before or after the command; the sub-command's value wins.
    default = None if root else argparse.SUPPRESS
    parser.add_argument("--theme", metavar="NAME", default=default,
                        help="colour theme for this run (see docs/themes.md)")
    parser.add_argument("--data-dir", metavar="DIR", type=Path, default=default,
                        help="where session records are kept (default: $WORKSHOP_HOME or "
                        "the platform's data folder)")
    if root:
        parser.add_argument("--content", metavar="PATH", type=Path, default=None,
                            help="play this workshop folder instead of the bundled one")


def _sentence(text: str) -> str:
    """A one-line ``help`` (lower case, no full stop) as the first sentence of a description."""
    return text[:1].upper() + text[1:] + "."


def register(sub: Any) -> None:
    """Add ``play`` and ``resume``."""
    import argparse

    play = sub.add_parser(
        "play", help=PLAY_HELP,
        description=_sentence(PLAY_HELP) + " PATH plays your own workshop; --watch reloads it "
        "as you edit; --plain plays line by line. See docs/playing.md.")
    play.add_argument("path", nargs="?", type=Path, metavar="PATH",
                      help="a workshop folder, workshop.toml or scenario file "
                      "(default: the bundled Staff Path workshop)")
    play.add_argument("--track", metavar="ID", help="the track to play, e.g. full or quick")
    play.add_argument("--scenario", metavar="ID", help="play only this scenario")
    play.add_argument("--watch", action="store_true",
                      help="for authors: reload the files when they change and replay the "
                      "choices made so far (nothing is saved)")
    play.add_argument("--plain", action="store_true",
                      help="line by line, without the full-screen app (screen readers, "
                      "dumb terminals)")
    _add_common(play)
    play.set_defaults(handler=play_handler)

    resume = sub.add_parser(
        "resume", help=RESUME_HELP,
        description=_sentence(RESUME_HELP) + " Quitting the app prints this command with "
        "the session's id.")
    resume.add_argument("session", nargs="?", metavar="ID",
                        help="the session id (see 'workshop history')")
    resume.add_argument("--content", metavar="PATH", type=Path, default=argparse.SUPPRESS,
                        help="the workshop folder the session was played from, if not bundled")
    resume.add_argument("--plain", action="store_true",
                        help="continue line by line, without the full-screen app")
    _add_common(resume)
    resume.set_defaults(handler=resume_handler)


def _options(args: argparse.Namespace, **fields: Any) -> Any:
    from workshop.play.options import PlayOptions

    return PlayOptions(theme=getattr(args, "theme", None),
                       data_dir=getattr(args, "data_dir", None), **fields)


def default_handler(args: Any) -> int:
    """No command: the home screen."""
    return _run(_options(args, content=getattr(args, "content", None)), plain=False)


def play_handler(args: argparse.Namespace) -> int:
    """``workshop play``."""
    if args.watch and args.plain:
        from workshop.errors import UsageError

        raise UsageError("--watch works in the full-screen app only, not with --plain")
    options = _options(args, content=args.path, track=args.track, scenario=args.scenario,
                       watch=args.watch, play=True, plain=args.plain)
    return _run(options, plain=args.plain)


def resume_handler(args: argparse.Namespace) -> int:
    """``workshop resume [ID]``."""
    options = _options(args, content=getattr(args, "content", None), resume=args.session or "",
                       plain=args.plain)
    return _run(options, plain=args.plain)


def _run(options: Any, *, plain: bool) -> int:
    if plain:
        # Plain mode (workshop/plain/) builds its context as it goes: its menu comes before
        # any session exists, and it never imports Textual.
        from workshop.plain import run_plain

        return int(run_plain(options))
    from workshop.play import build

    # Raises WorkshopError: printed as one line, no screen drawn.
    context = build(options)
    if options.theme is not None:
        from workshop.tui.themes import check_theme_option

        check_theme_option(options.theme, context.themes)
    from workshop.tui.app import make_app

    app = make_app(context)
    message = app.run()
    if message:
        print(message)
    return app.return_code or 0
