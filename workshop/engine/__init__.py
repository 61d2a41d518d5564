"""Pure run state: start a scenario, list choices, take them, serialise and restore."""

from workshop.engine.journey import Journey
from workshop.engine.run import CONTINUE, ChoiceError, ChoiceView, Run, RunStateError, Step

__all__ = ["CONTINUE", "ChoiceError", "ChoiceView", "Journey", "Run", "RunStateError", "Step"]
