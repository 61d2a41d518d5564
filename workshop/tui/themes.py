"""Theme specs (``workshop.theming``) as Textual themes, registered on an app and remembered.

The app calls :func:`setup_themes` once, in ``App.__init__`` (or ``on_mount``)::

    errors = setup_themes(self, options.theme, context.themes)   # register, pick, remember
    for line in errors: self.notify(line, severity="warning")

and the command line calls :func:`check_theme_option` before any screen starts, so
``--theme NOPE`` is a one-line usage error (exit 2) listing the themes there are.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import BUILTIN_THEMES, Theme

from workshop.settings import Settings, SettingsError, load_settings, save_settings
from workshop.text import terminal_safe
from workshop.theming import (
    DEFAULT_THEME,
    ThemeLoad,
    ThemeSpec,
    broken_names,
    choose_theme,
    known_names,
    load_themes,
    unknown_theme,
)

FALLBACK_THEME = "textual-dark"
"""Used only if the bundled default theme itself is missing (a broken install)."""


def to_textual(spec: ThemeSpec) -> Theme:
    """The Textual theme for a spec (colours the file leaves out are derived by Textual)."""
    colours = spec.colours
    theme = Theme(
        name=spec.name,
        primary=colours["primary"],
        secondary=colours.get("secondary"),
        warning=colours.get("warning"),
        error=colours.get("error"),
        success=colours.get("success"),
        accent=colours.get("accent"),
        foreground=colours.get("foreground"),
        background=colours.get("background"),
        surface=colours.get("surface"),
        panel=colours.get("panel"),
        boost=colours.get("boost"),
        dark=spec.dark,
        variables=dict(spec.variables),
    )
    if spec.luminosity_spread is not None:
        theme.luminosity_spread = spec.luminosity_spread
    if spec.text_alpha is not None:
        theme.text_alpha = spec.text_alpha
    return theme


def register_themes(app: App[Any]) -> list[str]:
    """Register the bundled and user themes on an app.

    Returns:
        One line per theme file that could not be loaded (``PATH:LINE: message``), for the app
        to show; those themes are simply not offered.
    """
    specs, errors = load_themes()
    for spec in specs.values():
        app.register_theme(to_textual(spec))
    return [str(error) for error in errors]


def check_theme_option(name: str | None, loaded: ThemeLoad | None = None) -> None:
    """Check ``--theme NAME`` before the app starts.

    Args:
        name: The theme asked for (None: nothing to check).
        loaded: The theme files already read (the play context's), else they are read here.

    Raises:
        UsageError: no theme of that name (the message lists the themes there are).
    """
    if name is None:
        return
    specs, errors = loaded if loaded is not None else load_themes()
    known = known_names(specs, BUILTIN_THEMES)
    # A theme whose file is broken is not a usage error: the app starts with the default
    # theme and shows the file's own error line.
    if name not in known and name not in broken_names(errors):
        raise unknown_theme(name, known)


def _theme_before_start(app: App[Any], name: str) -> None:
    """Switch to a theme before the app starts, without Textual's restyle of everything.

    Setting ``App.theme`` re-parses and re-applies every style (tens of milliseconds of the
    first frame), which buys nothing before the first parse: the stylesheet is parsed with
    these variables anyway. So the value is set without its watcher, and the watcher's
    classes and variables are set here (public API only).
    """
    app.set_reactive(App.theme, name)
    dark = app.current_theme.dark
    classes = {found: False for found in app.classes if found.startswith("-theme-")}
    classes.update({f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark})
    app.update_classes(classes, update=False)
    app.stylesheet.set_variables(app.get_css_variables())


def setup_themes(app: App[Any], requested: str | None = None,
                 loaded: ThemeLoad | None = None) -> list[str]:
    """Register themes, switch to the right one, and remember the user's later changes.

    The theme is ``requested`` (``--theme``, used for this run only), else the one saved in
    the settings, else ``staff-dark``. When the user picks a theme afterwards (the command
    palette's theme command), it is saved to the settings file. ``loaded`` is the theme files
    already read by the play context (read here when not given).

    Raises:
        UsageError: ``requested`` names no theme.

    Returns:
        Lines for the app to show: broken theme files and an unreadable settings file.
    """
    specs, theme_errors = loaded if loaded is not None else load_themes()
    for spec in specs.values():
        app.register_theme(to_textual(spec))
    # Theme errors quote the file (a bad name, a bad value): clean lines for the warning.
    errors = [terminal_safe(str(error)) for error in theme_errors]
    try:
        settings: Settings | None = load_settings()
    except SettingsError as error:
        # Never overwrite a settings file we could not read: the user may want to fix it.
        errors.append(terminal_safe(str(error)))
        settings = None
    known = list(app.available_themes)
    name = choose_theme(requested, settings.theme if settings else None, known,
                        broken_names(theme_errors))
    if name not in known:
        name = FALLBACK_THEME
    if app.is_running:
        app.theme = name
    else:
        _theme_before_start(app, name)

    def remember(_old: str, new: str) -> None:
        if settings is None or settings.theme == new:
            return
        settings.theme = new
        try:
            save_settings(settings)
        except SettingsError as error:
            app.notify(str(error), severity="warning")

    app.watch(app, "theme", remember, init=False)
    return errors


__all__ = [
    "DEFAULT_THEME", "FALLBACK_THEME", "check_theme_option", "register_themes", "setup_themes",
    "to_textual",
]
