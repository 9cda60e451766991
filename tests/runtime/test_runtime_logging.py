"""`<PREFIX>_LOG=debug` logs each exchange, with every credential redacted."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from types import ModuleType

import httpx
import pytest

from tests.support.http_server import RecordingServer, Reply

SECRETS = (
    "bearer-secret",
    "query-token-secret",
    "query-key-secret",
    "header-key-secret",
    "cookie-secret",
    "set-cookie-secret",
    "basic-password",
)


@pytest.fixture
def sdk_logger(sdk: ModuleType) -> Iterator[logging.Logger]:
    """The package logger, restored to its unconfigured state afterwards."""
    logger = logging.getLogger("rtsdk")
    handlers, level = list(logger.handlers), logger.level
    yield logger
    logger.handlers[:] = handlers
    logger.setLevel(level)


def test_debug_logs_redact_credentials(
    sdk: ModuleType,
    http_server: RecordingServer,
    sdk_logger: logging.Logger,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("RTSDK_LOG", "debug")
    http_server.enqueue(
        Reply(status=503, headers=(("Retry-After", "0"),)),
        Reply.json({"ok": True}, headers={"Set-Cookie": "sid=set-cookie-secret"}),
    )
    caplog.set_level(logging.DEBUG, logger="rtsdk")
    with sdk.SyncAPIClient(
        base_url=http_server.url,
        auth=sdk.BearerAuth("bearer-secret"),
        default_headers={"X-Api-Key": "header-key-secret"},
    ) as client:
        assert sdk_logger.level == logging.DEBUG
        client.request(
            "GET",
            "/pets",
            cast_to=dict,
            query={"access_token": "query-token-secret", "key": "query-key-secret", "page": 2},
            cookies={"session": "cookie-secret"},
        )
    text = caplog.text
    for secret in SECRETS:
        assert secret not in text
    assert "page=2" in text
    assert "authorization" in text.lower() and "x-api-key" in text.lower()
    assert "[REDACTED]" in text
    assert "-> 503" in text and "-> 200" in text
    assert "Retrying GET /pets" in text


def test_userinfo_in_the_url_is_redacted(sdk: ModuleType) -> None:
    url = httpx.URL("https://ann:basic-password@api.example.com/x?password=p&q=1")
    shown = sdk._logging.redact_url(url)
    assert "basic-password" not in shown and "password=p&" not in shown
    assert shown.endswith("q=1") and "api.example.com/x" in shown


def test_logging_stays_off_without_the_variable(
    sdk: ModuleType, sdk_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RTSDK_LOG", raising=False)
    sdk_logger.setLevel(logging.NOTSET)
    sdk.SyncAPIClient(base_url="http://127.0.0.1:9").close()
    assert sdk_logger.level == logging.NOTSET
    monkeypatch.setenv("RTSDK_LOG", "info")
    sdk.SyncAPIClient(base_url="http://127.0.0.1:9").close()
    assert sdk_logger.level == logging.INFO
