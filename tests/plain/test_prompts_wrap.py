"""Long choice labels in plain mode reach the screen whole."""

from __future__ import annotations

from workshop.plain.prompts import _wrap


def test_a_long_label_is_wrapped_not_cut() -> None:
    """An 80-column terminal shows every word of a long choice, on indented lines."""
    label = (
        "Make your case: walk her through the reconciliation rewrite and the eleven features "
        "you shipped this year"
    )
    wrapped = _wrap(label, 72)
    lines = wrapped.split("\n")
    assert len(lines) > 1
    assert all(len(line) <= 72 + 6 for line in lines)
    assert " ".join(part.strip() for part in lines) == label


def test_a_short_label_is_left_alone() -> None:
    assert _wrap("Continue", 72) == "Continue"
