"""The key footer, built once per change of bindings instead of once per notification.

Textual's :class:`~textual.widgets.Footer` rebuilds all its keys every time the screen says its
bindings changed, and a screen says so several times while it starts (each focus change, each
mount). Each rebuild also styles every key twice: a key is created compact and then told it is
not. On a participant's first screen that was about a third of the CPU spent before the first
frame. This footer looks and behaves the same: it rebuilds at most once per refresh and only when
what it shows changed, and its keys start with the footer's own ``compact`` value.
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
        self._composed: tuple[object, ...] = ()

    def _shown(self) -> tuple[object, ...]:
        """What the keys would show: a rebuild that would change none of it is skipped."""
        if not self._bindings_ready or not self.is_attached:
            return ()
        return (self.compact, self.show_command_palette, *(
            (binding.key, binding.action, binding.description, binding.show, enabled,
             tooltip) for (_, binding, enabled, tooltip)
            in self.screen.active_bindings.values()))

    def compose(self) -> ComposeResult:
        self._composed = self._shown()
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
        if self._shown() != self._composed:
            await self.recompose()
