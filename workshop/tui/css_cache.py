"""Parsed stylesheets: one parse per process, and kept between runs of the self-paced app.

Textual keeps parsed CSS in a cache that belongs to one app's stylesheet, so every app parses
its own sheets and each widget class's ``DEFAULT_CSS`` again, re-parsing the whole stylesheet
each time a new widget class appears. Parsing is most of the time Textual spends between
starting and drawing its first frame (about 9 ms of the workshop's 37 on this machine).

- :func:`share_parsed_css` makes the parse cache process-wide, keyed also on the variables
  (the theme). Under ``workshop serve`` every participant's app is forked from the zygote,
  which has already parsed the same text with the same variables while warming up, so a
  forked child finds every sheet already parsed in the memory it shares with the zygote.
- :func:`load_parsed_css` and :func:`save_parsed_css` keep the sheets parsed for the theme in
  use in a pickle under the data folder's cache, so the next start of ``workshop`` reads them
  (about a millisecond) instead of parsing them. Each entry is keyed on the CSS text itself,
  so an edited sheet is parsed afresh; the file is also marked with Textual's CSS modules'
  sizes and times, so another Textual version starts from nothing. Anything odd about the
  file means parsing as usual. Like the content cache, it lives in the user's own data
  folder, the same trust as their records.

The private Textual names this needs are used through :mod:`workshop.tui.textual_internals`;
when they change shape, nothing is shared and every app parses as Textual does.

Parsed rules are only read after parsing (Textual's own cache hands the same lists back to
every re-parse of one stylesheet), so sharing them between apps is safe.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import textual
from textual.css.stylesheet import Stylesheet

from workshop.tui.textual_internals import ParseRules, share_parse_rules, stylesheet_variables

_SHARED: dict[tuple[Any, ...], Any] = {}
"""Parsed rules by (CSS, where from, default?, tie breaker, scope, variables); saved ones are
still pickled bytes until first used."""
_LIMIT = 512
"""Entries kept at most (a room has one theme; a few themes times ~50 sheets fit easily)."""
_state = {"loaded": 0}
_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
               TypeError, ValueError, IndexError, KeyError)
"""What reading a damaged or foreign pickle can raise."""


def share_parsed_css() -> bool:
    """Make Textual's CSS parse cache shared by every app in this process (idempotent).

    Returns:
        False when this Textual parses differently than expected (nothing is shared then).
    """
    return share_parse_rules(_shared_parser)


def _shared_parser(original: ParseRules) -> ParseRules:
    """Textual's parser, looking in the process-wide cache first."""

    def parse_rules_shared(self: Stylesheet, css: str, read_from: Any,
                           is_default_rules: bool = False, tie_breaker: int = 0,
                           scope: str = "") -> Any:
        key = (css, read_from, is_default_rules, tie_breaker, scope, _variables_key(self))
        rules = _SHARED.get(key)
        if isinstance(rules, bytes):  # Saved by an earlier run: unpickled when first used.
            try:
                rules = pickle.loads(rules)
            except _UNREADABLE:
                rules = None
            _SHARED[key] = rules
        if rules is None:
            rules = original(self, css, read_from, is_default_rules, tie_breaker, scope)
            if len(_SHARED) < _LIMIT:
                _SHARED[key] = rules
        return rules

    return parse_rules_shared


def _variables_key(stylesheet: Stylesheet) -> tuple[tuple[str, str], ...]:
    """The stylesheet's variables as a key, computed once per variables dict."""
    current = stylesheet_variables(stylesheet)
    variables = stylesheet.__dict__.get("_workshop_variables")
    if variables is None or variables[0] is not current:
        # set_variables replaces the dict: key on its content.
        variables = (current, tuple(sorted(current.items())))
        stylesheet.__dict__["_workshop_variables"] = variables
    key: tuple[tuple[str, str], ...] = variables[1]
    return key


def shared_entries() -> int:
    """How many parsed sheets are shared (for tests and benchmarks)."""
    return len(_SHARED)


def _stamp() -> tuple[object, ...]:
    """What must match for a saved file to be used: Python and Textual's CSS modules."""
    folder = Path(textual.__file__).parent / "css"
    files = []
    for name in ("model.py", "parse.py", "styles.py", "tokenize.py", "types.py"):
        stat = (folder / name).stat()
        files.append((name, stat.st_size, stat.st_mtime_ns))
    return (sys.version, str(folder), *files)


def load_parsed_css(path: Path) -> int:
    """Share parsed CSS (see :func:`share_parsed_css`) and add what a previous run saved.

    Returns:
        How many parsed sheets were read (0 when the file is missing, stale or damaged).
    """
    if not share_parsed_css():
        return 0
    try:
        stamp, entries = pickle.loads(path.read_bytes())
        if stamp != _stamp() or not isinstance(entries, dict):
            return 0
    except _UNREADABLE:
        return 0
    for key, rules in entries.items():
        _SHARED.setdefault(key, rules)
    _state["loaded"] = len(entries)
    return len(entries)


def save_parsed_css(path: Path, variables: Mapping[str, str]) -> bool:
    """Keep the sheets parsed with these variables (the theme in use) for the next run.

    Nothing is written when they are what was loaded. A cache that cannot be written is no
    problem: the next run parses.

    Returns:
        True when the file was written.
    """
    current = tuple(sorted(variables.items()))
    entries = {key: rules for key, rules in _SHARED.items()
               if key[-1] == current and rules is not None}
    if not entries or len(entries) == _state["loaded"]:
        return False
    try:
        from workshop.record.atomic import write_atomic

        # Each sheet pickled on its own, so a start unpickles only the sheets it draws.
        saved = {key: rules if isinstance(rules, bytes)
                 else pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
                 for key, rules in entries.items()}
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, pickle.dumps((_stamp(), saved), protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return False
    _state["loaded"] = len(entries)
    return True
