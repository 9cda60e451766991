"""Binary downloads and server-sent event streams, over real chunked responses."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.support.http_server import RecordingServer, Reply


def test_binary_download_streams_to_a_file(
    sdk: ModuleType, http_server: RecordingServer, tmp_path: Path
) -> None:
    chunks = tuple(os.urandom(50_000) for _ in range(6))
    http_server.enqueue(Reply(headers=(("Content-Type", "image/png"),), chunks=chunks))
    target = tmp_path / "photo.png"
    with (
        sdk.Petstore(base_url=http_server.url) as client,
        client.pets.photo("7") as photo,
    ):
        assert photo.status_code == 200
        assert photo.headers["content-type"] == "image/png"
        photo.write_to_file(target)
        # Streamed through, never buffered whole on the response.
        with pytest.raises(httpx.ResponseNotRead):
            _ = photo.http_response.content
    assert target.read_bytes() == b"".join(chunks)
    assert http_server.last_request.header("Accept") == "*/*"
    assert photo.http_response.is_closed


def test_binary_read_and_iter_bytes(sdk: ModuleType, http_server: RecordingServer) -> None:
    payload = bytes(range(256)) * 40
    http_server.enqueue(Reply(body=payload), Reply(chunks=(payload[:5000], payload[5000:])))
    with sdk.Petstore(base_url=http_server.url) as client:
        assert client.pets.photo("1").read() == payload
        with client.pets.photo("1") as photo:
            pieces = list(photo.iter_bytes(chunk_size=4096))
    assert b"".join(pieces) == payload
    assert [len(piece) for piece in pieces[:-1]] == [4096] * (len(pieces) - 1)


def test_binary_error_status_raises_with_body(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"message": "no photo"}, 404))
    with (
        sdk.Petstore(base_url=http_server.url) as client,
        pytest.raises(sdk.NotFoundError, match="no photo") as caught,
    ):
        client.pets.photo("1")
    assert caught.value.body == {"message": "no photo"}


SSE_BODY = (
    ": keep-alive comment\r\n",
    'event: created\r\ndata: {"kind": "created",',
    '\r\ndata: "pet": {"id": 1, "name": "Rex"}}\r',
    "\n\r\n",
    'id: 2\ndata: {"kind": "renamed", "pet": {"id": 1, "name": "Max"}}\n\n',
    "data: [DONE]\n\n",
    'data: {"kind": "after-done"}\n\n',
)


def test_sse_stream_yields_typed_events_and_stops_at_done(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.sse(*SSE_BODY, chunk_delay=0.01))
    with sdk.Petstore(base_url=http_server.url) as client:
        with client.pets.watch() as stream:
            events = list(stream)
        assert stream.response.is_closed
    assert [(event.kind, event.pet.name) for event in events] == [
        ("created", "Rex"),
        ("renamed", "Max"),
    ]
    assert all(isinstance(event, sdk.PetEvent) for event in events)
    assert http_server.last_request.header("Accept") == "text/event-stream"


def test_sse_raw_events_keep_names_and_ids(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply.sse(*SSE_BODY))
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        stream = client.request_stream("GET", "/events", event_type=str)
        events = list(stream.events())
    assert [(e.event, e.id) for e in events] == [
        ("created", None),
        ("message", "2"),
        ("message", "2"),
        ("message", "2"),
    ]
    assert events[0].data == '{"kind": "created",\n"pet": {"id": 1, "name": "Rex"}}'


def test_leaving_a_stream_early_closes_the_response(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.sse(*SSE_BODY, chunk_delay=0.05))
    with sdk.Petstore(base_url=http_server.url) as client:
        with client.pets.watch() as stream:
            first = next(stream)
        assert first.kind == "created"
        assert stream.response.is_closed


def test_a_malformed_event_raises_a_validation_error(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.sse('data: {"pet": 1}\n\n'))
    with (
        sdk.Petstore(base_url=http_server.url) as client,
        pytest.raises(sdk.APIResponseValidationError, match="message"),
    ):
        list(client.pets.watch())


def _decode(sdk: ModuleType, *chunks: bytes) -> list[Any]:
    decoder = sdk.SSEDecoder()
    events: list[Any] = [event for chunk in chunks for event in decoder.feed(chunk)]
    events.extend(decoder.flush())
    return events


def test_decoder_follows_the_event_stream_format(sdk: ModuleType) -> None:
    event = sdk.ServerSentEvent
    stream = (
        b"\xef\xbb\xbfdata: first\n\n"  # byte order mark at the start
        b"data:no space\rdata:  two spaces\r\r"  # CR line ends; one space is stripped
        b"event: only-a-name\n\n"  # no data: nothing is dispatched
        b"id: 7\nretry: 1500\ndata\n\n"  # a field without colon has an empty value
        b"retry: soon\nid: bad\x00id\nunknown: x\ndata: kept\n\n"
        b"data: unterminated"
    )
    assert _decode(sdk, stream) == [
        event("first"),
        event("no space\n two spaces"),
        event("", id="7", retry=1500),
        event("kept", id="7", retry=1500),
    ]


def test_decoder_reassembles_events_split_anywhere(sdk: ModuleType) -> None:
    stream = 'event: update\r\ndata: {"city": "Zürich"}\r\n\r\ndata: 2\r\n\r\n'.encode()
    whole = _decode(sdk, stream)
    assert len(whole) == 2
    for size in (1, 2, 3, 7):
        pieces = [stream[i : i + size] for i in range(0, len(stream), size)]
        assert _decode(sdk, *pieces) == whole
