"""A generated SDK (the `shapes` golden case) against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio
from types import ModuleType

import pytest

from tests.support.http_server import RecordingServer, Reply

PET = {"id": "8f7c2a1e-0000-4000-8000-000000000001", "name": "Rex", "kind": "dog",
       "nickname": None, "brandNew": "kept"}


def _client(sdk: ModuleType, server: RecordingServer, **kwargs: object) -> object:
    return sdk.Shapes(api_key="sk-secret", base_url=server.url, **kwargs)


def test_path_query_header_and_body_arrive_as_sent(shapes_sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply.json({"data": [PET], "total": 1}), Reply.json(PET, status=201))
    client = _client(shapes_sdk, http_server)
    page = client.pets.list(limit=5, status=shapes_sdk.models.Status.SOLD, tags=["a", "b"], x_request_id="r-1")
    assert page.items[0].name == "Rex" and page.body.data[0].model_extra == {"brandNew": "kept"}
    first = http_server.requests[0]
    assert (first.method, first.path) == ("GET", "/pets")
    assert first.query_params == [("limit", "5"), ("offset", "0"), ("status", "sold"), ("tags", "a"), ("tags", "b")]
    assert first.header("X-Request-Id") == "r-1" and first.header("X-API-Key") == "sk-secret"
    created = client.pets.create(name="Rex", kind="dog", nickname=None, weight_kg=2.5, class_="mammal")
    second = http_server.requests[1]
    assert second.json() == {"name": "Rex", "kind": "dog", "nickname": None, "weightKg": 2.5, "class": "mammal"}
    assert second.header("Idempotency-Key")  # declared by the spec: generated once per call
    assert created.nickname is None


def test_path_parameters_cannot_escape_their_segment(shapes_sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply.json(PET))
    _client(shapes_sdk, http_server).pets.retrieve("../admin?x=1#frag")
    assert http_server.requests[0].path == "/pets/..%2Fadmin%3Fx%3D1%23frag"
    with pytest.raises(ValueError):
        _client(shapes_sdk, http_server).pets.retrieve("")


def test_429_with_retry_after_is_retried(shapes_sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply.json({"message": "slow down"}, status=429, headers={"Retry-After": "0"}), Reply.json(PET))
    assert _client(shapes_sdk, http_server).pets.retrieve("p1").name == "Rex"
    assert len(http_server.requests) == 2


def test_timeout_raises_the_timeout_error(shapes_sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(*[Reply.json(PET, status=200).__class__(status=200, body=b"{}", delay=1.0)] * 3)
    client = _client(shapes_sdk, http_server, timeout=0.2, max_retries=0)
    with pytest.raises(shapes_sdk.APITimeoutError):
        client.pets.retrieve("p1")


def test_404_raises_not_found_with_the_parsed_body(shapes_sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply.json({"message": "no such pet"}, status=404))
    with pytest.raises(shapes_sdk.NotFoundError) as caught:
        _client(shapes_sdk, http_server).pets.retrieve("missing")
    assert caught.value.status_code == 404 and caught.value.body == {"message": "no such pet"}
    assert "sk-secret" not in str(caught.value)


def test_raw_response_gives_headers(shapes_sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply.json(PET, headers={"X-Trace": "t-9"}))
    raw = _client(shapes_sdk, http_server).pets.with_raw_response.retrieve("p1")
    assert raw.headers["X-Trace"] == "t-9" and raw.status_code == 200
    assert raw.parse().name == "Rex"


def test_discriminated_union_and_recursion(shapes_sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply.json({"pet_type": "cat", "lives": 9}),
                        Reply.json({"value": 1, "children": [{"value": 2, "children": []}]}))
    client = _client(shapes_sdk, http_server)
    assert type(client.pets.get_animal(7)).__name__ == "Cat"
    assert client.pets.get_tree(1).children[0].value == 2


def test_async_client_does_the_same(shapes_sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply.json({"message": "later"}, status=429, headers={"Retry-After": "0"}),
                        Reply.json(PET), Reply.json({"message": "gone"}, status=404))

    async def scenario() -> None:
        async with shapes_sdk.AsyncShapes(api_key="sk-secret", base_url=http_server.url) as client:
            pet = await client.pets.retrieve("p 1")
            assert pet.name == "Rex"
            with pytest.raises(shapes_sdk.NotFoundError):
                await client.pets.retrieve("p2")

    asyncio.run(scenario())
    assert [r.path for r in http_server.requests] == ["/pets/p%201", "/pets/p%201", "/pets/p2"]


def test_offset_pagination_iterates_every_page(shapes_sdk: ModuleType, http_server: RecordingServer) -> None:
    pets = [{**PET, "name": f"pet{i}"} for i in range(5)]
    http_server.enqueue(Reply.json({"data": pets[:2]}), Reply.json({"data": pets[2:4]}), Reply.json({"data": pets[4:]}))
    names = [p.name for p in _client(shapes_sdk, http_server).pets.list(limit=2)]
    assert names == [p["name"] for p in pets]
    assert [dict(r.query_params)["offset"] for r in http_server.requests] == ["0", "2", "4"]
