"""Markdown in plain mode is printed as the words a reader should hear, nothing else."""

from __future__ import annotations

import io

from workshop.plain.render import Renderer, plain_text

SCENE = """Your **Payments Platform** lead writes, in _#billing_:

> We need someone to own this.
> Really.

- the webhook retries
- the CSV export, which Finance asked for twice and which goes on long enough to wrap

1. first
2. second

See [the design doc](https://example.com/doc) or <https://example.com>.

---

Done."""


def test_markdown_becomes_clean_text_and_is_not_wrapped_without_a_width() -> None:
    """The scene reads "Your Payments Platform lead writes, in #billing:" with no ``**`` or
    ``_``; the quote is indented without a ``>`` or ``▌``; lists keep "- " and "1. "; the link
    reads "the design doc (https://example.com/doc)"; the rule disappears; no line is cut."""
    assert plain_text(SCENE) == (
        "Your Payments Platform lead writes, in #billing:\n\n"
        "  We need someone to own this. Really.\n\n"
        "- the webhook retries\n"
        "- the CSV export, which Finance asked for twice and which goes on long enough to wrap\n\n"
        "1. first\n2. second\n\n"
        "See the design doc (https://example.com/doc) or https://example.com.\n\n"
        "Done."
    )


def test_markdown_wraps_between_words_under_the_list_marker() -> None:
    """At 40 columns a long list item continues on lines indented under its words."""
    text = plain_text(SCENE, 40)
    lines = text.split("\n")
    assert all(len(line) <= 40 for line in lines)
    at = lines.index("- the CSV export, which Finance asked")
    assert lines[at + 1].startswith("  for twice")


def test_a_renderer_writes_no_escape_sequence_even_to_a_terminal() -> None:
    """Headings, notes and errors are plain lines: nothing bold, dim or red to decode."""

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    out = Renderer(stream)
    out.heading("Reflection")
    out.note("Saved.")
    out.error("Cannot export: no room")
    out.consequence("_The alert clears._")
    assert stream.getvalue() == (
        "Reflection\nSaved.\nCannot export: no room\nConsequence: The alert clears.\n"
    )

