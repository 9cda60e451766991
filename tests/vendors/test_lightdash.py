"""The Lightdash SDK against a real HTTP server that answers as Lightdash does: an
`ApiKey` personal access token, `{"status": "ok", "results": ...}` bodies, `page` /
`pageSize` listings with `results.pagination`, and `{"status": "error", ...}` errors."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any
from uuid import UUID

import pydantic
import pytest

from tests.support.http_server import RecordedRequest, RecordingServer, Reply
from tests.vendors.conftest import (
    assert_package_is_sound,
    client_routes,
    run_async,
    spec_routes,
    vendor_sdk,
)

TOKEN = "ldpat_0123456789abcdef"
ORGANIZATION = "bc554ded-7e40-44a7-b397-48480793ad03"


@pytest.fixture(scope="module")
def sdk() -> ModuleType:
    return vendor_sdk("lightdash")


def ok(results: object) -> Reply:
    return Reply.json({"status": "ok", "results": results})


def error(status: int, name: str, message: str) -> Reply:
    body = {
        "status": "error",
        "error": {"statusCode": status, "name": name, "message": message, "data": {}},
    }
    return Reply.json(body, status=status)


@dataclass
class FakeLightdash:
    """Members and groups of one organization behind the personal access token. As in
    Lightdash's organization controller, a listing is paginated only when the request
    has both `page` and `pageSize` (`if (pageSize && page)`): pages count from 1 and are
    empty past the last; otherwise every item comes at once, without `pagination`."""

    members: int = 0
    groups: int = 0

    def answer(self, request: RecordedRequest) -> Reply:
        if request.header("Authorization") != f"ApiKey {TOKEN}":
            return error(401, "AuthorizationError", "You are not authenticated")
        if request.path == "/api/v1/org/users":
            return ok(self._page(request, [self._member(n) for n in range(self.members)]))
        if request.path == "/api/v1/org/groups":
            return ok(self._page(request, [self._group(n) for n in range(self.groups)]))
        return error(404, "NotFoundError", f"No route {request.path}")

    @staticmethod
    def _page(request: RecordedRequest, items: list[dict[str, Any]]) -> dict[str, Any]:
        query = dict(request.query_params)
        if "page" not in query or "pageSize" not in query:
            return {"data": items}
        # tsoa reads both as `number`: "2.0" is 2.
        page, size = int(float(query["page"])), int(float(query["pageSize"]))
        return {
            "data": items[(page - 1) * size : page * size],
            "pagination": {
                "page": page,
                "pageSize": size,
                "totalResults": len(items),
                "totalPageCount": math.ceil(len(items) / size),
            },
        }

    @staticmethod
    def _member(n: int) -> dict[str, Any]:
        return {
            "userUuid": str(UUID(int=n)),
            "email": f"member{n}@example.com",
            "role": "viewer",
            "isActive": True,
            "organizationUuid": ORGANIZATION,
        }

    @staticmethod
    def _group(n: int) -> dict[str, Any]:
        return {"uuid": f"group-{n}", "name": f"Group {n}", "createdAt": "2024-05-01T12:00:00Z"}


def lightdash(sdk: ModuleType, server: RecordingServer) -> Any:
    return sdk.Lightdash(api_key=TOKEN, base_url=server.url)


def pages_requested(server: RecordingServer, path: str) -> list[tuple[str | None, str | None]]:
    queries = [dict(r.query_params) for r in server.requests if r.path == path]
    return [(q.get("page"), q.get("pageSize")) for q in queries]


def test_api_key_header_and_results_unwrapped_into_typed_models(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(
        ok(
            {
                "name": "Acme",
                "organizationUuid": ORGANIZATION,
                "chartColors": ["#111"],
                "needsProject": False,
            }
        ),
        ok(
            [
                {
                    "uuid": "attr-1",
                    "name": "region",
                    "createdAt": "2024-05-01T12:00:00Z",
                    "users": [],
                    "groups": [],
                }
            ]
        ),
    )
    client = lightdash(sdk, http_server)
    organization = client.organizations.retrieve()
    attributes = client.organizations.user_attributes.list()
    assert issubclass(type(organization), pydantic.BaseModel)
    # Only a sample shows these: a UUID-looking or date-looking value stays text.
    assert organization.organization_uuid == ORGANIZATION
    assert (organization.name, organization.chart_colors, organization.needs_project) == (
        "Acme",
        ["#111"],
        False,
    )
    assert not hasattr(organization, "status") and not hasattr(organization, "results")
    assert [a.name for a in attributes] == ["region"]
    assert attributes[0].created_at == "2024-05-01T12:00:00Z"
    for request in http_server.requests:
        assert request.header("Authorization") == f"ApiKey {TOKEN}"
    assert [r.path for r in http_server.requests] == ["/api/v1/org", "/api/v1/org/attributes"]


@pytest.mark.parametrize("created_at", ["yesterday", None, "2024-05-01"])
def test_a_type_inferred_from_a_sample_accepts_what_the_sample_did_not_show(
    sdk: ModuleType, http_server: RecordingServer, created_at: str | None
) -> None:
    """The page's sample shows `createdAt` as a date-time; the API may answer free text
    or null (the official document: anyOf [date-time, string], nullable)."""
    http_server.enqueue(ok([{"uuid": "attr-1", "name": "region", "createdAt": created_at}]))
    attributes = lightdash(sdk, http_server).organizations.user_attributes.list()
    assert attributes[0].created_at == created_at


def test_members_iterate_across_pages(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(FakeLightdash(members=7).answer)
    members = list(lightdash(sdk, http_server).organizations.users.list(page=1, page_size=3))
    assert [m.email for m in members] == [f"member{n}@example.com" for n in range(7)]
    assert all(
        issubclass(type(m), pydantic.BaseModel) and m.user_uuid == str(UUID(int=n))
        for n, m in enumerate(members)
    )
    assert pages_requested(http_server, "/api/v1/org/users") == [("1", "3"), ("2", "3"), ("3", "3")]


def test_one_page_keeps_its_pagination_facts(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(FakeLightdash(members=7).answer)
    page = lightdash(sdk, http_server).organizations.users.list(page=3, page_size=3)
    assert [m.user_uuid for m in page.items] == [str(UUID(int=6))]
    assert [m.user_uuid for m in page.body.data] == [str(UUID(int=6))]
    pagination = page.body.pagination
    assert pagination.total_page_count == 3 and pagination.total_results == 7
    # The page count says page 3 is the last.
    assert not page.has_next_page()


def test_async_groups_iterate_across_pages(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(FakeLightdash(groups=4).answer)

    async def scenario() -> list[str]:
        async with sdk.AsyncLightdash(api_key=TOKEN, base_url=http_server.url) as client:
            groups = await client.organizations.list_groups(page=1, page_size=2)
            return [g.uuid async for g in groups]

    assert run_async(scenario) == ["group-0", "group-1", "group-2", "group-3"]
    # Two full pages, and the page count says there are two: no empty third page is asked.
    assert pages_requested(http_server, "/api/v1/org/groups") == [("1", "2"), ("2", "2")]


def test_iterating_with_only_a_page_size_yields_every_member_once(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(FakeLightdash(members=7).answer)
    members = list(lightdash(sdk, http_server).organizations.users.list(page_size=3))
    assert [m.email for m in members] == [f"member{n}@example.com" for n in range(7)]
    assert pages_requested(http_server, "/api/v1/org/users") == [("1", "3"), ("2", "3"), ("3", "3")]


def test_iterating_with_no_paging_arguments_yields_every_member_once(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(FakeLightdash(members=4).answer)
    listing = lightdash(sdk, http_server).organizations.users.list()
    members = list(itertools.islice(listing, 20))
    assert [m.email for m in members] == [f"member{n}@example.com" for n in range(4)]


def test_a_float_page_size_from_the_number_typed_parameter_is_accepted(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(FakeLightdash(members=3).answer)
    members = list(lightdash(sdk, http_server).organizations.users.list(page=1, page_size=2.0))
    assert len(members) == 3


def test_error_envelope_raises_the_status_error_with_its_message(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(FakeLightdash().answer)
    client = lightdash(sdk, http_server)
    with pytest.raises(sdk.NotFoundError) as missing:
        client.organizations.users.retrieve(UUID(int=5))
    assert "No route /api/v1/org/users/00000000-0000-0000-0000-000000000005" in str(missing.value)
    assert missing.value.body["error"]["name"] == "NotFoundError"
    with pytest.raises(sdk.AuthenticationError) as refused:
        sdk.Lightdash(api_key="wrong", base_url=http_server.url).organizations.retrieve()
    assert "You are not authenticated" in str(refused.value) and "wrong" not in str(refused.value)


def test_client_offers_every_operation_of_the_spec(sdk: ModuleType) -> None:
    with sdk.Lightdash(base_url="http://127.0.0.1:9") as client:
        routes = client_routes(client)
    assert sorted(routes.values()) == spec_routes("lightdash")


def test_client_offers_at_least_100_operations(sdk: ModuleType) -> None:
    with sdk.Lightdash(base_url="http://127.0.0.1:9") as client:
        assert len(client_routes(client)) >= 100


def test_package_imports_and_passes_mypy_strict(tmp_path: Path, mypy_cache: Path) -> None:
    assert_package_is_sound("lightdash", "Lightdash", tmp_path, mypy_cache)


def test_create_dashboard_makes_a_new_dashboard_from_typed_arguments(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    """The page shows only the duplicate-a-dashboard body; the official document's other
    alternative (a new dashboard) comes from overlays/alternatives.yaml."""
    http_server.enqueue(ok({"uuid": "d-1", "name": "Sales"}), ok({"uuid": "d-2"}))
    models = sdk.models
    tile = models.CreateDashboardMarkdownTile(
        type="markdown", x=0, y=0, w=6, h=3, properties={"title": "Hi", "content": "Hello"}
    )
    projects = lightdash(sdk, http_server).projects
    created = projects.dashboards.create("p-1", name="Sales", tiles=[tile], tabs=[])
    projects.dashboards.create(
        "p-1", dashboard_name="Copy", dashboard_desc="", duplicate_from="d-1"
    )
    assert created.name == "Sales"
    new, duplicate = [r.json() for r in http_server.requests]
    assert new == {
        "name": "Sales",
        "tiles": [
            {
                "type": "markdown",
                "x": 0,
                "y": 0,
                "w": 6,
                "h": 3,
                "properties": {"title": "Hi", "content": "Hello"},
            }
        ],
        "tabs": [],
    }
    assert duplicate == {"dashboardName": "Copy", "dashboardDesc": ""}
    assert dict(http_server.requests[1].query_params) == {"duplicateFrom": "d-1"}


def test_register_accepts_an_email_sign_up_or_an_invite(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(ok({"userUuid": "u-1"}), ok({"userUuid": "u-2"}))
    account = lightdash(sdk, http_server).my_account
    account.register_user(first_name="Ada", last_name="L", password="pw", email="ada@example.com")
    account.register_user(first_name="Ada", last_name="L", password="pw", invite_code="inv")
    signup, invited = [r.json() for r in http_server.requests]
    assert signup == {
        "firstName": "Ada",
        "lastName": "L",
        "password": "pw",
        "email": "ada@example.com",
    }
    assert invited["inviteCode"] == "inv" and "email" not in invited


def test_semantic_layer_type_admits_what_the_pages_own_sample_shows(sdk: ModuleType) -> None:
    kind = sdk.models.UpdateProjectSemanticLayerConnectionBodyType
    assert {member.value for member in kind} == {"DBT", "CUBE"}
