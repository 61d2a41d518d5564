"""The SSH server of a group workshop: one Textual session per participant, nothing else.

``server`` (asyncssh, the room's one writer of bindings and aggregates), ``auth`` (handles,
passcode, keys, resume codes), ``session`` (a channel: interactive, ``export`` or refused),
``zygote`` (a preloaded fork server that starts each participant's process on its own
pseudo-terminal) and ``participant`` (what that process runs: the app in room mode).
"""
