"""The key footer, drawn as one line of text.

Textual's :class:`~textual.widgets.Footer` is a container of one widget per key, and it
rebuilds them all (mounting, styling and laying out each) every time the screen says its
bindings changed, which a screen does several times while it starts. On a participant's first
screen that cost CPU before the first frame and a second round of it just after (the toolkit's
footer starts empty and fills in once the bindings are known). This footer looks the same (the
same theme colours: key, description, the palette key on the right) but is a single widget:
a change of bindings only draws its one line again. A click on a key presses it, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.widget import Widget

from workshop.tui.widgets.geometry import content_width

if TYPE_CHECKING:
    from textual.screen import Screen


class FooterEntry(NamedTuple):
    """One key as the footer shows it."""

    key: str
    """The key a click presses."""
    display: str
    """How the key is written (``⏎``, ``^p``)."""
    description: str
    enabled: bool


class Footer(Widget, can_focus=False):
    """The keys that apply on the screen, left to right; the command palette's at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer--key", "footer--description", "footer--hover", "footer--separator",
    }
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
    }
    Footer > .footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    Footer > .footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    Footer > .footer--hover {
        background: $block-hover-background;
    }
    Footer > .footer--separator {
        color: $foreground 20%;
    }
    """

    def __init__(self, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int, FooterEntry]] = []
        self._hover: FooterEntry | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def entries(self) -> tuple[list[FooterEntry], FooterEntry | None]:
        """The keys shown (each action once), and the command palette's key (or None)."""
        app = self.app
        shown: list[FooterEntry] = []
        actions: set[str] = set()
        palette: FooterEntry | None = None
        bindings = self.screen.active_bindings
        for key, (_node, binding, enabled, _tooltip) in bindings.items():
            if app.ENABLE_COMMAND_PALETTE and key == app.COMMAND_PALETTE_BINDING:
                palette = FooterEntry(binding.key, app.get_key_display(binding),
                                      binding.description, enabled)
                continue
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            shown.append(FooterEntry(binding.key, app.get_key_display(binding),
                                     binding.description, enabled))
        return shown, palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer--key")
        description_style = self.get_component_rich_style("footer--description")
        hover_style = self.get_component_rich_style("footer--hover")
        shown, palette = self.entries()
        text = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, FooterEntry]] = []

        def add(entry: FooterEntry, pad: str = " ") -> None:
            start = len(text)
            text.append(f"{pad}{entry.display}{pad}", key_style)
            if entry.description:
                text.append(f"{'' if pad else ' '}{entry.description} ", description_style)
            if not entry.enabled:
                text.stylize("dim", start)
            if entry == self._hover:
                text.stylize(hover_style, start)
            spans.append((start, len(text), entry))

        for entry in shown:
            add(entry)
        if palette is not None:
            # At the right, behind a thin rule, written compactly: "▏^p palette ".
            width = content_width(self) or self.app.size.width
            gap = width - len(text) - len(f"▏{palette.display} {palette.description} ")
            if gap >= 1:
                text.append(" " * gap)
                text.append("▏", self.get_component_rich_style("footer--separator"))
                add(palette, pad="")
        self._spans = spans
        return text

    def _entry_at(self, x: int) -> FooterEntry | None:
        for start, end, entry in self._spans:
            if start <= x < end:
                return entry
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        entry = self._entry_at(event.x)
        if entry is None:
            return
        event.stop()
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        entry = self._entry_at(event.x)
        if entry != self._hover:
            self._hover = entry
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
