"""Room codes, participant handles and resume codes: how they look and how they are checked.

Everything here is a pure function over strings. A handle becomes a file name inside the room
(``participants/HANDLE.toml``), so the rules below are what keeps it from ever naming a path
outside the room.
"""

from __future__ import annotations

import re
import secrets

from workshop.errors import UsageError

CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
"""Room-code letters: no 0/o, 1/l/i, so a code read off a slide is typed right."""

CODE_LENGTH = 6
HANDLE_MAX = 24
FACILITATOR = "facilitator"
"""The reserved handle of the facilitator: over SSH, with a listed facilitator key, it opens the
dashboard; it is never a participant's handle, and never reachable from a browser."""
HANDLE_RULE = "1–24 characters: a-z, 0-9, '_' or '-', starting with a letter or digit"
"""What a valid handle looks like, in the words every refusal uses."""

_CODE = re.compile(rf"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")
_HANDLE = re.compile(rf"[a-z0-9][a-z0-9_-]{{0,{HANDLE_MAX - 1}}}")
_RESUME = re.compile(r"[a-z2-9]{4}-[a-z2-9]{4}")


def new_room_code() -> str:
    """A fresh random room code (6 characters from :data:`CODE_ALPHABET`)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_room_code(text: str) -> str:
    """A room code as typed, case-folded and checked.

    Raises:
        UsageError: it is not a room code.
    """
    code = text.strip().lower()
    if not _CODE.fullmatch(code):
        raise UsageError(f"'{printable(text)}' is not a room code",
                         hint=f"a code is {CODE_LENGTH} characters like 'k7m2qx'; "
                         "run 'workshop room list'")
    return code


def check_handle(text: str) -> str | None:
    """The handle as the room stores it (case-folded), or None when it is not allowed.

    Only ``[a-z0-9][a-z0-9_-]{0,23}`` after case-folding passes: no dots, slashes, spaces,
    controls or anything else that could leave the room's folder or fool a terminal.
    """
    handle = text.casefold()
    if not handle.isascii() or not _HANDLE.fullmatch(handle):
        return None
    return handle


def normalize_handle(text: str) -> str:
    """Like :func:`check_handle`, raising a one-line error for a bad handle.

    Raises:
        UsageError: the handle breaks :data:`HANDLE_RULE`.
    """
    handle = check_handle(text)
    if handle is None:
        raise UsageError(f"'{printable(text)}' is not a valid handle", hint=HANDLE_RULE)
    return handle


def new_resume_code() -> str:
    """A code a participant without an SSH key uses to come back (``abcd-2345``)."""
    letters = CODE_ALPHABET
    raw = "".join(secrets.choice(letters) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalize_resume_code(text: str) -> str | None:
    """A resume code as typed (spaces and case forgiven), or None when it cannot be one."""
    code = re.sub(r"\s+", "", text).lower()
    if len(code) == 8 and "-" not in code:
        code = f"{code[:4]}-{code[4:]}"
    return code if _RESUME.fullmatch(code) else None


def printable(text: str, limit: int = 40) -> str:
    """Text safe to echo in an error message: escapes instead of controls, cut to a length."""
    shown = text.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
