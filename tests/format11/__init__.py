"""Format 1.1 scene features (issue 15, slice C1): several questions in one scene, questions
on endings, and ``else`` on text parts. ``content/`` is a small workshop that uses them."""

from __future__ import annotations

from pathlib import Path

CONTENT = Path(__file__).resolve().parent / "content"
"""The two-scenario workshop: check-in (format 1.1) and the example's outage (format 1)."""
