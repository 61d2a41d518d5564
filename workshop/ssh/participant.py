"""One participant's session in room mode: the Textual app on this process's terminal.

This runs in a child forked by the zygote (``workshop serve``) after ``os.login_tty``, and in
``workshop ssh-session`` under the system's OpenSSH. Either way stdin, stdout and stderr are
the participant's terminal. Crash output goes to the room's log, never to the participant: a
traceback with local variables would show other people's data and the server's internals.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

SORRY = ("\r\nSomething went wrong on the workshop server. Everything up to your last "
         "choice is saved: connect again to continue.\r\n")


def sorry(ident: str | None) -> str:
    """The participant's line after a crash, naming the error id the log has."""
    if not ident:
        return SORRY
    return SORRY.rstrip() + f" (error {ident})\r\n"


def _log(log_path: Path | None, handle: str, text: str) -> None:
    if log_path is None:
        return
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
    with contextlib.suppress(OSError), open(log_path, "a", encoding="utf-8") as log:
        log.write(f"{stamp} [{handle} pid {os.getpid()}] {text.rstrip()}\n")


def participant_environment(term: str, *, truecolor: bool, config_dir: Path,
                            data_dir: Path | None) -> dict[str, str]:
    """The whole environment a participant's app runs with (never the client's)."""
    env = {
        "TERM": term,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(config_dir),
        "WORKSHOP_CONFIG": str(config_dir),
        "XDG_CONFIG_HOME": str(config_dir),
    }
    if truecolor:
        env["COLORTERM"] = "truecolor"
    if data_dir is not None:
        env["WORKSHOP_HOME"] = str(data_dir)
    return env


def web_environment(width: int, height: int) -> dict[str, str]:
    """What a browser participant's app adds: Textual's web driver, at the browser's size.

    The web driver (textual-serve's protocol) reads packets on stdin and writes them on
    stdout, which the zygote made a socket to the server (``workshop serve --web``).
    Textual's own settings (frame rate, colour system) are read once, when the zygote imports
    Textual, so they are not set here; the colours come from COLORTERM, read at app start.
    """
    return {
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "TERM_PROGRAM": "textual",
        "COLORTERM": "truecolor",
        "COLUMNS": str(width),
        "ROWS": str(height),
    }


def run_participant(room_dir: Path, handle: str, *, data_dir: Path | None = None,
                    log_path: Path | None = None,
                    farewell: str = "Saved. Connect again to continue where you stopped.",
                    web: bool = False) -> int:
    """Run the app in room mode for a handle on the current terminal; returns an exit status.

    Raises nothing: every failure is logged and the participant gets one polite line.
    ``farewell`` is printed after a normal quit, in place of the app's own line (which names
    the local ``workshop resume`` command, meaningless to someone who came in over SSH).
    ``web`` runs the app on Textual's web driver (a browser participant, ``serve --web``).
    """
    from workshop.rooms.crashlog import log_error

    # In a browser session stdout is the web driver's packet stream: a line written there
    # after the app would corrupt it. The server tells the page instead (web/session.py).
    out: TextIO = io.StringIO() if web else (sys.__stdout__ or sys.stdout)
    log_file: TextIO | None = None
    who = f"{handle} pid {os.getpid()}"
    crashes: list[str] = []

    def report(error: BaseException) -> None:
        crashes.append(log_error(room_dir, log_path, who, error))

    try:
        if log_path is not None:
            log_file = open(log_path, "a", encoding="utf-8")  # noqa: SIM115
            # Textual draws on sys.__stderr__ (the terminal); its crash report and anything
            # printed to sys.stderr go to the log instead.
            sys.stderr = log_file
        app = build_app(room_dir, handle, data_dir, web=web)
        if web:
            # Textual reads TEXTUAL_DRIVER once, when it is imported: in the zygote, before
            # any participant. A browser session names its driver here instead.
            from textual.drivers.web_driver import WebDriver

            app.driver_class = WebDriver
            app.in_browser = True
        if hasattr(app, "crash_report"):
            # One line per error, the traceback once per distinct error, never locals.
            app.crash_report = report
        if log_file is not None:
            from rich.console import Console

            app.error_console = Console(file=log_file, markup=False, highlight=False,
                                        width=120)
        app.run()
        if app.return_code:
            if not crashes:
                _log(log_path, handle, f"the app ended with status {app.return_code}")
            out.write(sorry(crashes[-1] if crashes else None))
            out.flush()
            return 1
        from workshop.tui.room.screen import REMOVED_MESSAGE

        if app.return_value == REMOVED_MESSAGE:
            # Removed: say so plainly; "connect again to continue" would no longer work.
            farewell = REMOVED_MESSAGE
        if farewell:
            out.write(f"{farewell}\r\n")
            out.flush()
        return 0
    except Exception as error:
        from workshop.errors import WorkshopError

        if isinstance(error, WorkshopError):
            _log(log_path, handle, f"cannot start the session: {error}")
        else:
            report(error)
        with contextlib.suppress(OSError):
            message = getattr(error, "message", None)
            if isinstance(error, WorkshopError):
                out.write(f"\r\nThe workshop cannot start your session: {message}\r\n")
            else:
                out.write(sorry(crashes[-1] if crashes else None))
            out.flush()
        return 1
    finally:
        if log_file is not None:
            sys.stderr = sys.__stderr__
            log_file.close()


def build_app(room_dir: Path, handle: str, data_dir: Path | None, web: bool = False) -> Any:
    """The real app in room mode, its participant record opened (created on first join).

    In a child of the zygote the room's workshop is already loaded (``_PRELOADED``): the play
    context is handed that copy instead of reading and validating every scenario file again
    (tens of milliseconds of CPU per join, and private memory).

    ``data_dir`` (the server's data folder) reaches the facilitator's dashboard only: a
    participant's app gets the room's folder for that handle as its data folder, and a store
    that sees their own record and nothing else (issue 12).
    """
    from workshop.errors import WorkshopError
    from workshop.play import PlayOptions, build
    from workshop.rooms import open_room, participant_session
    from workshop.rooms.participants import participant_home
    from workshop.ssh.facilitator import FACILITATOR, dashboard_app
    from workshop.tui.app import make_app

    if handle == FACILITATOR:  # issue 7: the facilitator's key gets the dashboard
        if web:  # the site refuses the name; a second lock, should anything let it through
            raise WorkshopError("the facilitator's dashboard is not served to browsers")
        return dashboard_app(room_dir, data_dir)
    room = open_room(room_dir)
    loaded = _PRELOADED.get(room.settings.content or "")
    workshop = loaded if loaded is not None else room.workshop()
    session = participant_session(room, handle, workshop)
    content = Path(room.settings.content) if room.settings.content else None
    # room + handle select room mode: the app's store is the participant's own record, its
    # id the handle, so the app opens exactly where the participant stopped.
    own = session.handle or handle
    options = PlayOptions(content=content, data_dir=participant_home(room.path, own),
                          room=room.path, handle=own, resume=session.id)
    return make_app(build(options, workshop=workshop))


START_WITHOUT_COLLECTOR = 2.0
"""Seconds a session starts with Python's cycle collector paused (:func:`pause_collector`)."""


def pause_collector(seconds: float) -> threading.Timer:
    """Pause Python's cycle collector while a session starts; it runs again after ``seconds``.

    Starting the app allocates hundreds of thousands of objects, most of them gone again at
    once (reference counting frees them), and the collector would look through the young ones
    every 700 allocations: about 5% of a session's CPU to its first frame, in a burst of
    joins where every core is busy. What it would find in two seconds is a few kilobytes of
    cycles, collected as soon as it runs again. (The zygote's own heap is frozen either way.)
    """
    gc.disable()
    timer = threading.Timer(seconds, gc.enable)
    timer.daemon = True
    timer.start()
    return timer


def child_main(request: dict[str, Any]) -> int:
    """What a zygote child runs: the participant's environment, then the app."""
    from workshop.rooms.participants import participant_home
    from workshop.ssh.facilitator import FACILITATOR

    pause_collector(START_WITHOUT_COLLECTOR)

    room_dir = Path(request["room"])
    handle = str(request["handle"])
    data_dir = Path(request["data_dir"]) if request.get("data_dir") else None
    log_path = Path(request["log"]) if request.get("log") else None
    # The participant's whole environment points inside the room, never at the server
    # user's folders (the facilitator's dashboard keeps the server's data folder).
    config_dir = participant_home(room_dir, handle)
    with contextlib.suppress(OSError):
        config_dir.mkdir(parents=True, exist_ok=True)
    if request.get("memory_ceiling"):
        from workshop.ssh.memory import apply_backstop

        apply_backstop(int(request["memory_ceiling"]))
    os.environ.clear()
    os.environ.update(participant_environment(
        str(request["term"]), truecolor=bool(request.get("truecolor")),
        config_dir=config_dir, data_dir=config_dir if handle != FACILITATOR else data_dir))
    if request.get("stdio") == "socket":
        os.environ.update(web_environment(int(request.get("width") or 80),
                                          int(request.get("height") or 24)))
    if request.get("stdio") == "socket":
        # stdout is the web driver's packet stream: nothing may be printed after the app.
        return run_participant(room_dir, handle, data_dir=data_dir, log_path=log_path,
                               farewell="", web=True)
    farewell = str(request.get("farewell") or "") or None
    if farewell is None:
        return run_participant(room_dir, handle, data_dir=data_dir, log_path=log_path)
    return run_participant(room_dir, handle, data_dir=data_dir, log_path=log_path,
                           farewell=farewell)


_LATER_MODULES = (
    "workshop.tui.screens.home", "workshop.tui.screens.reflection",
    "workshop.tui.screens.dialogs", "workshop.tui.screens.help", "workshop.play.history",
    "workshop.tui.room.lookback", "workshop.tui.widgets.plot", "textual.command",
    "textual.system_commands", "textual.widgets.text_area",
)

_PRELOADED: dict[str, Any] = {}
"""The room's workshop, loaded once in the zygote and shared by every child."""


def preload(room_dir: Path | None = None) -> None:
    """Make a session start fast: in the zygote, once, before any child is forked.

    Imports the app, loads the room's workshop content, and plays one headless session in a
    throwaway room so that everything the app imports or caches lazily (screens, Markdown,
    CSS) is in memory before the fork and shared, copy-on-write, by every child.
    """
    import importlib
    import tempfile
    import threading

    import textual.app
    import textual.drivers.linux_driver
    import textual.drivers.web_driver  # noqa: F401  (browser sessions, serve --web)

    import workshop.tui.app  # noqa: F401
    from workshop.rooms import create_room, open_room
    from workshop.tui.css_cache import share_parsed_css

    # Before the warm-up, so that what it parses is what every child finds.
    share_parsed_css()
    # What a participant may open later (reflection, dialogs, keys, look back, the command
    # palette): imported once here rather than in every child, where it would cost CPU and
    # private memory.
    for name in _LATER_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)

    if room_dir is None:
        return
    try:
        room = open_room(room_dir)
        loaded = room.workshop()
    except Exception:
        return
    _PRELOADED[room.settings.content or ""] = loaded
    with tempfile.TemporaryDirectory(prefix="workshop-warmup-") as folder:
        content = Path(room.settings.content) if room.settings.content else None
        warm = create_room("warm-up", workshop=loaded, track=room.settings.track,
                           data_dir=Path(folder), content=content)
        try:
            app = build_app(warm.path, "warmup", Path(folder))

            async def settle(pilot: Any) -> None:
                await pilot.pause()
                app.exit()

            app.run(headless=True, size=(100, 30), auto_pilot=settle)
        except Exception as error:
            # Sessions still start (each loads what it needs itself, only slower): say why
            # once, where the facilitator running `serve` sees it.
            print(f"workshop serve: the session warm-up failed ({type(error).__name__}: "
                  f"{error}); sessions start more slowly", file=sys.stderr, flush=True)
    # A fork copies only the calling thread: nothing may be left running.
    assert threading.active_count() == 1, "the warm-up left a thread behind"
