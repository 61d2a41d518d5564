"""Start-up and response time of the workshop's Textual app.

1. Wall time from process start to the home screen's first frame, in a real pseudo-terminal,
   beside a minimal Textual app (Header, Static, Footer) started the same way: the median of
   ``--runs`` runs each, interleaved, and the ratio (target ≤ 1.15). The workshop's runs are
   a returning player's: its caches (validated content, parsed stylesheets) were saved by an
   earlier run that quit normally; that very first start is printed too.
2. The median time from a choice key press to the next view (consequence or scene) being
   rendered, measured with Textual's pilot.

Run it from the repository: ``python benchmarks/startup.py [--runs 15]``. On a shared
machine the ratio moves with the load: compare runs made at the same time.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "first-workshop"
SIZE = (24, 80)
TIMEOUT = 30.0

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("Minimal app ready")
        yield Footer()

Minimal().run()
"""


def first_frame(argv: list[str], marker: bytes, env: dict[str, str], *,
                quit_key: bytes | None = None) -> float:
    """Seconds from fork to the marker text appearing on the pseudo-terminal.

    The program is killed then, unless ``quit_key`` is given: then it is pressed and the
    program left to exit on its own (as a player quitting does).
    """
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # The child: become the program.
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[0], SIZE[1], 0, 0))
    seen = b""
    elapsed = float("nan")
    try:
        while time.perf_counter() - start < TIMEOUT:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if marker in seen:
                elapsed = time.perf_counter() - start
                break
            seen = seen[-4096:]
        if quit_key is not None and elapsed == elapsed:
            time.sleep(0.3)  # Let the screen settle as a player would before quitting.
            os.write(fd, quit_key)
            _wait_for_exit(fd)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    if elapsed != elapsed:  # NaN: the marker never came.
        raise RuntimeError(f"no first frame from {argv!r}; last output: {seen[-300:]!r}")
    return elapsed


def _wait_for_exit(fd: int) -> None:
    """Read the pseudo-terminal until the program closes it (or the timeout)."""
    deadline = time.perf_counter() + TIMEOUT
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def _workshop_command() -> tuple[list[str], bytes]:
    """``workshop`` on the bundled content, or on the example while the bundle is broken."""
    from workshop.errors import WorkshopError
    from workshop.scenario import load_workshop

    command = [sys.executable, "-m", "workshop"]
    try:
        return command, load_workshop().title.encode()
    except WorkshopError as error:
        print(f"(bundled workshop does not load: {error}; timing the example instead)")
        return [*command, "--content", str(EXAMPLE)], load_workshop(EXAMPLE).title.encode()


def startup(runs: int) -> tuple[float, float, float]:
    """Median first-frame times (workshop, minimal app), runs interleaved, and the
    workshop's very first start (no cache in its data folder yet)."""
    # Byte-compile the package as pip does when it installs it: with PYTHONDONTWRITEBYTECODE
    # set (common in containers and CI), an edited module would otherwise be compiled from
    # source on every run and time the compiler instead of the start-up. Textual's own files
    # were compiled when pip installed it.
    compileall.compile_dir(ROOT / "workshop", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor",
                   WORKSHOP_HOME=str(Path(tmp) / "data"),
                   WORKSHOP_CONFIG=str(Path(tmp) / "config"))
        workshop, title = _workshop_command()
        minimal = [sys.executable, "-c", MINIMAL_APP]
        # Warm the file cache once; not counted. The workshop's first run starts without its
        # caches (validated content, parsed stylesheets) and quits with q as a player does,
        # which saves them: every timed run is a returning player's start.
        first_frame(minimal, b"Minimal app ready", env)
        very_first = first_frame(workshop, title, env, quit_key=b"q")
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(runs):
            ours.append(first_frame(workshop, title, env))
            theirs.append(first_frame(minimal, b"Minimal app ready", env))
    return statistics.median(ours), statistics.median(theirs), very_first


async def choice_latency(runs: int) -> float:
    """Median seconds from a digit key press to the next view being on screen (pilot).

    The clock starts as the pilot sends the key and stops when the screen has finished
    updating its widgets for the new view and Textual has drawn the next frame.
    """
    from workshop.play import PlayOptions
    from workshop.tui.app import make_app
    from workshop.tui.screens.scene import SceneScreen

    done: list[float] = []
    show_scene, show_consequence = SceneScreen.show_scene, SceneScreen.show_consequence

    async def timed_scene(self: SceneScreen) -> None:
        await show_scene(self)
        self.call_after_refresh(lambda: done.append(time.perf_counter()))

    async def timed_consequence(self: SceneScreen, label: str, text: str) -> None:
        await show_consequence(self, label, text)
        self.call_after_refresh(lambda: done.append(time.perf_counter()))

    SceneScreen.show_scene = timed_scene  # type: ignore[method-assign]
    SceneScreen.show_consequence = timed_consequence  # type: ignore[method-assign]
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WORKSHOP_CONFIG"] = str(Path(tmp) / "config")
        for _ in range(runs):
            app = make_app(PlayOptions(content=EXAMPLE, data_dir=Path(tmp), track="quick",
                                      play=True))
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                # 03:12 → "join their channel" (a consequence), continue, then "move on".
                for key in ("3", "enter", "2"):
                    done.clear()
                    start = time.perf_counter()
                    await pilot.press(key)
                    await pilot.pause()
                    if key != "enter" and done:
                        times.append(done[0] - start)
    SceneScreen.show_scene, SceneScreen.show_consequence = show_scene, show_consequence
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each (at least 7)")
    args = parser.parse_args()
    runs = max(7, args.runs)
    ours, theirs, very_first = startup(runs)
    print(f"first frame, median of {runs}: workshop {ours * 1000:.0f} ms, "
          f"minimal Textual app {theirs * 1000:.0f} ms, ratio {ours / theirs:.2f} "
          f"(target ≤ 1.15)")
    print(f"the workshop's very first start (no caches yet, one run): "
          f"{very_first * 1000:.0f} ms")
    latency = asyncio.run(choice_latency(runs))
    print(f"choice key → next view drawn (pilot), median of {runs * 2}: "
          f"{latency * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
