"""Which content an authoring command is about: a scenario by path or id, or a workshop."""

from __future__ import annotations

from pathlib import Path

from workshop.errors import ContentError, UsageError
from workshop.scenario import resolve
from workshop.scenario.diagnostics import Diagnostic
from workshop.scenario.loader import ID_PATTERN, LoadResult, load_path
from workshop.scenario.model import Scenario, Workshop


class InvalidContent(ContentError):
    """Content with validation errors; the command prints :attr:`diagnostics` and exits 1."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        first = diagnostics[0].format() if diagnostics else "the content has errors"
        super().__init__(first)


def _load(path: Path) -> LoadResult:
    try:
        return load_path(path)
    except FileNotFoundError as error:  # raced away between the check and the load
        raise UsageError("no such file or folder", path=path) from error


def load_valid(path: Path | str | None) -> Workshop:
    """Load and validate content (None: the bundled workshop).

    Raises:
        UsageError: the path does not exist (exit 2).
        InvalidContent: the content has errors (exit 1, every error printed).
    """
    root = resolve(path)
    result = _load(root)
    if result.errors or result.workshop is None:
        raise InvalidContent(result.errors)
    if not result.workshop.scenarios:
        raise UsageError("holds no scenario", path=root,
                         hint="give a workshop folder, a workshop.toml or a scenario file")
    return result.workshop


def _looks_like_path(target: str) -> bool:
    return "/" in target or "\\" in target or target.endswith(".toml") or target.startswith(".")


def find_scenario(target: str, workshop_path: Path | str | None = None) -> Scenario:
    """The scenario named by a file or folder path, or by its id in a workshop.

    An existing path wins; otherwise ``target`` is a scenario id in ``workshop_path`` (the
    bundled workshop when None). Errors in other scenarios of the same workshop do not stop
    a valid scenario from being drawn.

    Raises:
        UsageError: no such path, no such scenario id, or a path holding several scenarios.
        InvalidContent: the scenario (or the manifest it needs) has errors.
    """
    path = Path(target).expanduser()
    if path.exists():
        result = _load(path)
        workshop = result.workshop
        if workshop is None:
            raise InvalidContent(result.errors)
        scenarios = list(workshop.scenarios.values())
        if len(scenarios) > 1:
            names = ", ".join(workshop.scenarios)
            raise UsageError(
                f"holds {len(scenarios)} scenarios; name one ({names})", path=path,
                hint=f"workshop graph ID --workshop {path}",
            )
        if not scenarios:
            if result.errors:
                raise InvalidContent(result.errors)
            raise UsageError("holds no scenario", path=path)
        return _checked(scenarios[0], result)
    if _looks_like_path(target) or not ID_PATTERN.match(target):
        raise UsageError("no such file or folder", path=path,
                         hint="give a scenario file, or a scenario id of the workshop")
    result = _load(resolve(workshop_path))
    workshop = result.workshop
    if workshop is None:
        raise InvalidContent(result.errors)
    scenario = workshop.scenarios.get(target)
    if scenario is None:
        own = [d for d in result.errors if d.path is not None and d.path.stem == target]
        if own:
            raise InvalidContent(own)
        known = ", ".join(workshop.scenarios) or "none"
        raise UsageError(f"unknown scenario '{target}' in workshop '{workshop.id}'",
                         hint=f"known: {known}")
    return _checked(scenario, result)


def _checked(scenario: Scenario, result: LoadResult) -> Scenario:
    """The scenario, unless its own file (or an unlocated problem) has errors."""
    own_path = scenario.source.path if scenario.source else None
    own = [d for d in result.errors if d.path is None or d.path == own_path]
    if own:
        raise InvalidContent(own)
    return scenario
