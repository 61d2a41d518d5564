"""Neutral reflection words for a workshop that brings no ``reflection.toml`` of its own.

Such a workshop borrows the bundled content's thresholds (so it still reflects), but the
bundled words speak of the staff job, which a custom workshop ("manager or staff?", a team's
own) may not be about. :func:`neutral_content` keeps the borrowed scale and drops every word
about the staff job: the axes' general lines, the per-choice notes (they name the bundled
scenarios), the labels, the inventories, the claim templates and the situations, which become
the four quadrants of the workshop's own two groups and an honest middle. What is left to say
about a reading is the workshop's own axis texts (``low``, ``mid``, ``high`` in its
``workshop.toml``).
"""

from __future__ import annotations

from dataclasses import replace

from workshop.reflection.content import NextSteps, ReflectionContent, SituationText

_SHOWN = ("The claims above show which of your choices and ratings this rests on; the readings "
          "below say what each one means, in this workshop's own words.")
_NEXT = NextSteps(
    days30=("Pick the claim above that surprised you most, and write down why.",),
    days60=("Try a few weeks that lean the other way on that axis, and note how they felt.",),
    days90=("Play the workshop again and compare where you land.",),
    manager_question="Which of these claims matches what you see in my work, and which "
                     "does not?",
)


def _quadrant(doing: str, wanting: str, when: dict[str, tuple[float, float]]) -> SituationText:
    return SituationText(
        id=f"doing-{doing}-wanting-{wanting}",
        title=f"{doing.capitalize()} on doing, {wanting} on wanting",
        summary=f"Your choices leaned {doing} on this workshop's doing axes and {wanting} on "
                "its wanting axes.",
        text=_SHOWN, when=when, next=_NEXT, destination="open",
    )


SITUATIONS = (
    _quadrant("high", "high", {"doing": (0.2, 1.0), "wanting": (0.2, 1.0)}),
    _quadrant("low", "high", {"doing": (-1.0, 0.05), "wanting": (0.2, 1.0)}),
    _quadrant("high", "low", {"doing": (0.2, 1.0), "wanting": (-1.0, -0.1)}),
    _quadrant("low", "low", {"doing": (-1.0, 0.05), "wanting": (-1.0, -0.1)}),
    SituationText(
        id="middle", title="Somewhere in the middle",
        summary="Your choices and answers do not point clearly one way yet.",
        text="Your choices pull both ways, or this path gave too few chances to tell. "
             + _SHOWN,
        next=_NEXT, fallback=True, destination="open",
    ),
)
"""The neutral places: the quadrants of the two groups, then the honest middle."""


def neutral_content(borrowed: ReflectionContent) -> ReflectionContent:
    """The borrowed content's scale, with neutral words only."""
    return replace(
        borrowed, situations=SITUATIONS, axes={}, notes={}, labels={}, inventory=(),
        senior_inventory=(), claims={}, telling=(), characters={},
    )
