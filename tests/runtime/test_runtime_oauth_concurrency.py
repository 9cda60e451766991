"""OAuth2 logins under concurrency, sync (threads) and async (tasks): callers that need a
token at the same moment share one login, whether the client is cold, the token has
expired or the server has revoked it; and a 401 replaces only the token it refused."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import Any

from tests.support.http_server import RecordedRequest, RecordingServer, Reply
from tests.support.token_server import ME, TokenServer

CALLERS = 20
# Each login takes this long, so that every concurrent caller arrives while it is in
# flight; without single-flight, each of them would log in.
LOGIN_DELAY = 0.2
# Refreshed after 0.9 s; the test waits a whole lifetime between waves.
EXPIRES_IN = 1.0
WAIT_LIMIT = 10.0


def _oauth(sdk: ModuleType) -> Any:
    return sdk.OAuth2PasswordAuth("oauth/token", "ann", "pw-secret")


def _logins(server: RecordingServer) -> int:
    return sum(r.path == "/oauth/token" for r in server.requests)


def _threads_call(client: Any) -> list[object]:
    """CALLERS threads, released together, each making one call."""
    start = threading.Barrier(CALLERS)

    def call() -> object:
        start.wait(WAIT_LIMIT)
        return client.request("GET", "/me", cast_to=dict)

    with ThreadPoolExecutor(CALLERS) as pool:
        futures = [pool.submit(call) for _ in range(CALLERS)]
        return [future.result(WAIT_LIMIT) for future in futures]


async def _tasks_call(client: Any) -> list[object]:
    return list(
        await asyncio.gather(*(client.request("GET", "/me", cast_to=dict) for _ in range(CALLERS)))
    )


def test_threads_share_one_login_cold_after_expiry_and_after_revocation(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    tokens = TokenServer(expires_in=EXPIRES_IN, login_delay=LOGIN_DELAY)
    http_server.set_handler(tokens)
    with sdk.SyncAPIClient(base_url=http_server.url, auth=_oauth(sdk)) as client:
        assert _threads_call(client) == [ME] * CALLERS
        assert _logins(http_server) == 1
        time.sleep(EXPIRES_IN)
        assert _threads_call(client) == [ME] * CALLERS
        assert _logins(http_server) == 2
        tokens.revoke_all()
        assert _threads_call(client) == [ME] * CALLERS
        assert _logins(http_server) == 3
    # At most one refused and one repeated request per caller after the revocation.
    assert len(http_server.requests) <= 3 + 2 * CALLERS + 2 * CALLERS


def test_tasks_share_one_login_cold_after_expiry_and_after_revocation(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    tokens = TokenServer(expires_in=EXPIRES_IN, login_delay=LOGIN_DELAY)
    http_server.set_handler(tokens)

    async def main() -> None:
        auth = _oauth(sdk)
        async with sdk.AsyncAPIClient(base_url=http_server.url, auth=auth) as client:
            assert await _tasks_call(client) == [ME] * CALLERS
            assert _logins(http_server) == 1
            await asyncio.sleep(EXPIRES_IN)
            assert await _tasks_call(client) == [ME] * CALLERS
            assert _logins(http_server) == 2
            tokens.revoke_all()
            assert await _tasks_call(client) == [ME] * CALLERS
            assert _logins(http_server) == 3

    asyncio.run(main())


def _slow_until_replaced(tokens: TokenServer, replaced: threading.Event) -> Callable[..., Reply]:
    """The token server, except that `/slow` is answered only once a second token has
    been issued: a request still in flight with the first token when it is replaced."""

    def handle(request: RecordedRequest) -> Reply:
        if request.path == "/slow":
            replaced.wait(WAIT_LIMIT)
        reply = tokens(request)
        if len(tokens.issued) >= 2:
            replaced.set()
        return reply

    return handle


def _arrived(server: RecordingServer, path: str) -> bool:
    return any(r.path == path for r in server.requests)


def _sent_tokens(server: RecordingServer, path: str) -> list[str | None]:
    return [r.header("Authorization") for r in server.requests if r.path == path]


def test_a_401_on_an_older_token_keeps_the_newer_one_sync(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    tokens, replaced = TokenServer(), threading.Event()
    http_server.set_handler(_slow_until_replaced(tokens, replaced))
    with sdk.SyncAPIClient(base_url=http_server.url, auth=_oauth(sdk)) as client:
        client.request("GET", "/me", cast_to=dict)
        with ThreadPoolExecutor(1) as pool:
            slow = pool.submit(client.request, "GET", "/slow", cast_to=dict)
            deadline = time.monotonic() + WAIT_LIMIT
            while not _arrived(http_server, "/slow") and time.monotonic() < deadline:
                time.sleep(0.01)
            tokens.revoke_all()
            assert client.request("GET", "/me", cast_to=dict) == ME
            assert slow.result(WAIT_LIMIT) == ME
        assert client.request("GET", "/me", cast_to=dict) == ME
    assert tokens.issued == ["tok-1", "tok-2"]
    assert _sent_tokens(http_server, "/slow") == ["Bearer tok-1", "Bearer tok-2"]
    assert _sent_tokens(http_server, "/me")[-1] == "Bearer tok-2"


def test_a_401_on_an_older_token_keeps_the_newer_one_async(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    tokens, replaced = TokenServer(), threading.Event()
    http_server.set_handler(_slow_until_replaced(tokens, replaced))

    async def main() -> None:
        auth = _oauth(sdk)
        async with sdk.AsyncAPIClient(base_url=http_server.url, auth=auth) as client:
            await client.request("GET", "/me", cast_to=dict)
            slow = asyncio.create_task(client.request("GET", "/slow", cast_to=dict))
            deadline = time.monotonic() + WAIT_LIMIT
            while not _arrived(http_server, "/slow") and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            tokens.revoke_all()
            assert await client.request("GET", "/me", cast_to=dict) == ME
            assert await slow == ME
            assert await client.request("GET", "/me", cast_to=dict) == ME

    asyncio.run(main())
    assert tokens.issued == ["tok-1", "tok-2"]
    assert _sent_tokens(http_server, "/slow") == ["Bearer tok-1", "Bearer tok-2"]
    assert _sent_tokens(http_server, "/me")[-1] == "Bearer tok-2"
