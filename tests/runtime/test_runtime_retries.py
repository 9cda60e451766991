"""Retries: which failures are retried, how long the client waits, what it raises."""

from __future__ import annotations

import email.utils
import logging
import socket
import time
import uuid
from types import ModuleType

import httpx
import pytest

from tests.support.http_server import RecordingServer, Reply

PET = {"id": 1, "name": "Rex"}


def test_429_waits_for_retry_after_seconds_then_succeeds(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply(status=429, headers=(("Retry-After", "1"),)), Reply.json(PET))
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        started = time.monotonic()
        pet = client.request("GET", "/pets/1", cast_to=sdk.Pet)
        waited = time.monotonic() - started
    assert pet.name == "Rex"
    assert len(http_server.requests) == 2
    assert 0.9 <= waited < 3.0


def test_retry_after_ms_takes_precedence(sdk: ModuleType, http_server: RecordingServer) -> None:
    busy = Reply(status=503, headers=(("Retry-After", "30"), ("retry-after-ms", "250")))
    http_server.enqueue(busy, Reply.json(PET))
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        started = time.monotonic()
        client.request("GET", "/pets/1", cast_to=sdk.Pet)
        waited = time.monotonic() - started
    assert 0.2 <= waited < 5.0


@pytest.mark.parametrize("status", [408, 409, 500, 502, 503])
def test_retryable_statuses_are_retried_until_success(
    sdk: ModuleType, http_server: RecordingServer, status: int
) -> None:
    http_server.enqueue(Reply(status=status), Reply(status=status), Reply.json(PET))
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        assert client.request("GET", "/pets/1", cast_to=sdk.Pet).id == 1
    assert len(http_server.requests) == 3


def test_persistent_500_raises_after_max_retries(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(lambda request: Reply.json({"message": "down"}, 500))
    with sdk.SyncAPIClient(base_url=http_server.url, max_retries=3) as client:
        with pytest.raises(sdk.InternalServerError, match="down"):
            client.request("GET", "/pets", cast_to=sdk.Pet)
        assert len(http_server.requests) == 4
        http_server.reset()
        http_server.set_handler(lambda request: Reply(status=500))
        with pytest.raises(sdk.InternalServerError):
            client.request("GET", "/pets", cast_to=sdk.Pet, options={"max_retries": 0})
        assert len(http_server.requests) == 1


def test_400_is_not_retried(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(lambda request: Reply.json({"error": "bad"}, 400))
    with (
        sdk.SyncAPIClient(base_url=http_server.url) as client,
        pytest.raises(sdk.BadRequestError),
    ):
        client.request("GET", "/pets", cast_to=sdk.Pet)
    assert len(http_server.requests) == 1


def test_post_is_not_retried_by_default(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(lambda request: Reply(status=503))
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        with pytest.raises(sdk.InternalServerError):
            client.request("POST", "/pets", cast_to=sdk.Pet, json={"name": "Rex"})
        with pytest.raises(sdk.InternalServerError):
            client.request("PATCH", "/pets/1", cast_to=sdk.Pet, json={"name": "Rex"})
    assert [r.method for r in http_server.requests] == ["POST", "PATCH"]
    assert http_server.requests[0].header("Idempotency-Key") is None


def test_post_is_retried_when_the_client_opts_in(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply(status=503), Reply.json(PET))
    with sdk.SyncAPIClient(base_url=http_server.url, retry_non_idempotent=True) as client:
        client.request("POST", "/pets", cast_to=sdk.Pet, json={"name": "Rex"})
    assert len(http_server.requests) == 2


def test_idempotency_key_makes_post_retryable_and_is_reused_across_retries(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply(status=500), Reply(status=429), Reply.json(PET), Reply.json(PET))
    with sdk.Petstore(base_url=http_server.url) as client:
        client.pets.create(sdk.NewPet(name="Rex"))
        client.pets.create(sdk.NewPet(name="Rex"))
    keys = [r.header("Idempotency-Key") for r in http_server.requests]
    assert len(keys) == 4
    assert keys[0] == keys[1] == keys[2] != keys[3]
    assert all(uuid.UUID(str(key)).version == 4 for key in keys)


def test_callers_idempotency_key_is_sent_and_retried(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply(status=502), Reply.json(PET))
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        # No idempotency header declared: the standard header name is used.
        client.request(
            "POST",
            "/pets",
            cast_to=sdk.Pet,
            options={"idempotency_key": "mine-1"},
        )
    assert [r.header("Idempotency-Key") for r in http_server.requests] == [
        "mine-1",
        "mine-1",
    ]


def test_timeout_is_retried_then_raises_api_timeout_error(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(lambda request: Reply(delay=2))
    with sdk.SyncAPIClient(base_url=http_server.url, timeout=0.2, max_retries=1) as client:
        started = time.monotonic()
        with pytest.raises(sdk.APITimeoutError) as caught:
            client.request("GET", "/slow", cast_to=sdk.Pet)
        elapsed = time.monotonic() - started
    assert isinstance(caught.value, sdk.APIConnectionError)
    assert isinstance(caught.value.__cause__, httpx.TimeoutException)
    assert len(http_server.requests) == 2
    assert elapsed < 1.5


def test_per_call_timeout_overrides_the_clients(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply(delay=1.0))
    with (
        sdk.SyncAPIClient(base_url=http_server.url, max_retries=0) as client,
        pytest.raises(sdk.APITimeoutError),
    ):
        client.request("GET", "/slow", cast_to=sdk.Pet, options={"timeout": 0.1})


def test_refused_connection_is_retried_even_for_post(
    sdk: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port any more: every attempt is refused, and a refused
    # request never reached a server, so even a POST may be tried again.
    caplog.set_level(logging.INFO, logger="rtsdk")
    with (
        sdk.SyncAPIClient(base_url=f"http://127.0.0.1:{port}") as client,
        pytest.raises(sdk.APIConnectionError) as caught,
    ):
        client.request("POST", "/pets", cast_to=sdk.Pet)
    assert not isinstance(caught.value, sdk.APITimeoutError)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    retries = [r for r in caplog.records if r.getMessage().startswith("Retrying POST")]
    assert len(retries) == client.max_retries


def _headers(**values: str) -> httpx.Headers:
    return httpx.Headers({name.replace("_", "-"): value for name, value in values.items()})


def test_retry_delay_follows_the_server_then_backoff(sdk: ModuleType) -> None:
    retries = sdk._retries
    assert retries.retry_delay(0, _headers(retry_after="3")) == 3.0
    assert retries.retry_delay(0, _headers(retry_after_ms="1500")) == 1.5
    assert retries.retry_delay(0, _headers(retry_after="86400")) == retries.MAX_RETRY_AFTER
    in_five = email.utils.formatdate(time.time() + 5, usegmt=True)
    assert 3.5 < retries.retry_delay(0, _headers(retry_after=in_five)) <= 5.0
    yesterday = email.utils.formatdate(time.time() - 86400, usegmt=True)
    assert retries.retry_delay(0, _headers(retry_after=yesterday)) == 0.0
    for attempt in range(6):
        base = min(retries.INITIAL_RETRY_DELAY * 2**attempt, retries.MAX_RETRY_DELAY)
        for headers in (None, _headers(retry_after="soon"), _headers(retry_after="-1")):
            delay = retries.retry_delay(attempt, headers)
            assert base * (1 - retries.RETRY_JITTER) <= delay <= base
