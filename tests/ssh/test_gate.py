"""Identity rules inside the server, without a network: keys bind only once proven."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import asyncssh
import pytest

from workshop.rooms import Bindings
from workshop.ssh.auth import Gate
from workshop.ssh.limits import Limits


class _Server:
    """The parts of RoomServer the gate talks to; records binds."""

    def __init__(self, tmp_path: Path, passcode: bool = False) -> None:
        self.room = SimpleNamespace(has_passcode=passcode, code="abcdef",
                                    settings=SimpleNamespace(title="T"))
        self.bindings = Bindings.load(tmp_path / "bindings.toml")
        self.limits = Limits(fail_delay=0)
        self.options = SimpleNamespace(facilitator_keys=frozenset())
        self.binds: list[tuple[str, str | None, str]] = []
        self.logged: list[str] = []

    def admission_problem(self, handle: str, key: str | None = None) -> str:
        return ""

    def join_line(self, handle: str, command: str = "") -> str:
        return f"ssh {handle}@host {command}".strip()

    def log(self, text: str) -> None:
        self.logged.append(text)

    def bind(self, handle: str, proven: str | None, via: str,
             new_code: tuple[str, str] | None = None) -> tuple[bool, str | None]:
        self.binds.append((handle, proven, via))
        return True, None

    def authenticated(self, gate: Gate, key: str, bound: bool) -> None:
        pass


def _gate(server: _Server, handle: str) -> Gate:
    gate = Gate(server)  # type: ignore[arg-type]
    gate.begin_auth(handle)
    return gate


def _key() -> Any:
    return asyncssh.generate_private_key("ssh-ed25519")


def test_an_offered_key_is_not_bound_until_its_signature_checks_out(tmp_path: Path) -> None:
    """Offering key A then signing with nothing (or garbage) must not bind A."""
    server = _Server(tmp_path)
    gate = _gate(server, "alice")
    offered = _key()
    public = offered.convert_to_public()
    assert gate.validate_public_key("alice", public)  # the query: "would you take A?"
    assert gate.proven_key is None
    assert not public.verify(b"session data", b"not a signature")
    assert gate.proven_key is None
    gate.auth_completed()  # e.g. keyboard-interactive let a free handle in afterwards
    assert server.binds == [("alice", None, "")]


def test_a_signed_key_is_the_one_bound(tmp_path: Path) -> None:
    server = _Server(tmp_path)
    gate = _gate(server, "alice")
    key = _key()
    public = key.convert_to_public()
    assert gate.validate_public_key("alice", public)
    assert public.verify(b"data", key.sign(b"data", b"ssh-ed25519"))
    gate.auth_completed()
    assert server.binds == [("alice", str(public.get_fingerprint("sha256")), "")]


async def test_a_bound_handle_takes_only_its_key(tmp_path: Path) -> None:
    server = _Server(tmp_path)
    owner, other = _key(), _key()
    server.bindings.bind("alice", key=str(owner.get_fingerprint("sha256")))
    gate = _gate(server, "alice")
    assert not gate.validate_public_key("alice", other.convert_to_public())
    assert gate.validate_public_key("alice", owner.convert_to_public())
    assert await gate.get_kbdint_challenge("alice", "", "") is False  # no way around it
    assert gate.refused


async def test_a_passcode_room_offers_keys_only_after_the_passcode(tmp_path: Path) -> None:
    gate = _gate(_Server(tmp_path, passcode=True), "alice")
    assert not gate.public_key_auth_supported()
    challenge = await gate.get_kbdint_challenge("alice", "", "")
    assert challenge[3] == [("Room passcode: ", False)]
    gate.passcode_ok = True
    assert gate.public_key_auth_supported()


@pytest.mark.parametrize("name", ["../x", "A" * 30, "a b"])
def test_bad_handles_get_no_method_at_all(tmp_path: Path, name: str) -> None:
    gate = _gate(_Server(tmp_path), name)
    assert gate.refused
    assert not gate.public_key_auth_supported() and not gate.kbdint_auth_supported()
