"""An operation whose only documented answers are redirects (an install link that sends
the browser elsewhere) returns the redirect, typed `Redirect`, instead of following it or
raising; any other operation still refuses a redirect. Generated from a small spec and
called against a real server, sync and async."""

from __future__ import annotations

import asyncio
import json
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.pipeline import generate
from tests.conftest import import_generated
from tests.support.http_server import RecordingServer, Reply

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Apps", "version": "1"},
    "paths": {
        "/apps/install": {
            "get": {
                "operationId": "installApp",
                "tags": ["apps"],
                "responses": {"302": {"description": "To the provider's consent page"}},
            }
        },
        "/apps": {
            "get": {
                "operationId": "listApps",
                "tags": ["apps"],
                "responses": {
                    "200": {
                        "description": "The apps",
                        "content": {"application/json": {"schema": {"type": "array"}}},
                    }
                },
            }
        },
    },
}


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    root = tmp_path_factory.mktemp("apps")
    (root / "spec.json").write_text(json.dumps(SPEC), encoding="utf-8")
    (root / "sdk.toml").write_text(
        '[source]\npath = "spec.json"\n\n[package]\nname = "apps"\n', encoding="utf-8"
    )
    generate(root, root / "out", force=True)
    return import_generated(root / "out", "apps")


def _redirect(location: str = "/consent?app=1", status: int = 302) -> Reply:
    return Reply(status=status, headers=(("Location", location),))


def _install(apps: ModuleType, url: str, *, is_async: bool, raw: bool = False) -> Any:
    if not is_async:
        with apps.Apps(base_url=url, max_retries=0) as client:
            resource = client.apps.with_raw_response if raw else client.apps
            return resource.install()

    async def call() -> Any:
        async with apps.AsyncApps(base_url=url, max_retries=0) as client:
            resource = client.apps.with_raw_response if raw else client.apps
            return await resource.install()

    return asyncio.run(call())


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_the_redirect_is_the_result_and_is_not_followed(
    apps: ModuleType, http_server: RecordingServer, is_async: bool
) -> None:
    http_server.enqueue(_redirect())
    result = _install(apps, http_server.url, is_async=is_async)
    assert result == apps.Redirect(302, f"{http_server.url}/consent?app=1")
    assert [r.path for r in http_server.requests] == ["/apps/install"]


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_another_host_and_status_are_kept_as_sent(
    apps: ModuleType, http_server: RecordingServer, is_async: bool
) -> None:
    http_server.enqueue(_redirect("https://github.com/apps/x/installations/new", 307))
    result = _install(apps, http_server.url, is_async=is_async)
    assert (result.status_code, result.location) == (
        307,
        "https://github.com/apps/x/installations/new",
    )


def test_a_redirect_without_location_still_answers(
    apps: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply(status=302))
    assert _install(apps, http_server.url, is_async=False) == apps.Redirect(302, None)


def test_the_raw_response_parses_to_the_redirect(
    apps: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(_redirect())
    raw = _install(apps, http_server.url, is_async=False, raw=True)
    assert raw.status_code == 302
    assert raw.parse() == apps.Redirect(302, f"{http_server.url}/consent?app=1")


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_an_error_answer_still_raises(
    apps: ModuleType, http_server: RecordingServer, is_async: bool
) -> None:
    http_server.enqueue(Reply.json({"message": "no"}, status=404))
    with pytest.raises(apps.NotFoundError):
        _install(apps, http_server.url, is_async=is_async)


def test_an_operation_answering_json_refuses_a_redirect(
    apps: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(_redirect())
    client = apps.Apps(base_url=http_server.url, max_retries=0)
    with client, pytest.raises(apps.APIStatusError) as caught:
        client.apps.list()
    assert caught.value.status_code == 302
    assert len(http_server.requests) == 1


def test_the_signatures_say_redirect(apps: ModuleType) -> None:
    for resource in (apps.resources.apps.AppsResource, apps.resources.apps.AsyncAppsResource):
        hints = typing.get_type_hints(resource.install)
        assert hints["return"] is apps.Redirect


def test_api_md_lists_the_redirect(apps: ModuleType) -> None:
    api_md = (Path(apps.__file__).parents[1] / "api.md").read_text(encoding="utf-8")
    assert "def install() -> Redirect  # GET /apps/install" in api_md
