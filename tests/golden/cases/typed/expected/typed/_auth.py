"""Credentials, as httpx auth flows so that the sync and async clients share them, and
the choice among them that each request's security requirement makes.

No `repr()` here shows a secret: clients and their auth objects end up in logs and
tracebacks.
"""

from __future__ import annotations

import abc
import base64
import os
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Generator, Mapping, Sequence
from typing import TYPE_CHECKING, Literal, TypeAlias

import httpx

from ._constants import TOKEN_EXPIRY_FRACTION, TOKEN_EXPIRY_MARGIN
from ._exceptions import APIResponseValidationError, make_status_error

if TYPE_CHECKING:
    import asyncio

__all__ = [
    "ApiKeyAuth",
    "BasicAuth",
    "BearerAuth",
    "Credentials",
    "OAuth2PasswordAuth",
    "Security",
    "read_credential",
]

_HIDDEN = "'***'"
# `httpx.codes.UNAUTHORIZED` is typed as its (code, phrase) definition, not as an int.
_UNAUTHORIZED = 401

Security: TypeAlias = Sequence[Sequence[str]]
"""A security requirement: alternatives, each the names of the schemes it combines.
`()` needs no credential; an empty alternative makes credentials optional."""


def read_credential(
    argument: str, given: str | None, env_var: str, *, in_header: bool
) -> str | None:
    """The credential passed as `argument`, else the one `env_var` holds; None when
    neither gives one. A value that could never be sent raises `ValueError` here, when
    the client is made, rather than a connection error on its first call. The messages
    never quote the value: it is a secret."""
    if given is not None:
        remedy = f"pass the credential, or leave `{argument}` out to read ${env_var}"
        _check_credential(f"`{argument}`", given, remedy, in_header=in_header)
        return given
    value = os.environ.get(env_var)
    if value is not None:
        remedy = f"set it to the credential or unset it (or pass `{argument}=`)"
        source = f"The environment variable ${env_var} (read for `{argument}`)"
        _check_credential(source, value, remedy, in_header=in_header)
    return value


def _check_credential(source: str, value: str, remedy: str, *, in_header: bool) -> None:
    if not value.strip():
        state = "empty" if not value else "blank (only whitespace)"
        raise ValueError(f"{source} is {state}: {remedy}")
    if not in_header:
        return  # a query parameter or a form is percent-encoded: any text can go
    if "\n" in value or "\r" in value:
        problem = "a line break (a key read from a file keeps its newline: strip it)"
    elif not value.isascii():
        problem = "a non-ASCII character"
    elif not value.isprintable():
        problem = "a control character"
    else:
        return
    raise ValueError(
        f"{source} holds {problem}, which an HTTP header cannot carry: {remedy}"
    )


def _add_cookie(request: httpx.Request, name: str, value: str) -> None:
    cookie = f"{name}={value}"
    existing = request.headers.get("Cookie")
    request.headers["Cookie"] = f"{existing}; {cookie}" if existing else cookie


class _OneStepAuth(httpx.Auth, abc.ABC):
    """Credentials written onto the request once, with no exchange of their own: several
    of them can share a request."""

    @abc.abstractmethod
    def apply(self, request: httpx.Request) -> None:
        """Writes the credentials onto `request`."""

    def auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        self.apply(request)
        yield request


class ApiKeyAuth(_OneStepAuth):
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

    def apply(self, request: httpx.Request) -> None:
        if self.location == "header":
            request.headers[self.name] = self._value
        elif self.location == "query":
            request.url = request.url.copy_merge_params({self.name: self._value})
        else:
            _add_cookie(request, self.name, self._value)

    def __repr__(self) -> str:
        return (
            f"ApiKeyAuth(name={self.name!r}, location={self.location!r}, key={_HIDDEN})"
        )


class BearerAuth(_OneStepAuth):
    """`Authorization: Bearer <token>`."""

    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def apply(self, request: httpx.Request) -> None:
        request.headers["Authorization"] = self._header

    def __repr__(self) -> str:
        return f"BearerAuth(token={_HIDDEN})"


class BasicAuth(_OneStepAuth):
    """HTTP Basic authentication (RFC 7617), UTF-8 encoded."""

    def __init__(self, username: str, password: str) -> None:
        self.username = username
        credentials = f"{username}:{password}".encode()
        self._header = f"Basic {base64.b64encode(credentials).decode('ascii')}"

    def apply(self, request: httpx.Request) -> None:
        request.headers["Authorization"] = self._header

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
            if response.status_code != _UNAUTHORIZED:
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
            if response.status_code != _UNAUTHORIZED:
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


class Credentials:
    """The credentials a client holds, by the name of the security scheme each answers,
    and the requirement of the operations that declare none of their own.

    A request gets the first alternative of its requirement whose credentials are all
    here, every credential of it together; an alternative that needs none is the last
    resort, so optional credentials are sent when the client has them. Schemes given
    `None` (a credential not configured) count as missing.
    """

    def __init__(
        self, schemes: Mapping[str, httpx.Auth | None], *, security: Security = ()
    ) -> None:
        self._schemes = {
            name: auth for name, auth in schemes.items() if auth is not None
        }
        self.security = tuple(tuple(requirement) for requirement in security)

    def bind_base_url(self, base_url: str) -> None:
        for auth in self._schemes.values():
            if isinstance(auth, OAuth2PasswordAuth):
                auth.bind_base_url(base_url)

    def for_request(self, security: Security | None = None) -> httpx.Auth | None:
        """The auth for a request with this requirement (None: the default one)."""
        alternatives = self.security if security is None else security
        for requirement in alternatives:
            if requirement and all(name in self._schemes for name in requirement):
                auths = [self._schemes[name] for name in requirement]
                return auths[0] if len(auths) == 1 else _Together(auths)
        return None

    def __repr__(self) -> str:
        held = ", ".join(f"{name!r}: {auth!r}" for name, auth in self._schemes.items())
        return "Credentials({" + held + "})"


class _Together(httpx.Auth):
    """A requirement that combines schemes: every credential on the same request. One of
    them at most may exchange requests of its own (an OAuth2 login); the others are
    written first, so its retries carry them too."""

    def __init__(self, auths: Sequence[httpx.Auth]) -> None:
        self._steps = [a for a in auths if isinstance(a, _OneStepAuth)]
        exchanges = [a for a in auths if not isinstance(a, _OneStepAuth)]
        if len(exchanges) > 1:
            raise ValueError(
                "a security requirement combines two credentials that each log in: "
                + ", ".join(repr(a) for a in exchanges)
            )
        self._exchange = exchanges[0] if exchanges else None

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        for step in self._steps:
            step.apply(request)
        if self._exchange is None:
            yield request
        else:
            yield from self._exchange.sync_auth_flow(request)

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        for step in self._steps:
            step.apply(request)
        if self._exchange is None:
            yield request
            return
        flow = self._exchange.async_auth_flow(request)
        try:
            outgoing = await flow.__anext__()
            while True:
                response = yield outgoing
                try:
                    outgoing = await flow.asend(response)
                except StopAsyncIteration:
                    return
        finally:
            # httpx closes this flow when the request fails; the login flow inside may
            # hold its lock, so it is closed too (`yield from` does that for sync flows).
            await flow.aclose()

    def __repr__(self) -> str:
        members = [*self._steps, *([self._exchange] if self._exchange else [])]
        return f"_Together({', '.join(repr(a) for a in members)})"
