"""The user's remembered settings: a small TOML file in the config folder.

Today it remembers the theme; keys it does not know are kept as they are, so an older version
of the workshop never drops a newer version's setting. Writes are atomic (temporary file,
fsync, rename): a crash leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop import tomlread
from workshop.errors import WorkshopError
from workshop.paths import settings_file


class SettingsError(WorkshopError):
    """A settings file that cannot be read or written."""


@dataclass
class Settings:
    """What the workshop remembers between runs."""

    theme: str | None = None
    """The theme last chosen in the app (None: the default)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, written back unchanged."""

    def to_data(self) -> dict[str, Any]:
        """Plain data for the TOML file (unset values left out)."""
        data = dict(self.extra)
        if self.theme is not None:
            data["theme"] = self.theme
        return data


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; a missing file gives the defaults.

    Args:
        path: The file (default :func:`workshop.paths.settings_file`, moved by
            ``WORKSHOP_CONFIG``).

    Raises:
        SettingsError: the file exists but is not readable TOML, or a key has the wrong type.
    """
    path = settings_file() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"cannot read the settings file: {error}", path=path) from None
    try:
        data = tomlread.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"not valid TOML: {error}", path=path,
                            hint="fix or delete the file") from None
    theme = data.pop("theme", None)
    if theme is not None and not isinstance(theme, str):
        raise SettingsError("'theme' must be a string", path=path, place="theme",
                            hint="fix or delete the file")
    return Settings(theme=theme, extra=data)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically; returns the file written.

    Raises:
        SettingsError: the folder or the file cannot be written.
    """
    path = settings_file() if path is None else path
    import tomli_w  # Only when saving: the settings are read before the first frame.

    payload = tomli_w.dumps(settings.to_data()).encode("utf-8")
    try:
        # Imported here: settings are read at start-up, and the record package is not needed
        # until something is written.
        from workshop.record.atomic import write_atomic

        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, payload)
    except OSError as error:
        raise SettingsError(f"cannot write the settings file: {error.strerror or error}",
                            path=path) from None
    return path
