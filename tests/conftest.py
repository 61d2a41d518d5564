"""Suite-wide rules: in CI, a test that needs a tool never skips silently."""

from __future__ import annotations

import os

import pytest

# Skips that mean "a tool is missing on this machine". .ci/run installs these tools, so in CI
# (CI=true) such a skip is a broken set-up and fails the run instead of hiding tests.
_MISSING_TOOL = ("needs ", "not installed", "did not start")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI", "").lower() not in ("1", "true", "yes") or not report.skipped:
        return
    reason = str(report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr)
    if any(marker in reason for marker in _MISSING_TOOL):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, but .ci/run should have provided it: {reason}"
