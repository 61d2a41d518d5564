"""Shared helpers for plain-mode tests: a scripted player and the example workshop."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from workshop.plain.prompts import Option
from workshop.plain.render import Renderer

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "first-workshop"


@dataclass
class Asked:
    """One question the player was asked, with what was offered."""

    kind: str
    question: str
    options: list[Option] = field(default_factory=list)


class ScriptedPrompter:
    """Answers plain mode's questions from a script, and remembers what it was asked.

    A select answer is an option's value or its shortcut key; ``"^C"`` raises
    KeyboardInterrupt (ctrl+c); running out of script does too.
    """

    def __init__(self, *answers: str | bool) -> None:
        self.answers = list(answers)
        self.asked: list[Asked] = []

    def _next(self) -> str | bool:
        if not self.answers:
            raise KeyboardInterrupt
        answer = self.answers.pop(0)
        if answer == "^C":
            raise KeyboardInterrupt
        return answer

    def select(self, question: str, options: Sequence[Option]) -> str:
        self.asked.append(Asked("select", question, list(options)))
        answer = self._next()
        for option in options:
            if answer in (option.value, option.key):
                assert not option.disabled, f"picked a disabled option: {option.label}"
                return option.value
        raise AssertionError(f"{answer!r} is not offered in {question!r}: "
                             f"{[(o.key, o.value) for o in options]}")

    def text(self, question: str, hint: str = "") -> str:
        self.asked.append(Asked("text", question))
        answer = self._next()
        assert isinstance(answer, str)
        return answer

    def confirm(self, question: str, default: bool = True) -> bool:
        self.asked.append(Asked("confirm", question))
        answer = self._next()
        assert isinstance(answer, bool)
        return answer


class Output:
    """A renderer writing to a string."""

    def __init__(self, width: int | None = None) -> None:
        self.stream = io.StringIO()
        self.renderer = Renderer(self.stream, width=width)

    @property
    def text(self) -> str:
        return self.stream.getvalue()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder (and config folder) for one test."""
    monkeypatch.setenv("WORKSHOP_CONFIG", str(tmp_path / "config"))
    monkeypatch.delenv("WORKSHOP_HOME", raising=False)
    return tmp_path / "data"
