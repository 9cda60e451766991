"""Credentials, as httpx auth flows so that the sync and async clients share them.

No `repr()` here shows a secret: clients and their auth objects end up in logs and
tracebacks.
"""

from __future__ import annotations

import base64
import time
from collections.abc import AsyncGenerator, Generator, Sequence
from typing import Literal

import httpx

from ._constants import TOKEN_EXPIRY_MARGIN
from ._exceptions import APIResponseValidationError, make_status_error

__all__ = ["ApiKeyAuth", "BasicAuth", "BearerAuth", "OAuth2PasswordAuth"]

_HIDDEN = "'***'"


def _add_cookie(request: httpx.Request, name: str, value: str) -> None:
    cookie = f"{name}={value}"
    existing = request.headers.get("Cookie")
    request.headers["Cookie"] = f"{existing}; {cookie}" if existing else cookie


class ApiKeyAuth(httpx.Auth):
    """An API key sent in a header, a query parameter or a cookie.

    `prefix` is put before the key as it is (e.g. `"Token "`, with its space).
    """

    def __init__(
        self,
        name: str,
        location: Literal["header", "query", "cookie"],
        key: str,
        prefix: str = "",
    ) -> None:
        if location not in ("header", "query", "cookie"):
            raise ValueError(f"Unknown API key location {location!r}")
        self.name = name
        self.location = location
        self._value = prefix + key

    def auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        if self.location == "header":
            request.headers[self.name] = self._value
        elif self.location == "query":
            request.url = request.url.copy_merge_params({self.name: self._value})
        else:
            _add_cookie(request, self.name, self._value)
        yield request

    def __repr__(self) -> str:
        return (
            f"ApiKeyAuth(name={self.name!r}, location={self.location!r}, key={_HIDDEN})"
        )


class BearerAuth(httpx.Auth):
    """`Authorization: Bearer <token>`."""

    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return f"BearerAuth(token={_HIDDEN})"


class BasicAuth(httpx.Auth):
    """HTTP Basic authentication (RFC 7617), UTF-8 encoded."""

    def __init__(self, username: str, password: str) -> None:
        self.username = username
        credentials = f"{username}:{password}".encode()
        self._header = f"Basic {base64.b64encode(credentials).decode('ascii')}"

    def auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return f"BasicAuth(username={self.username!r}, password={_HIDDEN})"


class OAuth2PasswordAuth(httpx.Auth):
    """OAuth2 resource-owner password grant (RFC 6749, section 4.3).

    Logs in on the first request with a form-encoded POST to `token_url`, then sends
    the access token as a bearer token until it expires. A 401 answer means the token
    was revoked or lapsed early: the flow logs in again once and repeats the request.
    A relative `token_url` is resolved against the client's base URL. Two requests
    racing on a cold or expired token may both log in; the later token wins, and both
    are valid.
    """

    def __init__(
        self,
        token_url: str,
        username: str,
        password: str,
        client_id: str | None = None,
        client_secret: str | None = None,
        scopes: Sequence[str] = (),
    ) -> None:
        self.token_url = token_url
        self.username = username
        self.client_id = client_id
        self.scopes = tuple(scopes)
        self._password = password
        self._client_secret = client_secret
        self._base_url: str | None = None
        self._access_token: str | None = None
        self._expires_at: float | None = None

    def bind_base_url(self, base_url: str) -> None:
        """Called by the client that uses this auth; the first binding is kept."""
        if self._base_url is None:
            self._base_url = base_url

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        if not self._has_valid_token():
            login = yield self._login_request(request)
            login.read()
            self._accept_login(login)
        response = yield self._authorized(request)
        if response.status_code == httpx.codes.UNAUTHORIZED:
            login = yield self._login_request(request)
            login.read()
            self._accept_login(login)
            yield self._authorized(request)

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if not self._has_valid_token():
            login = yield self._login_request(request)
            await login.aread()
            self._accept_login(login)
        response = yield self._authorized(request)
        if response.status_code == httpx.codes.UNAUTHORIZED:
            login = yield self._login_request(request)
            await login.aread()
            self._accept_login(login)
            yield self._authorized(request)

    def _has_valid_token(self) -> bool:
        if self._access_token is None:
            return False
        return self._expires_at is None or time.monotonic() < self._expires_at

    def _authorized(self, request: httpx.Request) -> httpx.Request:
        request.headers["Authorization"] = f"Bearer {self._access_token}"
        return request

    def _login_request(self, request: httpx.Request) -> httpx.Request:
        form = {
            "grant_type": "password",
            "username": self.username,
            "password": self._password,
        }
        if self.scopes:
            form["scope"] = " ".join(self.scopes)
        if self.client_id is not None:
            form["client_id"] = self.client_id
        if self._client_secret is not None:
            form["client_secret"] = self._client_secret
        headers = {"Accept": "application/json"}
        user_agent = request.headers.get("User-Agent")
        if user_agent:
            headers["User-Agent"] = user_agent
        return httpx.Request(
            "POST",
            self._resolve_token_url(request.url),
            data=form,
            headers=headers,
            # The login gets the timeout of the request that needed it.
            extensions={
                key: value
                for key, value in request.extensions.items()
                if key == "timeout"
            },
        )

    def _resolve_token_url(self, request_url: httpx.URL) -> httpx.URL:
        if self._base_url is None:
            return request_url.join(self.token_url)
        # RFC 3986 resolution, as OpenAPI prescribes for its URLs: `token` lands under
        # the base path, `/token` at the host's root.
        return httpx.URL(self._base_url.rstrip("/") + "/").join(self.token_url)

    def _accept_login(self, login: httpx.Response) -> None:
        if not login.is_success:
            raise make_status_error(login)
        try:
            grant = login.json()
            token = grant["access_token"]
            expires_in = grant.get("expires_in")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise APIResponseValidationError(
                login, "The token endpoint returned no access_token"
            ) from exc
        if not isinstance(token, str) or not token:
            raise APIResponseValidationError(
                login, "The token endpoint returned no access_token"
            )
        self._access_token = token
        self._expires_at = None
        if isinstance(expires_in, (int, float)) and not isinstance(expires_in, bool):
            lifetime = max(0.0, float(expires_in) - TOKEN_EXPIRY_MARGIN)
            self._expires_at = time.monotonic() + lifetime

    def __repr__(self) -> str:
        return (
            f"OAuth2PasswordAuth(token_url={self.token_url!r}, "
            f"username={self.username!r}, password={_HIDDEN})"
        )
