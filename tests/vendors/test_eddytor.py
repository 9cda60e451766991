"""The Eddytor SDK against a real HTTP server that answers as Eddytor's reference says:
Bearer tokens (JWT or API key), multipart uploads of several files, binary downloads,
`continuation_token` listings (`nextContinuationToken` / `hasMore`), `{statusCode, error,
message}` errors, 429 with `Retry-After`, and signed webhooks."""

from __future__ import annotations

import hashlib
import hmac
import importlib
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, get_args

import httpx
import pytest

from tests.support.http_server import RecordedRequest, RecordingServer, Reply
from tests.vendors.conftest import (
    GENERATED,
    assert_package_is_sound,
    client_routes,
    run_async,
    spec_routes,
    vendor_sdk,
)

API_KEY = "eak_4f1c2b3a5d6e7f80"
CONFIG = "cfg-1"
OBJECTS = f"/v1/storages/configs/{CONFIG}/objects"
USER_CONFIGS = {
    "configs": [
        {
            "id": "8f7c2a1e-0000-4000-8000-000000000001",
            "name": "lake",
            "path": "s3://lake",
            "schemeType": "S3",
            "createdAt": "2024-05-01T12:00:00Z",
        }
    ]
}
CAPTURE = Path(__file__).resolve().parents[2] / "specs" / "eddytor" / "eddytor-api-reference.md"


@pytest.fixture(scope="module")
def sdk() -> ModuleType:
    return vendor_sdk("eddytor")


@pytest.fixture(scope="module")
def hooks(sdk: ModuleType) -> ModuleType:
    """The webhook helpers (private for now: see test_the_webhook_helpers_are_public)."""
    return importlib.import_module("eddytor._webhooks")


def eddytor(sdk: ModuleType, server: RecordingServer, **options: Any) -> Any:
    return sdk.Eddytor(api_key=API_KEY, base_url=server.url, **options)


def api_error(
    status: int, error: str, message: str, headers: dict[str, str] | None = None
) -> Reply:
    return Reply.json(
        {"statusCode": status, "error": error, "message": message}, status=status, headers=headers
    )


@dataclass
class FakeObjectStore:
    """`count` objects listed `limit` at a time; the token names the next object's index.
    `stale_token` makes the last page carry a token although `hasMore` is false."""

    count: int
    stale_token: bool = False

    def answer(self, request: RecordedRequest) -> Reply:
        query = dict(request.query_params)
        first = int(query.get("continuation_token", "0").removeprefix("after-"))
        limit = int(query.get("limit", 1000))
        names = [f"raw/file{n}.csv" for n in range(self.count)][first : first + limit]
        more = first + limit < self.count
        token = f"after-{first + limit}" if more or self.stale_token else None
        return Reply.json(
            {
                "objects": [
                    {
                        "path": p,
                        "name": p.split("/")[-1],
                        "extension": "csv",
                        "size": 10,
                        "lastModified": "2024-05-01T12:00:00Z",
                        "isDirectory": False,
                    }
                    for p in names
                ],
                "commonPrefixes": [],
                "nextContinuationToken": token,
                "hasMore": more,
                "count": len(names),
            }
        )


def tokens_sent(server: RecordingServer) -> list[str | None]:
    return [dict(r.query_params).get("continuation_token") for r in server.requests]


# --- authentication ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "token",
    [API_KEY, "edd_live_9a8b7c6d5e4f", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl"],
    ids=["eak-key", "edd-live-key", "jwt"],
)
def test_every_token_kind_is_sent_as_a_bearer_token(
    sdk: ModuleType, http_server: RecordingServer, token: str
) -> None:
    http_server.enqueue(Reply.json(USER_CONFIGS))
    configs = sdk.Eddytor(api_key=token, base_url=http_server.url).storage.configs.list()
    assert configs.configs[0].scheme_type == "S3"
    assert http_server.last_request.header("Authorization") == f"Bearer {token}"


def test_the_api_key_is_read_from_the_environment(
    sdk: ModuleType, http_server: RecordingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDDYTOR_API_KEY", API_KEY)
    monkeypatch.setenv("EDDYTOR_BASE_URL", http_server.url)
    http_server.enqueue(Reply.json(USER_CONFIGS))
    sdk.Eddytor().storage.configs.list()
    assert http_server.last_request.header("Authorization") == f"Bearer {API_KEY}"


# --- multipart upload -------------------------------------------------------------------


def test_several_files_upload_as_one_multipart_request(
    sdk: ModuleType, http_server: RecordingServer, tmp_path: Path
) -> None:
    on_disk = tmp_path / "orders.parquet"
    on_disk.write_bytes(b"PAR1\x00\x01binary\xffPAR1")
    http_server.enqueue(Reply.json({}))
    with on_disk.open("rb") as parquet:
        eddytor(sdk, http_server).storage.upload_files(
            path="data/raw/2024/",
            files=[
                b"plain bytes",
                ("prices.csv", b"sku,price\nA1,9.5\n", "text/csv"),
                ("orders.parquet", parquet),
            ],
        )
    request = http_server.last_request
    assert (request.method, request.path) == ("POST", "/v1/storages/uploads")
    assert (request.header("Content-Type") or "").startswith("multipart/form-data; boundary=")
    parts = request.multipart()
    assert [(p.name, p.filename) for p in parts] == [
        ("path", None),
        ("files", "upload"),
        ("files", "prices.csv"),
        ("files", "orders.parquet"),
    ]
    assert parts[0].content == b"data/raw/2024/"
    assert [p.content for p in parts[1:]] == [
        b"plain bytes",
        b"sku,price\nA1,9.5\n",
        on_disk.read_bytes(),
    ]
    assert parts[2].content_type == "text/csv"


def test_async_upload_sends_the_same_multipart_body(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({}))

    async def scenario() -> None:
        async with sdk.AsyncEddytor(api_key=API_KEY, base_url=http_server.url) as client:
            await client.storage.upload_files(
                path="in/", files=[("a.csv", b"1\n"), ("b.csv", b"2\n")]
            )

    run_async(scenario)
    parts = http_server.last_request.multipart()
    assert [(p.name, p.filename, p.content) for p in parts] == [
        ("path", None, b"in/"),
        ("files", "a.csv", b"1\n"),
        ("files", "b.csv", b"2\n"),
    ]


def test_an_upload_retried_after_429_sends_every_file_again(
    sdk: ModuleType, http_server: RecordingServer, tmp_path: Path
) -> None:
    on_disk = tmp_path / "big.csv"
    on_disk.write_bytes(b"id\n" + b"1\n" * 5000)
    http_server.enqueue(
        api_error(429, "Too Many Requests", "Slow down", {"Retry-After": "0"}), Reply.json({})
    )
    with on_disk.open("rb") as big:
        eddytor(sdk, http_server).storage.upload_files(
            path="in/", files=[("big.csv", big), ("small.csv", b"x\n")], idempotency_key="upload-1"
        )
    first, second = http_server.requests
    assert [p.content for p in second.multipart()] == [p.content for p in first.multipart()]
    assert second.multipart()[1].content == on_disk.read_bytes()
    assert first.header("Idempotency-Key") == second.header("Idempotency-Key") == "upload-1"


# --- download ---------------------------------------------------------------------------


def test_download_streams_to_a_file_as_the_bytes_arrive(
    sdk: ModuleType, http_server: RecordingServer, tmp_path: Path
) -> None:
    pieces = [bytes([n]) * 100_000 for n in range(3)]
    http_server.enqueue(
        Reply(
            headers=(("Content-Type", "application/octet-stream"),),
            chunks=tuple(pieces),
            chunk_delay=0.4,
        )
    )
    started = time.monotonic()
    with eddytor(sdk, http_server).storage.configs.objects.download_or_preview(
        CONFIG, path="raw/blob.bin"
    ) as download:
        first_piece_at = None
        received = bytearray()
        for piece in download.iter_bytes():
            first_piece_at = first_piece_at or time.monotonic() - started
            received += piece
    finished_at = time.monotonic() - started
    assert bytes(received) == b"".join(pieces)
    # The first piece is in hand while the server is still sending (it pauses 0.4 s
    # between chunks): the body is streamed, not buffered whole.
    assert first_piece_at is not None and first_piece_at < finished_at - 0.5
    request = http_server.last_request
    assert (request.path, dict(request.query_params)) == (
        f"{OBJECTS}/download",
        {"path": "raw/blob.bin"},
    )
    assert request.header("Authorization") == f"Bearer {API_KEY}"


def test_download_writes_the_body_to_a_file(
    sdk: ModuleType, http_server: RecordingServer, tmp_path: Path
) -> None:
    body = bytes(range(256)) * 1000
    http_server.enqueue(
        Reply(
            headers=(("Content-Type", "application/octet-stream"),),
            chunks=(body[:1000], body[1000:]),
        )
    )
    target = tmp_path / "copy.bin"
    with eddytor(sdk, http_server).storage.configs.objects.download_or_preview(
        CONFIG, path="a.bin", inline=False
    ) as download:
        assert download.status_code == 200
        download.write_to_file(target)
    assert target.read_bytes() == body
    assert dict(http_server.last_request.query_params) == {"path": "a.bin", "inline": "false"}


def test_async_download_writes_the_body_to_a_file(
    sdk: ModuleType, http_server: RecordingServer, tmp_path: Path
) -> None:
    body = b"\x89PNG" + bytes(range(256)) * 500
    http_server.enqueue(
        Reply(headers=(("Content-Type", "image/png"),), chunks=(body[:300], body[300:]))
    )
    target = tmp_path / "preview.png"

    async def scenario() -> None:
        async with sdk.AsyncEddytor(api_key=API_KEY, base_url=http_server.url) as client:
            download = await client.storage.configs.objects.download_or_preview(
                CONFIG, path="p.png", inline=True
            )
            async with download:
                await download.write_to_file(target)

    run_async(scenario)
    assert target.read_bytes() == body


# --- continuation-token pagination ------------------------------------------------------


def test_objects_iterate_across_pages_by_continuation_token(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(FakeObjectStore(count=5).answer)
    entries = list(
        eddytor(sdk, http_server).storage.configs.objects.list(CONFIG, path="raw/", limit=2)
    )
    assert [e.name for e in entries] == [f"file{n}.csv" for n in range(5)]
    assert entries[0].last_modified == "2024-05-01T12:00:00Z" and entries[0].is_directory is False
    assert tokens_sent(http_server) == [None, "after-2", "after-4"]
    assert all(dict(r.query_params)["path"] == "raw/" for r in http_server.requests)


def test_has_more_false_ends_the_listing_even_with_a_token(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(FakeObjectStore(count=4, stale_token=True).answer)
    entries = list(eddytor(sdk, http_server).storage.configs.objects.list(CONFIG, limit=2))
    assert len(entries) == 4 and tokens_sent(http_server) == [None, "after-2"]


def test_one_page_of_objects_keeps_its_token(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(FakeObjectStore(count=5).answer)
    page = eddytor(sdk, http_server).storage.configs.objects.list(CONFIG, limit=2)
    assert isinstance(page.body, sdk.models.ListObjectsResponse)
    assert [e.name for e in page.items] == ["file0.csv", "file1.csv"]
    assert page.body.next_continuation_token == "after-2" and page.body.has_more
    assert page.next_page_query() == {"limit": 2, "continuation_token": "after-2"}
    assert [e.name for e in page.get_next_page().items] == ["file2.csv", "file3.csv"]
    assert tokens_sent(http_server) == [None, "after-2"]


def test_async_objects_iterate_across_pages(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(FakeObjectStore(count=3).answer)

    async def scenario() -> list[str]:
        async with sdk.AsyncEddytor(api_key=API_KEY, base_url=http_server.url) as client:
            page = await client.storage.configs.objects.list(CONFIG, limit=1)
            return [e.path async for e in page]

    assert run_async(scenario) == ["raw/file0.csv", "raw/file1.csv", "raw/file2.csv"]
    assert tokens_sent(http_server) == [None, "after-1", "after-2"]


# --- errors and rate limits -------------------------------------------------------------


def test_error_bodies_give_the_message_and_parse_as_error_response(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(
        api_error(404, "Not Found", f"Storage configuration {CONFIG} not found"),
        api_error(500, "Internal Server Error", "An unexpected error occurred"),
    )
    client = eddytor(sdk, http_server, max_retries=0)
    with pytest.raises(sdk.NotFoundError) as missing:
        client.storage.configs.delete(CONFIG)
    assert str(missing.value).endswith(f"Storage configuration {CONFIG} not found")
    parsed = sdk.models.ErrorResponse.model_validate(missing.value.body)
    assert (parsed.status_code, parsed.error) == (404, "Not Found")
    with pytest.raises(sdk.InternalServerError) as failed:
        client.storage.configs.list()
    assert failed.value.status_code == 500 and "An unexpected error occurred" in str(failed.value)
    assert API_KEY not in str(missing.value) + str(failed.value)


def test_429_is_retried_after_retry_after_seconds(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(
        api_error(429, "Too Many Requests", "Rate limit exceeded", {"Retry-After": "1"}),
        Reply.json(USER_CONFIGS),
    )
    started = time.monotonic()
    configs = eddytor(sdk, http_server).storage.configs.list()
    waited = time.monotonic() - started
    assert configs.configs[0].name == "lake" and len(http_server.requests) == 2
    assert 1.0 <= waited < 3.0


def test_async_429_is_retried_after_retry_after_seconds(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(
        api_error(429, "Too Many Requests", "Rate limit exceeded", {"Retry-After": "1"}),
        Reply.json(USER_CONFIGS),
    )

    async def scenario() -> float:
        async with sdk.AsyncEddytor(api_key=API_KEY, base_url=http_server.url) as client:
            started = time.monotonic()
            await client.storage.configs.list()
            return time.monotonic() - started

    assert 1.0 <= run_async(scenario) < 3.0
    assert len(http_server.requests) == 2


def test_429_past_the_retry_budget_raises_rate_limit_error(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    limited = api_error(429, "Too Many Requests", "Rate limit exceeded", {"Retry-After": "0"})
    http_server.enqueue(limited, limited)
    with pytest.raises(sdk.RateLimitError) as caught:
        eddytor(sdk, http_server, max_retries=1).storage.configs.list()
    assert caught.value.body["message"] == "Rate limit exceeded" and len(http_server.requests) == 2


# --- webhooks ---------------------------------------------------------------------------

SECRET = "whsec_test_secret"


def captured_event_names() -> set[str]:
    text = CAPTURE.read_text(encoding="utf-8")
    start = text.index("Webhook Events")
    section = text[start : text.index(" --- ", start)]
    return set(re.findall(r"### ([a-z_]+\.[a-z_]+) Fired", section))


def deliver(
    server: RecordingServer, event: dict[str, Any], secret: str = SECRET
) -> RecordedRequest:
    """POSTs a webhook signed as Eddytor's SDK expects (hex HMAC-SHA256 of the raw body)
    to the server, and returns it as received."""
    body = json.dumps(event, separators=(",", ":")).encode()
    signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    server.enqueue(Reply())
    httpx.post(
        server.url + "/hooks/eddytor",
        content=body,
        headers={"Content-Type": "application/json", "X-Eddytor-Signature": signature},
    )
    return server.last_request


def test_webhook_event_names_are_the_captures_events(hooks: ModuleType) -> None:
    assert set(get_args(hooks.WebhookEvent)) == captured_event_names()
    assert len(captured_event_names()) == 5


def test_a_received_webhook_verifies_and_decodes(
    hooks: ModuleType, http_server: RecordingServer
) -> None:
    event = {"event": "row.batch_inserted", "table": "main.sales.orders", "rows": 120}
    received = deliver(http_server, event)
    assert hooks.unwrap(received.body, dict(received.headers), SECRET) == event
    hooks.verify_signature(received.body, received.header("X-Eddytor-Signature"), SECRET)


def test_a_tampered_or_unsigned_webhook_is_rejected(
    hooks: ModuleType, http_server: RecordingServer
) -> None:
    received = deliver(http_server, {"event": "apikey.revoked", "id": "key-1"})
    headers = dict(received.headers)
    with pytest.raises(hooks.WebhookVerificationError):
        hooks.unwrap(received.body.replace(b"key-1", b"key-2"), headers, SECRET)
    with pytest.raises(hooks.WebhookVerificationError):
        hooks.unwrap(received.body, headers, "another secret")
    unsigned = {k: v for k, v in headers.items() if k.lower() != "x-eddytor-signature"}
    with pytest.raises(hooks.WebhookVerificationError):
        hooks.unwrap(received.body, unsigned, SECRET)


def test_the_webhook_helpers_are_public(sdk: ModuleType) -> None:
    exported = [getattr(sdk, name) for name in sdk.__all__]
    assert any(getattr(value, "__module__", "") == "eddytor._webhooks" for value in exported)
    assert "webhook" in (GENERATED / "eddytor" / "README.md").read_text("utf-8").lower()


# --- the package ------------------------------------------------------------------------


def test_client_offers_the_70_operations_and_the_90_schemas(sdk: ModuleType) -> None:
    with sdk.Eddytor(base_url="http://127.0.0.1:9") as client:
        routes = client_routes(client)
    assert sorted(routes.values()) == spec_routes("eddytor")
    assert len(routes) == 70
    text = CAPTURE.read_text(encoding="utf-8")
    schemas = re.findall(r"### (\w+) ", text[text.index("## Schemas") :])
    assert len(set(schemas)) == 90
    # Class names are Python's spelling of the schema names (`AIAction` -> `AiAction`).
    classes = {name.lower(): name for name in sdk.models.__all__}
    for schema in schemas:
        assert isinstance(getattr(sdk.models, classes[schema.lower()]), type), schema


def test_package_imports_and_passes_mypy_strict(tmp_path: Path, mypy_cache: Path) -> None:
    assert_package_is_sound("eddytor", "Eddytor", tmp_path, mypy_cache)
