"""A scene's text: its Markdown drawn by Rich, as one widget.

Textual's ``Markdown`` widget builds a widget per block (each paragraph, list item and quote is
styled, laid out and drawn on its own) and parses in a worker thread. On a participant's first
screen that was about a third of the CPU a session needs before its first frame. A scene's text
is a few paragraphs, lists and quotes: Rich's Markdown renderer (the one plain mode uses) draws
it as one renderable, in the theme's colours through the component classes below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.markdown import Markdown as RichMarkdown
from rich.text import Text
from rich.theme import Theme
from textual.widget import Widget

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.style import Style

_STYLES: dict[str, tuple[str, ...]] = {
    "scene-text--code": ("markdown.code", "markdown.code_block"),
    "scene-text--quote": ("markdown.block_quote",),
    "scene-text--bullet": ("markdown.item.bullet", "markdown.item.number"),
    "scene-text--heading": ("markdown.h1", "markdown.h2", "markdown.h3", "markdown.h4",
                            "markdown.h5", "markdown.h6", "markdown.h1.border"),
    "scene-text--link": ("markdown.link", "markdown.link_url"),
    "scene-text--rule": ("markdown.hr",),
}
"""Each component class and the Rich Markdown styles it sets."""

_PLAIN = ("markdown.list", "markdown.item", "markdown.paragraph", "markdown.text")
"""Rich's defaults colour these; here they take the widget's own colours."""


class _Themed:
    """Render a renderable with a Rich theme pushed (Rich Markdown looks its styles up)."""

    def __init__(self, renderable: RenderableType, theme: Theme) -> None:
        self.renderable = renderable
        self.theme = theme

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        with console.use_theme(self.theme):
            segments = list(console.render(self.renderable, options))
        yield from segments


class SceneText(Widget):
    """Markdown text (paragraphs, lists, quotes, emphasis, code), under an optional title."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {*_STYLES, "scene-text--title"}

    DEFAULT_CSS = """
    SceneText {
        height: auto;
    }
    SceneText > .scene-text--title {
        color: $text-accent;
        text-style: bold;
    }
    SceneText > .scene-text--code {
        color: $text-accent;
        background: $boost;
    }
    SceneText > .scene-text--quote {
        color: $text-secondary;
    }
    SceneText > .scene-text--bullet {
        color: $text-primary;
        text-style: bold;
    }
    SceneText > .scene-text--heading {
        color: $text-primary;
        text-style: bold;
    }
    SceneText > .scene-text--link {
        color: $text-accent;
        text-style: underline;
    }
    SceneText > .scene-text--rule {
        color: $foreground 30%;
    }
    """

    def __init__(self, markdown: str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._source = markdown
        self._title = ""
        self._markdown: RichMarkdown | None = None
        self._theme: tuple[tuple[Style, ...], Theme] | None = None

    @property
    def source(self) -> str:
        """The Markdown shown."""
        return self._source

    @property
    def title(self) -> str:
        """The bold line above the text ('' for none)."""
        return self._title

    def update(self, markdown: str, *, title: str = "") -> None:
        """Show other Markdown, under a title line when given (drawn on the next refresh)."""
        if (markdown, title) == (self._source, self._title):
            return
        if markdown != self._source:
            self._source = markdown
            self._markdown = None
        self._title = title
        self.refresh(layout=True)

    def _rich_theme(self) -> Theme:
        styles = tuple(self.get_component_rich_style(name) for name in _STYLES)
        if self._theme is None or self._theme[0] != styles:
            mapping: dict[str, Style | str] = dict.fromkeys(_PLAIN, "none")
            for style, names in zip(styles, _STYLES.values(), strict=True):
                mapping.update(dict.fromkeys(names, style))
            self._theme = (styles, Theme(mapping, inherit=True))
        return self._theme[1]

    def render(self) -> RenderableType:
        if self._markdown is None:
            # No terminal hyperlinks: a link shows its address in the text instead.
            self._markdown = RichMarkdown(self._source, hyperlinks=False)
        text = _Themed(self._markdown, self._rich_theme())
        if not self._title:
            return text
        heading = Text(self._title, self.get_component_rich_style("scene-text--title"))
        return Group(heading, "", text)
