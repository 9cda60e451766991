"""Credentials, as httpx auth flows so that the sync and async clients share them.

No `repr()` here shows a secret: clients and their auth objects end up in logs and
tracebacks.
"""

from __future__ import annotations

import base64
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Generator, Sequence
from typing import TYPE_CHECKING, Literal

import httpx

from ._constants import TOKEN_EXPIRY_FRACTION, TOKEN_EXPIRY_MARGIN
from ._exceptions import APIResponseValidationError, make_status_error

if TYPE_CHECKING:
    import asyncio

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


class _Token:
    """An access token and the monotonic time from which it is no longer sent."""

    __slots__ = ("refresh_at", "value")

    def __init__(self, value: str, refresh_at: float | None) -> None:
        self.value = value
        self.refresh_at = refresh_at

    def is_fresh(self) -> bool:
        return self.refresh_at is None or time.monotonic() < self.refresh_at


class OAuth2PasswordAuth(httpx.Auth):
    """OAuth2 resource-owner password grant (RFC 6749, section 4.3).

    Logs in on the first request with a form-encoded POST to `token_url`, then sends
    the access token as a bearer token until it nears its expiry. A 401 answer means
    the token was revoked or lapsed early: the flow logs in again once and repeats the
    request. A relative `token_url` is resolved against the client's base URL.

    Logins are single-flight: requests that need a token while another one is logging
    in (threads of a sync client, tasks on one event loop of an async client) wait for
    that login and use its token. A 401 replaces only the token that was refused, so a
    request sent with an older token does not discard a newer one.
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
        self._token: _Token | None = None
        self._login_lock = threading.Lock()
        # One per event loop: an asyncio lock belongs to the loop it first waits on.
        self._async_login_locks: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, asyncio.Lock
        ] = weakref.WeakKeyDictionary()

    def bind_base_url(self, base_url: str) -> None:
        """Called by the client that uses this auth; the first binding is kept."""
        if self._base_url is None:
            self._base_url = base_url

    # Both flows send the request at most twice: with a fresh token, then, after a 401,
    # with the token that replaces the refused one. The login, when one is needed, is
    # sent under the lock; whoever waited on it then finds the token replaced already.

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        token = self._token
        for after_401 in (False, True):
            if after_401 or token is None or not token.is_fresh():
                with self._login_lock:
                    token = self._replacement_of(token)
                    if token is None:
                        login = yield self._login_request(request)
                        login.read()
                        token = self._accept_login(login)
            response = yield self._authorized(request, token)
            if response.status_code != httpx.codes.UNAUTHORIZED:
                return

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        token = self._token
        for after_401 in (False, True):
            if after_401 or token is None or not token.is_fresh():
                async with self._async_login_lock():
                    token = self._replacement_of(token)
                    if token is None:
                        login = yield self._login_request(request)
                        await login.aread()
                        token = self._accept_login(login)
            response = yield self._authorized(request, token)
            if response.status_code != httpx.codes.UNAUTHORIZED:
                return

    def _replacement_of(self, token: _Token | None) -> _Token | None:
        """The token another request got in place of `token`, or None when `token` is
        still the current one and a login is due."""
        current = self._token
        return None if current is token else current

    def _async_login_lock(self) -> asyncio.Lock:
        # Imported here so that programs using only the sync client never load asyncio.
        import asyncio

        loop = asyncio.get_running_loop()
        lock = self._async_login_locks.get(loop)
        if lock is None:
            lock = self._async_login_locks[loop] = asyncio.Lock()
        return lock

    @staticmethod
    def _authorized(request: httpx.Request, token: _Token) -> httpx.Request:
        request.headers["Authorization"] = f"Bearer {token.value}"
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

    def _accept_login(self, login: httpx.Response) -> _Token:
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
        refresh_at = None
        if isinstance(expires_in, (int, float)) and not isinstance(expires_in, bool):
            lifetime = max(0.0, float(expires_in))
            margin = min(TOKEN_EXPIRY_MARGIN, lifetime * TOKEN_EXPIRY_FRACTION)
            refresh_at = time.monotonic() + lifetime - margin
        self._token = _Token(token, refresh_at)
        return self._token

    def __repr__(self) -> str:
        return (
            f"OAuth2PasswordAuth(token_url={self.token_url!r}, "
            f"username={self.username!r}, password={_HIDDEN})"
        )
