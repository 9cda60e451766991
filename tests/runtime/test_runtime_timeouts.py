"""Whose timeout a request gets, sync and async: the call's, else the client's
(`timeout=` or `with_options`), else the httpx client's own, which is the caller's
when they passed one in and DEFAULT_TIMEOUT (60 s, 5 s to connect) when the SDK made
it. What a request carried is read back from its raw response."""

from __future__ import annotations

import asyncio
import dataclasses
from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.support.http_server import RecordingServer, Reply

PET = {"id": 7, "name": "Rex"}
SDK_DEFAULT = {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}
SLOW_PET = dataclasses.replace(Reply.json(PET), delay=0.5)


def _every_phase(seconds: float) -> dict[str, float]:
    return dict.fromkeys(("connect", "read", "write", "pool"), seconds)


def _sent_timeout(raw: Any) -> object:
    return raw.http_response.request.extensions["timeout"]


def test_the_callers_http_client_keeps_its_timeout(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply(delay=5), Reply.json(PET))
    own = httpx.Client(timeout=0.2)
    with sdk.Petstore(base_url=http_server.url, http_client=own, max_retries=0) as client:
        with pytest.raises(sdk.APITimeoutError):
            client.pets.retrieve("7")
        assert _sent_timeout(client.pets.with_raw_response.retrieve("7")) == _every_phase(0.2)
    own.close()


def test_the_calls_timeout_and_with_options_win_over_the_callers_client(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(SLOW_PET, SLOW_PET)
    own = httpx.Client(timeout=0.2)
    with sdk.Petstore(base_url=http_server.url, http_client=own, max_retries=0) as client:
        by_call = client.pets.with_raw_response.retrieve("7", timeout=5.0)
        patient = client.with_options(timeout=httpx.Timeout(5.0, connect=1.0))
        by_copy = patient.pets.with_raw_response.retrieve("7")
    own.close()
    assert by_call.parse() == by_copy.parse() == sdk.Pet(id=7, name="Rex")
    assert _sent_timeout(by_call) == _every_phase(5.0)
    assert _sent_timeout(by_copy) == {**_every_phase(5.0), "connect": 1.0}


def test_a_client_without_an_http_client_uses_the_sdk_default(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json(PET), Reply.json(PET))
    with sdk.Petstore(base_url=http_server.url) as client:
        assert _sent_timeout(client.pets.with_raw_response.retrieve("7")) == SDK_DEFAULT
        assert "read=60.0" in repr(client)
    with sdk.Petstore(base_url=http_server.url, timeout=2.5) as client:
        assert _sent_timeout(client.pets.with_raw_response.retrieve("7")) == _every_phase(2.5)


def test_the_callers_async_http_client_keeps_its_timeout_unless_overridden(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply(delay=5), SLOW_PET, SLOW_PET)

    async def main() -> None:
        async with (
            httpx.AsyncClient(timeout=0.2) as own,
            sdk.AsyncPetstore(base_url=http_server.url, http_client=own, max_retries=0) as client,
        ):
            with pytest.raises(sdk.APITimeoutError):
                await client.pets.retrieve("7")
            by_call = await client.pets.with_raw_response.retrieve("7", timeout=5.0)
            assert _sent_timeout(by_call) == _every_phase(5.0)
            by_copy = await client.with_options(timeout=5.0).pets.with_raw_response.retrieve("7")
            assert _sent_timeout(by_copy) == _every_phase(5.0)

    asyncio.run(main())


def test_an_async_client_without_an_http_client_uses_the_sdk_default(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json(PET))

    async def main() -> None:
        async with sdk.AsyncPetstore(base_url=http_server.url) as client:
            assert _sent_timeout(await client.pets.with_raw_response.retrieve("7")) == SDK_DEFAULT

    asyncio.run(main())


def test_a_generated_client_keeps_the_timeout_of_the_callers_http_client(
    shapes_sdk: ModuleType, http_server: RecordingServer
) -> None:
    # The generated constructor, not only the runtime's, leaves the timeout unset.
    http_server.enqueue(Reply(delay=5))
    with (
        httpx.Client(timeout=0.2) as own,
        shapes_sdk.Shapes(
            api_key="sk", base_url=http_server.url, http_client=own, max_retries=0
        ) as client,
        pytest.raises(shapes_sdk.APITimeoutError),
    ):
        client.pets.retrieve("7")
