"""Hostile text for the export tests, and what a viewer makes of an export.

The strings are the ones issue #12 saw reach the room's CSV and Markdown, plus fixtures of our
own. The helpers render Markdown as a GitHub-like viewer does (raw HTML enabled, tables,
strikethrough) and read HTML as a browser's parser would.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

HOSTILE = (
    # From the issue.
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1",
    "-2+3",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "![x](http://evil/x.png)",
    "# injected heading",
    "[click](javascript:alert(1))",
    "<!-- comment",
    "```\nfenced code\n```",
    "|a|b|\n|-|-|\n|c|d|",
    "> quote",
    "setext heading\n---",
    "setext heading\n===",
    "zero\u200bwidth and \u202egnp.exe bidi \u2066isolate\u2069",
    "a long line " + "word " * 370,
    # Our own.
    '<a href="http://evil">click</a>',
    "<svg onload=alert(1)>",
    "&lt;script&gt; and &#60;b&#62; and &amp;",
    "<http://evil.example/autolink>",
    "[ref]: http://evil.example\n[text][ref]",
    "    four spaces make code",
    "~~~\ntilde fence\n~~~",
    "* [ ] task\n+ plus item\n1. numbered\n2) other",
    "***\n___\n- - -",
    "**bold** _em_ ~~strike~~ `tick`",
    "<details open ontoggle=alert(1)>",
    "\\<script>alert(1)\\</script>",
    "$\\color{red}{\\text{fake}}$",
    "\uff1d1+1",
    " =1+1",
    "\n=1+1",
    "\x1b]0;title\x07\x1b[2Jcleared",
)
"""Text a participant could type that must come out of every export as inert words."""

FORMULA = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
"""What a spreadsheet cell must not start with (even after blanks)."""

LIVE = {"html_block", "html_inline", "image", "link_open", "fence", "code_block",
        "code_inline", "table_open", "hr", "heading_open", "blockquote_open",
        "bullet_list_open", "ordered_list_open", "em_open", "strong_open", "s_open"}
"""Markdown tokens that would mean participant text became structure, markup or a link."""


def viewer() -> MarkdownIt:
    """A Markdown renderer like GitHub's: raw HTML passes through, tables and strikethrough."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def flat(tokens: list[Token]) -> list[Token]:
    """Every token, inline children included."""
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out += flat(token.children or [])
    return out


def shape(markdown: str) -> Counter[str]:
    """How many of each :data:`LIVE` token a viewer finds, and the heading texts (front matter
    left out)."""
    if markdown.startswith("---\n"):
        markdown = markdown[4:].split("\n---\n", 1)[1]
    tokens = flat(viewer().parse(markdown))
    found: Counter[str] = Counter(t.type for t in tokens if t.type in LIVE)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            text = "".join(t.content for t in tokens[index + 1].children or []
                           if t.type == "text")
            found["heading: " + text] += 1
    return found


def words(markdown: str) -> str:
    """What a reader sees of the rendered Markdown: tags gone, entities read, blanks collapsed."""
    rendered = viewer().render(markdown)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


class Tags(HTMLParser):
    """Every start tag and attribute of an HTML page, as a browser's tokenizer reads them."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: list[tuple[str, str, str]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes += [(tag, name, value or "") for name, value in attrs]
