"""An operation declared the OpenAI way (a `stream` flag in the body, JSON or
`text/event-stream` on its 200) streams when called with `stream=True`, sync and async:
the first typed event reaches the caller while the server still holds the rest back.
Called without it, the same method returns the JSON model."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.properties.packages import build
from tests.support.http_server import RecordingServer, Reply

_COMPLETION = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "text": {"type": "string"}},
    "required": ["id", "text"],
}
_CHUNK = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "delta": {"type": "string"}},
    "required": ["id", "delta"],
}
_REQUEST = {
    "type": "object",
    "properties": {
        "prompt": {"type": "string"},
        "stream": {"type": ["boolean", "null"], "default": False},
    },
    "required": ["prompt"],
}
DOCUMENT = {
    "openapi": "3.1.0",
    "info": {"title": "Completer", "version": "1"},
    "paths": {
        "/completions": {
            "post": {
                "operationId": "createCompletion",
                "tags": ["completions"],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/CompletionRequest"}
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "The completion, or its chunks as they are made.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Completion"}
                            },
                            "text/event-stream": {"schema": {"$ref": "#/components/schemas/Chunk"}},
                        },
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {"Completion": _COMPLETION, "Chunk": _CHUNK, "CompletionRequest": _REQUEST}
    },
}
# Long enough that a client reading the whole body first visibly waits for it.
_HOLD_SECONDS = 10.0


@pytest.fixture(scope="module")
def completer(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    _, package = build(DOCUMENT, Path(tmp_path_factory.mktemp("completer")), "completer")
    return package


class HeldStream:
    """An event stream whose first event is sent at once and the rest only once the
    client has read that first event (or after `_HOLD_SECONDS`)."""

    def __init__(self) -> None:
        self.first_read = threading.Event()
        self.finished = threading.Event()

    def chunks(self) -> Iterator[bytes]:
        yield b'data: {"id": "c1", "delta": "Hel"}\n\n'
        self.first_read.wait(_HOLD_SECONDS)
        yield b'event: message\ndata: {"id": "c1", "delta": "lo"}\n\n'
        yield b"data: [DONE]\n\n"
        self.finished.set()

    def reply(self) -> Reply:
        return Reply(
            status=200, headers=(("Content-Type", "text/event-stream"),), chunks=self.chunks()
        )

    def first_event_arrived(self) -> None:
        assert not self.finished.is_set(), "the whole stream was read before the first event"
        self.first_read.set()


def _completions(completer: ModuleType, server: RecordingServer, flavour: str = "") -> Any:
    client_class = getattr(completer, f"{flavour}Completer")
    return client_class(base_url=server.url, max_retries=0).completions


def test_without_stream_the_json_model_is_returned(
    completer: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"id": "c1", "text": "Hello"}))
    completion = _completions(completer, http_server).create(prompt="Hi")
    assert (type(completion).__name__, completion.text) == ("Completion", "Hello")
    sent = http_server.last_request
    assert sent.json() == {"prompt": "Hi"}
    assert sent.header("Accept") == "application/json"


def test_stream_true_yields_typed_events_before_the_server_finishes(
    completer: ModuleType, http_server: RecordingServer
) -> None:
    held = HeldStream()
    http_server.enqueue(held.reply())
    deltas = []
    with _completions(completer, http_server).create(prompt="Hi", stream=True) as stream:
        for chunk in stream:
            if not deltas:
                held.first_event_arrived()
            assert type(chunk).__name__ == "Chunk"
            deltas.append(chunk.delta)
    assert deltas == ["Hel", "lo"]
    sent = http_server.last_request
    assert sent.json() == {"prompt": "Hi", "stream": True}
    assert sent.header("Accept") == "text/event-stream"


def test_async_stream_true_yields_typed_events_before_the_server_finishes(
    completer: ModuleType, http_server: RecordingServer
) -> None:
    held = HeldStream()
    http_server.enqueue(held.reply())

    async def read() -> list[str]:
        deltas = []
        completions = _completions(completer, http_server, "Async")
        async with await completions.create(prompt="Hi", stream=True) as stream:
            async for chunk in stream:
                if not deltas:
                    held.first_event_arrived()
                deltas.append(chunk.delta)
        return deltas

    assert asyncio.run(read()) == ["Hel", "lo"]
    assert http_server.last_request.json() == {"prompt": "Hi", "stream": True}


def test_a_body_model_follows_the_stream_argument(
    completer: ModuleType, http_server: RecordingServer
) -> None:
    request = completer.models.CompletionRequest
    held = HeldStream()
    held.first_read.set()
    http_server.enqueue(held.reply(), Reply.json({"id": "c2", "text": "ok"}))
    completions = _completions(completer, http_server)
    with completions.create(body=request(prompt="Hi"), stream=True) as stream:
        assert [chunk.delta for chunk in stream] == ["Hel", "lo"]
    # A model asking for a stream, called without `stream=True`: the JSON answer the
    # method's type promises is asked for.
    completion = completions.create(body=request(prompt="Hi", stream=True))
    assert completion.text == "ok"
    first, second = http_server.requests
    assert first.json() == {"prompt": "Hi", "stream": True}
    assert second.json() == {"prompt": "Hi", "stream": False}


def test_the_raw_response_of_the_json_answer(
    completer: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"id": "c3", "text": "raw"}, headers={"X-Request-Id": "r-9"}))
    raw = _completions(completer, http_server).with_raw_response.create(prompt="Hi")
    assert raw.headers["X-Request-Id"] == "r-9" and raw.parse().text == "raw"
