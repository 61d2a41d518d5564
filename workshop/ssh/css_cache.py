"""One parse of each stylesheet for every participant's app, not one per app.

Textual keeps parsed CSS in a cache that belongs to one app's stylesheet, so every app parses
its own sheets and each widget class's ``DEFAULT_CSS`` again, re-parsing the whole stylesheet
each time a new widget class appears (tens of milliseconds per app). Under ``workshop serve``
every participant's app is forked from the zygote, which has already parsed the same text
with the same variables while warming up. :func:`share_parsed_css` makes the parse cache
process-wide, keyed also on the variables (the theme), so a forked child finds every sheet
already parsed in the memory it shares with the zygote.

Parsed rules are only read after parsing (Textual's own cache hands the same lists back to
every re-parse of one stylesheet), so sharing them between apps is safe.
"""

from __future__ import annotations

from typing import Any

from textual.css.stylesheet import Stylesheet

_SHARED: dict[tuple[Any, ...], Any] = {}
_LIMIT = 512
"""Entries kept at most (a room has one theme; a few themes times ~50 sheets fit easily)."""


def share_parsed_css() -> None:
    """Make Textual's CSS parse cache shared by every app in this process (idempotent)."""
    original = Stylesheet._parse_rules
    if getattr(original, "_workshop_shared", False):
        return

    def _parse_rules(self: Stylesheet, css: str, read_from: Any,
                     is_default_rules: bool = False, tie_breaker: int = 0,
                     scope: str = "") -> Any:
        variables = self.__dict__.get("_workshop_variables")
        if variables is None or variables[0] is not self._variables:
            # set_variables replaces the dict: key on its content, computed once per dict.
            variables = (self._variables, tuple(sorted(self._variables.items())))
            self.__dict__["_workshop_variables"] = variables
        key = (css, read_from, is_default_rules, tie_breaker, scope, variables[1])
        rules = _SHARED.get(key)
        if rules is None:
            rules = original(self, css, read_from, is_default_rules, tie_breaker, scope)
            if len(_SHARED) < _LIMIT:
                _SHARED[key] = rules
        return rules

    _parse_rules._workshop_shared = True  # type: ignore[attr-defined]
    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]


def shared_entries() -> int:
    """How many parsed sheets are shared (for tests and benchmarks)."""
    return len(_SHARED)
