"""Every private Textual name the workshop uses, behind one door.

Textual's public API covers almost everything the workshop does; what it does not cover is
kept here and nowhere else, one small function per use, each with what it buys. Upgrading
Textual means checking the names below (``docs/upgrading-textual.md``); the test
``tests/tui/test_textual_internals.py`` fails, naming the function, when a release changes one.

At import, :data:`PROBLEMS` records every name whose shape is not the one these functions were
written against (a missing attribute, another signature). A function whose name has a problem
takes its public fallback instead: the app is then a little slower or a little less tidy,
never broken.

The names, and why each is kept:

- ``Stylesheet._parse_rules`` and ``Stylesheet._variables`` (:func:`share_parse_rules`,
  :func:`stylesheet_variables`): one parse of each sheet per process and per theme, and parsed
  sheets kept between runs (``workshop/tui/css_cache.py``). Measured: about 7 ms of the first
  frame of a returning player's start (the start-up ratio of ``benchmarks/startup.py``, target
  ≤ 1.15), and every SSH participant forked from the zygote finds its sheets parsed (burst
  join p95 of ``benchmarks/ssh_room.py``, target < 3 s). Fallback: every app parses its own
  sheets, as Textual does.
- ``OptionList._lines`` (:func:`option_lines`): which rows of a choice list an option
  occupies, so a long list inside a scrolling page keeps the highlighted choice in view.
  Textual 8.2 offers no public way to ask. Fallback: the whole list is scrolled into view.

- ``App._handle_exception`` and ``App._fatal_error`` (:class:`QuietCrashes`): Textual renders
  an unhandled error as a Rich traceback *with local variables* (in a room session: the
  participant's record, megabytes of log and seconds of CPU per crash, issue 12) and offers no
  public hook before it does. With a ``crash_report`` set, the error goes there and nothing is
  rendered. Fallback: Textual's own report (the room's crash log then gets Textual's text).

Dropped for public API (kept out of this module on purpose): ``App._watch_theme`` and
``App._running`` (the theme is set before start with ``set_reactive``, see
``workshop/tui/themes.py``), ``App._on_resize`` and ``App._size`` (the app's public
``on_resize`` handler drops a repeat of the size it has seen), ``Screen._get_breakpoint_classes``
(the scene screen reads its public ``HORIZONTAL_BREAKPOINTS`` itself), the
``Screen._on_screen_resume`` override (a public ``on_screen_resume`` handler, which Textual runs
before the base class's), ``Screen._on_resize`` (the scene screen's public ``on_resize`` drops the
resize Textual sends a screen at the size it was just laid out at), ``App._batch_count`` (room
mode pushes its scene screen with ``call_later``, after Textual's start-up batch, instead of
skipping the drawing thrown away inside it), ``App._on_app_blur`` (the app's public
``on_app_blur`` ignores the web driver's own blur at start), and the private modules the SSH
zygote imported by name (``textual.widgets._toast``, ``textual.widgets._tooltip``,
``textual._text_area_theme``: ``textual.app``, ``textual.screen`` and
``textual.widgets.text_area`` import them already).
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.widgets import OptionList

ParseRules = Callable[..., Any]
"""Textual's ``Stylesheet._parse_rules``, or a wrapper with the same parameters."""

PARSE_RULES_PARAMETERS = ("self", "css", "read_from", "is_default_rules", "tie_breaker",
                          "scope")
"""The parameters :func:`share_parse_rules` passes on, in order."""


@dataclass(frozen=True)
class Internal:
    """One private Textual name and the function here that uses it."""

    name: str
    """The private name, as Textual spells it (``Class.attribute``)."""
    user: str
    """The function of this module that uses it."""
    check: Callable[[], str | None]
    """Says what differs from the expected shape, or None when all is as expected."""


def _check_parse_rules() -> str | None:
    method = inspect.getattr_static(Stylesheet, "_parse_rules", None)
    if not inspect.isfunction(method):
        return "is no longer a plain method"
    names = tuple(inspect.signature(method).parameters)
    if names != PARSE_RULES_PARAMETERS:
        return f"takes {names}, expected {PARSE_RULES_PARAMETERS}"
    return None


def _check_variables() -> str | None:
    sheet = Stylesheet(variables={"workshop-probe": "1"})
    if getattr(sheet, "_variables", None) != {"workshop-probe": "1"}:
        return "no longer holds the variables given to Stylesheet()"
    replaced = {"workshop-probe": "2"}
    sheet.set_variables(replaced)
    if getattr(sheet, "_variables", None) is not replaced:
        return "is no longer the dict given to set_variables()"
    return None


def _check_option_lines() -> str | None:
    lines = inspect.getattr_static(OptionList, "_lines", None)
    if not isinstance(lines, property):
        return "is no longer a property"
    return None


def _check_handle_exception() -> str | None:
    method = inspect.getattr_static(App, "_handle_exception", None)
    if not inspect.isfunction(method):
        return "is no longer a plain method"
    names = tuple(inspect.signature(method).parameters)
    if names != ("self", "error"):
        return f"takes {names}, expected ('self', 'error')"
    return None


def _check_fatal_error() -> str | None:
    method = inspect.getattr_static(App, "_fatal_error", None)
    if not inspect.isfunction(method):
        return "is no longer a plain method"
    if tuple(inspect.signature(method).parameters) != ("self",):
        return "takes parameters now"
    return None


INTERNALS: tuple[Internal, ...] = (
    Internal("Stylesheet._parse_rules", "share_parse_rules", _check_parse_rules),
    Internal("Stylesheet._variables", "stylesheet_variables", _check_variables),
    Internal("OptionList._lines", "option_lines", _check_option_lines),
    Internal("App._handle_exception", "QuietCrashes", _check_handle_exception),
    Internal("App._fatal_error", "QuietCrashes", _check_fatal_error),
)
"""Every private Textual name used anywhere in the workshop."""


def check_shapes() -> dict[str, str]:
    """Check every private name against the shape this module expects.

    Returns:
        ``{name: what differs}`` for each name that changed (empty when all are as expected).
    """
    problems: dict[str, str] = {}
    for internal in INTERNALS:
        try:
            problem = internal.check()
        except Exception as error:  # A changed internal may fail in any way: that is the news.
            problem = f"check raised {type(error).__name__}: {error}"
        if problem is not None:
            problems[internal.name] = problem
    return problems


PROBLEMS: dict[str, str] = check_shapes()
"""The private names that changed shape in the installed Textual (their fallbacks are used)."""


def usable(*names: str) -> bool:
    """Whether these private names all have the expected shape."""
    return not any(name in PROBLEMS for name in names)


def share_parse_rules(wrap: Callable[[ParseRules], ParseRules]) -> bool:
    """Route every stylesheet's parsing through ``wrap(Textual's parser)``, once per process.

    Textual caches parsed rules per app's stylesheet; the workshop's wrapper (``css_cache``)
    caches them per process, keyed on the CSS and the variables from
    :func:`stylesheet_variables`. The wrapper is called with the parameters in
    :data:`PARSE_RULES_PARAMETERS`.

    Returns:
        True when parsing is shared (already, or from now on); False when this Textual's
        parser has another shape, and every app parses its own sheets.
    """
    if not usable("Stylesheet._parse_rules", "Stylesheet._variables"):
        return False
    original = Stylesheet._parse_rules
    if getattr(original, "_workshop_shared", False):
        return True
    wrapper = wrap(original)
    wrapper._workshop_shared = True  # type: ignore[attr-defined]
    wrapper.__wrapped__ = original  # type: ignore[attr-defined]  # Textual's, for tests.
    Stylesheet._parse_rules = wrapper  # type: ignore[method-assign]
    return True


def stylesheet_variables(stylesheet: Stylesheet) -> Mapping[str, str]:
    """The variables (theme colours) a stylesheet substitutes while parsing.

    Textual replaces the dict on every theme change, so its identity says when a key built
    from it is stale. Fallback: an empty mapping (callers then share nothing).
    """
    if not usable("Stylesheet._variables"):
        return {}
    variables: Mapping[str, str] = stylesheet._variables
    return variables


def option_lines(option_list: OptionList, index: int) -> list[int] | None:
    """The rows of the list that the option at ``index`` is drawn on (none if not drawn).

    Returns:
        None when this Textual cannot say (the caller then scrolls the whole list into view).
    """
    if not usable("OptionList._lines"):
        return None
    return [row for row, (option, _) in enumerate(option_list._lines) if option == index]


class QuietCrashes(App[Any]):
    """A base for apps whose unhandled errors go to a ``crash_report`` instead of a traceback.

    With ``crash_report`` None (the default), Textual reports errors as usual. With one set
    (room mode), the error is handed to it, nothing is rendered, and the app closes as Textual
    would (status 1; ``run_test`` still re-raises it). Fallback, when Textual's two methods
    changed shape: Textual's own report.
    """

    crash_report: Callable[[BaseException], None] | None = None
    """Where an unhandled error goes instead of Textual's traceback (set in room mode)."""

    def _handle_exception(self, error: Exception) -> None:
        if self.crash_report is not None and usable("App._handle_exception"):
            # A failing report must not hide the crash itself.
            with contextlib.suppress(Exception):
                self.crash_report(error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        if self.crash_report is None or not usable("App._fatal_error"):
            super()._fatal_error()
        else:
            self.panic()  # with nothing to show: only closes the app


__all__ = [
    "INTERNALS", "PARSE_RULES_PARAMETERS", "PROBLEMS", "Internal", "QuietCrashes",
    "check_shapes",
    "option_lines", "share_parse_rules", "stylesheet_variables", "usable",
]
