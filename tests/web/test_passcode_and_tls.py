"""The passcode and its limits in the browser, and the site over TLS.

A room with a passcode asks for it once per handle: a browser that holds the handle comes back
without it (as a bound SSH key does), wrong answers wait their turn with the same backoff as
SSH, and a flood of guesses is refused at once past the longest wait. With ``--tls-cert`` and
``--tls-key`` the site is HTTPS and the cookie is ``Secure``.
"""

from __future__ import annotations

import asyncio
import datetime
import ssl
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.ssh.conftest import Served, free_port, start_server
from tests.web.webkit import Browser, web_server

PASSCODE = "open-sesame-42"
FIRST_SCENE = "Join Dana's incident channel"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, str]]:
    served, link = web_server(tmp_path_factory.mktemp("room"), passcode=PASSCODE)
    yield served, link
    served.stop()


async def test_the_passcode_is_asked_once_per_handle(site: tuple[Served, str]) -> None:
    """You should see 'Wrong passcode' for a wrong one, get in with the right one, and come
    back later from the same browser without typing it."""
    served, link = site
    async with Browser(link) as browser:
        form = (await browser.get("/"))[1]
        assert 'name="passcode"' in form
        status, page = await browser.join("pat", passcode="wrong-one")
        assert status == 403 and "Wrong passcode for this room." in page
        assert "failed browser login for pat" in served.log()
        assert (await browser.join("pat", passcode=PASSCODE))[0] == 303
        assert (await browser.join("pat"))[0] == 303  # its own handle: no passcode again
        screen = await browser.open()
        await screen.wait_for(FIRST_SCENE)
        await screen.close()


async def test_a_guessing_flood_is_refused_and_spares_bound_browsers(
        site: tuple[Served, str]) -> None:
    """Guesses past the longest wait are refused at once with a reason; meanwhile a browser
    that already holds its handle still gets in at once."""
    _served, link = site
    async with Browser(link) as holder:
        assert (await holder.join("hal", passcode=PASSCODE))[0] == 303
        async with Browser(link) as guesser:
            guesses = [asyncio.ensure_future(guesser.join("victim", passcode=f"guess-{n}"))
                       for n in range(12)]
            done, _ = await asyncio.wait(guesses, timeout=20,
                                         return_when=asyncio.FIRST_COMPLETED)
            first = next(iter(done)).result()
            assert first[0] == 429 and "Too many wrong answers" in first[1]
            started = asyncio.get_running_loop().time()
            assert (await holder.join("hal"))[0] == 303
            assert asyncio.get_running_loop().time() - started < 1.0
            for guess in guesses:
                guess.cancel()
            await asyncio.gather(*guesses, return_exceptions=True)


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    import ipaddress

    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


async def test_tls_serves_https_with_a_secure_cookie(tmp_path: Path) -> None:
    """With --tls-cert/--tls-key the link is https, the cookie Secure, the session wss."""
    cert, key = _self_signed(tmp_path)
    served = start_server(tmp_path, extra=("--web", str(free_port()), "--tls-cert", str(cert),
                                           "--tls-key", str(key)))
    try:
        link = next(line.split(":", 1)[1].strip() for line in served.output
                    if line.startswith("Browsers join at:")).rstrip("/")
        assert link.startswith("https://127.0.0.1:")
        trust = ssl.create_default_context(cafile=str(cert))
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar,
                                         connector=aiohttp.TCPConnector(ssl=trust)) as http:
            response = await http.post(link + "/join", data={"handle": "tess"},
                                       headers={"Origin": link}, allow_redirects=False)
            assert response.status == 303
            cookie = next(iter(jar))
            assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Strict"
            ws = await http.ws_connect(link.replace("https", "wss") + "/ws?width=100&height=30",
                                       headers={"Origin": link})
            seen = b""
            while FIRST_SCENE.encode() not in seen.replace(b"\x1b", b""):
                message = await ws.receive(timeout=30)
                assert message.type == aiohttp.WSMsgType.BINARY, message
                seen += message.data
            await ws.close()
    finally:
        served.stop()
