"""Every on-disk location in one place.

Bundled content (``scenarios/``, ``themes/``) lives at the top of the repository during
development and inside the package (``workshop/_content/``) once a wheel is installed. User data
(session records, rooms) goes under the platform's data folder, overridable by ``--data-dir``
or the ``WORKSHOP_HOME`` environment variable; user themes under the platform's config folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "staff-workshop"
HOME_ENV = "WORKSHOP_HOME"
"""Environment variable that overrides the data folder."""

CONFIG_ENV = "WORKSHOP_CONFIG"
"""Environment variable that overrides the config folder (themes, settings)."""

DEFAULT_WORKSHOP = "staff-path"
"""The id of the bundled workshop that plays when no other is named."""

_PACKAGE = Path(__file__).resolve().parent


def _content_root(name: str) -> Path:
    installed = _PACKAGE / "_content" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def bundled_scenarios_dir() -> Path:
    """The folder holding the bundled workshops, one sub-folder each."""
    return _content_root("scenarios")


def bundled_workshop_dir(workshop_id: str = DEFAULT_WORKSHOP) -> Path:
    """The folder of one bundled workshop (it holds ``workshop.toml``)."""
    return bundled_scenarios_dir() / workshop_id


def bundled_themes_dir() -> Path:
    """The folder holding the bundled theme files."""
    return _content_root("themes")


def data_dir(override: Path | str | None = None) -> Path:
    """Where records and rooms are kept: the flag, then ``WORKSHOP_HOME``, then the platform."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path(APP_NAME)


def records_dir(override: Path | str | None = None) -> Path:
    """Where self-paced session records are kept."""
    return data_dir(override) / "sessions"


def rooms_dir(override: Path | str | None = None) -> Path:
    """Where group-workshop rooms are kept, one folder each."""
    return data_dir(override) / "rooms"


def host_key_file(data: Path) -> Path:
    """The SSH server's host key, shared by every room served from the data folder ``data``."""
    return data / "ssh" / "ssh_host_ed25519_key"


def config_dir() -> Path:
    """Where user settings and user themes are kept."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return platformdirs.user_config_path(APP_NAME)


def user_themes_dir() -> Path:
    """Where a user drops extra theme files."""
    return config_dir() / "themes"


def settings_file() -> Path:
    """The user's remembered settings (theme, ...)."""
    return config_dir() / "settings.toml"


class Folders:
    """The folders one run works with, resolved once (see :func:`data_dir`).

    Args:
        override: ``--data-dir`` (None: ``WORKSHOP_HOME``, else the platform's data folder).
    """

    __slots__ = ("cache", "data", "exports", "records")

    def __init__(self, override: Path | str | None = None) -> None:
        self.data = data_dir(override)
        """The data folder itself."""
        self.records = self.data / "sessions"
        """Self-paced session records (as :func:`records_dir`)."""
        self.cache = self.data / "cache"
        """Validated content and parsed stylesheets, safe to delete."""
        self.exports = self.data / "exports"
        """Notes exported from the app."""
