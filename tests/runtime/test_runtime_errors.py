"""Non-2xx responses become typed errors carrying the parsed body, without secrets."""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.support.http_server import RecordingServer, Reply


def test_404_raises_not_found_with_parsed_body_and_request_id(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    body = {"error": {"code": "not_found", "message": "Pet 9 does not exist"}}
    http_server.enqueue(Reply.json(body, 404, headers={"X-Request-Id": "req-42"}))
    with (
        sdk.Petstore(base_url=http_server.url) as client,
        pytest.raises(sdk.NotFoundError) as caught,
    ):
        client.pets.retrieve("9")
    error = caught.value
    assert isinstance(error, sdk.APIStatusError) and isinstance(error, sdk.APIError)
    assert error.status_code == 404
    assert error.body == body
    assert error.request_id == "req-42"
    assert error.headers["x-request-id"] == "req-42"
    assert error.response.request.url.path == "/pets/9"
    assert "Pet 9 does not exist" in str(error)
    assert "GET /pets/9" in error.message


@pytest.mark.parametrize(
    ("status", "error_name"),
    [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (422, "UnprocessableEntityError"),
        (429, "RateLimitError"),
        (500, "InternalServerError"),
        (503, "InternalServerError"),
        (418, "APIStatusError"),
        (302, "APIStatusError"),
    ],
)
def test_status_maps_to_its_error_class(
    sdk: ModuleType, http_server: RecordingServer, status: int, error_name: str
) -> None:
    http_server.enqueue(Reply.json({"title": "nope"}, status))
    with (
        sdk.SyncAPIClient(base_url=http_server.url, max_retries=0) as client,
        pytest.raises(sdk.APIStatusError) as caught,
    ):
        client.request("GET", "/x", cast_to=dict)
    assert type(caught.value).__name__ == error_name
    assert caught.value.status_code == status


@pytest.mark.parametrize(
    ("reply", "expected_body", "expected_detail"),
    [
        (Reply.json({"message": "top"}, 400), {"message": "top"}, "top"),
        (Reply.json({"detail": "flat"}, 400), {"detail": "flat"}, "flat"),
        (
            Reply.json(
                {"detail": [{"loc": ["body", "a"], "msg": "a missing"}, {"msg": "b bad"}]},
                400,
            ),
            {"detail": [{"loc": ["body", "a"], "msg": "a missing"}, {"msg": "b bad"}]},
            "a missing; b bad",
        ),
        (Reply.text("plain failure", 400), "plain failure", "plain failure"),
        (Reply(status=400), None, None),
    ],
)
def test_message_comes_from_the_body(
    sdk: ModuleType,
    http_server: RecordingServer,
    reply: Reply,
    expected_body: object,
    expected_detail: str | None,
) -> None:
    http_server.enqueue(reply)
    with (
        sdk.SyncAPIClient(base_url=http_server.url) as client,
        pytest.raises(sdk.BadRequestError) as caught,
    ):
        client.request("GET", "/x", cast_to=dict)
    assert caught.value.body == expected_body
    message = caught.value.message
    assert message.startswith("HTTP 400 Bad Request for GET /x")
    if expected_detail is None:
        assert message == "HTTP 400 Bad Request for GET /x"
    else:
        assert message.endswith(f": {expected_detail}")


def test_error_message_and_repr_carry_no_credentials(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"detail": "bad input"}, 400))
    auth = sdk.ApiKeyAuth("api_key", "query", "query-secret-1")
    client = sdk.SyncAPIClient(
        base_url=http_server.url,
        auth=auth,
        default_headers={"X-Other-Key": "header-secret-2"},
    )
    with client, pytest.raises(sdk.BadRequestError) as caught:
        client.request("GET", "/x", cast_to=dict, query={"page": 2})
    assert ("api_key", "query-secret-1") in http_server.last_request.query_params
    shown = f"{caught.value} {caught.value!r} {caught.value.args}"
    assert "query-secret-1" not in shown and "header-secret-2" not in shown
    assert "bad input" in shown
