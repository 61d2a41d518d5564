"""Exports of a session: Markdown notes, a self-contained HTML page, JSON and TOML data.

One module per format behind a small registry; :func:`render` is what the command line and the
user interfaces call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from workshop.errors import UsageError
from workshop.export import data, html_page, markdown
from workshop.export.document import Document, SessionLike, build
from workshop.record import Record
from workshop.scenario.model import Workshop


@dataclass(frozen=True, slots=True)
class Format:
    """One export format."""

    name: str
    suffix: str
    """The file extension, with its dot."""
    description: str
    render: Callable[[Document], str]


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", ".md", "Markdown notes to keep and bring to a 1:1", markdown.render),
        Format("html", ".html", "one self-contained HTML page with charts", html_page.render),
        Format("json", ".json", "the raw record plus the computed profile", data.render_json),
        Format("toml", ".toml", "the raw record plus the computed profile", data.render_toml),
    )
}
"""Every export format by name."""


def render(session: SessionLike | Record, fmt: str, *, shareable: bool = False,
           workshop: Workshop | None = None,
           history: Iterable[SessionLike | Record] = ()) -> str:
    """Export a session (or a stored record with its workshop) in one format.

    Args:
        session: A live ``Session``, or a :class:`~workshop.record.Record` with ``workshop``.
        fmt: One of :data:`FORMATS`.
        shareable: Only the part meant for a manager (no reasons, answers, notes).
        workshop: The workshop, when ``session`` is a bare record.
        history: The player's other sessions, for the comparison with earlier ones.

    Raises:
        UsageError: an unknown format.
        ContentError: the reflection content cannot be loaded.
    """
    spec = FORMATS.get(fmt)
    if spec is None:
        raise UsageError(f"unknown export format '{fmt}'",
                         hint="choose one of " + ", ".join(FORMATS))
    doc = build(session, workshop=workshop, history=history, shareable=shareable)
    return spec.render(doc)


__all__ = ["FORMATS", "Document", "Format", "build", "render"]
