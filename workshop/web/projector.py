"""The projector view as a web page: ``/projector?token=...``, read-only, live.

A facilitator opens it on the machine that drives the wall or shares it on a call. It shows
exactly what the terminal projector shows (both draw :func:`workshop.rooms.projector.projection`):
the join line, the current step, the charts of revealed decisions, the shared answers the
facilitator chose to show, the timer and the broadcast line; never a handle, an unrevealed
count or an unshared answer.

- **Facilitator link.** Both routes answer only with the room's projector token in the query
  (``?token=``, compared in constant time); without it, or with a wrong one, 403. The server
  makes the token (:func:`new_projector_token`) and prints the link
  (:func:`projector_line` of :func:`projector_link`); the page sends no referrer, so the
  link does not leak to anything it points at.
- **Live.** The page opens a Server-Sent Events stream (``/projector/events``) that sends the
  page's body again whenever what it shows changed (a reveal, a shown answer, the next step,
  the timer ticking); each look at the room costs two ``stat`` calls. Without JavaScript the
  page reloads itself every few seconds instead.
- **Inert text.** Everything from content or participants is escaped as HTML text, and a
  Content-Security-Policy lets no script run but the page's own (by nonce), and lets the page
  reach nothing but its own server.

Mount it on any :class:`aiohttp.web.Application` with :func:`add_projector_routes`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime

from aiohttp import web

from workshop.rooms.debrief_html import bar_chart, text
from workshop.rooms.joinline import read_join, read_web
from workshop.rooms.projector import Projection, PublishedState, clock, projection
from workshop.rooms.room import Room
from workshop.rooms.sanitize import sanitize
from workshop.scenario.model import Workshop

PAGE_PATH = "/projector"
EVENTS_PATH = "/projector/events"
INTERVAL = 0.5
"""Seconds between two looks at the room for the live stream (two ``stat`` calls each)."""
KEEPALIVE = 15.0
"""Seconds of silence after which the stream sends a comment, so proxies keep it open."""
REFRESH = 5
"""Seconds between reloads of the page when JavaScript is off."""

CSS = """
:root { --ink: #f3f4f6; --muted: #9aa3b2; --bar: #5aa9e6; --paper: #10161f; --line: #2a3442; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 22px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 70rem; margin: 0 auto; padding: 2rem 2rem 4rem; }
.join { font: 600 1.6rem/1.3 ui-monospace, "DejaVu Sans Mono", monospace; margin: .2rem 0 1rem;
  overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.timer { font: 700 3.2rem/1.1 ui-monospace, "DejaVu Sans Mono", monospace; margin: .6rem 0; }
.timer.up { color: var(--paper); background: var(--ink); display: inline-block;
  padding: 0 .6rem; font-size: 2rem; }
.broadcast { font-size: 1.5rem; font-weight: 700; margin: 1rem 0;
  overflow-wrap: anywhere; white-space: pre-wrap; }
h1 { font-size: 2rem; border-bottom: 2px solid var(--line); padding-bottom: .3rem; }
h2 { font-size: 1.4rem; margin: 1.6rem 0 .4rem; }
figure { margin: .6rem 0 1.4rem; }
figure svg { width: 100%; max-width: 60rem; height: auto; }
svg text { font: 14px system-ui, sans-serif; fill: var(--ink); }
svg rect { fill: var(--bar); }
blockquote { margin: .6rem 0 1.2rem; padding: .3rem 1rem; border-left: 5px solid var(--bar);
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.3rem; }
body.offline main { opacity: .6; }
"""

SCRIPT = """
const main = document.getElementById("projector");
const token = document.body.dataset.token;
const source = new EventSource("projector/events?token=" + encodeURIComponent(token));
source.onmessage = (event) => {
  main.innerHTML = event.data;
  document.body.classList.remove("offline");
};
source.onerror = () => document.body.classList.add("offline");
"""
"""Replaces the body with each version the stream sends (the server's own escaped HTML);
EventSource reconnects by itself when the server comes back."""


def new_projector_token() -> str:
    """A fresh random token for a room's projector link (32 URL-safe characters)."""
    return secrets.token_urlsafe(24)


def projector_link(base_url: str, token: str) -> str:
    """The facilitator's link to the projector page.

    Args:
        base_url: Where the web server is reached (``http://HOST:PORT``, or a proxy's
            ``https://HOST/prefix``).
        token: The room's projector token.
    """
    return f"{base_url.rstrip('/')}{PAGE_PATH}?token={token}"


def projector_line(link: str) -> str:
    """The line ``workshop serve`` prints for the facilitator (docs/facilitating.md shows it)."""
    return f"Projector (facilitator only): {link}"


def render_body(view: Projection) -> str:
    """The page's live part: everything :class:`~workshop.rooms.projector.Projection` holds,
    each piece of text escaped."""
    out: list[str] = []
    if view.join_line:
        out += ['<p class="muted">Join with</p>',
                f'<p class="join" id="join">{text(view.join_line)}</p>']
    if view.web_link:
        out += ['<p class="muted">or in a browser</p>',
                f'<p class="join" id="web">{text(view.web_link)}</p>']
    if view.remaining is not None:
        out.append('<p class="timer up" id="timer">Time is up</p>' if view.remaining == 0
                   else f'<p class="timer" id="timer">{clock(view.remaining)}</p>')
    if view.broadcast:
        out.append(f'<p class="broadcast" id="broadcast">{text(view.broadcast)}</p>')
    out.append(f'<h1 id="step">Step {view.step + 1} of {view.steps}: {text(view.title)}</h1>')
    for dec in view.decisions:
        out.append(f'<section class="decision"><h2>{text(dec.title)}</h2>')
        if dec.revealed:
            out.append(f'<p class="muted">{dec.total} answered</p>'
                       f"<figure>{bar_chart(dec.bars)}</figure>")
        else:
            out.append('<p class="muted">The room\'s answers show here once the facilitator '
                       "reveals them.</p>")
        out.append("</section>")
    out += [f'<section class="rating"><h2>{text(question)}</h2></section>'
            for question in view.ratings]
    if view.answers:
        out.append('<section id="shared"><h2>Shared by the room</h2>')
        out += [f'<p class="muted">{text(answer.question)}</p>'
                f"<blockquote>{text(answer.text)}</blockquote>" for answer in view.answers]
        out.append("</section>")
    return "\n".join(out)


def render_page(title: str, body: str, token: str, nonce: str) -> str:
    """The whole page around :func:`render_body`'s output."""
    return "\n".join([
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f'<noscript><meta http-equiv="refresh" content="{REFRESH}"></noscript>',
        f"<title>{text(title)}: projector</title>",
        f'<style nonce="{nonce}">{CSS}</style></head>',
        f'<body data-token="{text(token)}"><main id="projector">',
        body,
        "</main>",
        f'<script nonce="{nonce}">{SCRIPT}</script>',
        "</body></html>",
    ]) + "\n"


def _headers(nonce: str = "") -> dict[str, str]:
    script = f"'nonce-{nonce}'" if nonce else "'none'"
    return {
        "Content-Security-Policy": (
            f"default-src 'none'; style-src {script}; script-src {script}; "
            "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
    }


def _event(body: str) -> bytes:
    """One Server-Sent Event carrying ``body`` (every line a ``data:`` line)."""
    lines = "".join(f"data: {line}\n" for line in body.split("\n"))
    return (lines + "\n").encode("utf-8")


class ProjectorPages:
    """The two routes' handlers for one room."""

    def __init__(self, room: Room, workshop: Workshop, token: str, *,
                 join_line: str | None = None, interval: float = INTERVAL,
                 now: Callable[[], datetime] | None = None) -> None:
        if not token:
            raise ValueError("the projector needs a token")
        self.room = room
        self.workshop = workshop
        self.track = workshop.track(room.settings.track)
        self.token = token
        self.join_line = join_line
        self.interval = interval
        self.now = now
        """The clock the timer is read against (None: the system's)."""
        self.closing = asyncio.Event()
        """Set when the server shuts down: every live stream ends at once (an open projector
        page must not hold ctrl+c up for the server's whole shutdown timeout)."""

    def allowed(self, request: web.Request) -> bool:
        """True when the request carries the room's projector token."""
        given = request.query.get("token", "")
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode("utf-8"))

    def refuse(self) -> web.Response:
        """403, in one line that says what is missing."""
        return web.Response(status=403, headers=_headers(),
                            text="403: this page needs the facilitator's projector link "
                                 "(the token in it is missing or wrong)\n")

    def body(self, state: PublishedState) -> str:
        """The live part of the page, from the room as last read."""
        join = self.join_line if self.join_line is not None else read_join(self.room.path)
        # The browser link the server published too (read at each look, like the join line).
        web_link = read_web(self.room.path) if self.join_line is None else None
        view = projection(state.aggregates, state.control, self.workshop, self.track,
                          join or "", web_link=web_link or "",
                          now=self.now() if self.now else None)
        return render_body(view)

    async def page(self, request: web.Request) -> web.StreamResponse:
        """``GET /projector``: the whole page."""
        if not self.allowed(request):
            return self.refuse()
        state = PublishedState(self.room)
        state.poll()
        nonce = secrets.token_urlsafe(16)
        title = sanitize(self.room.settings.title)
        return web.Response(text=render_page(title, self.body(state), self.token, nonce),
                            content_type="text/html", headers=_headers(nonce))

    async def events(self, request: web.Request) -> web.StreamResponse:
        """``GET /projector/events``: the body again each time it changes, until the page
        closes."""
        if not self.allowed(request):
            return self.refuse()
        response = web.StreamResponse(headers={
            **_headers(), "Content-Type": "text/event-stream",
            # A proxy that buffers would hold the updates back (nginx reads this header).
            "X-Accel-Buffering": "no"})
        await response.prepare(request)
        state = PublishedState(self.room)
        last, quiet = "", 0.0
        with contextlib.suppress(ConnectionError):
            while True:
                state.poll()
                # Compared as rendered: a running timer changes the text every second
                # without any file changing.
                body = self.body(state)
                if body != last:
                    await response.write(_event(body))
                    last, quiet = body, 0.0
                elif quiet >= KEEPALIVE:
                    await response.write(b": still here\n\n")
                    quiet = 0.0
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.closing.wait(), self.interval)
                if self.closing.is_set():
                    break
                quiet += self.interval
        return response

    async def close(self, _app: web.Application) -> None:
        """End every live stream (the application's ``on_shutdown``)."""
        self.closing.set()


def add_projector_routes(app: web.Application, room: Room, workshop: Workshop, token: str, *,
                         join_line: str | None = None, interval: float = INTERVAL) -> None:
    """Serve the room's projector page on ``app`` (``/projector`` and its live stream).

    Args:
        app: The web server's application (before it starts).
        room: The room.
        workshop: The room's content, already loaded.
        token: The projector token (:func:`new_projector_token`); the link carries it.
        join_line: What the page shows participants to type or open (None: the line the
            running server published in the room folder, read at each look, with the
            browser link it published beside it when it serves browsers too).
        interval: Seconds between two looks at the room for the live stream.
    """
    pages = ProjectorPages(room, workshop, token, join_line=join_line, interval=interval)
    app.router.add_get(PAGE_PATH, pages.page)
    app.router.add_get(EVENTS_PATH, pages.events)
    app.on_shutdown.append(pages.close)
