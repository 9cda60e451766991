"""Credential strategies, as the server sees them, and their secret-free reprs."""

from __future__ import annotations

import base64
import time
from types import ModuleType

import pytest

from tests.support.http_server import RecordingServer, Reply
from tests.support.token_server import ME, TokenServer


def test_api_key_in_a_header_with_prefix(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply.json(ME))
    auth = sdk.ApiKeyAuth("X-Api-Key", "header", "k-123", prefix="Token ")
    with sdk.SyncAPIClient(base_url=http_server.url, auth=auth) as client:
        client.request("GET", "/me", cast_to=dict)
    assert http_server.last_request.header("X-Api-Key") == "Token k-123"


def test_api_key_in_the_query_keeps_other_parameters(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json(ME))
    auth = sdk.ApiKeyAuth("api_key", "query", "k-123")
    with sdk.SyncAPIClient(base_url=http_server.url, auth=auth) as client:
        client.request("GET", "/me", cast_to=dict, query={"page": 2})
    assert http_server.last_request.query_params == [("page", "2"), ("api_key", "k-123")]


def test_api_key_in_a_cookie_joins_other_cookies(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json(ME))
    auth = sdk.ApiKeyAuth("sid", "cookie", "k-123")
    with sdk.SyncAPIClient(base_url=http_server.url, auth=auth) as client:
        client.request("GET", "/me", cast_to=dict, cookies={"theme": "dark"})
    assert http_server.last_request.header("Cookie") == "theme=dark; sid=k-123"


def test_bearer_and_basic_headers(sdk: ModuleType, http_server: RecordingServer) -> None:
    http_server.enqueue(Reply.json(ME), Reply.json(ME))
    with sdk.SyncAPIClient(base_url=http_server.url, auth=sdk.BearerAuth("tok-1")) as client:
        client.request("GET", "/me", cast_to=dict)
        basic = client.with_options(auth=sdk.BasicAuth("ann", "pä:ss"))
        basic.request("GET", "/me", cast_to=dict)
    first, second = http_server.requests
    assert first.header("Authorization") == "Bearer tok-1"
    expected = base64.b64encode("ann:pä:ss".encode()).decode()
    assert second.header("Authorization") == f"Basic {expected}"


def _oauth(sdk: ModuleType, token_url: str = "oauth/token") -> object:
    return sdk.OAuth2PasswordAuth(
        token_url,
        "ann",
        "pw-secret",
        client_id="cli",
        client_secret="cs-secret",
        scopes=["read", "write"],
    )


def test_oauth2_logs_in_once_reuses_the_token_and_relogs_on_401(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    tokens = TokenServer()
    http_server.set_handler(tokens)
    with sdk.SyncAPIClient(base_url=http_server.url + "/api", auth=_oauth(sdk)) as client:
        for _ in range(3):
            assert client.request("GET", "/me", cast_to=dict) == ME
        tokens.revoke_all()
        assert client.request("GET", "/me", cast_to=dict) == ME

    paths = [r.path for r in http_server.requests]
    assert paths == ["/api/oauth/token"] + ["/api/me"] * 3 + [
        "/api/me",
        "/api/oauth/token",
        "/api/me",
    ]
    login = http_server.requests[0]
    assert login.method == "POST"
    assert login.header("Content-Type") == "application/x-www-form-urlencoded"
    assert dict(login.form()) == {
        "grant_type": "password",
        "username": "ann",
        "password": "pw-secret",
        "scope": "read write",
        "client_id": "cli",
        "client_secret": "cs-secret",
    }
    sent_tokens = [r.header("Authorization") for r in http_server.requests[1:]]
    assert sent_tokens == ["Bearer tok-1"] * 4 + [None, "Bearer tok-2"]


def test_oauth2_absolute_path_token_url_resolves_at_the_host_root(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.set_handler(TokenServer())
    auth = _oauth(sdk, token_url="/oauth/token")
    with sdk.SyncAPIClient(base_url=http_server.url + "/api/v2", auth=auth) as client:
        client.request("GET", "/me", cast_to=dict)
    assert [r.path for r in http_server.requests] == ["/oauth/token", "/api/v2/me"]


def test_oauth2_logs_in_again_once_the_token_nears_its_expiry(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    # Refreshed a tenth of its lifetime early: after 0.27 s of a 0.3 s token.
    http_server.set_handler(TokenServer(expires_in=0.3))
    with sdk.SyncAPIClient(base_url=http_server.url, auth=_oauth(sdk)) as client:
        client.request("GET", "/me", cast_to=dict)
        time.sleep(0.3)
        client.request("GET", "/me", cast_to=dict)
    logins = [r for r in http_server.requests if r.path == "/oauth/token"]
    assert len(logins) == 2


def test_oauth2_reuses_a_short_lived_token(sdk: ModuleType, http_server: RecordingServer) -> None:
    # A fixed 30 s margin would have thrown a 30 s token away at once.
    http_server.set_handler(TokenServer(expires_in=30))
    with sdk.SyncAPIClient(base_url=http_server.url, auth=_oauth(sdk)) as client:
        for _ in range(3):
            client.request("GET", "/me", cast_to=dict)
    assert [r.path for r in http_server.requests] == ["/oauth/token"] + ["/me"] * 3


def test_oauth2_rejected_login_raises_authentication_error(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"error": "invalid_grant"}, 401))
    with (
        sdk.SyncAPIClient(base_url=http_server.url, auth=_oauth(sdk)) as client,
        pytest.raises(sdk.AuthenticationError, match="invalid_grant"),
    ):
        client.request("GET", "/me", cast_to=dict)
    assert [r.path for r in http_server.requests] == ["/oauth/token"]


def test_oauth2_login_without_token_raises_validation_error(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"token_type": "bearer"}))
    with (
        sdk.SyncAPIClient(base_url=http_server.url, auth=_oauth(sdk)) as client,
        pytest.raises(sdk.APIResponseValidationError, match="access_token"),
    ):
        client.request("GET", "/me", cast_to=dict)


def test_reprs_hide_every_secret(sdk: ModuleType) -> None:
    auths = [
        sdk.ApiKeyAuth("X-Api-Key", "header", "s3cret-key", prefix="Token "),
        sdk.BearerAuth("s3cret-token"),
        sdk.BasicAuth("ann", "s3cret-password"),
        _oauth(sdk),
    ]
    shown = " ".join(repr(auth) for auth in auths)
    for auth in auths:
        client = sdk.SyncAPIClient(base_url="https://api.example.com", auth=auth)
        shown += repr(client)
        client.close()
    for secret in ("s3cret-key", "s3cret-token", "s3cret-password", "pw-secret", "cs-secret"):
        assert secret not in shown
    assert "X-Api-Key" in shown and "ann" in shown
