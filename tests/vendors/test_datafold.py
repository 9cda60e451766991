"""The Datafold SDK against a real HTTP server: the API key in `Authorization`, page /
page_size and limit / offset listings, and FastAPI operationIds turned into short method
names."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

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

API_KEY = "dfk_0123456789"
# A FastAPI operationId is the function name, then the path and the method:
# `list_datadiffs_api_v1_datadiffs_get`.
FASTAPI_SUFFIX = re.compile(r"_api_(v1|internal)_.*_(get|post|put|patch|delete)$")
PLAIN_VERBS = {"list", "create", "retrieve", "update", "delete"}


@pytest.fixture(scope="module")
def sdk() -> ModuleType:
    return vendor_sdk("datafold")


def datafold(sdk: ModuleType, server: RecordingServer) -> Any:
    return sdk.Datafold(api_key=API_KEY, base_url=server.url)


@dataclass
class FakeListing:
    """`count` records, paged as Datafold's reference shows: `page` (from 1) and
    `page_size` in, `{count, page, page_size, total_pages, <items>}` out; or `limit` and
    `offset` in and a bare array out."""

    count: int
    items: str = "results"

    def by_page(self, request: RecordedRequest) -> Reply:
        query = dict(request.query_params)
        page, size = int(query["page"]), int(query["page_size"])
        records = [{"id": n} for n in range(1, self.count + 1)][(page - 1) * size : page * size]
        total_pages = -(-self.count // size)
        return Reply.json(
            {
                "count": self.count,
                "page": page,
                "page_size": size,
                "total_pages": total_pages,
                self.items: records,
            }
        )

    def by_offset(self, request: RecordedRequest) -> Reply:
        query = dict(request.query_params)
        offset, limit = int(query["offset"]), int(query["limit"])
        return Reply.json(
            [{"id": n, "status": "done"} for n in range(1, self.count + 1)][offset : offset + limit]
        )


def sent(server: RecordingServer, *names: str) -> list[tuple[str, ...]]:
    return [tuple(dict(r.query_params)[n] for n in names) for r in server.requests]


def test_the_api_key_goes_in_the_authorization_header(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json([{"id": 1, "name": "warehouse"}]))
    assert datafold(sdk, http_server).data_sources.list() == [{"id": 1, "name": "warehouse"}]
    request = http_server.last_request
    assert (request.method, request.path) == ("GET", "/api/v1/data_sources")
    assert request.header("Authorization") == f"Key {API_KEY}"


def test_data_diffs_iterate_across_pages(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(FakeListing(count=5).by_page)
    diffs = list(datafold(sdk, http_server).data_diffs.list(page_size=2))
    assert [d["id"] for d in diffs] == [1, 2, 3, 4, 5]
    assert sent(http_server, "page", "page_size") == [("1", "2"), ("2", "2"), ("3", "2")]
    assert {dict(r.query_params)["sort_order"] for r in http_server.requests} == {"asc"}


def test_one_page_of_data_diffs_is_typed(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(FakeListing(count=5).by_page)
    page = datafold(sdk, http_server).data_diffs.list(page=3, page_size=2)
    body = page.body
    assert isinstance(body, sdk.models.DataDiffPage)
    assert (body.count, body.page, body.page_size, page.items) == (5, 3, 2, [{"id": 5}])
    assert len(http_server.requests) == 1


def test_async_monitor_runs_iterate_across_pages(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(FakeListing(count=3, items="runs").by_page)

    async def scenario() -> list[int]:
        async with sdk.AsyncDatafold(api_key=API_KEY, base_url=http_server.url) as client:
            return [run["id"] async for run in await client.monitors.runs.list(42, page_size=2)]

    assert run_async(scenario) == [1, 2, 3]
    assert {r.path for r in http_server.requests} == {"/api/v1/monitors/42/runs"}
    assert sent(http_server, "page", "page_size") == [("1", "2"), ("2", "2")]


def test_ci_runs_take_limit_and_offset(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(FakeListing(count=5).by_offset)
    client = datafold(sdk, http_server)
    assert [run.to_dict() for run in client.ci.runs.list(7, limit=2, offset=2).items] == [
        {"id": 3, "status": "done"},
        {"id": 4, "status": "done"},
    ]
    assert len(client.ci.runs.list(7, pr_num="12").items) == 5
    assert [r.path for r in http_server.requests] == ["/api/v1/ci/7/runs"] * 2
    assert sent(http_server, "limit", "offset") == [("2", "2"), ("100", "0")]
    assert dict(http_server.last_request.query_params)["pr_num"] == "12"


def test_ci_runs_iterate_by_limit_and_offset(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(FakeListing(count=5).by_offset)
    runs = list(datafold(sdk, http_server).ci.runs.list(7, limit=2))
    assert [run.to_dict()["id"] for run in runs] == [1, 2, 3, 4, 5]
    assert sent(http_server, "limit", "offset") == [("2", "0"), ("2", "2"), ("2", "4")]


def test_fastapi_operation_ids_become_short_method_names(sdk: ModuleType) -> None:
    """Each method is a plain verb, or the FastAPI function name at most, less any words
    its resource says."""
    document = json.loads((GENERATED / "datafold" / "openapi.json").read_text("utf-8"))
    with sdk.Datafold(base_url="http://127.0.0.1:9") as client:
        name_of = {route: name for name, route in client_routes(client).items()}
    checked = 0
    for path, item in document["paths"].items():
        for method, operation in item.items():
            operation_id = operation["operationId"]
            assert FASTAPI_SUFFIX.search(operation_id), operation_id
            function = FASTAPI_SUFFIX.sub("", operation_id)
            method_name = name_of[(method.upper(), path)].rsplit(".", 1)[1]
            if method_name not in PLAIN_VERBS:
                # A GET answering a list says `list` where its function says `get`.
                assert set(method_name.split("_")) - {"list"} <= set(function.split("_")), (
                    method_name,
                    operation_id,
                )
            checked += 1
    assert checked == len(spec_routes("datafold"))
    assert name_of[("GET", "/api/v1/datadiffs")] == "data_diffs.list"
    assert name_of[("GET", "/api/v1/monitors/{id}/runs")] == "monitors.runs.list"
    assert name_of[("GET", "/api/v1/ci/{ci_config_id}/runs")] == "ci.runs.list"
    assert name_of[("GET", "/api/v1/monitors/{id}")] == "monitors.retrieve"
    assert (
        name_of[("GET", "/api/v1/data_sources/{data_source_id}/summary")]
        == "data_sources.get_summary"
    )


def test_short_names_reach_their_routes(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(lambda request: Reply.json({"ok": True}))
    client = datafold(sdk, http_server)
    client.data_sources.get_summary(3)
    client.monitors.start_run(9)
    client.bi.resync_integration(4)
    client.explore.db_table_upstreams(1, "db.schema.orders", max_depth=2)
    assert [(r.method, r.path) for r in http_server.requests] == [
        ("GET", "/api/v1/data_sources/3/summary"),
        ("POST", "/api/v1/monitors/9/run"),
        ("GET", "/api/v1/lineage/bi/4/sync/"),
        ("GET", "/api/v1/explore/db/1/tables/db.schema.orders/upstreams"),
    ]


def test_client_offers_every_operation_of_the_spec_and_at_least_35(sdk: ModuleType) -> None:
    with sdk.Datafold(base_url="http://127.0.0.1:9") as client:
        routes = client_routes(client)
    assert sorted(routes.values()) == spec_routes("datafold")
    assert len(routes) >= 35


def test_package_imports_and_passes_mypy_strict(tmp_path: Path, mypy_cache: Path) -> None:
    assert_package_is_sound("datafold", "Datafold", tmp_path, mypy_cache)
