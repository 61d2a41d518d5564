"""A scene's Markdown, as the player draws it: every block an author may write shows."""

from __future__ import annotations

from textual.app import App, ComposeResult

from workshop.tui.widgets.scenetext import SceneText

TEXT = """\
## Tuesday

Two people wait: **Noor** and *Sam*, about `normalize_email()`.

1. Reply to Noor
2. Review Sam's design

- a bullet that is long enough to wrap onto a second line at this narrow width, under itself

> The committee read the packet.

| who | asks |
| --- | --- |
| Noor | an hour |

See [the guide](https://example.org/guide).
"""


class One(App[None]):
    def compose(self) -> ComposeResult:
        yield SceneText(TEXT, id="text")


async def test_every_markdown_block_an_author_writes_is_drawn() -> None:
    app = One()
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.pause()
        widget = app.query_one(SceneText)
        rows = [strip.text.rstrip() for strip in widget.render_lines(widget.region.reset_offset)]
    screen = "\n".join(rows)
    assert "Tuesday" in screen
    assert "Two people wait: Noor and Sam, about normalize_email()." in screen
    assert "1 Reply to Noor" in screen and "2 Review Sam's design" in screen
    bullet = next(i for i, row in enumerate(rows) if row.lstrip().startswith("•"))
    assert rows[bullet + 1].startswith("   ") and rows[bullet + 1].strip(), \
        "a wrapped bullet continues under its own text"
    assert "▌ The committee read the packet." in screen
    assert "Noor" in screen and "an hour" in screen
    assert "the guide (https://example.org/guide)" in screen
    assert "**" not in screen and "`" not in screen


async def test_the_title_sits_above_the_text_and_changes_with_it() -> None:
    app = One()
    async with app.run_test(size=(60, 40)) as pilot:
        widget = app.query_one(SceneText)
        widget.update("Dana thanks you.", title="You chose: help Dana")
        await pilot.pause()
        rows = [strip.text.rstrip() for strip in widget.render_lines(widget.region.reset_offset)]
    assert rows[:3] == ["You chose: help Dana", "", "Dana thanks you."]
    assert widget.source == "Dana thanks you." and widget.title == "You chose: help Dana"
