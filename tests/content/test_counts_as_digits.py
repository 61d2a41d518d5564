"""Counts in the bundled story read one way: a number filled in is compared with a digit."""

from __future__ import annotations

import re

from workshop.paths import bundled_workshop_dir

# "{yes} of three": a variable filled in as a digit next to a number spelled out.
MIXED = re.compile(r"\{\s*\w+\s*\} (?:of|out of) (?:one|two|three|four|five|six|seven|eight|"
                   r"nine|ten)\b")


def test_a_filled_in_count_is_compared_with_a_digit() -> None:
    """The less-fun-list scene reads "Glad yeses: 3 of 3", never "Glad yeses: 3 of three"
    (in the app, in plain mode and in exports alike, since the words come from the content)."""
    found = [
        f"{path.name}:{n}: {match.group()}"
        for path in sorted(bundled_workshop_dir().glob("*.toml"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for match in MIXED.finditer(line)
    ]
    assert found == []
