"""Benchmark: a burst of browser joins, beside an SSH burst of the same size (issue 18).

N participants (default 50) open the browser session at the same instant. Each is a small
WebSocket client speaking textual-serve's protocol, as the page's JavaScript does:

- it opens ``ws://HOST:PORT/ws?width=W&height=H`` (the size of its terminal in cells);
- the server sends the session's screen as **binary** messages (the bytes the Textual app's
  web driver writes: the same escape sequences a terminal gets) and a few **text** messages,
  JSON arrays such as ``["pong", data]``, ``["open_url", {...}]`` or
  ``["deliver_file_start", key]`` (a download: ``GET /download/KEY``);
- the client sends text messages, JSON arrays: ``["stdin", "keys"]``,
  ``["resize", {"width": W, "height": H}]``, ``["ping", data]``, ``["focus"]``, ``["blur"]``.

The first frame is the moment the marker (the first scenario's title, or the tiny app's
line) has arrived. While all N are connected it measures the private memory (USS and PSS
from /proc/PID/smaps_rollup) of each session's process. Then, unless --no-ssh, the same
burst over SSH against ``workshop serve`` (the helpers of ``benchmarks/ssh_room.py``), and the
two side by side: first frame median / p95 and memory per session.

Targets (--target):
  workshop  ``workshop serve --room CODE --web PORT --no-ssh``: the participant server of
            issue 18 (sessions forked from the preloaded zygote): each browser sends the
            join form (``POST /join``), keeps its cookie and opens ``/ws`` with it
            (:func:`workshop_ws_url`).
  play      textual-serve running ``workshop play`` for each browser: one fresh Python
            process per session, no zygote (what the browser join costs without it).
  tiny      textual-serve running a ten-line Textual app: the protocol and the client.
  auto      (default) workshop when ``workshop serve --help`` offers --web, else play.

Everything runs on 127.0.0.1 and is stopped at the end; the clients share the machine's
cores with the server, so the figures are pessimistic.

    python benchmarks/web_join.py                      # 50 browsers, then 50 over SSH
    python benchmarks/web_join.py -n 20 --target tiny --no-ssh    # a quick look
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import ssh_room  # noqa: E402  (the SSH burst's helpers: server, clients, /proc readings)

SIZE = (100, 30)
"""The terminal size every client asks for (the SSH burst's too)."""
TARGET_P95 = 3.0
"""Seconds: the first frame's 95th percentile a burst of 50 is held to (issue 18)."""

TINY_APP = '''
from textual.app import App, ComposeResult
from textual.widgets import Static

class Tiny(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Tiny app first frame")

Tiny().run()
'''


@dataclass
class WebServer:
    """A running web server and what the clients look for."""

    proc: subprocess.Popen[bytes]
    port: int
    marker: bytes
    kind: str
    room_code: str | None = None
    lines: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def sessions(self) -> list[int]:
        """The session processes: leaves of the server's process tree that run Python (the
        shells textual-serve starts them through, and a zygote with children, are not)."""
        leaves = []
        stack = [self.proc.pid]
        while stack:
            pid = stack.pop()
            kids = ssh_room._children(pid)
            if kids:
                stack += kids
            elif pid != self.proc.pid and _is_python(pid):
                leaves.append(pid)
        return leaves


def _is_python(pid: int) -> bool:
    try:
        return b"python" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _wait_port(proc: subprocess.Popen[bytes], port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            raise SystemExit(f"the web server stopped at start:\n{out}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("the web server did not start listening")


def _textual_serve(command: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    code = ("import sys\nfrom textual_serve.server import Server\n"
            "Server(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2])).serve()\n")
    return subprocess.Popen([sys.executable, "-c", code, command, str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True, env=env)


def _bench_room(data_dir: Path) -> tuple[str, bytes]:
    """A room on the bundled workshop (the example's, if it does not load): code, marker."""
    from workshop.rooms import create_room
    from workshop.scenario import load_workshop

    try:
        workshop, content = load_workshop(None), None
    except Exception:
        workshop, content = load_workshop(ssh_room.EXAMPLE), ssh_room.EXAMPLE
    room = create_room("Web benchmark", workshop=workshop, data_dir=data_dir, content=content)
    first = workshop.scenarios[workshop.track(room.settings.track).scenarios[0]]
    return room.code, first.title.encode("utf-8")


def has_web_join() -> bool:
    """True when ``workshop serve`` offers the browser join (--web)."""
    out = subprocess.run([sys.executable, "-m", "workshop", "serve", "--help"],
                         capture_output=True, text=True, check=False).stdout
    return "--web" in out


def start_web(kind: str, folder: Path, n: int) -> WebServer:
    """Start the target's web server on a free port and wait until it listens."""
    folder.mkdir(parents=True, exist_ok=True)
    port = ssh_room._free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1", WORKSHOP_HOME=str(folder / "home"),
               WORKSHOP_CONFIG=str(folder / "config"))
    if kind == "tiny":
        app = folder / "tiny_app.py"
        app.write_text(textwrap.dedent(TINY_APP))
        proc = _textual_serve(f"{sys.executable} {app}", port, env)
        server = WebServer(proc, port, b"Tiny app first frame", kind)
    elif kind == "play":
        from workshop.scenario import load_workshop

        workshop = load_workshop(None)
        first = workshop.scenarios[workshop.track(None).scenarios[0]]
        proc = _textual_serve(f"{sys.executable} -m workshop play --data-dir {folder / 'data'}",
                              port, env)
        server = WebServer(proc, port, first.title.encode("utf-8"), kind)
    else:
        code, marker = _bench_room(folder / "data")
        proc = subprocess.Popen(
            [sys.executable, "-m", "workshop", "serve", "--room", code, "--data-dir",
             str(folder / "data"), "--host", "127.0.0.1", "--web", str(port), "--no-ssh",
             "--max-sessions", str(n + 10)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True, env=env)
        server = WebServer(proc, port, marker, kind, room_code=code)
    _wait_port(proc, port)
    return server


def stop_web(server: WebServer) -> tuple[float, int]:
    """ctrl+c (the whole process group); returns (seconds to stop, processes left)."""
    everyone = [server.proc.pid, *server.sessions()]
    started = time.monotonic()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.proc.pid, signal.SIGINT)
    try:
        server.proc.wait(60)
    except subprocess.TimeoutExpired:
        os.killpg(server.proc.pid, signal.SIGKILL)
        server.proc.wait()
    took = time.monotonic() - started
    time.sleep(0.5)
    left = [pid for pid in everyone if Path(f"/proc/{pid}").exists()]
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return took, len(left)


async def workshop_ws_url(client: aiohttp.ClientSession, server: WebServer,
                          handle: str) -> str:
    """The join step of ``workshop serve --web`` for one participant: the WebSocket URL.

    What the join page's form does (see workshop/web/server.py): ``POST /join`` with the
    handle, from the site's own origin; the server answers 303 to ``/play`` and sets the
    cookie that holds the handle's token (kept in ``client``'s jar). ``/play`` is the static
    terminal page, so the client goes straight on to its WebSocket, ``/ws``, with that cookie.

    Raises:
        ConnectionError: the join was refused (its status and the page's error line).
    """
    async with client.post(f"{server.base}/join", data={"handle": handle},
                           headers={"Origin": server.base},
                           allow_redirects=False) as response:
        page = await response.text()
    if response.status != 303 or response.headers.get("Location") != "/play":
        why = page.split('role="alert">', 1)[-1].split("<", 1)[0] if "alert" in page else ""
        raise ConnectionError(f"join refused: {response.status} {why}".strip())
    return _ws_url(server)


def _ws_url(server: WebServer) -> str:
    return f"ws://127.0.0.1:{server.port}/ws?width={SIZE[0]}&height={SIZE[1]}"


class Browser:
    """One scripted browser: its own cookie jar, one WebSocket, waits for the first frame,
    then keeps reading (as the page does) until it leaves."""

    def __init__(self, server: WebServer, handle: str) -> None:
        self.server = server
        self.handle = handle
        self.client: aiohttp.ClientSession | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.first_frame: float | None = None
        self.error: str | None = None
        self._reader: asyncio.Task[None] | None = None

    async def join(self, started: float) -> None:
        self.client = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        try:
            url = (await workshop_ws_url(self.client, self.server, self.handle)
                   if self.server.kind == "workshop" else _ws_url(self.server))
            # The page's own origin, as a browser sends it (the server checks it).
            self.ws = await self.client.ws_connect(url, origin=self.server.base,
                                                   max_msg_size=0, autoping=True)
            seen = b""
            while self.server.marker not in seen:
                message = await asyncio.wait_for(self.ws.receive(), 60)
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen = seen[-4096:] + message.data
                elif message.type != aiohttp.WSMsgType.TEXT:
                    raise ConnectionError(f"closed before the first frame ({message.type})")
            self.first_frame = time.perf_counter() - started
            self._reader = asyncio.create_task(self._drain())
        except (OSError, aiohttp.ClientError, TimeoutError, ConnectionError) as error:
            self.error = f"{type(error).__name__}: {error}"

    async def _drain(self) -> None:
        assert self.ws is not None
        with contextlib.suppress(Exception):
            async for _message in self.ws:
                pass

    async def send(self, *envelope: Any) -> None:
        """One message of the protocol, e.g. ``send("stdin", "\\t")``."""
        assert self.ws is not None
        await self.ws.send_str(json.dumps(list(envelope)))

    async def leave(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.ws.close(), 5)
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(BaseException):
                await self._reader
        if self.client is not None:
            await self.client.close()


def _memory_of(pids: list[int]) -> dict[str, float | None]:
    """Median private memory of the sessions, and the CPU each used so far (to its first
    frame and a moment after: a figure the machine's other load does not change much)."""
    memory = [ssh_room._memory(pid) for pid in pids]
    memory = [m for m in memory if m[0] > 0]
    cpu = [ssh_room._cpu_ticks(pid) / ssh_room.CLK for pid in pids]
    return {"sessions": len(memory),
            "uss_median_mb": statistics.median(m[0] for m in memory) if memory else None,
            "pss_median_mb": statistics.median(m[1] for m in memory) if memory else None,
            "cpu_per_session_s": statistics.median(cpu) if cpu else None}


async def _wait_for(count: int, sessions: Any, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while len(sessions()) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.2)


def _helpers(server: WebServer) -> list[int]:
    """The server's processes that are not sessions: itself and the zygote it forked."""
    return [server.proc.pid, *ssh_room._children(server.proc.pid)]


def _cpu_spent(helpers: list[int], before: tuple[dict[int, int], os.times_result],
               sessions: list[int]) -> dict[str, float]:
    """CPU seconds used from the burst's start to its last first frame, by whom: the server,
    the zygote, the sessions (all of their CPU so far) and this benchmark's clients."""
    ticks, own = before
    now = os.times()
    spent = {"server": (ssh_room._cpu_ticks(helpers[0]) - ticks[helpers[0]]) / ssh_room.CLK,
             "zygote": sum(ssh_room._cpu_ticks(pid) - ticks[pid]
                           for pid in helpers[1:]) / ssh_room.CLK,
             "sessions": sum(ssh_room._cpu_ticks(pid) for pid in sessions) / ssh_room.CLK,
             "clients": (now.user - own.user) + (now.system - own.system)}
    return {name: round(value, 2) for name, value in spent.items()}


def _figures(times: list[float], n: int, failed: int) -> dict[str, Any]:
    return {"n": n, "times_s": [round(t, 3) for t in sorted(times)],
            "median_s": statistics.median(times) if times else None,
            "p95_s": ssh_room._pct(times, 0.95), "max_s": max(times) if times else None,
            "failed": failed}


async def web_burst(server: WebServer, n: int, settle: float) -> dict[str, Any]:
    """N browsers at once; first-frame times, then memory while all are connected."""
    people = [Browser(server, f"web{i}") for i in range(n)]
    helpers = _helpers(server)
    before = ({pid: ssh_room._cpu_ticks(pid) for pid in helpers}, os.times())
    started = time.perf_counter()
    await asyncio.gather(*(p.join(started) for p in people))
    spent = _cpu_spent(helpers, before, server.sessions())
    times = [p.first_frame for p in people if p.first_frame is not None]
    joined = sum(1 for p in people if p.first_frame is not None)
    await _wait_for(joined, server.sessions)
    await asyncio.sleep(settle)  # let every session finish its first screen's work
    result = _figures(times, n, sum(1 for p in people if p.error))
    result.update(_memory_of(server.sessions()))
    result["cpu_during_burst_s"] = spent
    result["errors"] = sorted({p.error for p in people if p.error})[:3]
    await asyncio.gather(*(p.leave() for p in people))
    return result


async def ssh_burst(n: int, settle: float, folder: Path) -> dict[str, Any]:
    """The same burst over SSH against ``workshop serve`` (ssh_room's server and clients)."""
    import asyncssh

    server = ssh_room.start_server(folder, n + 10)
    try:
        keys = [asyncssh.generate_private_key("ssh-ed25519") for _ in range(n)]
        people = [ssh_room.Participant(server, f"ssh{i}", keys[i]) for i in range(n)]
        started = time.perf_counter()
        await asyncio.gather(*(p.join(started) for p in people))
        times = [p.first_frame for p in people if p.first_frame is not None]
        await _wait_for(len(times), server.sessions)
        await asyncio.sleep(settle)
        result = _figures(times, n, sum(p.errors for p in people))
        result.update(_memory_of(server.sessions()))
        await asyncio.gather(*(p.leave() for p in people))
    finally:
        ssh_room.stop_server(server)
    return result


def _line(name: str, outcome: dict[str, Any]) -> str:
    def mb(key: str, digits: int = 1) -> str:
        value = outcome.get(key)
        return f"{value:.{digits}f}" if isinstance(value, float) else "-"

    median, p95 = outcome["median_s"], outcome["p95_s"]
    return (f"{name:<22} burst of {outcome['n']:>3}: first frame median "
            f"{median if median is None else f'{median:.2f}'} s, p95 {p95:.2f} s; "
            f"{outcome['sessions']} sessions, USS {mb('uss_median_mb')} MB, "
            f"PSS {mb('pss_median_mb')} MB, CPU {mb('cpu_per_session_s', 2)} s each; "
            f"failed {outcome['failed']}")


async def main_async(args: argparse.Namespace, kind: str, folder: Path) -> dict[str, Any]:
    results: dict[str, Any] = {"target": kind}
    server = start_web(kind, folder / "web", args.n)
    print(f"{kind} web server on {server.base}, {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.2f} at start", flush=True)
    try:
        results["web"] = await web_burst(server, args.n, args.settle)
    finally:
        took, left = stop_web(server)
    results["web"].update(shutdown_s=took, left_behind=left)
    print(_line(f"browser ({kind})", results["web"]), flush=True)
    spent = results["web"]["cpu_during_burst_s"]
    print("  CPU seconds from the burst's start to its last first frame: "
          + ", ".join(f"{name} {value:.2f}" for name, value in spent.items()), flush=True)
    if results["web"]["errors"]:
        print(f"  first errors: {results['web']['errors']}", flush=True)
    if not args.no_ssh:
        results["ssh"] = await ssh_burst(args.n, args.settle, folder / "ssh")
        print(_line("ssh (workshop serve)", results["ssh"]), flush=True)
        web, ssh = results["web"], results["ssh"]
        if web["uss_median_mb"] and ssh["uss_median_mb"]:
            ratio = web["uss_median_mb"] / ssh["uss_median_mb"]
            results["uss_ratio"] = ratio
            print(f"memory per session, browser / ssh: USS x{ratio:.2f} (target: within "
                  f"10%, x0.90 to x1.10)", flush=True)
    p95 = results["web"]["p95_s"]
    print(f"browser first frame p95 {p95:.2f} s (target for 50: under {TARGET_P95:.0f} s)",
          flush=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=50, help="browsers joining at once (50)")
    parser.add_argument("--target", choices=("auto", "workshop", "play", "tiny"),
                        default="auto", help="what serves the browsers (see above)")
    parser.add_argument("--no-ssh", action="store_true", help="skip the SSH burst")
    parser.add_argument("--settle", type=float, default=2.0,
                        help="seconds to wait after the burst before reading memory")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    kind = args.target
    if kind == "auto":
        kind = "workshop" if has_web_join() else "play"
    elif kind == "workshop" and not has_web_join():
        raise SystemExit("workshop serve has no --web here yet: use --target play or tiny")
    with tempfile.TemporaryDirectory(prefix="web-join-bench-") as name:
        results = asyncio.run(main_async(args, kind, Path(name)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
