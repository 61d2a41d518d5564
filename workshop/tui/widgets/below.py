"""How many choices sit under the fold of the scene's page.

Where an option list draws each option is Textual's private knowledge; it is asked through
:func:`workshop.tui.textual_internals.option_lines`, whose fallback (an unknown Textual) makes
this count from the list's own region instead.
"""

from __future__ import annotations

from textual.containers import ScrollableContainer
from textual.widgets import OptionList

from workshop.tui.textual_internals import option_lines


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
    below = 0
    for index in range(choices.option_count):
        rows = option_lines(choices, index)
        if rows is None:  # this Textual cannot say: judge by the list as a whole
            region = choices.virtual_region
            if region.y >= fold:
                return choices.option_count
            return 1 if region.bottom > fold else 0
        if rows and top + rows[-1] >= fold:
            below += 1
    return below
