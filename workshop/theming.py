"""Theme files: ``themes/*.toml`` (bundled) and the user's own, loaded into plain data.

A theme file names a Textual theme's colours (see ``docs/themes.md``). This module reads and
checks them without importing Textual: :func:`load_themes` returns the themes that loaded and a
one-line :class:`~workshop.errors.ThemeError` for each file that did not (``PATH:LINE: 'primary'
is not a colour: "#12"``), so a broken user file never stops the workshop — the app reports it
and falls back to :data:`DEFAULT_THEME`. ``workshop.tui.themes`` turns the specs into Textual
themes.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from workshop import tomlread
from workshop.errors import ThemeError, UsageError
from workshop.paths import bundled_themes_dir, user_themes_dir

DEFAULT_THEME = "staff-dark"
"""The theme used when none is chosen, or when the chosen one cannot be loaded."""

COLOUR_KEYS = (
    "primary", "secondary", "accent", "foreground", "background", "surface", "panel",
    "boost", "success", "warning", "error",
)
"""The colours of a Textual theme, in the order the docs list them."""

REQUIRED_KEYS = ("name", "dark", "primary", "foreground", "background")
"""What every theme file must say; Textual derives the rest."""

OTHER_KEYS = ("description", "luminosity_spread", "text_alpha", "variables")
KNOWN_KEYS = REQUIRED_KEYS[:2] + COLOUR_KEYS + OTHER_KEYS

COLOUR_HINT = "use #rrggbb, #rgb, rgb(r, g, b) or a colour name such as white"

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_VARIABLE = re.compile(r"^[a-z][a-z0-9-]*$")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_RGB = re.compile(r"^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$")
_PERCENT = re.compile(r"^(?:100|\d{1,2})%$")
_TOML_LINE = re.compile(r"\(at line (\d+)")

# The CSS basic colours: every one of them is also a Textual colour name with the same value
# (a test checks), so a file that passes here never fails later inside Textual.
NAMED_COLOURS: dict[str, tuple[int, int, int]] = {
    "black": (0, 0, 0), "silver": (192, 192, 192), "gray": (128, 128, 128),
    "grey": (128, 128, 128), "white": (255, 255, 255), "maroon": (128, 0, 0),
    "red": (255, 0, 0), "purple": (128, 0, 128), "fuchsia": (255, 0, 255),
    "green": (0, 128, 0), "lime": (0, 255, 0), "olive": (128, 128, 0),
    "yellow": (255, 255, 0), "navy": (0, 0, 128), "blue": (0, 0, 255), "teal": (0, 128, 128),
    "aqua": (0, 255, 255), "orange": (255, 165, 0),
}

# Words Textual accepts in the ``*-text-style`` / ``*-style`` variables.
_STYLE_WORDS = frozenset({
    "none", "not", "b", "bold", "i", "italic", "u", "underline", "s", "strike", "reverse",
    "dim", "blink", "underline2", "overline",
})
# Colour-like variable values that are not colours of their own.
_SPECIAL_VALUES = frozenset({"transparent", "initial", "ansi_default"})


@dataclass(frozen=True, slots=True)
class RGB:
    """A parsed colour: red, green, blue (0–255) and alpha (0–1)."""

    red: int
    green: int
    blue: int
    alpha: float = 1.0

    @property
    def hex(self) -> str:
        """``#rrggbb`` (alpha dropped)."""
        return f"#{self.red:02x}{self.green:02x}{self.blue:02x}"

    @property
    def luminance(self) -> float:
        """WCAG 2 relative luminance, 0 (black) to 1 (white)."""

        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return (0.2126 * channel(self.red) + 0.7152 * channel(self.green)
                + 0.0722 * channel(self.blue))


def parse_colour(text: str) -> RGB | None:
    """Parse ``#rgb``, ``#rgba``, ``#rrggbb``, ``#rrggbbaa``, ``rgb(r, g, b)`` or a basic name.

    Returns None for anything else (the caller reports it with the file and key).
    """
    text = text.strip()
    lowered = text.lower()
    if lowered in NAMED_COLOURS:
        return RGB(*NAMED_COLOURS[lowered])
    if _HEX.match(text):
        digits = text[1:]
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits)
        alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
        return RGB(int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16), alpha)
    match = _RGB.match(lowered)
    if match:
        values = [int(v) for v in match.groups()]
        if all(v <= 255 for v in values):
            return RGB(*values)
    return None


def contrast_ratio(first: str | RGB, second: str | RGB) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white).

    Raises:
        ValueError: a colour does not parse.
    """
    colours: list[RGB] = []
    for colour in (first, second):
        parsed = parse_colour(colour) if isinstance(colour, str) else colour
        if parsed is None:
            raise ValueError(f"not a colour: {colour!r}")
        colours.append(parsed)
    lighter, darker = sorted((c.luminance for c in colours), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _valid_variable_value(key: str, value: str) -> bool:
    """Whether a ``[variables]`` value is something Textual's stylesheet accepts."""
    words = value.split()
    if not words:
        return False
    if key.endswith("style"):
        return all(word in _STYLE_WORDS for word in words)
    if len(words) == 2 and not _PERCENT.match(words[1]):
        return False
    if len(words) > 2:
        return False
    head = words[0]
    return head == "auto" or head in _SPECIAL_VALUES or parse_colour(head) is not None


@dataclass(frozen=True, slots=True)
class ThemeSpec:
    """A theme as loaded from a file: plain data, ready to become a Textual theme."""

    name: str
    """The name shown in the palette and given to ``--theme``."""
    dark: bool
    """A dark theme (light text on a dark background)."""
    colours: dict[str, str]
    """The colours the file sets, by Textual field name (``primary``, ``background``, ...)."""
    variables: dict[str, str] = field(default_factory=dict)
    """Textual theme variables (``footer-key-foreground``, ...), passed through."""
    description: str = ""
    luminosity_spread: float | None = None
    text_alpha: float | None = None
    path: Path | None = None
    """The file it came from."""
    bundled: bool = False
    """True for a theme shipped with the workshop."""


class ThemeLoad(NamedTuple):
    """What :func:`load_themes` found: the themes that loaded and the files that did not."""

    specs: dict[str, ThemeSpec]
    """Loaded themes by name: bundled first, then the user's (a user theme may replace one)."""
    errors: list[ThemeError]
    """One error per broken file, each printing as one line that names file and key."""


class _Text(NamedTuple):
    """A theme file's path and text; its lines are only located for an error."""

    path: Path
    text: str


def _error(source: _Text, key: tuple[str, ...], message: str,
           hint: str | None = None) -> ThemeError:
    # The locator is imported for errors only: themes are read before the app's first frame.
    from workshop.scenario.source import SourceFile

    line = SourceFile(source.path, source.text).line_of(key)
    return ThemeError(message, path=source.path, place=str(line), hint=hint)


def _close_match(word: str, known: Iterable[str]) -> str | None:
    """The known word closest to a misspelt one, if any is close."""
    import difflib

    close = difflib.get_close_matches(word, list(known), n=1)
    return close[0] if close else None


_PARSED: dict[tuple[str, bool], tuple[tuple[int, int, int], ThemeSpec]] = {}
"""Themes already read by this process, by path, with the file's stats when read: the SSH
server's session starter reads them once and every participant's session reuses them."""


def parse_theme(path: Path, *, bundled: bool = False) -> ThemeSpec:
    """Read and check one theme file (once per process while the file stays the same).

    Raises:
        ThemeError: the file cannot be read, is not TOML, has an unknown or missing key, or a
            value of the wrong kind; the message names the file, the line and the key.
    """
    key = (str(path), bundled)
    try:
        stat = path.stat()
        stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None
    known = _PARSED.get(key)
    if known is not None and known[0] == stamp:
        return known[1]
    spec = _parse_theme(path, bundled)
    if stamp is not None:
        _PARSED[key] = (stamp, spec)
    return spec


def _parse_theme(path: Path, bundled: bool) -> ThemeSpec:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise ThemeError(f"cannot read the theme file: {reason}", path=path) from None
    source = _Text(path, text)
    try:
        data = tomlread.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        detail = _TOML_LINE.split(str(error))[0].strip()
        what = "cannot be used" if isinstance(error, tomlread.TooDeepError) else "not valid TOML"
        raise ThemeError(f"{what}: {detail}", path=path,
                         place=found.group(1) if found else None) from None
    return _spec_from_data(source, data, bundled)


def _spec_from_data(source: _Text, data: dict[str, Any], bundled: bool) -> ThemeSpec:
    for key in data:
        if key not in KNOWN_KEYS:
            close = _close_match(key, KNOWN_KEYS)
            hint = f"did you mean '{close}'?" if close else \
                "see docs/themes.md for the keys a theme can set"
            raise _error(source, (key,), f"unknown key '{key}'", hint)
    for key in REQUIRED_KEYS:
        if key not in data:
            raise ThemeError(f"missing key '{key}'", path=source.path,
                             hint="a theme needs " + ", ".join(REQUIRED_KEYS))
    name = data["name"]
    if not isinstance(name, str) or not _NAME.match(name):
        raise _error(source, ("name",), f"'name' must be lowercase letters, digits and "
                     f"dashes: {_show(name)}", "for example name = \"my-theme\"")
    if not isinstance(data["dark"], bool):
        raise _error(source, ("dark",), f"'dark' must be true or false: {_show(data['dark'])}")
    colours: dict[str, str] = {}
    for key in COLOUR_KEYS:
        if key not in data:
            continue
        value = data[key]
        if not isinstance(value, str) or parse_colour(value) is None:
            raise _error(source, (key,), f"'{key}' is not a colour: {_show(value)}", COLOUR_HINT)
        colours[key] = value.strip()
    description = data.get("description", "")
    if not isinstance(description, str):
        raise _error(source, ("description",), "'description' must be a string")
    numbers: dict[str, float | None] = {}
    for key in ("luminosity_spread", "text_alpha"):
        value = data.get(key)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1
        ):
            raise _error(source, (key,), f"'{key}' must be a number from 0 to 1: {_show(value)}")
        numbers[key] = float(value) if value is not None else None
    variables = _variables(source, data.get("variables", {}))
    return ThemeSpec(
        name=name, dark=data["dark"], colours=colours, variables=variables,
        description=description, luminosity_spread=numbers["luminosity_spread"],
        text_alpha=numbers["text_alpha"], path=source.path, bundled=bundled,
    )


def _variables(source: _Text, table: Any) -> dict[str, str]:
    if not isinstance(table, dict):
        raise _error(source, ("variables",), "'variables' must be a table",
                     'write [variables] and then lines like "footer-key-foreground" = "#e0b36a"')
    variables: dict[str, str] = {}
    for key, value in table.items():
        if not _VARIABLE.match(key):
            raise _error(source, ("variables", key), f"variable '{key}' is not a Textual "
                         "variable name", "lowercase words joined by dashes")
        if not isinstance(value, str) or not _valid_variable_value(key, value):
            raise _error(source, ("variables", key),
                         f"variable '{key}' has a value Textual cannot use: {_show(value)}",
                         "a colour, a colour and a percentage such as \"#ffffff 40%\", or "
                         "text styles such as \"bold\" for *-style variables")
        variables[key] = value
    return variables


def _show(value: Any) -> str:
    """A TOML-ish rendering of a bad value for the error line."""
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def theme_files(folder: Path) -> list[Path]:
    """The ``*.toml`` files in a folder, sorted by name (none when the folder is missing)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if p.is_file())


def load_themes(
    bundled: Path | None = None, user: Path | None = None,
) -> ThemeLoad:
    """Load the bundled themes and the user's themes.

    Args:
        bundled: The bundled themes folder (default :func:`workshop.paths.bundled_themes_dir`).
        user: The user's themes folder (default :func:`workshop.paths.user_themes_dir`, which
            ``WORKSHOP_CONFIG`` moves).

    Returns:
        The themes that loaded (a user theme with a bundled theme's name replaces it) and one
        error per file that did not load or repeats a name.
    """
    bundled = bundled_themes_dir() if bundled is None else bundled
    user = user_themes_dir() if user is None else user
    specs: dict[str, ThemeSpec] = {}
    errors: list[ThemeError] = []
    for folder, is_bundled in ((bundled, True), (user, False)):
        seen: dict[str, Path] = {}
        for path in theme_files(folder):
            try:
                spec = parse_theme(path, bundled=is_bundled)
            except ThemeError as error:
                errors.append(error)
                continue
            if spec.name in seen:
                source = _Text(path, path.read_text(encoding="utf-8"))
                errors.append(_error(source, ("name",), f"theme '{spec.name}' is already "
                                     f"defined in {seen[spec.name].name}",
                                     "give each theme its own name"))
                continue
            seen[spec.name] = path
            specs[spec.name] = spec
    return ThemeLoad(specs, errors)


def unknown_theme(name: str, known: Iterable[str]) -> UsageError:
    """The usage error for ``--theme NAME`` naming a theme that is not there."""
    names = ", ".join(known)
    close = _close_match(name, known)
    hint = f"did you mean '{close}'?" if close else None
    return UsageError(f"unknown theme '{name}'; known themes: {names}", place="--theme",
                      hint=hint)


def broken_names(errors: Iterable[ThemeError]) -> set[str]:
    """The names the broken theme files probably meant (their file names without .toml)."""
    return {error.path.stem for error in errors if error.path is not None}


def choose_theme(
    requested: str | None, saved: str | None, known: Collection[str],
    broken: Collection[str] = (),
) -> str:
    """Pick the theme to start with: ``--theme``, then the remembered one, then the default.

    A theme that no longer loads (its file was removed or broke) is passed over: the default
    is used instead, and the broken file has its own error line to show.

    Raises:
        UsageError: ``requested`` is neither known nor the name of a broken theme file.
    """
    if requested is not None:
        if requested in known:
            return requested
        if requested in broken:
            return DEFAULT_THEME
        raise unknown_theme(requested, known)
    if saved is not None and saved in known:
        return saved
    return DEFAULT_THEME


def known_names(specs: Mapping[str, ThemeSpec], extra: Iterable[str] = ()) -> list[str]:
    """Theme names for messages: the workshop's own first (default first), then ``extra``."""
    ours = sorted(specs, key=lambda n: (n != DEFAULT_THEME, not specs[n].bundled, n))
    return ours + [name for name in extra if name not in specs]
