"""The key footer, built once per change of bindings instead of once per notification.

Textual's :class:`~textual.widgets.Footer` rebuilds all its keys every time the screen says its
bindings changed, and a screen says so several times while it starts (each focus change, each
mount). Each rebuild also styles every key twice: a key is created compact and then told it is
not. On a participant's first screen that was about a third of the CPU spent before the first
frame. This footer looks and behaves the same: it rebuilds at most once per refresh, and its
keys start with the footer's own ``compact`` value.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    """Textual's footer, without the repeated rebuilds."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._rebuild_pending = False

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # Set before the key is mounted, so its first styling is its last (the
                # palette's key is not bound to the footer's value and keeps its own).
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
