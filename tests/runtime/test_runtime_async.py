"""The async client behaves like the sync one on the main paths."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.http_server import RecordedRequest, RecordingServer, Reply
from tests.support.token_server import ME, TokenServer

PET = {"id": 7, "name": "Rex"}


def run(
    sdk: ModuleType,
    server: RecordingServer,
    scenario: Callable[[Any], Awaitable[None]],
    **options: Any,
) -> None:
    async def main() -> None:
        async with sdk.AsyncPetstore(base_url=server.url, **options) as client:
            await scenario(client)

    asyncio.run(main())


def test_request_encodes_and_parses(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply.json(PET))

    async def scenario(client: Any) -> None:
        pet = await client.request(
            "GET",
            "/pets/{pet_id}",
            cast_to=sdk.Pet,
            path_params={"pet_id": "../a b"},
            query={"tags": ["x", "y"], "on": True},
            headers={"X-Trace": "t"},
        )
        assert pet == sdk.Pet(id=7, name="Rex")
        with pytest.raises(ValueError):
            await client.pets.retrieve("")

    run(sdk, http_server, scenario)
    sent = http_server.last_request
    assert sent.path == "/pets/..%2Fa%20b"
    assert sent.query == "tags=x&tags=y&on=true"
    assert sent.header("X-Trace") == "t"
    assert len(http_server.requests) == 1


def test_429_is_retried_after_the_servers_delay(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply(status=429, headers=(("retry-after-ms", "200"),)), Reply.json(PET))

    async def scenario(client: Any) -> None:
        started = time.monotonic()
        await client.pets.retrieve("7")
        assert time.monotonic() - started >= 0.18

    run(sdk, http_server, scenario)
    assert len(http_server.requests) == 2


def test_post_retries_only_with_its_idempotency_key(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply(status=500), Reply.json(PET), Reply(status=500))

    async def scenario(client: Any) -> None:
        await client.pets.create(sdk.NewPet(name="Rex"))
        with pytest.raises(sdk.InternalServerError):
            await client.request("POST", "/pets", cast_to=sdk.Pet, json={})

    run(sdk, http_server, scenario)
    keys = [r.header("Idempotency-Key") for r in http_server.requests]
    assert keys[0] is not None and keys[0] == keys[1] and keys[2] is None


def test_timeout_raises_api_timeout_error(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(lambda request: Reply(delay=2))

    async def scenario(client: Any) -> None:
        with pytest.raises(sdk.APITimeoutError):
            await client.pets.retrieve("7")

    run(sdk, http_server, scenario, timeout=0.2, max_retries=1)
    assert len(http_server.requests) == 2


def test_404_and_raw_response(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(
        Reply.json({"detail": "gone"}, 404),
        Reply.json(PET, headers={"X-Request-Id": "r-9"}),
    )

    async def scenario(client: Any) -> None:
        with pytest.raises(sdk.NotFoundError, match="gone") as caught:
            await client.pets.retrieve("7")
        assert caught.value.body == {"detail": "gone"}
        response = await client.pets.with_raw_response.retrieve("7")
        assert response.headers["x-request-id"] == "r-9"
        assert response.parse() == sdk.Pet(id=7, name="Rex")

    run(sdk, http_server, scenario)


def test_pagination_walks_every_page(sdk: ModuleType, http_server: RecordingServer) -> None:
    pets = [{"id": n, "name": f"p{n}"} for n in range(5)]

    def handle(request: RecordedRequest) -> Reply:
        params = dict(request.query_params)
        offset, limit = int(params.get("offset", 0)), int(params["limit"])
        return Reply.json({"items": pets[offset : offset + limit]})

    http_server.set_handler(handle)

    async def scenario(client: Any) -> None:
        names = [pet.name async for pet in await client.pets.list(limit=2)]
        assert names == [p["name"] for p in pets]

    run(sdk, http_server, scenario)
    assert len(http_server.requests) == 3


def test_sse_and_binary_download(
    sdk: ModuleType, http_server: RecordingServer, tmp_path: Path
) -> None:
    http_server.enqueue(
        Reply.sse('data: {"kind": "a"}\n\n', 'data: {"kind": "b"}\n\ndata: [DONE]\n\n'),
        Reply(chunks=(b"x" * 70_000, b"y" * 10)),
    )
    target = tmp_path / "photo.bin"

    async def scenario(client: Any) -> None:
        async with await client.pets.watch() as stream:
            kinds = [event.kind async for event in stream]
        assert kinds == ["a", "b"]
        assert stream.response.is_closed
        async with await client.pets.photo("7") as photo:
            await photo.write_to_file(target)

    run(sdk, http_server, scenario)
    assert target.read_bytes() == b"x" * 70_000 + b"y" * 10


def test_oauth2_flow_works_on_the_async_client(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    tokens = TokenServer()
    http_server.set_handler(tokens)
    auth = sdk.OAuth2PasswordAuth("oauth/token", "ann", "pw")

    async def main() -> None:
        async with sdk.AsyncAPIClient(base_url=http_server.url, auth=auth) as client:
            assert await client.request("GET", "/me", cast_to=dict) == ME
            assert await client.request("GET", "/me", cast_to=dict) == ME
            tokens.revoke_all()
            assert await client.request("GET", "/me", cast_to=dict) == ME

    asyncio.run(main())
    assert [r.path for r in http_server.requests].count("/oauth/token") == 2


def test_with_options_and_close_keep_the_shared_pool(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(lambda request: Reply.json(PET))

    async def main() -> None:
        client = sdk.AsyncPetstore(base_url=http_server.url)
        copy = client.with_options(default_headers={"X-Copy": "1"})
        await copy.pets.retrieve("1")
        await copy.close()
        await client.pets.retrieve("1")
        await client.close()
        assert client._http.is_closed

    asyncio.run(main())
    assert [r.header("X-Copy") for r in http_server.requests] == ["1", None]
