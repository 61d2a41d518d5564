"""The SSH tests' client keys and tmux, for the rooms where both ways in meet."""

from __future__ import annotations

from tests.ssh.conftest import keys, tmux

__all__ = ["keys", "tmux"]
