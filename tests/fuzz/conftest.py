"""Print how many hostile files the fuzz tests tried (the figure the issue asks for)."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line after the run: files tried by kind (only when the fuzz tests ran)."""
    from tests.fuzz.test_hostile_files import TRIED

    if TRIED:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(TRIED.items()))
        failed = len(terminalreporter.stats.get("failed", []))
        terminalreporter.write_line(f"fuzz: {sum(TRIED.values())} hostile files tried "
                                    f"({kinds}); failed tests: {failed}")
