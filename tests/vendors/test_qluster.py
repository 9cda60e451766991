"""The Qluster SDK against a real HTTP server that answers as Qluster v1.0.0 documents:
OAuth2 password login, `start`/`end`/`limit`/`reverse` listings, `page`/`limit` rows, and
the operations placed from the route table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.http_server import RecordedRequest, RecordingServer, Reply
from tests.vendors.conftest import (
    assert_package_is_sound,
    client_routes,
    run_async,
    spec_routes,
    vendor_sdk,
)

USERNAME = "ada@example.com"
PASSWORD = "correct horse"
NOT_AUTHENTICATED = {"detail": "Could not validate credentials"}


@pytest.fixture(scope="module")
def sdk() -> ModuleType:
    return vendor_sdk("qluster")


@dataclass
class FakeQluster:
    """Issues a new token per login and accepts only the latest one; lists alerts the
    way the capture's examples describe (`start=2&limit=3` gives 2, 3, 4; `end=14&limit=3`
    gives 12, 13, 14; no bound gives the newest; `reverse`, on by default, sorts them
    newest first) and dataset rows by `page` and `limit`."""

    alert_count: int = 0
    row_count: int = 0
    tokens: list[str] = field(default_factory=list)
    revoked: bool = False

    def answer(self, request: RecordedRequest) -> Reply:
        if (request.method, request.path) == ("POST", "/token"):
            return self._login(dict(request.form()))
        if self.revoked or request.header("Authorization") != f"Bearer {self.tokens[-1]}":
            return Reply.json(NOT_AUTHENTICATED, status=401, headers={"WWW-Authenticate": "Bearer"})
        query = dict(request.query_params)
        if request.path == "/alerts":
            return Reply.json(self._alerts(query))
        if request.path == "/datasets/1/data":
            return Reply.json(self._rows(query))
        if request.path.startswith("/alerts/"):
            return Reply.json({"id": int(request.path.rsplit("/", 1)[1]), "resolved": False})
        return Reply.json({"email": USERNAME})

    def revoke(self) -> None:
        """The current token stops working (it lapsed early, or was revoked)."""
        self.revoked = True

    def _login(self, form: dict[str, str]) -> Reply:
        if (form.get("username"), form.get("password")) != (USERNAME, PASSWORD):
            return Reply.json({"detail": "Incorrect username or password"}, status=401)
        self.tokens.append(f"token-{len(self.tokens) + 1}")
        self.revoked = False
        return Reply.json({"access_token": self.tokens[-1], "token_type": "bearer"})

    def _alerts(self, query: dict[str, str]) -> dict[str, Any]:
        ids = list(range(1, self.alert_count + 1))
        limit = int(query.get("limit", 20))
        newest_first = query.get("reverse", "true") == "true"
        if "start" in query:
            window = [i for i in ids if i >= int(query["start"])][:limit]
        elif "end" in query:
            window = [i for i in ids if i <= int(query["end"])][-limit:]
        else:
            window = ids[-limit:] if newest_first else ids[:limit]
        ordered = sorted(window, reverse=newest_first)
        return {
            "next": {},
            "previous": {},
            "results": [{"id": i} for i in ordered],
            "filters": {},
            "title": "",
        }

    def _rows(self, query: dict[str, str]) -> dict[str, Any]:
        page, limit = int(query["page"]), int(query["limit"])
        rows = [{"row": n} for n in range(1, self.row_count + 1)]
        return {"results": rows[(page - 1) * limit : page * limit]}


def signed_in(sdk: ModuleType, server: RecordingServer, **options: Any) -> Any:
    return sdk.Qluster(username=USERNAME, password=PASSWORD, base_url=server.url, **options)


def sent(server: RecordingServer, parameter: str, path: str = "/alerts") -> list[str | None]:
    """The value of a query parameter in each request to `path`, in order."""
    return [dict(r.query_params).get(parameter) for r in server.requests if r.path == path]


def logins(server: RecordingServer) -> list[RecordedRequest]:
    return [r for r in server.requests if r.path == "/token"]


# --- OAuth2 password flow ---------------------------------------------------------------


def test_logs_in_once_with_a_form_encoded_password_grant_and_reuses_the_token(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    fake = FakeQluster()
    http_server.set_handler(fake.answer)
    client = signed_in(sdk, http_server)
    assert client.alerts.retrieve(2).id == 2
    assert client.users.read_me() == {"email": USERNAME}
    login, first, second = http_server.requests
    assert (login.method, login.path) == ("POST", "/token")
    assert login.header("Content-Type") == "application/x-www-form-urlencoded"
    assert dict(login.form()) == {
        "grant_type": "password",
        "username": USERNAME,
        "password": PASSWORD,
    }
    assert login.header("Authorization") is None
    assert first.header("Authorization") == second.header("Authorization") == "Bearer token-1"


def test_a_401_logs_in_again_and_repeats_the_request(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    fake = FakeQluster()
    http_server.set_handler(fake.answer)
    client = signed_in(sdk, http_server, max_retries=0)
    client.alerts.retrieve(1)
    fake.revoke()
    assert client.alerts.retrieve(7).id == 7
    client.alerts.retrieve(8)
    trail = [(r.method, r.path, r.header("Authorization")) for r in http_server.requests]
    assert trail == [
        ("POST", "/token", None),
        ("GET", "/alerts/1", "Bearer token-1"),
        ("GET", "/alerts/7", "Bearer token-1"),
        ("POST", "/token", None),
        ("GET", "/alerts/7", "Bearer token-2"),
        ("GET", "/alerts/8", "Bearer token-2"),
    ]


def test_wrong_password_raises_authentication_error_before_any_api_call(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(FakeQluster().answer)
    client = sdk.Qluster(username=USERNAME, password="wrong", base_url=http_server.url)
    with pytest.raises(sdk.AuthenticationError) as caught:
        client.alerts.retrieve(1)
    assert "Incorrect username or password" in str(caught.value)
    assert "wrong" not in str(caught.value) and "wrong" not in repr(client)
    assert [r.path for r in http_server.requests] == ["/token"]


def test_async_client_logs_in_once_pages_and_logs_in_again_after_401(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    fake = FakeQluster(alert_count=5)
    http_server.set_handler(fake.answer)

    async def scenario() -> tuple[list[int], int]:
        async with sdk.AsyncQluster(
            username=USERNAME, password=PASSWORD, base_url=http_server.url
        ) as client:
            ids = [a["id"] async for a in await client.alerts.list(start=1, limit=2, reverse=False)]
            fake.revoke()
            alert = await client.alerts.retrieve(4)
            return ids, alert.id

    assert run_async(scenario) == ([1, 2, 3, 4, 5], 4)
    assert [r.header("Authorization") for r in http_server.requests if r.path != "/token"] == [
        "Bearer token-1",
        "Bearer token-1",
        "Bearer token-1",
        "Bearer token-1",
        "Bearer token-2",
    ]
    assert len(logins(http_server)) == 2


def test_the_login_operation_itself_posts_a_form(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(FakeQluster().answer)
    grant = sdk.Qluster(base_url=http_server.url).token.login_for_access_token(
        username=USERNAME, password=PASSWORD
    )
    assert grant.access_token == "token-1" and grant.token_type == "bearer"
    request = http_server.last_request
    assert request.header("Content-Type") == "application/x-www-form-urlencoded"
    assert dict(request.form()) == {"username": USERNAME, "password": PASSWORD}


# --- pagination -------------------------------------------------------------------------


def test_start_pagination_walks_an_oldest_first_listing_page_by_page(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(FakeQluster(alert_count=10).answer)
    client = signed_in(sdk, http_server)
    ids = [alert["id"] for alert in client.alerts.list(start=1, limit=3, reverse=False)]
    assert ids == list(range(1, 11))
    assert sent(http_server, "start") == ["1", "4", "7", "10"]
    assert len(logins(http_server)) == 1


def test_iterating_an_oldest_first_listing_without_start_yields_every_item_once(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    # `reverse=false` with no bound lists the oldest first: the walk goes up from there.
    http_server.set_handler(FakeQluster(alert_count=7).answer)
    client = signed_in(sdk, http_server)
    ids = [alert["id"] for alert in client.alerts.list(limit=3, reverse=False)]
    assert ids == list(range(1, 8))


def test_start_pagination_walks_a_newest_first_listing_from_the_largest_id(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(FakeQluster(alert_count=10).answer)
    client = signed_in(sdk, http_server)
    ids = [alert["id"] for alert in client.alerts.list(start=1, limit=3)]
    assert sorted(ids) == list(range(1, 11))
    assert sent(http_server, "start") == ["1", "4", "7", "10"]


def test_iterating_a_newest_first_listing_without_start_yields_every_item_once(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(FakeQluster(alert_count=10).answer)
    client = signed_in(sdk, http_server)
    ids = [alert["id"] for alert in client.alerts.list(limit=3)]
    assert ids == list(range(10, 0, -1))
    assert sent(http_server, "end") == [None, "7", "4", "1"]
    assert sent(http_server, "start") == [None] * 4


def test_dataset_rows_page_by_page_and_limit(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.set_handler(FakeQluster(row_count=5).answer)
    client = signed_in(sdk, http_server)
    rows = list(client.datasets.get_data(1, limit=2))
    assert [row["row"] for row in rows] == [1, 2, 3, 4, 5]
    pages = [dict(r.query_params) for r in http_server.requests if r.path == "/datasets/1/data"]
    assert [(p["page"], p["limit"]) for p in pages] == [("1", "2"), ("2", "2"), ("3", "2")]


# --- placement --------------------------------------------------------------------------


def test_operations_placed_from_the_route_table_reach_their_routes(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(
        Reply.json({"id": 3, "migration_policy": "auto", "current_migration_model_id": 9}),
        Reply.json({"is_required": True, "json_schema_field_type": "number", "maximum": 200}),
        Reply.json({"result": "ok"}),
        Reply.json({"result": "deleted"}),
    )
    client = sdk.Qluster(base_url=http_server.url)
    details = client.datasets.get_extra_details(3)
    rules = client.datasets.get_validation_info_for_one_field(1, "score")
    renamed = client.datasets.patch_fields_modification(3, renames={"sku": "stock_number"})
    deleted = client.stored_items.delete(5)
    assert (details.current_migration_model_id, rules.maximum) == (9, 200)
    assert (renamed.result, deleted.result) == ("ok", "deleted")
    sent = [(r.method, r.path) for r in http_server.requests]
    assert sent == [
        ("GET", "/datasets/3/migration-details"),
        ("GET", "/datasets/1/validation_info/score"),
        ("PATCH", "/datasets/3/migrations"),
        ("POST", "/stored-items/5/delete"),
    ]
    assert http_server.requests[2].json() == {"renames": {"sku": "stock_number"}}


# --- the package ------------------------------------------------------------------------


def test_client_offers_every_operation_of_the_spec_and_at_least_70(sdk: ModuleType) -> None:
    with sdk.Qluster(base_url="http://127.0.0.1:9") as client:
        routes = client_routes(client)
    assert sorted(routes.values()) == spec_routes("qluster")
    assert len(routes) >= 70


def test_package_imports_and_passes_mypy_strict(tmp_path: Path, mypy_cache: Path) -> None:
    assert_package_is_sound("qluster", "Qluster", tmp_path, mypy_cache)
