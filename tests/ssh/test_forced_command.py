"""The system OpenSSH alternative: ``workshop ssh-session`` as sshd's ForceCommand.

First the command itself, run the way sshd runs it (a terminal, USER, SSH_ORIGINAL_COMMAND,
nothing else); then, when ``sshd`` is installed, a real sshd on a high loopback port with the
``Match``/``ForceCommand`` set-up from docs/deploy.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ssh.conftest import EXAMPLE, Tmux, free_port, needs_openssh, needs_tmux, wait_until
from workshop.rooms import Room, create_room
from workshop.scenario import load_workshop

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if os.path.exists("/usr/sbin/sshd") else None)


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Room:
    data = tmp_path_factory.mktemp("data")
    return create_room("Forced", workshop=load_workshop(EXAMPLE), track="quick",
                       data_dir=data, content=EXAMPLE)


def _forced(room: Room, user: str, original: str | None) -> list[str]:
    """The command line and environment sshd would give the forced command."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(room.path),
           "USER": user, "LOGNAME": user, "TERM": "xterm-256color", "SHELL": "/bin/sh",
           "SSH_CONNECTION": "127.0.0.1 50000 127.0.0.1 22", "COLUMNS": "3", "LINES": "2"}
    if original is not None:
        env["SSH_ORIGINAL_COMMAND"] = original
    return ["env", "-i", *(f"{k}={v}" for k, v in env.items()), sys.executable, "-m",
            "workshop", "ssh-session", "--room", room.code, "--data-dir",
            str(room.path.parent.parent)]


@needs_tmux
def test_forced_command_plays_on_the_terminal_sshd_gives_it(room: Room) -> None:
    tmux = Tmux()
    try:
        tmux.new("erin", _forced(room, "erin", None), {})
        tmux.wait_for("erin", "Join Dana's incident channel")  # COLUMNS/LINES were ignored
        tmux.send("erin", "3")
        tmux.wait_for("erin", "You chose: Join Dana's incident channel")
        tmux.send("erin", "q")
        screen = tmux.wait_for("erin", "SSH-EXIT=0")
        assert "Saved. Connect again to continue" in screen
    finally:
        tmux.close()
    record = tomllib.loads((room.participants_dir / "erin.toml").read_text())
    assert ["page", "join-their-channel"] in record["journey"]["runs"]["the-outage"]["path"]


def test_forced_export_and_refusals(room: Room) -> None:
    def run(user: str, original: str | None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(_forced(room, user, original), capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=60)

    (room.participants_dir / "fay.toml").unlink(missing_ok=True)
    from workshop.rooms import participant_session

    participant_session(room, "fay").choose("patch-locally")
    notes = run("fay", "export")
    assert notes.returncode == 0 and "Your First Workshop" in notes.stdout
    other = run("fay", "cat /etc/passwd")
    assert other.returncode == 2 and "the only one it accepts is 'export'" in other.stderr
    sftp = run("fay", "/usr/lib/openssh/sftp-server")
    assert sftp.returncode == 2
    no_tty = run("fay", "")
    assert no_tty.returncode == 1 and "connect from a terminal" in no_tty.stderr
    bad = run("../fay", None)
    assert bad.returncode == 2 and "not a valid handle" in bad.stderr
    assert "Traceback" not in bad.stderr + no_tty.stderr + other.stderr


@pytest.fixture(scope="module")
def sshd(room: Room, tmp_path_factory: pytest.TempPathFactory,
         keys: dict[str, Path]) -> Iterator[tuple[int, str]]:
    """A real sshd on a high loopback port, configured as docs/deploy.md shows."""
    if SSHD is None or os.geteuid() != 0:
        pytest.skip("needs sshd and root (for a throwaway sshd)")
    folder = tmp_path_factory.mktemp("sshd")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                    str(folder / "host_key")], check=True)
    (folder / "authorized_keys").write_text(Path(f"{keys['one']}.pub").read_text())
    Path("/run/sshd").mkdir(exist_ok=True)
    user = os.environ.get("USER") or "root"
    port = free_port()
    data_dir = room.path.parent.parent
    forced = (f"{sys.executable} -m workshop ssh-session --room {room.code} "
              f"--data-dir {data_dir} --handle gus")
    (folder / "sshd_config").write_text(f"""\
Port {port}
ListenAddress 127.0.0.1
HostKey {folder / 'host_key'}
PidFile {folder / 'sshd.pid'}
AuthorizedKeysFile {folder / 'authorized_keys'}
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no

Match User {user}
    ForceCommand {forced}
    PermitTTY yes
    AllowTcpForwarding no
    AllowAgentForwarding no
    X11Forwarding no
    PermitTunnel no
""")
    proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(folder / "sshd_config")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        def listening() -> bool:
            import socket

            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return True
            except OSError:
                return proc.poll() is not None

        wait_until(listening, what="sshd to listen")
        if proc.poll() is not None:
            pytest.skip(f"sshd did not start: {proc.stdout.read() if proc.stdout else ''}")
        yield port, user
    finally:
        proc.terminate()
        proc.wait(10)


@needs_openssh
@needs_tmux
def test_real_sshd_force_command(sshd: tuple[int, str], keys: dict[str, Path],
                                 room: Room) -> None:
    port, user = sshd
    ssh = ["ssh", "-F", "/dev/null", "-p", str(port), "-o", "StrictHostKeyChecking=no",
           "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentityAgent=none",
           "-o", "IdentitiesOnly=yes", "-i", str(keys["one"]), f"{user}@127.0.0.1"]
    tmux = Tmux()
    try:
        tmux.new("gus", ssh, {})
        tmux.wait_for("gus", "Join Dana's incident channel", timeout=30)
        tmux.send("gus", "2")
        tmux.wait_for("gus", "You chose: Add a retry")
        tmux.send("gus", "q")
        tmux.wait_for("gus", "SSH-EXIT=0")
    finally:
        tmux.close()
    shell = subprocess.run([*ssh, "id"], capture_output=True, text=True, timeout=30,
                           stdin=subprocess.DEVNULL)
    assert shell.returncode == 2 and "uid=" not in shell.stdout
    notes = subprocess.run([*ssh, "export"], capture_output=True, text=True, timeout=30,
                           stdin=subprocess.DEVNULL)
    assert notes.returncode == 0 and "Your First Workshop" in notes.stdout
    assert (room.participants_dir / "gus.toml").exists()
