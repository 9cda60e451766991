"""Media types as the spec declares them, on a real server: `Accept` names what each
operation answers, a body goes out with its declared JSON media type, and every JSON
media type (`*/json`, `*+json`) is read as JSON, while XML and other text is returned
as text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.properties.packages import build, resources, sync_client
from tests.support.http_server import RecordingServer, Reply

_THING = {
    "type": "object",
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
    "required": ["id"],
}


def _answer(media_type: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"200": {"description": "ok", "content": {media_type: {"schema": schema}}}}


def _get(operation_id: str, responses: dict[str, Any]) -> dict[str, Any]:
    return {"get": {"operationId": operation_id, "tags": ["media"], "responses": responses}}


def _post(operation_id: str, media_type: str) -> dict[str, Any]:
    return {
        "post": {
            "operationId": operation_id,
            "tags": ["media"],
            "requestBody": {"required": True, "content": {media_type: {"schema": _THING}}},
            "responses": {"204": {"description": "done"}},
        }
    }


ANSWERS = {
    # path: (declared media types, what the server sends, the Accept expected)
    "/text": ("text/plain", "plain words", "text/plain"),
    "/csv": ("text/csv", "a,b\n1,2\n", "text/csv"),
    "/xml": ("application/xml", "<thing id='1'/>", "application/xml"),
    "/atom": ("application/atom+xml", "<feed/>", "application/atom+xml"),
}
JSON_ANSWERS = {
    "/problem": "application/problem+json",
    "/vnd": "application/vnd.api+json",
    "/textjson": "text/json",
    "/charset": "application/json; charset=utf-8",
}
BODIES = {
    "/send-textjson": "text/json",
    "/send-vnd": "application/vnd.api+json",
    "/send-merge": "application/merge-patch+json",
}


def _document() -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for path, (media_type, _, _) in ANSWERS.items():
        paths[path] = _get(f"get{path[1:].title()}", _answer(media_type, {"type": "string"}))
    for path, media_type in JSON_ANSWERS.items():
        paths[path] = _get(f"get{path[1:].title()}", _answer(media_type, _THING))
    image = {"type": "string", "format": "binary"}
    paths["/image"] = _get(
        "getImage",
        {
            "200": {
                "description": "ok",
                "content": {"image/png": {"schema": image}, "image/jpeg": {"schema": image}},
            }
        },
    )
    for path, media_type in BODIES.items():
        paths[path] = _post(path[1:].replace("-", "_"), media_type)
    return {"openapi": "3.1.0", "info": {"title": "Media", "version": "1"}, "paths": paths}


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, RecordingServer]]:
    _, package = build(_document(), Path(tmp_path_factory.mktemp("media")), "media")
    with RecordingServer() as server:
        client = sync_client(package, base_url=server.url, max_retries=0)
        (resource,) = resources(client).values()
        yield resource, server


def _method(resource: Any, operation_id: str) -> Any:
    """The method for an operation, found by its docstring's `METHOD /path` line."""
    for name in dir(resource):
        method = getattr(resource, name)
        if callable(method) and f"`{operation_id}`" in (method.__doc__ or ""):
            return method
    raise AssertionError(f"no method for {operation_id}")


@pytest.mark.parametrize("path", list(ANSWERS))
def test_text_answers_are_asked_for_and_returned_as_text(
    media: tuple[Any, RecordingServer], path: str
) -> None:
    resource, server = media
    media_type, text, accept = ANSWERS[path]
    server.enqueue(Reply.text(text, content_type=media_type))
    assert _method(resource, f"GET {path}")() == text
    assert server.requests[-1].header("Accept") == accept


@pytest.mark.parametrize("path", list(JSON_ANSWERS))
def test_every_json_media_type_is_asked_for_and_parsed(
    media: tuple[Any, RecordingServer], path: str
) -> None:
    resource, server = media
    media_type = JSON_ANSWERS[path]
    server.enqueue(Reply.json({"id": 7, "name": "x"}, headers={"Content-Type": media_type}))
    thing = _method(resource, f"GET {path}")()
    assert (thing.id, thing.name) == (7, "x")
    assert server.requests[-1].header("Accept") == media_type


def test_a_binary_answer_asks_for_each_declared_type(media: tuple[Any, RecordingServer]) -> None:
    resource, server = media
    server.enqueue(Reply(status=200, body=b"\x89PNG", headers=(("Content-Type", "image/png"),)))
    with _method(resource, "GET /image")() as download:
        assert download.read() == b"\x89PNG"
    assert server.requests[-1].header("Accept") == "image/jpeg, image/png"


@pytest.mark.parametrize("path", list(BODIES))
def test_a_json_body_is_sent_with_its_declared_media_type(
    media: tuple[Any, RecordingServer], path: str
) -> None:
    resource, server = media
    server.enqueue(Reply(status=204))
    _method(resource, f"POST {path}")(id=3, name="n")
    sent = server.requests[-1]
    assert sent.header("Content-Type") == BODIES[path]
    assert sent.json() == {"id": 3, "name": "n"}
