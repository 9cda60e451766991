"""Failures after a stream has begun, sync and async: an error the server reports in
the stream raises `APIStreamError` with its message and body, and a connection the
server drops mid-body raises `APIConnectionError`; either way the response is closed."""

from __future__ import annotations

import asyncio
import os
from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.support.http_server import RecordingServer, Reply

FIRST = 'data: {"kind": "created", "pet": {"id": 1, "name": "Rex"}}\n\n'
OVERLOADED = {"error": {"message": "overloaded", "type": "server_error"}}
# The same failure reported the two ways APIs do: an event named `error`, and an
# unnamed event whose data is an `error` object.
ERROR_EVENTS = {
    "named": 'event: error\ndata: {"error": {"message": "overloaded", "type": "server_error"}}\n\n',
    "in the data": 'data: {"error": {"message": "overloaded", "type": "server_error"}}\n\n',
}
LATER = 'data: {"kind": "never-read"}\n\n'


def _collect(stream: Any, into: list[Any]) -> None:
    into.extend(stream)  # what was received stays in `into` when the stream raises


async def _collect_async(stream: Any, into: list[Any]) -> None:
    async for event in stream:
        into.append(event)


@pytest.mark.parametrize("error_event", ERROR_EVENTS.values(), ids=ERROR_EVENTS.keys())
def test_an_error_in_the_stream_raises_with_the_servers_message_and_body(
    sdk: ModuleType, http_server: RecordingServer, error_event: str
) -> None:
    http_server.enqueue(Reply.sse(FIRST, error_event, LATER))
    received: list[Any] = []
    with sdk.Petstore(base_url=http_server.url) as client:
        stream = client.pets.watch()
        with pytest.raises(sdk.APIStreamError, match="overloaded") as caught:
            _collect(stream, received)
    assert [event.kind for event in received] == ["created"]
    error = caught.value
    assert isinstance(error, sdk.APIError)
    assert error.body == OVERLOADED
    assert error.event == ("error" if error_event.startswith("event:") else "message")
    assert error.request.url.path == "/pets/events"
    assert stream.response.is_closed


@pytest.mark.parametrize("error_event", ERROR_EVENTS.values(), ids=ERROR_EVENTS.keys())
def test_an_error_in_an_async_stream_raises_with_the_servers_message_and_body(
    sdk: ModuleType, http_server: RecordingServer, error_event: str
) -> None:
    http_server.enqueue(Reply.sse(FIRST, error_event, LATER))
    received: list[Any] = []

    async def main() -> Any:
        async with sdk.AsyncPetstore(base_url=http_server.url) as client:
            stream = await client.pets.watch()
            with pytest.raises(sdk.APIStreamError, match="overloaded") as caught:
                await _collect_async(stream, received)
            assert stream.response.is_closed
            return caught.value

    error = asyncio.run(main())
    assert [event.kind for event in received] == ["created"]
    assert error.body == OVERLOADED


def test_an_error_event_with_plain_text_keeps_the_text(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.sse("event: error\ndata: upstream timed out\n\n"))
    with (
        sdk.SyncAPIClient(base_url=http_server.url) as client,
        pytest.raises(sdk.APIStreamError, match="upstream timed out") as caught,
    ):
        list(client.request_stream("GET", "/events", event_type=str))
    assert caught.value.body == "upstream timed out"


def test_an_event_type_with_an_error_field_receives_it_as_data(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    class JobUpdate(sdk.BaseModel):
        state: str
        error: dict[str, str] | None = None

    http_server.enqueue(
        Reply.sse('data: {"state": "failed", "error": {"message": "disk full"}}\n\n')
    )
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        updates = list(client.request_stream("GET", "/jobs/1", event_type=JobUpdate))
    assert updates == [JobUpdate(state="failed", error={"message": "disk full"})]


def test_events_that_merely_mention_error_are_not_errors(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(
        Reply.sse(
            'data: {"kind": "error", "pet": {"id": 1, "name": "error"}}\n\n',
            'data: {"kind": "checked", "error": null}\n\n',
        )
    )
    with sdk.Petstore(base_url=http_server.url) as client:
        kinds = [event.kind for event in client.pets.watch()]
    assert kinds == ["error", "checked"]


def test_a_connection_dropped_mid_stream_raises_a_connection_error(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.sse(FIRST, 'data: {"kind": "cut', truncated=True))
    received: list[Any] = []
    with sdk.Petstore(base_url=http_server.url) as client:
        stream = client.pets.watch()
        with pytest.raises(sdk.APIConnectionError) as caught:
            _collect(stream, received)
    assert [event.kind for event in received] == ["created"]
    assert isinstance(caught.value.__cause__, httpx.RemoteProtocolError)
    assert caught.value.request.url.path == "/pets/events"
    assert stream.response.is_closed


def test_a_connection_dropped_mid_async_stream_raises_a_connection_error(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.sse(FIRST, 'data: {"kind": "cut', truncated=True))
    received: list[Any] = []

    async def main() -> None:
        async with sdk.AsyncPetstore(base_url=http_server.url) as client:
            stream = await client.pets.watch()
            with pytest.raises(sdk.APIConnectionError) as caught:
                await _collect_async(stream, received)
            assert isinstance(caught.value.__cause__, httpx.RemoteProtocolError)
            assert stream.response.is_closed

    asyncio.run(main())
    assert [event.kind for event in received] == ["created"]


def test_a_download_cut_short_raises_a_connection_error(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    part = os.urandom(70_000)
    http_server.enqueue(
        Reply(chunks=(part,), truncated=True), Reply(chunks=(part,), truncated=True)
    )
    with sdk.Petstore(base_url=http_server.url) as client:
        with pytest.raises(sdk.APIConnectionError):
            client.pets.photo("1").read()
        with client.pets.photo("1") as photo, pytest.raises(sdk.APIConnectionError):
            b"".join(photo.iter_bytes())


def test_an_async_download_cut_short_raises_a_connection_error(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    part = os.urandom(70_000)
    http_server.enqueue(
        Reply(chunks=(part,), truncated=True), Reply(chunks=(part,), truncated=True)
    )

    async def main() -> None:
        async with sdk.AsyncPetstore(base_url=http_server.url) as client:
            with pytest.raises(sdk.APIConnectionError):
                await (await client.pets.photo("1")).read()
            async with await client.pets.photo("1") as photo:
                with pytest.raises(sdk.APIConnectionError):
                    async for _ in photo.iter_bytes():
                        pass

    asyncio.run(main())
