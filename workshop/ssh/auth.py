"""Who may join: handles, the room's passcode, keys and resume codes (one per connection).

The order a client sees:

1. Its handle (the SSH user name) is checked; a bad or empty one, or a full or locked room, is
   refused at once with a banner saying why.
2. A key already bound to the handle is let in without the passcode: it proved the passcode
   when it first joined, so a guessing flood can never lock its owner out. A handle bound to
   a resume code is asked for that code, not the passcode.
3. Otherwise a room with a passcode offers only keyboard-interactive until the passcode is
   given; then public keys are offered too, so the client's key can bind the handle. Wrong
   answers wait for their turn (:class:`workshop.ssh.limits.Backoff`, per handle and for the
   whole room, growing with recent failures), across connections.
4. A public key is accepted for a free handle, or for the handle it is bound to.
   Keyboard-interactive lets a free handle in without a key (it gets a resume code), asks a
   code-bound handle for its resume code, and refuses a key-bound handle with a clear banner.
   A free handle is bound only when an interactive session starts.

Every connection has ``handshake_timeout`` seconds to send its user name and, once logged in,
``session_timeout`` seconds to open a session; it may fail ``auth_attempts`` requests.

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
    from workshop.ssh.host import RoomHost



class Gate(asyncssh.SSHServer):
    """The SSH-level side of one connection: authentication and channel requests."""

    def __init__(self, server: RoomHost) -> None:
        self.server = server
        self.conn: asyncssh.SSHServerConnection | None = None
        self.address = "?"
        self.handle: str | None = None
        self.refused = False
        self.ended = False
        """Refused and disconnected: no authentication failure follows (issue 17: after a
        failure listing no methods, OpenSSH falls back to asking for a password)."""
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
        self.claim_key: str | None = None
        """A proven key for a free handle: bound when an interactive session starts."""
        self._began = False
        self._auth_failures = 0
        self._timer: asyncio.TimerHandle | None = None

    # -- connection ---------------------------------------------------------------------

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "?"
        if not self.server.connection_opened(self):
            conn.close()
            return
        # Every failed authentication request ends here, whatever its method: the one place
        # to count them, and to answer a client that never sent a user name.
        original: Callable[[bool], None] = conn.send_userauth_failure

        def send_userauth_failure(partial_success: bool) -> None:
            if self.ended:
                return  # refused and disconnected: nothing more goes out
            if not self._began:
                # An empty user name: asyncssh never calls begin_auth for it (it equals the
                # initial name), so no handle check ran. The banner, then the disconnect.
                self._began = True
                self.server.log(f"closed a connection from {self.address}: empty user name")
                self._refuse("An SSH user name is needed: it is your handle in this room.\n"
                             f"Join with: {self.server.join_line('yourname')}")
            if self.ended:
                return
            original(partial_success)
            self._auth_failed()

        conn.send_userauth_failure = send_userauth_failure  # type: ignore[method-assign]
        self.arm(self.server.limits.handshake_timeout, self._handshake_expired)

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_timer()
        self.server.connection_closed(self)

    def close(self, reason: str) -> None:
        """Close this connection, telling the client why when the protocol allows."""
        self._cancel_timer()
        if self.conn is None:
            return
        if self.progress() >= 1:  # it speaks SSH: OpenSSH prints a disconnect's reason
            self.conn.disconnect(asyncssh.DISC_BY_APPLICATION, reason)
        else:
            self.conn.abort()

    def progress(self) -> int:
        """How far this connection has come: 0 nothing received, 1 its SSH version line,
        2 its user name (it is logging in)."""
        if self._began:
            return 2
        if self.conn is not None and self.conn.get_extra_info("client_version"):
            return 1
        return 0

    def arm(self, delay: float, callback: Callable[[], None]) -> None:
        """Call ``callback`` after ``delay`` seconds unless the connection moves on first."""
        self._cancel_timer()
        self._timer = asyncio.get_running_loop().call_later(delay, callback)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _handshake_expired(self) -> None:
        self._timer = None
        if not self._began:
            self.server.log(f"closed a connection from {self.address}: no SSH login within "
                            f"{self.server.limits.handshake_timeout:g} s")
            self.close("No login in time.")

    def session_expired(self) -> None:
        """Close the connection if it still has no session (``session_timeout``)."""
        self._timer = None
        if self.sessions == 0:
            self.server.log(f"closed the connection of {printable(self.handle or '?')} from "
                            f"{self.address}: logged in but opened no session within "
                            f"{self.server.limits.session_timeout:g} s")
            self.close("Logged in but opened no session in time: connect again.")

    def _auth_failed(self) -> None:
        self._auth_failures += 1
        if not self._began:
            self.server.log(f"closed a connection from {self.address}: empty user name")
            self._began = True
            self.close("An SSH user name (your handle) is needed.")
        elif self._auth_failures >= self.server.limits.auth_attempts:
            self.server.log(f"closed the connection of {printable(self.handle or '?')} from "
                            f"{self.address}: {self._auth_failures} failed login attempts")
            self._banner("Too many login attempts on one connection: connect again.")
            self.close("Too many login attempts.")

    def _banner(self, text: str) -> None:
        if self.conn is not None:
            with contextlib.suppress(OSError):
                self.conn.send_auth_banner(text.rstrip("\n") + "\r\n")

    def _refuse(self, text: str) -> bool:
        """Refuse this connection: the reason as a banner, then a disconnect with it.

        Ending the connection here, rather than failing every method, is what keeps the
        client from asking for a password the room never takes (issue 17): OpenSSH prints
        the banner and the disconnect's reason, and exits.
        """
        self.refused = True
        self.server.log(f"refused {printable(self.handle or '?')} from {self.address}: "
                        + text.replace("\n", " "))  # one line per event in the log
        self._banner(text)
        if self.conn is not None and not self.ended:
            self.ended = True
            self._cancel_timer()
            reason = text.strip().splitlines()[0] if text.strip() else "Refused."
            with contextlib.suppress(OSError):
                self.conn.disconnect(asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE, reason)
        return True

    # -- authentication -----------------------------------------------------------------

    def begin_auth(self, username: str) -> bool:
        handle = check_handle(username)
        self.handle = handle
        self.refused = False
        self._began = True
        self._cancel_timer()  # the handshake is done; asyncssh's login timeout runs on
        if handle is None:
            return self._refuse(
                f"'{printable(username)}' cannot be a handle in this room: use {HANDLE_RULE}.\n"
                f"Join with: {self.server.join_line('yourname')}")
        problem = self.server.admission_problem(handle)
        if problem:
            return self._refuse(problem)
        return True

    def _key_bound(self) -> bool:
        binding = self.server.bindings.get(self.handle) if self.handle else None
        return binding is not None and binding.key is not None

    def public_key_auth_supported(self) -> bool:
        # A key-bound handle is offered keys without the passcode (see the module docstring).
        return not self.refused and self.handle is not None and (
            self.passcode_ok or self.handle == FACILITATOR or self._key_bound())

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        facilitator = self.handle == FACILITATOR  # issue 7: a listed facilitator key only
        if self.refused or self.handle is None:
            return False
        binding = self.server.bindings.get(self.handle)
        fingerprint = str(key.get_fingerprint("sha256"))
        if not facilitator:
            # Removal binds to the key (issue 17): a removed person's key is refused under
            # any handle. Refusing an unproven key is safe: it only ever keeps someone out.
            problem = self.server.admission_problem(self.handle, fingerprint)
            if problem:
                self._refuse(problem)
                return False
        if facilitator and fingerprint not in self.server.options.facilitator_keys:
            return False
        if binding is not None and binding.key != fingerprint:
            return False
        if binding is None and not (self.passcode_ok or facilitator):
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
        return not self.refused and self.handle is not None and self.handle != FACILITATOR

    def password_auth_supported(self) -> bool:
        return False

    async def get_kbdint_challenge(self, username: str, lang: str,
                                   submethods: str) -> Any:
        if self.refused or self.handle is None:
            return False
        binding = self.server.bindings.get(self.handle)
        if binding is not None and binding.code_hash is None:
            # Tied to a key, or to a browser (serve --web): no code can prove it here.
            tie = "another SSH key" if binding.key is not None else "a browser"
            self._refuse(f"The handle '{self.handle}' is already taken in this room by "
                         f"someone else (it is tied to {tie}).\nPick another handle: "
                         f"{self.server.join_line('othername')}")
            return False
        if binding is not None:
            # The resume code proves this person joined before (passcode and all): it is
            # asked instead of the passcode, so passcode guessing never holds them back.
            self._stage = "code"
            return ("", f"Welcome back, {self.handle}.", "", [("Resume code: ", False)])
        if not self.passcode_ok:
            self._stage = "passcode"
            return ("", f"Room {self.server.room.code}: "
                    f"{printable(self.server.room.settings.title, 60)}", "",
                    [("Room passcode: ", False)])
        # A free handle joining without a key: it gets a resume code, hashed here off
        # the event loop (scrypt is slow on purpose) so auth_completed only stores it.
        code = new_resume_code()
        self.new_code = (code, await asyncio.get_running_loop().run_in_executor(
            None, hash_secret, code))
        self.via = "free"
        return True

    async def validate_kbdint_response(self, username: str, responses: Sequence[str]) -> Any:
        if self.refused or self.handle is None or len(responses) != 1:
            return False
        answer = responses[0]
        if self._stage == "passcode":
            known = self.server.passcode_known(answer)
            if known or (await self._turn(self.handle)
                         and await self.server.check_passcode(answer)):
                if not known:
                    self.server.answer_right(self.handle)
                self.passcode_ok = True
                # Fail this round on purpose: the client now sees public keys offered and
                # tries its keys, so a key can still bind the handle; without one it comes
                # back to keyboard-interactive and joins.
                return False
            if self.refused:
                return False
            return await self._failed("Wrong passcode for this room.")
        if self._stage == "code":
            key = f"code:{self.handle}"
            if not await self._turn(key, room=False):
                return False
            binding = self.server.bindings.get(self.handle)
            code = normalize_resume_code(answer)
            if binding is not None and binding.code_hash is not None and code is not None \
                    and await asyncio.get_running_loop().run_in_executor(
                        None, verify_secret, code, binding.code_hash):
                self.server.answer_right(key, room=False)
                self.via = "code"
                return True
            return await self._failed(f"That is not the resume code of '{self.handle}'.")
        return False

    async def _turn(self, key: str, room: bool = True) -> bool:
        """Wait for this answer's turn; False (and refused) when the queue is too long."""
        wait = self.server.answer_turn(key, room)
        if wait is None:
            self._refuse("Too many wrong answers were tried in this room just now: wait a "
                         "minute and connect again.")
            return False
        if wait > 0:
            await asyncio.sleep(wait)
        return True

    async def _failed(self, text: str) -> bool:
        assert self.handle is not None
        self._failures += 1
        self.server.log(f"failed login for {self.handle} from {self.address}: {text}")
        await asyncio.sleep(self.server.limits.fail_delay)
        if self._failures >= self.server.limits.tries_per_connection:
            self._refuse(f"{text} Too many tries: connect again to retry.")
        else:
            self._banner(text)
        return False

    def auth_completed(self) -> None:
        self._cancel_timer()
        if self.handle is None or self.refused:
            return
        if self.handle == FACILITATOR:  # issue 7: the key was checked against the list
            self.identity_ok = self.proven_key in self.server.options.facilitator_keys
        else:
            self.identity_ok, self.new_resume_code = self.server.bind(
                self.handle, self.proven_key, self.via, self.new_code)
            binding = self.server.bindings.get(self.handle)
            if binding is None and self.proven_key is not None:
                self.claim_key = self.proven_key
        bound = self.proven_key is not None and self.claim_key is None
        self.server.authenticated(self, self.proven_key or f"handle:{self.handle}", bound)

    def may_act(self) -> bool:
        """Whether this connection may act as its handle now (checked as a session starts).

        A free handle may have been claimed by someone else since this connection logged in.
        """
        if not self.identity_ok or self.handle is None:
            return False
        if self.handle == FACILITATOR or (self.claim_key is None and self.via != "free"):
            return True
        binding = self.server.bindings.get(self.handle)
        return binding is None or (self.claim_key is not None and binding.key == self.claim_key)

    def session_ended(self) -> None:
        """Its one session is over: the client closes the connection now, or the server
        does after ``session_timeout`` (closing at once would race the exit status)."""
        if self.conn is not None:
            self.arm(self.server.limits.session_timeout, self._session_over)

    def _session_over(self) -> None:
        self._timer = None
        self.close("The session is over.")

    # -- channels -----------------------------------------------------------------------

    def session_requested(self) -> Any:
        from workshop.ssh.session import ParticipantSession

        if self.sessions >= 1:
            return False  # one session per connection
        self.sessions += 1
        self._cancel_timer()
        self.server.session_opened(self)
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
