"""The play layer: what every shell plays through, with no UI framework in it.

``workshop.cli`` builds one :class:`PlayContext` from :class:`PlayOptions` and hands it to a
shell: the Textual app (``workshop.tui``), plain mode (``workshop.plain``) or an SSH
participant's app (``workshop.ssh``). Here live the folders resolved once, the session store,
the loaded content and its cache (:mod:`~workshop.play.content_cache`), resume, history items
and the export of a session's notes (:mod:`~workshop.play.history`), and watch-and-replay for
authors (:mod:`~workshop.play.watch`, :mod:`~workshop.play.scratch`).

Submodules are imported where used, so importing this package stays cheap.
"""

from __future__ import annotations

from workshop.play.context import PlayContext, build, resume_command
from workshop.play.options import PlayOptions
from workshop.play.session import PlaySession

__all__ = ["PlayContext", "PlayOptions", "PlaySession", "build", "resume_command"]
