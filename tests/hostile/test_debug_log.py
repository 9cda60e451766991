"""The debug log redacts every credential the spec's security schemes name, whatever they
are called (a header `X-Customer`, a query parameter `sig`, a cookie), including the
schemes the client does not use, as well as the names that look like credentials; other
parameters stay readable. Against a real server on 127.0.0.1, with the log captured."""

from __future__ import annotations

import logging
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.building.auth import credential_names
from generator.diagnostics import Diagnostics
from generator.loading.swagger2 import convert
from tests.properties.packages import build, resources, sync_client
from tests.support.http_server import RecordingServer, Reply

SECRETS = {
    "customer": "cust-0123456789-SECRET",
    "sig": "sig-ABCDEF-SECRET",
    "shop": "shop-777-SECRET",
    "session": "sess-42-SECRET",
    "token": "tok-99-SECRET",
}


def _document() -> dict[str, Any]:
    schemes = {
        "customer": {"type": "apiKey", "in": "header", "name": "X-Customer"},
        "signed": {"type": "apiKey", "in": "query", "name": "sig"},
        "shop": {"type": "apiKey", "in": "header", "name": "X-Shop"},
        "session": {"type": "apiKey", "in": "cookie", "name": "session_id"},
        "bearer": {"type": "http", "scheme": "bearer"},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Redact", "version": "1"},
        "security": [{"customer": []}],
        "paths": {
            "/orders": {
                "get": {
                    "operationId": "listOrders",
                    "parameters": [
                        {"name": "page", "in": "query", "schema": {"type": "integer"}},
                        {"name": "X-Request-Label", "in": "header", "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            }
        },
        "components": {"securitySchemes": schemes},
    }


@pytest.fixture(scope="module")
def redact(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return build(_document(), tmp_path_factory.mktemp("redact"), "redact")[1]


def _call(package: ModuleType, server: RecordingServer) -> None:
    server.enqueue(Reply.json({}, headers={"Set-Cookie": f"session_id={SECRETS['session']}"}))
    client = sync_client(package, api_key=SECRETS["customer"], base_url=server.url)
    (resource,) = resources(client).values()
    resource.list(
        page=7,
        x_request_label="visible-label",
        extra_query={"sig": SECRETS["sig"], "access_token": SECRETS["token"]},
        extra_headers={"X-Shop": SECRETS["shop"], "Cookie": f"session_id={SECRETS['session']}"},
    )


def test_every_named_credential_is_sent_and_never_logged(
    redact: ModuleType,
    http_server: RecordingServer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REDACT_LOG", "debug")
    with caplog.at_level(logging.DEBUG, logger="redact"):
        _call(redact, http_server)
    sent = http_server.requests[0]
    wire = sent.query + " " + " ".join(f"{k}: {v}" for k, v in sent.headers)
    assert all(secret in wire for secret in SECRETS.values()), wire
    log = caplog.text
    assert "HTTP GET" in log, "the debug log is not on"
    leaked = [name for name, secret in SECRETS.items() if secret in log]
    assert not leaked, log
    # Redaction is by name, not wholesale: the other parameters stay readable.
    assert "page=7" in log and "visible-label" in log


def test_redaction_matches_names_case_insensitively(redact: ModuleType) -> None:
    logging_module = __import__("redact._logging", fromlist=["is_secret_name"])
    for name in ("X-Customer", "x-customer", "SIG", "X-SHOP", "Session_Id", "X-Api-Key"):
        assert logging_module.is_secret_name(name), name
    for name in ("page", "X-Request-Label", "signed", "customer"):
        assert not logging_module.is_secret_name(name), name


def test_every_scheme_of_the_spec_counts_swagger_2_too(tmp_path: Path) -> None:
    assert credential_names(_document()) == ("session_id", "sig", "x-customer", "x-shop")
    swagger = {
        "swagger": "2.0",
        "info": {"title": "Old", "version": "1"},
        "paths": {},
        "securityDefinitions": {
            "partner": {"type": "apiKey", "in": "header", "name": "X-Partner"},
            "app": {"type": "apiKey", "in": "query", "name": "appid"},
            "basic": {"type": "basic"},
        },
    }
    converted = convert(swagger, "old.json", Diagnostics())
    assert credential_names(converted) == ("appid", "x-partner")
