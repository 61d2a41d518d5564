"""`workshop serve --web` and `room create --web-port` as a facilitator types them: the link is
printed beside the ssh line, and every bad flag gets one line naming it, before anything
listens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.ssh.conftest import EXAMPLE
from workshop.cli import main
from workshop.rooms import create_room
from workshop.scenario import load_workshop


def test_room_create_prints_the_browser_link(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """You should see the browser link under the ssh lines, and --web in the serve line."""
    assert main(["room", "create", "May cohort", "--open", "--data-dir", str(tmp_path),
                 "--content", str(EXAMPLE), "--host", "ws.example", "--web-port",
                 "8080"]) == 0
    out = capsys.readouterr().out
    code = re.search(r"Room (\w{6}) created", out)
    assert code is not None
    assert f"workshop serve --room {code.group(1)}" in out and "--web 8080" in out
    assert "ssh -p 2222 HANDLE@ws.example" in out
    assert "http://ws.example:8080/" in out


def test_room_create_without_a_web_port_prints_no_link(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["room", "create", "T", "--open", "--data-dir", str(tmp_path),
                 "--content", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "http://" not in out and "--web" not in out


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    data = tmp_path_factory.mktemp("data")
    made = create_room("CLI", workshop=load_workshop(EXAMPLE), data_dir=data, content=EXAMPLE)
    return made.code, data


def _write(path: Path, text: str) -> str:
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("extra, message", [
    (["--no-ssh"], "--no-ssh needs --web PORT"),
    (["--tls-cert", "c.pem"], "--tls-cert needs --web PORT"),
    (["--web", "70000"], "--web 70000 is not a port number"),
    (["--web", "2222", "--port", "2222"], "is the SSH --port too"),
    (["--web", "8080", "--tls-cert", "c.pem"], "--tls-cert and --tls-key go together"),
    (["--web", "8080", "--tls-cert", "/no/cert.pem", "--tls-key", "/no/key.pem"],
     "no such file"),
    (["--web", "8080", "--tls-cert", "BAD", "--tls-key", "BAD"],
     "cannot be used as a certificate and key"),
    (["--web", "8080", "--web-origin", "evil.example"], "is not an origin"),
])
def test_bad_web_flags(room: tuple[str, Path], tmp_path: Path,
                       capsys: pytest.CaptureFixture[str], extra: list[str],
                       message: str) -> None:
    """You should see one line naming the flag (or file), no traceback, nothing listening."""
    bad = _write(tmp_path / "bad.pem", "not a certificate\n")
    extra = [bad if part == "BAD" else part for part in extra]
    code, data = room
    try:
        status = main(["serve", "--room", code, "--data-dir", str(data), *extra])
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    err = capsys.readouterr().err
    assert status == 2
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    if "BAD" in extra or bad in extra:
        assert "bad.pem" in err


def test_serve_help_documents_the_browser_join(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    for flag in ("--web PORT", "--no-ssh", "--tls-cert FILE", "--tls-key FILE",
                 "--web-origin ORIGIN", "--public-url URL"):
        assert flag in out
