"""Argument values cannot change where or what a request goes: a path parameter stays one
path segment whatever it holds (`/`, `..`, `?`, `#`, spaces, `%`), a query value stays one
value, and a header value cannot add a header. Checked on a real server, for any text."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from urllib.parse import unquote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.properties.settings import PROPERTY_SETTINGS
from tests.support.http_server import RecordingServer, Reply

PET = {"id": "8f7c2a1e-0000-4000-8000-000000000001", "name": "Rex", "kind": "dog", "nickname": None}
_PREFIX = "/v1/pets/"


@pytest.fixture(scope="module")
def server() -> Iterator[RecordingServer]:
    with RecordingServer() as running:
        running.set_handler(
            lambda request: Reply.json(PET if "/pets/" in request.path else {"data": []})
        )
        yield running


def _client(sdk: ModuleType, server: RecordingServer) -> object:
    return sdk.Shapes(api_key="k", base_url=server.url + "/v1", max_retries=0)


@PROPERTY_SETTINGS
@given(value=st.text(min_size=1))
@example(value="..")
@example(value=".")
@example(value="../../admin")
@example(value="%2e%2e%2F")
@example(value="a/b?c=d#e")
@example(value=" ")
@example(value="\u202e")
@example(value="\\..\\x")
def test_a_path_parameter_stays_one_segment(
    shapes_sdk: ModuleType, server: RecordingServer, value: str
) -> None:
    _client(shapes_sdk, server).pets.retrieve(value)  # type: ignore[attr-defined]
    path = server.requests[-1].path
    assert path.startswith(_PREFIX), path
    segment = path[len(_PREFIX) :]
    assert "/" not in segment and "?" not in segment and "#" not in segment
    assert segment not in (".", ".."), "a dot segment lets a server or proxy climb a level"
    assert unquote(segment) == value


@PROPERTY_SETTINGS
@given(values=st.lists(st.text(), min_size=1, max_size=4))
@example(values=["a&admin=1", "b#c", "d=e", "f+g", "%26"])
def test_a_query_value_stays_one_value(
    shapes_sdk: ModuleType, server: RecordingServer, values: list[str]
) -> None:
    _client(shapes_sdk, server).pets.list(tags=values)  # type: ignore[attr-defined]
    request = server.requests[-1]
    assert request.path == "/v1/pets"
    assert [v for k, v in request.query_params if k == "tags"] == values
    assert {k for k, _ in request.query_params} == {"limit", "offset", "tags"}


@pytest.mark.parametrize("value", ["a\r\nX-Evil: 1", "a\nX-Evil: 1", "a\rX-Evil: 1"])
def test_a_header_value_cannot_add_a_header(
    shapes_sdk: ModuleType, http_server: RecordingServer, value: str
) -> None:
    http_server.enqueue(Reply.json({"data": []}))
    with pytest.raises(shapes_sdk.InvalidParameterError):  # refused before sending
        shapes_sdk.Shapes(api_key="k", base_url=http_server.url, max_retries=0).pets.list(
            x_request_id=value
        )
    assert all(r.header("X-Evil") is None for r in http_server.requests)


@pytest.mark.parametrize("value", ["zürich", "日本語", "naïve café", "\u202eevil"])
def test_a_header_value_outside_ascii_is_refused_naming_the_parameter(
    shapes_sdk: ModuleType, http_server: RecordingServer, value: str
) -> None:
    client = _client(shapes_sdk, http_server)
    with pytest.raises(shapes_sdk.InvalidParameterError, match="X-Request-Id") as refused:
        client.pets.list(x_request_id=value)  # type: ignore[attr-defined]
    assert refused.value.parameter == "X-Request-Id" and refused.value.location == "header"
    assert isinstance(refused.value, shapes_sdk.APIError)
    assert http_server.requests == []
