"""The browser join's site: the join form, textual-serve's terminal page, its WebSocket, notes.

Routes (nothing else is served):

* ``GET /``: the join form (a handle; the passcode when the room has one). A browser that
  already holds a handle in this room is offered to continue, and its notes.
* ``POST /join``: checks the handle (the SSH server's rule), the room's admission (locked,
  full, removed), the passcode (the same per-handle and room-wide backoff as SSH), and that the
  handle is free or already this browser's; claims a free handle for a new token (bound when
  its first session starts, as over SSH); sets the cookie and sends the browser to ``/play``.
* ``GET /play``: textual-serve's terminal page for this browser's own session.
* ``GET /ws``: the session's WebSocket. Its ``Origin`` must be this site (or one allowed with
  ``--web-origin``) and its cookie must hold the handle's token; only that handle's session
  is ever started.
* ``GET /notes``: the participant's notes as Markdown (what ``ssh HANDLE@HOST export``
  prints).
* ``/static/...`` (textual-serve's front end) and ``/join/...`` (our two small files).

Every request must name one of the server's own hosts in its ``Host`` header, or it gets a
421 (:mod:`workshop.web.hosts`: a guard against DNS rebinding).
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import textual_serve
from aiohttp import web

from workshop.rooms.names import FACILITATOR, HANDLE_RULE, check_handle
from workshop.web import hosts, identity, pages
from workshop.web.door import Door
from workshop.web.options import WebOptions
from workshop.web.session import MAX_MESSAGE, WebSession, clamp_size

HERE = Path(__file__).resolve().parent
SERVE_STATIC = Path(textual_serve.__file__).resolve().parent / "static"
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
        "base-uri 'none'; form-action 'self'"),
    "X-Content-Type-Options": "nosniff",
    # Not "no-referrer": under it a browser sends "Origin: null" with the join form, which the
    # Origin check must refuse. "same-origin" still sends nothing to any other site.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
"""Sent with every page: our own scripts only, no framing, no referrer to other sites, nothing
cached."""


class WebJoin:
    """The browser join of one room server.

    Args:
        door: The room server (admission, limits, bindings, the zygote).
        options: Port, TLS and allowed origins.
    """

    def __init__(self, door: Door, options: WebOptions) -> None:
        self.door = door
        self.options = options
        self.sessions: set[WebSession] = set()
        self.claims = identity.Claims()
        """Free handles asked for with Join, bound when their first session starts."""
        self._runner: web.AppRunner | None = None
        self.port = options.port
        self.projector_token: str | None = None
        """The token of the projector page's link (None: that page is not installed)."""

    # -- the site ------------------------------------------------------------------------

    def application(self) -> web.Application:
        """The aiohttp application (tests may serve it with aiohttp's test server)."""
        check = hosts.HostCheck.build(self.options.host, public_url=self.options.public_url,
                                      origins=self.options.origins, extra=self.options.hosts)
        app = web.Application(client_max_size=16 * 1024,
                              middlewares=[hosts.middleware(check, self.door.log)])
        app.add_routes([
            web.get("/", self.index),
            web.post("/join", self.join),
            web.get("/play", self.play),
            web.get("/ws", self.websocket),
            web.get("/notes", self.notes),
            web.get("/join/play.js", self._file("play.js", "text/javascript")),
            web.get("/join/play.css", self._file("play.css", "text/css")),
            web.static("/static", SERVE_STATIC),
        ])
        app.on_response_prepare.append(_secure_headers)
        self._add_projector(app)
        return app

    def _add_projector(self, app: web.Application) -> None:
        """The read-only projector page (issue 18, item 4), where that module is installed:
        mounted on this site behind a facilitator token, its link printed at start."""
        try:
            from workshop.web import projector  # type: ignore[attr-defined,unused-ignore]
        except ImportError:
            return
        token = projector.new_projector_token()
        projector.add_projector_routes(app, self.door.room, self.door.workshop, token)
        self.projector_token = token

    def _file(self, name: str, kind: str) -> Any:
        path = HERE / "static" / name

        async def serve(request: web.Request) -> web.StreamResponse:
            return web.FileResponse(path, headers={"Content-Type": kind})

        return serve

    async def start(self) -> int:
        """Listen; returns the port taken."""
        # Sessions are stopped (and saved) before the site closes: a request still waiting
        # for its passcode turn has no reason to hold the shutdown for long.
        self._runner = web.AppRunner(self.application(), access_log=None,
                                     handle_signals=False, shutdown_timeout=3.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.options.host, self.options.port,
                           ssl_context=self.options.ssl_context)
        await site.start()
        for address in self._runner.addresses:
            if isinstance(address, tuple) and len(address) >= 2:
                self.port = int(address[1])
                break
        return self.port

    async def stop(self) -> None:
        """Close every browser session (each app saves and quits), then the site."""
        note = "The workshop server stopped. Everything you did is saved."
        await asyncio.gather(*(s.stop(note) for s in list(self.sessions)),
                             return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()

    def projector_line(self) -> str | None:
        """The facilitator's line with the projector page's link (None without that page)."""
        if self.projector_token is None:
            return None
        from workshop.web import projector  # type: ignore[attr-defined,unused-ignore]

        return str(projector.projector_line(projector.projector_link(self.link(),
                                                                     self.projector_token)))

    def link(self) -> str:
        """The address participants open."""
        if self.options.public_url:
            return self.options.public_url
        host = self.options.host
        if host in ("0.0.0.0", "::", ""):
            host = socket.gethostname()
        scheme = "https" if self.options.ssl_context is not None else "http"
        default = 443 if scheme == "https" else 80
        port = "" if self.port == default else f":{self.port}"
        if ":" in host:  # an IPv6 address goes in brackets in a URL
            host = f"[{host}]"
        return f"{scheme}://{host}{port}/"

    # -- who is asking -------------------------------------------------------------------

    @property
    def _cookie(self) -> str:
        return identity.cookie_name(self.door.room.code)

    def _token(self, request: web.Request) -> tuple[str, str, bool] | None:
        """(handle, token, bound) from this browser's cookie, when the token holds the handle
        (bound to it, or claimed and still free); None otherwise."""
        parsed = identity.parse_cookie(request.cookies.get(self._cookie))
        if parsed is None:
            return None
        handle, token = parsed
        if identity.holds(self.door.bindings, handle, token):
            return handle, token, True
        if self.door.bindings.get(handle) is None and self.claims.holds(handle, token):
            return handle, token, False
        return None

    def _holder(self, request: web.Request, bound: bool = False) -> str | None:
        """The handle this browser's cookie holds (only a bound one with ``bound``)."""
        held = self._token(request)
        if held is None or (bound and not held[2]):
            return None
        return held[0]

    def _binder(self, handle: str, token: str) -> Callable[[bool], Awaitable[bool]]:
        """What binds a claimed handle as its session starts; True if it is (now) this
        browser's (with ``check_only``: whether it may become so, binding nothing)."""

        async def bind(check_only: bool = False) -> bool:
            bindings = self.door.bindings
            if identity.holds(bindings, handle, token):
                return True
            if bindings.get(handle) is not None:
                return False
            if check_only:
                return True
            try:
                await bindings.bind_async(handle, token_hash=identity.token_hash(token))
            except Exception as error:  # the file cannot be written
                self.door.log(f"cannot bind {handle}: {error}")
                return False
            self.claims.settle(handle)
            self.door.log(f"bound {handle} to a browser")
            return True

        return bind

    def _same_origin(self, request: web.Request, required: bool) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            return not required
        if origin in self.options.origins:
            return True
        parts = urlsplit(origin)
        return bool(parts.netloc) and parts.netloc.lower() == request.host.lower()

    def _secure(self, request: web.Request) -> bool:
        return self.options.ssl_context is not None or request.secure or \
            request.headers.get("X-Forwarded-Proto", "").lower() == "https"

    @property
    def _title(self) -> str:
        return self.door.room.settings.title

    # -- pages ---------------------------------------------------------------------------

    def _form(self, *, error: str = "", handle: str = "", current: str | None = None,
              status: int = 200) -> web.Response:
        room = self.door.room
        body = pages.join_page(self._title, room.code, passcode=room.has_passcode,
                               error=error, handle=handle, current=current)
        return web.Response(text=body, content_type="text/html", status=status)

    def _refusal(self, message: str, status: int) -> web.Response:
        return web.Response(text=pages.message_page(self._title, pages.text(message, 400)),
                            content_type="text/html", status=status)

    async def index(self, request: web.Request) -> web.Response:
        """The join form."""
        return self._form(current=self._holder(request, bound=True))

    async def join(self, request: web.Request) -> web.StreamResponse:
        """Check and bind a handle, then go to the session."""
        if not self._same_origin(request, required=False):
            return self._refusal("This form can only be sent from the workshop's own page.",
                                 403)
        form = await request.post()
        typed = str(form.get("handle", ""))[:200]
        answer = str(form.get("passcode", ""))[:200]
        handle = check_handle(typed)
        if handle is None:
            self.door.log(f"browser join refused: {pages.shown_handle(typed)!r} is no handle")
            return self._form(error=f"'{pages.shown_handle(typed)}' cannot be a handle in this "
                              f"room: use {HANDLE_RULE}.", status=400)
        problem = self._problem(handle)
        if problem:
            return self._form(error=pages.text(problem, 400), handle=handle, status=403)
        if self._holder(request) == handle:
            return self._go_play()  # this browser's own handle: no passcode, as a bound key
        if self.door.bindings.get(handle) is not None:
            return self._form(error=f"The handle '{handle}' is already taken in this room by "
                              "someone else. Pick another handle.", status=403)
        refusal = await self._passcode(handle, answer)
        if refusal:
            return refusal
        # Claimed, not bound: the handle is this browser's once its session starts.
        token = identity.new_token()
        self.claims.add(handle, token)
        response = self._go_play()
        response.set_cookie(self._cookie, identity.cookie_value(handle, token),
                            max_age=self.options.cookie_days * 86400, path="/", httponly=True,
                            samesite="Strict", secure=self._secure(request))
        return response

    def _problem(self, handle: str) -> str:
        """Why this handle cannot have a browser session now ('' when it can)."""
        if handle == FACILITATOR:
            # Over SSH the name opens the dashboard, for a listed facilitator key only; a
            # browser has no key, so the name is never a browser's.
            return ("'facilitator' is reserved for the facilitator's dashboard, reached over "
                    "SSH with a facilitator key: pick another handle.")
        return self.door.admission_problem(handle)

    async def _passcode(self, handle: str, answer: str) -> web.Response | None:
        """None when the passcode is right (or none is asked), else the refusal."""
        door = self.door
        if not door.room.has_passcode or door.passcode_known(answer):
            return None
        wait = door.answer_turn(handle)
        if wait is None:
            return self._refusal("Too many wrong answers were tried in this room just now: "
                                 "wait a minute and try again.", 429)
        if wait > 0:
            await asyncio.sleep(wait)
        if answer and await door.check_passcode(answer):
            door.answer_right(handle)
            return None
        door.log(f"failed browser login for {handle}: wrong passcode")
        await asyncio.sleep(door.limits.fail_delay)
        return self._form(error="Wrong passcode for this room.", handle=handle, status=403)

    @staticmethod
    def _go_play() -> web.Response:
        return _see_other("/play")

    async def play(self, request: web.Request) -> web.Response:
        """textual-serve's terminal page, for the handle this browser holds."""
        handle = self._holder(request)
        if handle is None:
            return _see_other("/")
        problem = self._problem(handle)
        if problem:
            return self._refusal(problem, 403)
        font = request.query.get("fontsize", "16")
        # isascii: '²' is a digit to str.isdigit() but not to int().
        size = int(font) if font.isascii() and font.isdigit() and 8 <= int(font) <= 40 else 16
        return web.Response(text=pages.play_page(self._title, handle, "/static/", size),
                            content_type="text/html")

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        """The session's WebSocket: same origin, this browser's own handle, nothing else."""
        if not self._same_origin(request, required=True):
            self.door.log(f"refused a WebSocket from origin "
                          f"{pages.text(request.headers.get('Origin', '(none)'), 80)}")
            raise web.HTTPForbidden(text="This session can only be opened from the workshop's "
                                    "own page.")
        held = self._token(request)
        if held is None:
            raise web.HTTPForbidden(text="Join from the workshop's page first.")
        handle, token, _bound = held
        problem = self._problem(handle)
        if problem:
            raise web.HTTPForbidden(text=problem)
        websocket = web.WebSocketResponse(heartbeat=30, max_msg_size=MAX_MESSAGE)
        await websocket.prepare(request)
        size = clamp_size(request.query.get("width", "80"), request.query.get("height", "24"))
        session = WebSession(self.door, handle, websocket, size, self._binder(handle, token))
        self.sessions.add(session)
        try:
            await session.run()
        except Exception as error:  # a bug of ours: the room's log, not the participant
            self.door.log(f"browser session of {handle} failed: {type(error).__name__}: "
                          f"{error}")
            self.door.release(session)
        finally:
            self.sessions.discard(session)
        return websocket

    async def notes(self, request: web.Request) -> web.StreamResponse:
        """The participant's notes, Markdown, as a download."""
        handle = self._holder(request, bound=True)
        if handle is None:
            return _see_other("/")
        try:
            text = await asyncio.get_running_loop().run_in_executor(
                None, self.door.export_notes, handle)
        except Exception as error:
            self.door.log(f"cannot export the notes of {handle}: {error}")
            return self._refusal(f"Cannot export your notes: {getattr(error, 'message', error)}",
                                 500)
        return web.Response(text=text, content_type="text/markdown", charset="utf-8",
                            headers={"Content-Disposition":
                                     f'attachment; filename="notes-{handle}.md"'})


def _see_other(path: str) -> web.Response:
    return web.Response(status=303, headers={"Location": path})


async def _secure_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in HEADERS.items():
        if name == "Cache-Control" and request.path.startswith("/static/"):
            continue  # textual-serve's front end (half a megabyte) may be cached
        response.headers.setdefault(name, value)
