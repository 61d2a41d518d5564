"""Room codes, handles and resume codes: what is accepted and what is refused."""

from __future__ import annotations

import pytest

from workshop.errors import UsageError
from workshop.rooms import (
    check_handle,
    new_resume_code,
    new_room_code,
    normalize_handle,
    normalize_resume_code,
    normalize_room_code,
)
from workshop.rooms.names import CODE_ALPHABET


def test_room_codes_are_short_and_unambiguous() -> None:
    for _ in range(50):
        code = new_room_code()
        assert len(code) == 6 and set(code) <= set(CODE_ALPHABET)
        assert not set(code) & set("01oli")


def test_room_code_is_case_folded_and_checked() -> None:
    assert normalize_room_code(" K7M2QX ") == "k7m2qx"
    with pytest.raises(UsageError, match="not a room code"):
        normalize_room_code("../etc")


@pytest.mark.parametrize("text, handle", [("alice", "alice"), ("Alice", "alice"),
                                          ("bob_2", "bob_2"), ("x-y", "x-y"), ("a" * 24, "a" * 24)])
def test_good_handles(text: str, handle: str) -> None:
    assert check_handle(text) == handle


@pytest.mark.parametrize("text", [
    "", "../etc", "..", ".", "a/b", "a\\b", "a.b", "-alice", "_x", "a b", "a" * 25,
    "al\x1b]0;pwned\x07ice", "a\x00", "bob\n", "élodie", "ａｌｉｃｅ", "root;rm",
])
def test_bad_handles_never_pass(text: str) -> None:
    assert check_handle(text) is None
    with pytest.raises(UsageError, match="not a valid handle") as caught:
        normalize_handle(text)
    assert "\x1b" not in str(caught.value) and "\n" not in str(caught.value)


def test_resume_codes_round_trip_forgivingly() -> None:
    code = new_resume_code()
    assert normalize_resume_code(code) == code
    assert normalize_resume_code(code.upper().replace("-", " ")) == code
    assert normalize_resume_code("nope") is None
