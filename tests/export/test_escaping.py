"""Whatever a player types comes out of the Markdown export as the same words."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from workshop.export.document import escape, quote
from workshop.export.escaping import visible

_TRICKY = st.sampled_from(list("\n*_`[]()<>#!&|\\-+=.0123456789 ~:;\"'"))
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | _TRICKY,
               max_size=80)


def _seen(markdown: str) -> str:
    rendered = MarkdownIt("commonmark").render(markdown)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_a_quoted_answer_renders_as_the_same_words(text: str) -> None:
    # Invisible characters (zero-width, bidi) are dropped: the visible words stay.
    if visible(text).strip():
        assert _seen(quote(text)) == " ".join(visible(text).split())


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_an_escaped_line_renders_as_the_same_words(text: str) -> None:
    line = " ".join(visible(text).split())
    if line:
        assert _seen(f"- {escape(line)}") == line
