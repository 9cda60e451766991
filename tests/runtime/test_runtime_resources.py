"""Connections and clients over their lifetime, sync and async: a closed client raises
the package's own error; a client never closed closes the pool it made when it is
collected, without ResourceWarnings, but not while a copy or a stream still reads from
it; a stream read to its end is closed."""

from __future__ import annotations

import asyncio
import gc
import time
import warnings
from collections.abc import Iterator
from types import ModuleType

import httpx
import pytest

from tests.support.http_server import RecordingServer, Reply

PET = {"id": 7, "name": "Rex"}
EVENTS = ('data: {"kind": "a"}\n\n', 'data: {"kind": "b"}\n\ndata: [DONE]\n\n')
# Each httpx client made costs ~0.1 s (its TLS context), hence only a few.
UNCLOSED_CLIENTS = 8
WAIT_LIMIT = 5.0


@pytest.fixture
def resource_warnings() -> Iterator[list[warnings.WarningMessage]]:
    """ResourceWarnings raised during the test, by any thread (the garbage collector
    runs wherever allocation triggers it)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        yield caught
        gc.collect()
    # Leave nothing to the next test's collections.
    gc.collect()


def _resource_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]


def _connections_closed(server: RecordingServer) -> bool:
    deadline = time.monotonic() + WAIT_LIMIT
    while server.open_connections and time.monotonic() < deadline:
        time.sleep(0.01)
    return server.open_connections == 0


def test_a_call_on_a_closed_client_raises_the_packages_error(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    client = sdk.Petstore(base_url=http_server.url)
    copy = client.with_options(max_retries=0)
    client.close()
    with pytest.raises(sdk.APIClientClosedError) as caught:
        client.pets.retrieve("7")
    assert isinstance(caught.value, sdk.APIConnectionError)
    assert caught.value.request.url.path == "/pets/7"
    with pytest.raises(sdk.APIClientClosedError):
        copy.pets.watch()
    own = httpx.Client()
    own.close()
    with pytest.raises(sdk.APIClientClosedError):
        sdk.Petstore(base_url=http_server.url, http_client=own).pets.retrieve("7")
    assert http_server.requests == []


def test_a_call_on_a_closed_async_client_raises_the_packages_error(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    async def main() -> None:
        client = sdk.AsyncPetstore(base_url=http_server.url)
        await client.close()
        with pytest.raises(sdk.APIClientClosedError):
            await client.pets.retrieve("7")
        with pytest.raises(sdk.APIClientClosedError):
            await client.with_options(timeout=1.0).pets.photo("7")

    asyncio.run(main())
    assert http_server.requests == []


def test_clients_never_closed_close_their_pools_when_collected(
    sdk: ModuleType,
    http_server: RecordingServer,
    resource_warnings: list[warnings.WarningMessage],
) -> None:
    http_server.set_handler(lambda request: Reply.json(PET))
    for _ in range(UNCLOSED_CLIENTS):
        sdk.Petstore(base_url=http_server.url).pets.retrieve("7")
    gc.collect()
    assert _connections_closed(http_server)
    assert _resource_warnings(resource_warnings) == []


def test_async_clients_never_closed_close_their_pools_when_collected(
    sdk: ModuleType,
    http_server: RecordingServer,
    resource_warnings: list[warnings.WarningMessage],
) -> None:
    http_server.set_handler(lambda request: Reply.json(PET))

    async def main() -> None:
        for _ in range(UNCLOSED_CLIENTS):
            await sdk.AsyncPetstore(base_url=http_server.url).pets.retrieve("7")
        gc.collect()
        # The pools close on this loop, which must run for that to happen.
        deadline = time.monotonic() + WAIT_LIMIT
        while http_server.open_connections and time.monotonic() < deadline:
            await asyncio.sleep(0.01)

    asyncio.run(main())
    assert http_server.open_connections == 0
    assert _resource_warnings(resource_warnings) == []


def test_a_pool_stays_open_while_a_copy_or_a_stream_uses_it(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json(PET), Reply.sse(*EVENTS, chunk_delay=0.05))
    copy = sdk.Petstore(base_url=http_server.url).with_options(max_retries=0)
    gc.collect()
    assert copy.pets.retrieve("7") == sdk.Pet(id=7, name="Rex")
    stream = sdk.Petstore(base_url=http_server.url).pets.watch()
    gc.collect()
    assert [event.kind for event in stream] == ["a", "b"]
    copy.close()  # a copy leaves the pool to its origin
    assert not copy._http.is_closed


def test_a_stream_read_to_its_end_is_closed(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply.sse(*EVENTS), Reply.sse(*EVENTS))
    with sdk.Petstore(base_url=http_server.url) as client:
        stream = client.pets.watch()
        assert [event.kind for event in stream] == ["a", "b"]
        assert stream.response.is_closed
        raw = client.pets.watch()
        assert [event.data for event in raw.events()][-1] == "[DONE]"
        assert raw.response.is_closed


def test_an_async_stream_read_to_its_end_is_closed(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.sse(*EVENTS))

    async def main() -> None:
        async with sdk.AsyncPetstore(base_url=http_server.url) as client:
            stream = await client.pets.watch()
            assert [event.kind async for event in stream] == ["a", "b"]
            # Closed now, not when the event loop gets round to finalizing generators.
            assert stream.response.is_closed

    asyncio.run(main())
