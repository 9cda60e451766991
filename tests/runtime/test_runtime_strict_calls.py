"""A keyword no parameter of a generated method takes is an error, as in any Python
call, and names the parameter meant where one is near: `**options` would otherwise
swallow it and the request go without it. Against the committed Lightdash package and
a real server, sync and async."""

from __future__ import annotations

import asyncio
from types import ModuleType
from typing import Any

import pytest

from tests.support.http_server import RecordingServer, Reply
from tests.vendors.conftest import vendor_sdk

METHOD = "ProjectsResource.update_semantic_layer_connection"
ASYNC_METHOD = "AsyncProjectsResource.update_semantic_layer_connection"


@pytest.fixture(scope="module")
def lightdash() -> ModuleType:
    return vendor_sdk("lightdash")


def _call_sync(lightdash: ModuleType, url: str, **kwargs: Any) -> object:
    with lightdash.Lightdash(api_key="k", base_url=url, max_retries=0) as client:
        return client.projects.update_semantic_layer_connection("p1", **kwargs)


def _call_async(lightdash: ModuleType, url: str, **kwargs: Any) -> object:
    async def call() -> object:
        async with lightdash.AsyncLightdash(api_key="k", base_url=url, max_retries=0) as client:
            return await client.projects.update_semantic_layer_connection("p1", **kwargs)

    return asyncio.run(call())


CALLS = [(_call_sync, METHOD), (_call_async, ASYNC_METHOD)]


@pytest.mark.parametrize(("call", "method"), CALLS, ids=["sync", "async"])
@pytest.mark.parametrize(
    ("keyword", "meant"),
    [
        ("type", "type_"),  # a Python keyword, so the parameter is `type_`
        ("environmentId", "environment_id"),  # the wire name of `environment_id`
        ("max_retry", "max_retries"),  # a misspelt request option
    ],
)
def test_a_keyword_for_another_parameter_names_the_one_meant(
    lightdash: ModuleType,
    http_server: RecordingServer,
    call: Any,
    method: str,
    keyword: str,
    meant: str,
) -> None:
    with pytest.raises(TypeError) as caught:
        call(lightdash, http_server.url, **{keyword: "CUBE"})
    assert str(caught.value) == (
        f"{method}() got an unexpected keyword argument {keyword!r}. Did you mean {meant!r}?"
    )
    assert http_server.requests == []


@pytest.mark.parametrize(("call", "method"), CALLS, ids=["sync", "async"])
def test_an_unknown_keyword_is_a_type_error_before_any_request(
    lightdash: ModuleType, http_server: RecordingServer, call: Any, method: str
) -> None:
    with pytest.raises(TypeError) as caught:
        call(lightdash, http_server.url, type_="CUBE", bogus_kw=1)
    assert str(caught.value) == f"{method}() got an unexpected keyword argument 'bogus_kw'"
    assert http_server.requests == []


@pytest.mark.parametrize(("call", "method"), CALLS, ids=["sync", "async"])
def test_request_options_and_parameters_still_arrive(
    lightdash: ModuleType, http_server: RecordingServer, call: Any, method: str
) -> None:
    http_server.enqueue(Reply.json({"status": "ok", "results": {}}))
    call(
        lightdash,
        http_server.url,
        type_="CUBE",
        extra_headers={"X-Trace": "t1"},
        timeout=5.0,
        max_retries=1,
    )
    sent = http_server.last_request
    assert sent.json() == {"type": "CUBE"}
    assert sent.header("X-Trace") == "t1"


def test_a_paginated_call_names_the_parameter_meant(
    lightdash: ModuleType, http_server: RecordingServer
) -> None:
    client = lightdash.Lightdash(api_key="k", base_url=http_server.url)
    with client, pytest.raises(TypeError) as caught:
        client.organizations.list_groups(pageSize=10)
    assert str(caught.value) == (
        "OrganizationsResource.list_groups() got an unexpected keyword argument 'pageSize'. "
        "Did you mean 'page_size'?"
    )
    assert http_server.requests == []


def test_an_unknown_option_given_to_the_client_directly_is_named(
    lightdash: ModuleType, http_server: RecordingServer
) -> None:
    with (
        lightdash.Lightdash(api_key="k", base_url=http_server.url) as client,
        pytest.raises(TypeError, match=r"^unexpected request option 'bogus' \(the options are"),
    ):
        client.request("get", "/x", cast_to=object, options={"bogus": 1})
