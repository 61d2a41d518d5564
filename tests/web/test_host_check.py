"""The browser join answers only to its own names (against DNS rebinding): a request whose
``Host`` is another name gets one line and a 421, whatever its path, the WebSocket included;
``--web-host`` adds a name; a bad one is told in one line."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.ssh.conftest import Served
from tests.web.test_web_cli import room  # noqa: F401  (the fixture: a room to serve)
from tests.web.webkit import web_server
from workshop.cli import main
from workshop.web.hosts import HostCheck, host_name, valid_name


@pytest.mark.parametrize("header, name", [
    ("localhost:8080", "localhost"), ("Workshop.Example.org.", "workshop.example.org"),
    ("[::1]:8080", "::1"), ("127.0.0.1", "127.0.0.1"), ("evil.example:80", "evil.example"),
    ("", None), ("a b", None), ("host:port", None), ("[::1", None), ("a/b", None),
])
def test_host_name(header: str, name: str | None) -> None:
    assert host_name(header) == name


def test_a_loopback_server_answers_to_loopback_names_only() -> None:
    check = HostCheck.build("127.0.0.1")
    for header in ("127.0.0.1:8080", "localhost:8080", "LOCALHOST", "[::1]:8080"):
        assert check.allows(header), header
    for header in ("evil.example:8080", "127.0.0.1.evil.example", "10.0.0.5:8080", None, ""):
        assert not check.allows(header), header


def test_the_public_url_origins_and_web_hosts_are_its_own() -> None:
    check = HostCheck.build("127.0.0.1", public_url="https://Workshop.example.org/",
                            origins=["https://proxy.example.net"], extra=["alias.example"])
    for header in ("workshop.example.org", "proxy.example.net:443", "alias.example:8080"):
        assert check.allows(header), header
    assert not check.allows("example.org")


def test_a_server_on_every_address_answers_to_its_name_and_any_address() -> None:
    check = HostCheck.build("0.0.0.0")
    name = host_name(socket.gethostname())
    assert name is not None and check.allows(f"{name}:8080")
    for header in ("192.168.1.20:8080", "[fe80::1]:8080", "localhost"):
        assert check.allows(header), header
    assert not check.allows("rebound.evil.example:8080")


def test_a_server_on_one_address_answers_to_it() -> None:
    check = HostCheck.build("192.168.1.20")
    assert check.allows("192.168.1.20:8080")
    assert not check.allows("192.168.1.21:8080") and not check.allows("localhost")


@pytest.mark.parametrize("value, valid", [
    ("workshop.example.org", True), ("10.1.2.3", True), ("[::1]", True), ("ws-1", True),
    ("https://workshop.example.org", False), ("host:8080", False), ("a b", False),
    ("", False),
])
def test_valid_web_host(value: str, valid: bool) -> None:
    assert valid_name(value) is valid


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, str]]:
    served, link = web_server(tmp_path_factory.mktemp("room"),
                              extra=("--web-host", "alias.workshop.test"))
    yield served, link
    served.stop()


async def test_a_request_for_another_name_gets_421(site: tuple[Served, str]) -> None:
    """You should see one line and a 421 for a page, the join form, the notes, the WebSocket
    and the projector page asked for as evil.example; the server's log names it once."""
    served, link = site
    port = link.rsplit(":", 1)[1]
    async with aiohttp.ClientSession() as http:
        for method, path in (("GET", "/"), ("POST", "/join"), ("GET", "/notes"),
                             ("GET", "/ws"), ("GET", "/projector"), ("GET", "/static/x")):
            async with http.request(method, link + path, data={"handle": "eve"},
                                    headers={"Host": f"evil.example:{port}",
                                             "Origin": f"http://evil.example:{port}"},
                                    allow_redirects=False) as response:
                text = await response.text()
            assert response.status == 421, path
            assert text.count("\n") == 1 and "'evil.example:" in text
            assert "open the link the facilitator gave" in text
    log = served.log()
    assert log.count("refused a browser request for host 'evil.example:") == 1
    bindings = served.room / "bindings.toml"
    assert not bindings.exists() or "eve" not in bindings.read_text()


async def test_its_own_names_are_served(site: tuple[Served, str]) -> None:
    """The printed link, localhost and the --web-host name all get the join page."""
    _served, link = site
    port = link.rsplit(":", 1)[1]
    async with aiohttp.ClientSession() as http:
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"alias.workshop.test:{port}"):
            async with http.get(link + "/", headers={"Host": host}) as response:
                assert response.status == 200, host
                assert "Your handle" in await response.text()


def test_a_bad_web_host_is_one_line(room: tuple[str, Path],  # noqa: F811
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """You should see the flag named, no traceback, nothing listening."""
    code, data = room
    for extra, message in ((["--web", "8080", "--web-host", "https://x.example"],
                            "--web-host 'https://x.example' is not a host name"),
                           (["--web-host", "x.example"], "--web-host needs --web PORT")):
        try:
            status = main(["serve", "--room", code, "--data-dir", str(data), *extra])
        except SystemExit as exit_:
            status = int(exit_.code or 0)
        err = capsys.readouterr().err
        assert status == 2 and message in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1


def test_serve_help_and_docs_tell_of_web_host(capsys: pytest.CaptureFixture[str]) -> None:
    """`workshop serve --help` and docs/deploy.md both name --web-host and the 421."""
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    assert "--web-host NAME" in capsys.readouterr().out
    deploy = (Path(__file__).resolve().parents[2] / "docs" / "deploy.md").read_text()
    assert "--web-host NAME" in deploy and "421 Misdirected" in deploy
