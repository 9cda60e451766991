"""Each pagination style walks a real server's listing to its end, and no further."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs

import pytest

from tests.support.http_server import RecordedRequest, RecordingServer, Reply

PETS: list[dict[str, Any]] = [{"id": n, "name": f"pet-{n}"} for n in range(1, 8)]


def _params(request: RecordedRequest) -> dict[str, str]:
    return {name: values[-1] for name, values in parse_qs(request.query).items()}


def _names(pets: Iterable[Any]) -> list[str]:
    return [pet.name for pet in pets]


def _offset_server(page_cap: int = 100) -> Callable[[RecordedRequest], Reply]:
    def handle(request: RecordedRequest) -> Reply:
        params = _params(request)
        offset = int(params.get("offset", 0))
        limit = min(int(params.get("limit", 3)), page_cap)
        return Reply.json({"items": PETS[offset : offset + limit], "total": len(PETS)})

    return handle


def test_offset_pagination_stops_on_a_short_page(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(_offset_server())
    with sdk.Petstore(base_url=http_server.url) as client:
        pets = list(client.pets.list(limit=3))
    assert _names(pets) == [p["name"] for p in PETS]
    assert all(isinstance(pet, sdk.Pet) for pet in pets)
    assert [r.query for r in http_server.requests] == [
        "limit=3",
        "limit=3&offset=3",
        "limit=3&offset=6",
    ]


def test_offset_pagination_survives_a_server_capping_page_size(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(_offset_server(page_cap=2))
    with sdk.Petstore(base_url=http_server.url) as client:
        pets = list(client.pets.list(limit=10))
    assert len(pets) == len(PETS)
    assert len(http_server.requests) == 4


def test_offset_pagination_without_a_limit_learns_the_page_size(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(_offset_server())
    with sdk.Petstore(base_url=http_server.url) as client:
        assert len(list(client.pets.list())) == len(PETS)
    assert len(http_server.requests) == 3


def test_pages_are_fetched_lazily(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(_offset_server())
    with sdk.Petstore(base_url=http_server.url) as client:
        listing = client.pets.list(limit=3)
        assert http_server.requests == []
        assert _names(itertools.islice(listing, 4)) == ["pet-1", "pet-2", "pet-3", "pet-4"]
    assert len(http_server.requests) == 2


def test_page_pagination_counts_pages_inside_an_envelope(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    def handle(request: RecordedRequest) -> Reply:
        params = _params(request)
        page, size = int(params.get("page", 1)), int(params["per_page"])
        rows = PETS[(page - 1) * size : page * size]
        return Reply.json({"status": "ok", "results": {"data": {"rows": rows}}})

    http_server.set_handler(handle)
    strategy = sdk.PagePagination("page", "per_page", items="data.rows")
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        pets = client.paginate(
            strategy,
            "GET",
            "/owners/{owner}/pets",
            path_params={"owner": "a b"},
            item_type=sdk.Pet,
            query={"per_page": 4},
            envelope="results",
        )
        assert _names(pets) == [p["name"] for p in PETS]
    # The first page is asked for by number: some APIs answer "no page" with everything.
    assert [r.query for r in http_server.requests] == ["per_page=4&page=1", "per_page=4&page=2"]
    assert {r.path for r in http_server.requests} == {"/owners/a%20b/pets"}


def test_cursor_pagination_follows_cursors_until_has_more_is_false(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    def handle(request: RecordedRequest) -> Reply:
        start = int(_params(request).get("after", "0"))
        rows = PETS[start : start + 3]
        more = start + 3 < len(PETS)
        page = {"results": rows, "meta": {"next": str(start + 3)}, "has_more": more}
        return Reply.json(page)

    http_server.set_handler(handle)
    strategy = sdk.CursorPagination("after", "meta.next", "has_more", "results")
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        pets = list(client.paginate(strategy, "GET", "/pets", item_type=sdk.Pet))
    assert len(pets) == len(PETS)
    assert [r.query for r in http_server.requests] == ["", "after=3", "after=6"]


@pytest.mark.parametrize("last_cursor", [None, ""])
def test_cursor_pagination_stops_when_the_cursor_runs_out(
    sdk: ModuleType, http_server: RecordingServer, last_cursor: str | None
) -> None:
    http_server.enqueue(
        Reply.json({"data": PETS[:2], "next": "c2"}),
        Reply.json({"data": PETS[2:4], "next": last_cursor}),
    )
    strategy = sdk.CursorPagination("cursor", "next", items="data")
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        pets = list(client.paginate(strategy, "GET", "/pets", item_type=sdk.Pet))
    assert _names(pets) == ["pet-1", "pet-2", "pet-3", "pet-4"]
    assert len(http_server.requests) == 2


def test_a_repeated_cursor_ends_the_listing(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(lambda request: Reply.json({"data": PETS[:2], "next": "same"}))
    strategy = sdk.CursorPagination("cursor", "next", items="data")
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        pets = list(client.paginate(strategy, "GET", "/pets", item_type=sdk.Pet))
    # The second page repeats the first one's items, so it is not yielded again.
    assert _names(pets) == ["pet-1", "pet-2"]
    assert [r.query for r in http_server.requests] == ["", "cursor=same"]


def test_start_pagination_continues_after_the_last_id(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    def handle(request: RecordedRequest) -> Reply:
        params = _params(request)
        start, limit = int(params.get("start", 1)), int(params["limit"])
        return Reply.json([pet for pet in PETS if pet["id"] >= start][:limit])

    http_server.set_handler(handle)
    strategy = sdk.StartPagination("start", "limit", "id")
    with sdk.SyncAPIClient(base_url=http_server.url) as client:
        pets = client.paginate(strategy, "GET", "/pets", item_type=sdk.Pet, query={"limit": 3})
        assert [pet.id for pet in pets] == list(range(1, 8))
    assert [r.query for r in http_server.requests] == [
        "limit=3",
        "limit=3&start=4",
        "limit=3&start=7",
    ]


def test_an_empty_first_page_is_the_whole_listing(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"items": []}))
    with sdk.Petstore(base_url=http_server.url) as client:
        assert list(client.pets.list(limit=5)) == []
    assert len(http_server.requests) == 1


def test_a_page_without_a_list_is_a_validation_error(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"items": {"not": "a list"}}))
    with (
        sdk.Petstore(base_url=http_server.url) as client,
        pytest.raises(sdk.APIResponseValidationError, match="items"),
    ):
        list(client.pets.list())


def test_bad_path_param_fails_at_the_call_not_at_iteration(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    strategy = sdk.OffsetPagination("offset", "limit")
    with (
        sdk.SyncAPIClient(base_url=http_server.url) as client,
        pytest.raises(ValueError, match="owner"),
    ):
        client.paginate(
            strategy,
            "GET",
            "/owners/{owner}/pets",
            item_type=sdk.Pet,
            path_params={"owner": ""},
        )
    assert http_server.requests == []
