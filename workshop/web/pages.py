"""The few HTML pages of the browser join: every value escaped, no script but our own file.

Whatever a person or a file gave (a handle typed in the form, the room's title) is shown
through :func:`text`, which makes it printable (escape sequences and controls shown as
``\\x1b``...) and then inert as HTML.
"""

from __future__ import annotations

import html

from workshop.rooms.names import HANDLE_RULE, printable
from workshop.text import terminal_safe

_STYLE = """
body { background: #0c181f; color: #e8eef2; font-family: system-ui, sans-serif; margin: 0; }
main { max-width: 34rem; margin: 10vh auto; padding: 2rem; background: #12232d;
       border-radius: 8px; }
h1 { font-size: 1.4rem; margin-top: 0; }
label { display: block; margin: 1rem 0 0.3rem; }
input { font: inherit; padding: 0.4rem; width: 100%; box-sizing: border-box; }
button, .button { font: inherit; margin-top: 1.2rem; padding: 0.5rem 1.4rem; border: 0;
       background: #5e0ba7; color: #fff; cursor: pointer; text-decoration: none;
       display: inline-block; }
.error { background: #5a1d1d; padding: 0.6rem; border-radius: 4px; }
.hint { color: #9fb3c0; font-size: 0.9rem; }
a { color: #c9a4f5; }
"""


def text(value: str, limit: int = 200) -> str:
    """A value from a person or a file, safe to put in a page."""
    return html.escape(terminal_safe(value)[:limit], quote=True)


def shown_handle(typed: str) -> str:
    """A typed handle as an error message quotes it (as the SSH banner does)."""
    return html.escape(printable(typed), quote=True)


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{title}</title><style>{_STYLE}</style></head>"
            f"<body><main>{body}</main></body></html>")


def join_page(title: str, code: str, *, passcode: bool, error: str = "",
              handle: str = "", current: str | None = None) -> str:
    """The join form: a handle, and the passcode when the room has one.

    Args:
        title: The room's title (from its settings file).
        code: The room code.
        passcode: Whether the room asks for a passcode.
        error: An escaped one-line error to show above the form.
        handle: An escaped handle to put back in the field.
        current: The handle this browser holds in this room already (escaped), if any.
    """
    parts = [f"<h1>{text(title)}</h1><p class=\"hint\">Room {text(code)}</p>"]
    if error:
        parts.append(f"<p class=\"error\" role=\"alert\">{error}</p>")
    if current:
        parts.append(f"<p>This browser joined as <strong>{current}</strong>.</p>"
                     "<p><a class=\"button\" href=\"/play\">Continue where you stopped</a></p>"
                     "<p><a href=\"/notes\">Download my notes</a> (Markdown)</p><hr>"
                     "<p class=\"hint\">Or join under another handle. This browser then "
                     f"leaves <strong>{current}</strong> for good (a browser holds one handle "
                     "per room, and nobody else can take it up): download its notes first.</p>")
    parts.append("<form method=\"post\" action=\"/join\">"
                 "<label for=\"handle\">Your handle</label>"
                 f"<input id=\"handle\" name=\"handle\" value=\"{handle}\" maxlength=\"24\" "
                 "autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" "
                 "required autofocus>"
                 f"<p class=\"hint\">{html.escape(HANDLE_RULE)}. Others in the room may see it."
                 "</p>")
    if passcode:
        parts.append("<label for=\"passcode\">Room passcode</label>"
                     "<input id=\"passcode\" name=\"passcode\" type=\"password\" "
                     "autocomplete=\"off\" required>")
    parts.append("<button type=\"submit\">Join</button></form>"
                 "<p class=\"hint\">This browser keeps a cookie that ties the handle to it: "
                 "come back from here to continue where you stopped.</p>")
    return _page(f"Join {text(title)}", "".join(parts))


def message_page(title: str, message: str, *, back: bool = True) -> str:
    """A page with one escaped message (a refusal) and a way back to the form."""
    link = "<p><a href=\"/\">Back to the join page</a></p>" if back else ""
    return _page(text(title), f"<h1>{text(title)}</h1>"
                 f"<p class=\"error\" role=\"alert\">{message}</p>{link}")


def play_page(title: str, handle: str, static: str, font_size: int = 16) -> str:
    """textual-serve's terminal page for one session, with a bar holding the notes link.

    Args:
        title: The room's title.
        handle: The participant's handle (checked, so plain).
        static: The URL prefix of textual-serve's static files (ends with '/').
        font_size: The terminal's font size in pixels.
    """
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{text(title)}: {html.escape(handle)}</title>"
        f"<link rel=\"stylesheet\" href=\"{static}css/xterm.css\">"
        f"<script src=\"{static}js/textual.js\"></script>"
        "<link rel=\"stylesheet\" href=\"/join/play.css\">"
        "</head><body>"
        "<nav id=\"bar\"><span>"
        f"{text(title)} &middot; <strong>{html.escape(handle)}</strong></span>"
        "<a href=\"/notes\" download>Download my notes</a></nav>"
        "<div class=\"dialog-container closed-dialog\"><div class=\"intro\">"
        "<p class=\"message\">Session ended. Everything you did is saved.</p>"
        "<p><a href=\"/play\">Continue</a> &middot; <a href=\"/notes\" download>Download my "
        "notes</a></p></div></div>"
        f"<div id=\"terminal\" class=\"textual-terminal\" data-font-size=\"{font_size}\">"
        "</div><script src=\"/join/play.js\"></script></body></html>")
