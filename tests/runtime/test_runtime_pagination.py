"""Each pagination style walks a real server's listing to its end, and no further, on
both clients; a paginated call returns its first page, which knows its own body and
items and fetches the next."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any, Literal
from urllib.parse import parse_qs

import pytest

from tests.support.http_server import RecordedRequest, RecordingServer, Reply

PETS: list[dict[str, Any]] = [{"id": n, "name": f"pet-{n}"} for n in range(1, 8)]
Flavour = Literal["sync", "async"]
FLAVOURS: tuple[Flavour, ...] = ("sync", "async")


def _params(request: RecordedRequest) -> dict[str, str]:
    return {name: values[-1] for name, values in parse_qs(request.query).items()}


def _names(pets: Iterable[Any]) -> list[str]:
    return [pet.name for pet in pets]


def _offset_server(page_cap: int = 100, total: bool = False) -> Callable[[RecordedRequest], Reply]:
    def handle(request: RecordedRequest) -> Reply:
        params = _params(request)
        offset = int(params.get("offset", 0))
        limit = min(int(params.get("limit", 3)), page_cap)
        page: dict[str, Any] = {"items": PETS[offset : offset + limit]}
        if total:
            page["total"] = len(PETS)
        return Reply.json(page)

    return handle


def _walk(
    sdk: ModuleType,
    server: RecordingServer,
    flavour: Flavour,
    page: str,
    strategy: Any,
    path: str = "/pets",
    body_type: Any = Any,
    **args: Any,
) -> list[Any]:
    """Every item of a listing read through `SyncAPIClient.paginate` (`for`) or
    `AsyncAPIClient.paginate` (`async for`), with page class `Sync<page>` or `Async<page>`."""
    arguments = {"item_type": sdk.Pet, "body_type": body_type, **args}
    if flavour == "sync":
        page_type = getattr(sdk, f"Sync{page}")[sdk.Pet, body_type]
        with sdk.SyncAPIClient(base_url=server.url) as client:
            return list(client.paginate(page_type, strategy, "GET", path, **arguments))

    async def main() -> list[Any]:
        page_type = getattr(sdk, f"Async{page}")[sdk.Pet, body_type]
        async with sdk.AsyncAPIClient(base_url=server.url) as client:
            first = await client.paginate(page_type, strategy, "GET", path, **arguments)
            return [item async for item in first]

    return asyncio.run(main())


# -- offset ----------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_offset_pagination_stops_on_a_short_page(
    sdk: ModuleType, http_server: RecordingServer, flavour: Flavour
) -> None:
    http_server.set_handler(_offset_server())
    strategy = sdk.OffsetPagination("offset", "limit", items="items")
    pets = _walk(sdk, http_server, flavour, "OffsetPage", strategy, query={"limit": 3})
    assert _names(pets) == [p["name"] for p in PETS]
    assert all(isinstance(pet, sdk.Pet) for pet in pets)
    assert [r.query for r in http_server.requests] == [
        "limit=3",
        "limit=3&offset=3",
        "limit=3&offset=6",
    ]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_offset_pagination_uses_the_total_and_asks_no_page_too_many(
    sdk: ModuleType, http_server: RecordingServer, flavour: Flavour
) -> None:
    """7 items in pages of 7: the first page is full, but its `total` says it is the last
    (without it, an empty page would be fetched to learn so)."""
    http_server.set_handler(_offset_server(total=True))
    strategy = sdk.OffsetPagination("offset", "limit", items="items", total="total")
    pets = _walk(sdk, http_server, flavour, "OffsetPage", strategy, query={"limit": 7})
    assert len(pets) == len(PETS)
    assert [r.query for r in http_server.requests] == ["limit=7"]


def test_without_a_total_a_full_last_page_costs_one_more_request(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(_offset_server())
    strategy = sdk.OffsetPagination("offset", "limit", items="items")
    assert len(_walk(sdk, http_server, "sync", "OffsetPage", strategy, query={"limit": 7})) == 7
    assert [r.query for r in http_server.requests] == ["limit=7", "limit=7&offset=7"]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_offset_pagination_survives_a_server_capping_page_size(
    sdk: ModuleType, http_server: RecordingServer, flavour: Flavour
) -> None:
    http_server.set_handler(_offset_server(page_cap=2))
    strategy = sdk.OffsetPagination("offset", "limit", items="items")
    pets = _walk(sdk, http_server, flavour, "OffsetPage", strategy, query={"limit": 10})
    assert len(pets) == len(PETS)
    assert len(http_server.requests) == 4


def test_offset_pagination_without_a_limit_learns_the_page_size(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(_offset_server())
    with sdk.Petstore(base_url=http_server.url) as client:
        assert len(list(client.pets.list())) == len(PETS)
    assert len(http_server.requests) == 3


# -- the page object -------------------------------------------------------------------


def test_a_call_fetches_the_first_page_and_iteration_the_rest(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(_offset_server())
    with sdk.Petstore(base_url=http_server.url) as client:
        page = client.pets.list(limit=3)
        assert len(http_server.requests) == 1
        assert _names(itertools.islice(page, 4)) == ["pet-1", "pet-2", "pet-3", "pet-4"]
    assert len(http_server.requests) == 2


def test_a_page_has_its_body_items_and_the_way_to_the_next(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(_offset_server(total=True))
    with sdk.Petstore(base_url=http_server.url) as client:
        first = client.pets.list(limit=3)
        assert isinstance(first, sdk.SyncOffsetPage)
        assert isinstance(first.body, sdk.PetPage) and first.body.total == len(PETS)
        assert _names(first.items) == ["pet-1", "pet-2", "pet-3"]
        assert first.has_next_page()
        assert first.next_page_query() == {"limit": 3, "offset": 3}
        second = first.get_next_page()
        assert type(second) is type(first)
        assert _names(second.items) == ["pet-4", "pet-5", "pet-6"]
        # Iterating a later page starts there; the first page stays as it was.
        assert _names(second) == [p["name"] for p in PETS[3:]]
        assert [len(p.items) for p in first.iter_pages()] == [3, 3, 1]
        last = second.get_next_page()
        assert not last.has_next_page() and last.next_page_query() is None
        with pytest.raises(RuntimeError, match="has_next_page"):
            last.get_next_page()


def test_an_async_page_fetches_the_next_when_awaited(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(_offset_server())

    async def main() -> None:
        async with sdk.AsyncPetstore(base_url=http_server.url) as client:
            first = await client.pets.list(limit=3)
            assert isinstance(first, sdk.AsyncOffsetPage)
            assert _names(first.items) == ["pet-1", "pet-2", "pet-3"]
            assert isinstance(first.body, sdk.PetPage)
            second = await first.get_next_page()
            assert _names(second.items) == ["pet-4", "pet-5", "pet-6"]
            assert [len(p.items) async for p in first.iter_pages()] == [3, 3, 1]
            assert _names([pet async for pet in second]) == [p["name"] for p in PETS[3:]]

    asyncio.run(main())


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_the_raw_response_of_a_listing_parses_into_its_first_page(
    sdk: ModuleType, http_server: RecordingServer, flavour: Flavour
) -> None:
    http_server.set_handler(_offset_server())
    if flavour == "sync":
        with sdk.Petstore(base_url=http_server.url) as client:
            response = client.pets.with_raw_response.list(limit=3)
            assert response.status_code == 200
            page = response.parse()
            assert _names(page.items) == ["pet-1", "pet-2", "pet-3"]
            assert len(list(page)) == len(PETS)
    else:

        async def main() -> None:
            async with sdk.AsyncPetstore(base_url=http_server.url) as client:
                response = await client.pets.with_raw_response.list(limit=3)
                page = response.parse()
                assert len([pet async for pet in page]) == len(PETS)

        asyncio.run(main())
    assert len(http_server.requests) == 3


# -- page numbers, cursors, ids -----------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_page_pagination_counts_pages_inside_an_envelope(
    sdk: ModuleType, http_server: RecordingServer, flavour: Flavour
) -> None:
    def handle(request: RecordedRequest) -> Reply:
        params = _params(request)
        page, size = int(params.get("page", 1)), int(params["per_page"])
        rows = PETS[(page - 1) * size : page * size]
        return Reply.json({"status": "ok", "results": {"data": {"rows": rows}}})

    http_server.set_handler(handle)
    strategy = sdk.PagePagination("page", "per_page", items="data.rows")
    pets = _walk(
        sdk,
        http_server,
        flavour,
        "PageNumberPage",
        strategy,
        "/owners/{owner}/pets",
        path_params={"owner": "a b"},
        query={"per_page": 4},
        envelope="results",
    )
    assert _names(pets) == [p["name"] for p in PETS]
    # The first page is asked for by number: some APIs answer "no page" with everything.
    assert [r.query for r in http_server.requests] == ["per_page=4&page=1", "per_page=4&page=2"]
    assert {r.path for r in http_server.requests} == {"/owners/a%20b/pets"}


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_page_pagination_stops_at_the_page_count_the_page_gives(
    sdk: ModuleType, http_server: RecordingServer, flavour: Flavour
) -> None:
    def handle(request: RecordedRequest) -> Reply:
        page = int(_params(request)["page"])
        rows = PETS[(page - 1) * 4 : page * 4] if page <= 2 else PETS[:4]
        return Reply.json({"data": rows, "pagination": {"totalPageCount": 2.0}})

    http_server.set_handler(handle)
    strategy = sdk.PagePagination(
        "page", "size", items="data", total_pages="pagination.totalPageCount"
    )
    pets = _walk(sdk, http_server, flavour, "PageNumberPage", strategy, query={"size": 4})
    assert len(pets) == len(PETS)
    assert [r.query for r in http_server.requests] == ["size=4&page=1", "size=4&page=2"]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_cursor_pagination_follows_cursors_until_has_more_is_false(
    sdk: ModuleType, http_server: RecordingServer, flavour: Flavour
) -> None:
    def handle(request: RecordedRequest) -> Reply:
        start = int(_params(request).get("after", "0"))
        rows = PETS[start : start + 3]
        more = start + 3 < len(PETS)
        return Reply.json({"results": rows, "meta": {"next": str(start + 3)}, "has_more": more})

    http_server.set_handler(handle)
    strategy = sdk.CursorPagination("after", "meta.next", "has_more", "results")
    pets = _walk(sdk, http_server, flavour, "CursorPage", strategy)
    assert len(pets) == len(PETS)
    assert [r.query for r in http_server.requests] == ["", "after=3", "after=6"]


@pytest.mark.parametrize("last_cursor", [None, ""])
@pytest.mark.parametrize("flavour", FLAVOURS)
def test_cursor_pagination_stops_when_the_cursor_runs_out(
    sdk: ModuleType, http_server: RecordingServer, last_cursor: str | None, flavour: Flavour
) -> None:
    http_server.enqueue(
        Reply.json({"data": PETS[:2], "next": "c2"}),
        Reply.json({"data": PETS[2:4], "next": last_cursor}),
    )
    strategy = sdk.CursorPagination("cursor", "next", items="data")
    pets = _walk(sdk, http_server, flavour, "CursorPage", strategy)
    assert _names(pets) == ["pet-1", "pet-2", "pet-3", "pet-4"]
    assert len(http_server.requests) == 2


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_repeated_cursor_ends_the_listing(
    sdk: ModuleType, http_server: RecordingServer, flavour: Flavour
) -> None:
    http_server.set_handler(lambda request: Reply.json({"data": PETS[:2], "next": "same"}))
    strategy = sdk.CursorPagination("cursor", "next", items="data")
    pets = _walk(sdk, http_server, flavour, "CursorPage", strategy)
    # The second page repeats the first one's items, so it is not yielded again.
    assert _names(pets) == ["pet-1", "pet-2"]
    assert [r.query for r in http_server.requests] == ["", "cursor=same"]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_start_pagination_continues_after_the_last_id(
    sdk: ModuleType, http_server: RecordingServer, flavour: Flavour
) -> None:
    def handle(request: RecordedRequest) -> Reply:
        params = _params(request)
        start, limit = int(params.get("start", 1)), int(params["limit"])
        return Reply.json([pet for pet in PETS if pet["id"] >= start][:limit])

    http_server.set_handler(handle)
    strategy = sdk.StartPagination("start", "limit", "id")
    pets = _walk(sdk, http_server, flavour, "StartPage", strategy, query={"limit": 3})
    assert [pet.id for pet in pets] == list(range(1, 8))
    assert [r.query for r in http_server.requests] == [
        "limit=3",
        "limit=3&start=4",
        "limit=3&start=7",
    ]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_start_pagination_walks_down_from_the_newest_with_an_end(
    sdk: ModuleType, http_server: RecordingServer, flavour: Flavour
) -> None:
    newest_first = PETS[::-1]

    def handle(request: RecordedRequest) -> Reply:
        params = _params(request)
        end, limit = int(params.get("end", 99)), int(params["limit"])
        return Reply.json({"results": [p for p in newest_first if p["id"] <= end][:limit]})

    http_server.set_handler(handle)
    strategy = sdk.StartPagination("start", "limit", "id", items="results", end_param="end")
    pets = _walk(sdk, http_server, flavour, "StartPage", strategy, query={"limit": 3})
    assert [pet.id for pet in pets] == list(range(7, 0, -1))
    assert [r.query for r in http_server.requests] == ["limit=3", "limit=3&end=4", "limit=3&end=1"]


# -- pages that are not pages ------------------------------------------------------------


def test_an_empty_first_page_is_the_whole_listing(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"items": []}))
    with sdk.Petstore(base_url=http_server.url) as client:
        page = client.pets.list(limit=5)
        assert list(page) == [] and not page.has_next_page()
    assert len(http_server.requests) == 1


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_page_without_its_items_is_a_validation_error(
    sdk: ModuleType, http_server: RecordingServer, flavour: Flavour
) -> None:
    """A page that lost its list does not end the listing as if it were the last."""
    http_server.enqueue(Reply.json({"items": PETS[:3]}), Reply.json({"total": 7}))
    strategy = sdk.OffsetPagination("offset", "limit", items="items")
    with pytest.raises(sdk.APIResponseValidationError, match="no `items`"):
        _walk(sdk, http_server, flavour, "OffsetPage", strategy, query={"limit": 3})
    assert len(http_server.requests) == 2


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("page_number", [1.5, "second"])
def test_a_page_that_cannot_tell_the_next_is_still_the_answer(
    sdk: ModuleType, http_server: RecordingServer, flavour: Flavour, page_number: object
) -> None:
    """A page number the caller typed as the spec allows (`number`) but no page has: the
    first page comes back; asking for the next says why it cannot, never ends silently."""
    http_server.set_handler(lambda request: Reply.json({"data": PETS[:2]}))
    strategy = sdk.PagePagination("page", "size", items="data")
    args = {"item_type": sdk.Pet, "body_type": Any, "query": {"page": page_number}}

    def check(page: Any) -> None:
        assert _names(page.items) == ["pet-1", "pet-2"]
        with pytest.raises(ValueError, match="cannot ask for the page after this one"):
            page.has_next_page()

    if flavour == "sync":
        with sdk.SyncAPIClient(base_url=http_server.url) as client:
            page = client.paginate(sdk.SyncPageNumberPage, strategy, "GET", "/pets", **args)
            check(page)
            with pytest.raises(ValueError, match=repr(page_number)):
                page.get_next_page()
            with pytest.raises(ValueError):
                list(page)
    else:

        async def main() -> None:
            async with sdk.AsyncAPIClient(base_url=http_server.url) as client:
                page = await client.paginate(
                    sdk.AsyncPageNumberPage, strategy, "GET", "/pets", **args
                )
                check(page)
                with pytest.raises(ValueError, match=repr(page_number)):
                    await page.get_next_page()

        asyncio.run(main())
    assert len(http_server.requests) == 1


def test_a_page_whose_items_are_not_a_list_is_a_validation_error(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"items": {"not": "a list"}}))
    with (
        sdk.Petstore(base_url=http_server.url) as client,
        pytest.raises(sdk.APIResponseValidationError, match="items"),
    ):
        client.pets.list()


def test_bad_path_param_fails_before_any_request(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    strategy = sdk.OffsetPagination("offset", "limit")
    with (
        sdk.SyncAPIClient(base_url=http_server.url) as client,
        pytest.raises(ValueError, match="owner"),
    ):
        client.paginate(
            sdk.SyncOffsetPage[sdk.Pet, Any],
            strategy,
            "GET",
            "/owners/{owner}/pets",
            item_type=sdk.Pet,
            body_type=Any,
            path_params={"owner": ""},
        )
    assert http_server.requests == []
