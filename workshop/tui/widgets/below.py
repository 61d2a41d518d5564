"""How many choices sit under the fold of the scene's page.

The one place that reads where an option list draws each option (Textual keeps that in
``OptionList._lines``, a private name: if it changes, only this module has to follow).
"""

from __future__ import annotations

from textual.containers import ScrollableContainer
from textual.widgets import OptionList


def choices_below(page: ScrollableContainer, choices: OptionList) -> int:
    """The number of options of ``choices`` not wholly in view in ``page``.

    Args:
        page: The scrolling container the option list sits in.
        choices: The option list, laid out at its full height inside ``page``.

    Returns:
        How many options end below the bottom of what ``page`` shows (0 before layout).
    """
    height = page.scrollable_content_region.height
    if not height or not choices.option_count:
        return 0
    fold = page.scroll_y + height
    top = choices.virtual_region.y
    last_line: dict[int, int] = {}
    for number, (option, _) in enumerate(choices._lines):
        last_line[option] = number
    return sum(1 for line in last_line.values() if top + line >= fold)
