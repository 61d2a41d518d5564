"""Who may join: handles, the room's passcode, keys and resume codes (one per connection).

The order a client sees:

1. Its handle (the SSH user name) is checked; a bad one, a full or locked room, or too many
   recent failures is refused at once with a banner saying why.
2. A room with a passcode offers only keyboard-interactive until the passcode is given; then
   public keys are offered too, so the client's key can bind the handle.
3. A public key is accepted for a free handle, or for the handle it is bound to.
   Keyboard-interactive lets a free handle in without a key (it gets a resume code), asks a
   code-bound handle for its resume code, and refuses a key-bound handle with a clear banner.

A key offered in ``validate_public_key`` is *not* proven (the client may never sign with it,
the bug class of CVE-2024-45337): nothing is bound there. The key's ``verify`` is wrapped so
that only a key whose signature over this session actually checked out is remembered, and the
handle is bound in :meth:`Gate.auth_completed`, after authentication has finished.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import asyncssh

from workshop.rooms import (
    HANDLE_RULE,
    check_handle,
    hash_secret,
    new_resume_code,
    normalize_resume_code,
    verify_secret,
)
from workshop.rooms.names import printable
from workshop.ssh.facilitator import FACILITATOR

if TYPE_CHECKING:
    from workshop.ssh.server import RoomServer

FAIL_DELAY = 1.5
"""Seconds before answering a wrong passcode or resume code."""

TRIES_PER_CONNECTION = 3
"""Wrong passcodes or resume codes one connection may send before it is refused."""


class Gate(asyncssh.SSHServer):
    """The SSH-level side of one connection: authentication and channel requests."""

    def __init__(self, server: RoomServer) -> None:
        self.server = server
        self.conn: asyncssh.SSHServerConnection | None = None
        self.address = "?"
        self.handle: str | None = None
        self.refused = False
        self.passcode_ok = not server.room.has_passcode
        self.proven_key: str | None = None
        """Fingerprint of the key whose signature was verified (set only by verify)."""
        self.identity_ok = False
        self.new_resume_code: str | None = None
        """A resume code made at this join, to show the participant once."""
        self._stage = ""
        self._failures = 0
        self.via = ""
        self.new_code: tuple[str, str] | None = None
        """A resume code and its hash, ready for a free handle joining without a key."""
        """How keyboard-interactive let the client in: "code", "free" or ""."""
        self.sessions = 0

    # -- connection ---------------------------------------------------------------------

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "?"
        if not self.server.connection_opened(self):
            conn.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.server.connection_closed(self)

    def _banner(self, text: str) -> None:
        if self.conn is not None:
            with contextlib.suppress(OSError):
                self.conn.send_auth_banner(text.rstrip("\n") + "\r\n")

    def _refuse(self, text: str) -> bool:
        self.refused = True
        self.server.log(f"refused {printable(self.handle or '?')} from {self.address}: {text}")
        self._banner(text)
        return True

    # -- authentication -----------------------------------------------------------------

    def begin_auth(self, username: str) -> bool:
        handle = check_handle(username)
        self.handle = handle
        self.refused = False
        if handle is None:
            return self._refuse(
                f"'{printable(username)}' cannot be a handle in this room: use {HANDLE_RULE}.\n"
                f"Join with: {self.server.join_line('yourname')}")
        if self.server.limiter.blocked(self.address, handle):
            return self._refuse("Too many failed attempts from your address for "
                                f"'{handle}': wait a few minutes and try again.")
        problem = self.server.admission_problem(handle)
        if problem:
            return self._refuse(problem)
        return True

    def public_key_auth_supported(self) -> bool:
        return not self.refused and (self.passcode_ok or self.handle == FACILITATOR)

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        facilitator = self.handle == FACILITATOR  # issue 7: a listed facilitator key only
        if self.refused or self.handle is None or not (self.passcode_ok or facilitator):
            return False
        binding = self.server.bindings.get(self.handle)
        fingerprint = str(key.get_fingerprint("sha256"))
        if facilitator and fingerprint not in self.server.options.facilitator_keys:
            return False
        if binding is not None and binding.key != fingerprint:
            return False
        original: Callable[[bytes, bytes], bool] = key.verify

        def verify(data: bytes, sig: bytes) -> bool:
            proven = original(data, sig)
            if proven:
                self.proven_key = fingerprint
            return proven

        key.verify = verify  # type: ignore[method-assign]
        return True

    def kbdint_auth_supported(self) -> bool:
        # The facilitator (issue 7) comes in by key only: no passcode, no resume code.
        return not self.refused and self.handle != FACILITATOR

    def password_auth_supported(self) -> bool:
        return False

    async def get_kbdint_challenge(self, username: str, lang: str,
                                   submethods: str) -> Any:
        if self.refused or self.handle is None:
            return False
        if not self.passcode_ok:
            self._stage = "passcode"
            return ("", f"Room {self.server.room.code}: "
                    f"{printable(self.server.room.settings.title, 60)}", "",
                    [("Room passcode: ", False)])
        binding = self.server.bindings.get(self.handle)
        if binding is None:
            # A free handle joining without a key: it gets a resume code, hashed here off
            # the event loop (scrypt is slow on purpose) so auth_completed only stores it.
            code = new_resume_code()
            self.new_code = (code, await asyncio.get_running_loop().run_in_executor(
                None, hash_secret, code))
            self.via = "free"
            return True
        if binding.key is not None:
            self._refuse(f"The handle '{self.handle}' is already taken in this room by "
                         "someone else (it is tied to another SSH key).\nPick another handle: "
                         f"{self.server.join_line('othername')}")
            return False
        self._stage = "code"
        return ("", f"Welcome back, {self.handle}.", "", [("Resume code: ", False)])

    async def validate_kbdint_response(self, username: str, responses: Sequence[str]) -> Any:
        if self.refused or self.handle is None or len(responses) != 1:
            return False
        answer = responses[0]
        if self._stage == "passcode":
            if await self.server.check_passcode(answer):
                self.passcode_ok = True
                # Fail this round on purpose: the client now sees public keys offered and
                # tries its keys, so a key can still bind the handle; without one it comes
                # back to keyboard-interactive and joins.
                return False
            return await self._failed("Wrong passcode for this room.")
        if self._stage == "code":
            binding = self.server.bindings.get(self.handle)
            code = normalize_resume_code(answer)
            if binding is not None and binding.code_hash is not None and code is not None \
                    and await asyncio.get_running_loop().run_in_executor(
                        None, verify_secret, code, binding.code_hash):
                self.via = "code"
                return True
            return await self._failed(f"That is not the resume code of '{self.handle}'.")
        return False

    async def _failed(self, text: str) -> bool:
        assert self.handle is not None
        self.server.limiter.fail(self.address, self.handle)
        self._failures += 1
        self.server.log(f"failed login for {self.handle} from {self.address}: {text}")
        await asyncio.sleep(FAIL_DELAY)
        if self._failures >= TRIES_PER_CONNECTION or \
                self.server.limiter.blocked(self.address, self.handle):
            self._refuse(f"{text} Too many tries: connect again to retry.")
        else:
            self._banner(text)
        return False

    def auth_completed(self) -> None:
        if self.handle is None or self.refused:
            return
        self.server.limiter.succeed(self.address, self.handle)
        if self.handle == FACILITATOR:  # issue 7: the key was checked against the list
            self.identity_ok = self.proven_key in self.server.options.facilitator_keys
            return
        self.identity_ok, self.new_resume_code = self.server.bind(
            self.handle, self.proven_key, self.via, self.new_code)

    # -- channels -----------------------------------------------------------------------

    def session_requested(self) -> Any:
        from workshop.ssh.session import ParticipantSession

        if self.sessions >= 1:
            return False  # one session per connection
        self.sessions += 1
        return ParticipantSession(self.server, self)

    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str,
                             orig_port: int) -> Any:
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED,
                                        "port forwarding is not offered by this workshop")

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        return False

    def unix_connection_requested(self, dest_path: str) -> Any:
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED,
                                        "forwarding is not offered by this workshop")

    def unix_server_requested(self, listen_path: str) -> bool:
        return False
