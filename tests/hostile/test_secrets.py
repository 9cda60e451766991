"""Credentials stay secret and TLS stays on: an API key given to a generated client
never shows in `repr()`, in an error's message or its cause, or in the SDK's debug log,
whether it travels in a header or in the query; certificates are verified unless the
caller passes an `http_client` that does not."""

from __future__ import annotations

import logging
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.properties.packages import build, resources, sync_client
from tests.support.http_server import RecordingServer, Reply

KEY = "sk-live-SECRET-0123456789"


def _document(location: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Vault", "version": "1"},
        "servers": [{"url": "https://127.0.0.1:1/api"}],
        "security": [{"key": []}],
        "paths": {
            "/items": {
                "get": {
                    "operationId": "listItems",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            }
        },
        "components": {
            "securitySchemes": {"key": {"type": "apiKey", "in": location, "name": "api_key"}}
        },
    }


@pytest.fixture(scope="module", params=["query", "header"])
def vault(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    folder = tmp_path_factory.mktemp(f"vault_{request.param}")
    return build(_document(request.param), folder, f"vault_{request.param}")[1]


def _call(client: Any) -> Any:
    (resource,) = resources(client).values()
    return resource.list()


def _shown(*things: object) -> str:
    return " ".join(f"{thing!r} {thing}" for thing in things)


def test_the_key_is_sent_but_not_shown(vault: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply.json({}))
    client = sync_client(vault, api_key=KEY, base_url=http_server.url)
    _call(client)
    sent = http_server.requests[0]
    assert KEY in (sent.query + str(sent.headers)), "the key did not reach the server"
    assert KEY not in _shown(client, *resources(client).values())


def test_connection_errors_and_debug_logs_do_not_carry_the_key(
    vault: ModuleType, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(f"{vault.__name__.upper()}_LOG", "debug")
    client = sync_client(vault, api_key=KEY, base_url="http://127.0.0.1:9/api", max_retries=1)
    with caplog.at_level(logging.DEBUG), pytest.raises(vault.APIConnectionError) as caught:
        _call(client)
    error = caught.value
    assert KEY not in _shown(error, error.__cause__, error.__context__, *error.args)
    assert caplog.records, "debug logging was switched on but logged nothing"
    assert KEY not in caplog.text


def test_a_key_from_the_environment_is_not_shown(
    vault: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(f"{vault.__name__.upper()}_API_KEY", KEY)
    client = sync_client(vault, base_url="http://127.0.0.1:9")
    assert KEY not in _shown(client, vars(client).get("_auth"))


# -- TLS -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate; yields its URL."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a self-signed certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _Ok(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_tls_certificates_are_verified_by_default(vault: ModuleType, tls_server: str) -> None:
    client = sync_client(vault, api_key=KEY, base_url=tls_server, max_retries=0)
    with pytest.raises(vault.APIConnectionError) as caught:
        _call(client)
    assert "CERTIFICATE_VERIFY_FAILED" in str(caught.value.__cause__)
    assert KEY not in _shown(caught.value, caught.value.__cause__)


def test_tls_verification_is_off_only_when_the_caller_says_so(
    vault: ModuleType, tls_server: str
) -> None:
    with httpx.Client(verify=False) as unverified:
        client = sync_client(vault, api_key=KEY, base_url=tls_server, http_client=unverified)
        assert _call(client) is not None
