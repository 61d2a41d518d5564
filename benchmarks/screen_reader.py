"""Plain mode as a screen reader would speak it.

Plays a track of the bundled workshop (default: the quick track) in plain mode through a real
pseudo-terminal, answering every prompt from a script (the first story choice each time,
a sentence for each written question, a 4 for each rating), captures every byte on the
screen, and reports:

1. control bytes: escape sequences (CSI, OSC, other ESC), carriage returns that redraw a line,
   backspace, bell — a screen reader speaks or stumbles on these; the goal is none;
2. lines printed more than once, prose apart from the menu lines that are expected to come
   back (the letters for note, undo, stop) — the goal is no prose repeated;
3. punctuation noise: symbols a reader would speak aloud (``▌ » ─ ═ * _ # ` > |``, and runs of
   three or more of the same mark);
4. with ``espeak-ng`` installed (Debian: ``apt-get install espeak-ng``), the transcript spoken
   to a WAV file, and how long it lasts.

Run it from the repository: ``python benchmarks/screen_reader.py [--track quick]
[--term xterm-256color] [--columns 80] [--wav out.wav] [--transcript out.txt]``.
"""

from __future__ import annotations

import argparse
import collections
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30.0
PROMPTS = ("Your choice: ", "Your answer: ", "(y/N) ", "(Y/n) ")
ANSWER = "I would write the design review myself, and ask Dana's team to read it first."

CONTROL = {
    "CSI (cursor, colour, modes)": re.compile(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]"),
    "OSC (titles, links)": re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"),
    "other ESC": re.compile(r"\x1b(?![\[\]])."),
    "carriage return redraw": re.compile(r"\r(?!\n)"),
    "backspace": re.compile(r"\x08"),
    "bell": re.compile(r"\x07"),
}
NOISE = re.compile(r"[▌»─═*_#`>|]|([^\w\s])\1{2,}")
MENU_LINE = re.compile(r"^\s*(?:[a-z]\)|-  |Your choice:|Type one of:)")


def play(track: str, term: str, columns: int, data: Path) -> tuple[bytes, int]:
    """Play the track in a pseudo-terminal; returns every byte shown and the exit code."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(TERM=term, WORKSHOP_CONFIG=str(data / "config"), PYTHONPATH=str(ROOT))
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(data)
        os.execvpe(sys.executable, [sys.executable, "-m", "workshop", "play", "--plain",
                                    "--track", track, "--data-dir", str(data / "d")], env)
    import fcntl
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    screen = b""
    answered = 0
    steps = 0
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and steps < 400:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
            deadline = time.monotonic() + TIMEOUT
        text = screen.decode("utf-8", "replace")
        if len(text) == answered or not text.endswith(PROMPTS):
            continue
        answered = len(text)
        steps += 1
        os.write(fd, (_answer(text) + "\r").encode())
    done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:  # still asking after the step limit or a silent timeout: stop it
        os.kill(pid, signal.SIGTERM)
        _, status = os.waitpid(pid, 0)
    os.close(fd)
    return screen, os.waitstatus_to_exitcode(status)


def _answer(text: str) -> str:
    """What the scripted player types at the prompt that ends ``text``."""
    if text.endswith(("(y/N) ", "(Y/n) ")):
        return "n"
    if text.endswith("Your answer: "):
        return ANSWER
    text = text.replace("\r\n", "\n")
    # What was printed since the previous prompt was answered: this prompt's options.
    end = len(text) - len("Your choice: ")
    block = text[max(0, *(text.rfind(p, 0, end) for p in PROMPTS)):]
    keys = re.findall(r"^\s+(\w+)\) ", block, re.M)
    if "Keep your notes?" in block:
        return "d"
    if "5 — " in block or "5 = " in block:
        return "4"
    digits = [k for k in keys if k.isdigit()]
    return digits[0] if digits else keys[0]


def report(screen: bytes, code: int, wav: Path | None, transcript: Path | None) -> None:
    """Print the figures."""
    text = screen.decode("utf-8", "replace")
    print(f"exit code: {code}; {len(screen)} bytes on screen")
    print("1. control bytes:")
    found = False
    for name, pattern in CONTROL.items():
        hits = pattern.findall(text)
        if hits:
            found = True
            print(f"   {name}: {len(hits)}  e.g. {sorted(set(hits))[:5]!r}")
    if not found:
        print("   none")
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    counts = collections.Counter(line.strip() for line in lines if line.strip())
    repeated = {line: n for line, n in counts.items() if n > 1}
    prose = {line: n for line, n in repeated.items() if not MENU_LINE.match(line)
             and not re.match(r"^\d+\) ", line)}
    print(f"2. lines: {len(lines)}; printed more than once: {len(repeated)} "
          f"({len(repeated) - len(prose)} menu lines, {len(prose)} other)")
    for line, n in sorted(prose.items(), key=lambda item: -item[1])[:15]:
        print(f"   {n}x {line[:90]}")
    noisy = [(n, line) for n, line in enumerate(lines, 1) if NOISE.search(line)]
    print(f"3. lines with punctuation noise: {len(noisy)}")
    for n, line in noisy[:15]:
        marks = "".join(sorted({m.group() for m in NOISE.finditer(line)}))
        print(f"   line {n}: {marks!r} in {line.strip()[:80]!r}")
    spoken = "\n".join(lines)
    if transcript is not None:
        transcript.write_text(spoken, encoding="utf-8")
        print(f"   transcript written to {transcript}")
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        print("4. espeak-ng not installed: no speech (apt-get install espeak-ng)")
        return
    with tempfile.TemporaryDirectory() as folder:
        out = wav or Path(folder) / "session.wav"
        source = Path(folder) / "transcript.txt"
        source.write_text(spoken, encoding="utf-8")
        subprocess.run([espeak, "-w", str(out), "-f", str(source)], check=True,
                       capture_output=True)
        with wave.open(str(out)) as audio:
            seconds = audio.getnframes() / audio.getframerate()
        print(f"4. espeak-ng: {len(spoken.split())} words spoken in {seconds / 60:.1f} minutes "
              f"({seconds:.0f} s){f', saved as {wav}' if wav else ''}")


def main() -> None:
    """Parse the arguments, play, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--track", default="quick")
    parser.add_argument("--term", default="xterm-256color")
    parser.add_argument("--columns", type=int, default=80)
    parser.add_argument("--wav", type=Path)
    parser.add_argument("--transcript", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        screen, code = play(args.track, args.term, args.columns, Path(folder))
    print(f"track {args.track!r}, TERM={args.term}, {args.columns} columns")
    report(screen, code, args.wav, args.transcript)


if __name__ == "__main__":
    main()
