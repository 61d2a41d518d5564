"""The browser's identity: a token in a cookie, kept hashed in the room's bindings file, and
the pages that quote what people typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.rooms.bindings import Bindings
from workshop.rooms.room import RoomError
from workshop.web import identity, pages


def test_a_token_binds_a_handle_and_survives_a_reload(tmp_path: Path) -> None:
    """The file keeps a hash of the token only; the token proves the handle, no other does."""
    path = tmp_path / "bindings.toml"
    token = identity.new_token()
    Bindings.load(path).bind("alice", token_hash=identity.token_hash(token))
    assert token not in path.read_text()
    again = Bindings.load(path)
    assert identity.holds(again, "alice", token)
    assert not identity.holds(again, "alice", identity.new_token())
    assert not identity.holds(again, "bob", token)
    with pytest.raises(RoomError, match="already taken"):
        again.bind("alice", token_hash=identity.token_hash(identity.new_token()))


def test_a_key_or_code_bound_handle_is_not_a_browser_s(tmp_path: Path) -> None:
    bindings = Bindings.load(tmp_path / "bindings.toml")
    bindings.bind("kay", key="SHA256:abc")
    assert not identity.holds(bindings, "kay", "anything")


@pytest.mark.parametrize("value, expected", [
    ("alice.tok-en_1", ("alice", "tok-en_1")),
    (None, None), ("", None), ("alice", None), ("alice.", None), (".token", None),
    ("Alice.token", None), ("<b>.token", None), ("a" * 30 + ".t", None),
    ("alice." + "t" * 300, None),
])
def test_cookies_that_cannot_be_ours_are_ignored(value: str | None,
                                                 expected: tuple[str, str] | None) -> None:
    assert identity.parse_cookie(value) == expected


def test_pages_quote_typed_text_inert() -> None:
    """A handle with markup or escape sequences is shown as text, never as HTML or controls."""
    shown = pages.shown_handle("<script>alert(1)</script>\x1b]0;x\x07")
    assert "<" not in shown and "\x1b" not in shown and "\x07" not in shown
    page = pages.join_page("<i>Title</i>\x1b[2J", "abcdef", passcode=True)
    assert "<i>" not in page and "\x1b" not in page and 'name="passcode"' in page
    assert 'name="passcode"' not in pages.join_page("T", "abcdef", passcode=False)


def test_claims_expire_are_bounded_and_settle() -> None:
    now = [0.0]
    claims = identity.Claims(limit=2, ttl=10.0, clock=lambda: now[0])
    claims.add("ann", "t1")
    claims.add("ann", "t2")
    assert claims.holds("ann", "t1") and claims.holds("ann", "t2")
    assert not claims.holds("ann", "t3") and not claims.holds("bob", "t1")
    claims.add("bob", "t3")  # over the limit: the oldest claim goes
    assert not claims.holds("ann", "t1") and claims.holds("bob", "t3")
    claims.settle("ann")
    assert not claims.holds("ann", "t2")
    now[0] = 11.0
    assert not claims.holds("bob", "t3")
