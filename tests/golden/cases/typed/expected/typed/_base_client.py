"""The HTTP machinery every generated client inherits: building requests, retrying,
turning responses into results or errors."""

from __future__ import annotations

import copy
import sys
import time
import uuid
import weakref
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, Unpack, cast

import httpx

from ._auth import Credentials, OAuth2PasswordAuth, Security
from ._constants import DEFAULT_IDEMPOTENCY_HEADER, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._encoding import encode_body, with_stream_flag
from ._exceptions import (
    APIClientClosedError,
    connection_error,
    make_status_error,
)
from ._logging import configure_from_env, log_response, log_retry
from ._options import check_options
from ._pagination import (
    AsyncPage,
    Listing,
    PageResponse,
    PaginationStrategy,
    Progress,
    Query,
    SyncPage,
)
from ._parameters import cookie_header, encode_headers, encode_query, render_path
from ._resource import AsyncResource, SyncResource
from ._response import (
    APIResponse,
    AsyncBinaryResponse,
    BinaryResponse,
    Redirect,
    parse_response,
    raw_response_requested,
)
from ._retries import is_retryable_status, may_retry, retry_delay, sleep_async
from ._streaming import AsyncStream, Stream
from ._types import NOT_GIVEN, NotGiven, RequestArgs, RequestOptions, Timeout

if TYPE_CHECKING:
    import asyncio

__all__ = ["AsyncAPIClient", "SyncAPIClient"]

T = TypeVar("T")
E = TypeVar("E")
SyncPageT = TypeVar("SyncPageT", bound=SyncPage[Any, Any])
AsyncPageT = TypeVar("AsyncPageT", bound=AsyncPage[Any, Any])
HttpClientT = TypeVar("HttpClientT", httpx.Client, httpx.AsyncClient)

USER_AGENT = (
    "typed/0.1.0 "
    f"python/{sys.version_info.major}.{sys.version_info.minor}"
    f".{sys.version_info.micro} httpx/{httpx.__version__}"
)

# Errors raised before the request left the machine: retrying them cannot make the
# server act twice, whatever the method.
_UNSENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class _Call:
    """One API call: its request (sent again, unchanged, on each retry), the credentials
    it carries, and its limits."""

    __slots__ = ("auth", "max_retries", "redirect_answers", "request", "retryable")

    def __init__(
        self,
        request: httpx.Request,
        auth: httpx.Auth | None,
        retryable: bool,
        max_retries: int,
    ) -> None:
        self.request = request
        self.auth = auth
        self.retryable = retryable
        self.max_retries = max_retries
        # Set for an operation that answers only with redirects: a 3xx is its result.
        self.redirect_answers = False

    def may_retry(self, retries_done: int) -> bool:
        return self.retryable and retries_done < self.max_retries

    def succeeded(self, response: httpx.Response) -> bool:
        return response.is_success or (
            self.redirect_answers and 300 <= response.status_code < 400
        )


class _BaseClient(Generic[HttpClientT]):
    """What the sync and async clients share: configuration, request building and the
    retry decisions. Nothing here does I/O."""

    _http: HttpClientT

    def __init__(
        self,
        *,
        base_url: str,
        auth: httpx.Auth | Credentials | None,
        timeout: Timeout | NotGiven,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        default_query: Mapping[str, object] | None,
        retry_non_idempotent: bool,
    ) -> None:
        configure_from_env()
        self.base_url = base_url.rstrip("/")
        # Not given: the httpx client's own timeout, which is DEFAULT_TIMEOUT when the
        # client made it and the caller's choice when the caller passed it in.
        self.timeout = timeout
        self.max_retries = max_retries
        self.retry_non_idempotent = retry_non_idempotent
        self._auth = self._bound(auth)
        self._default_headers = {
            "user-agent": USER_AGENT,
            "accept": "application/json",
            **encode_headers(default_headers or {}),
        }
        self._default_query = dict(default_query or {})
        # Set when this client made its own pool: closes it on `close()`, or when the
        # client is garbage collected unclosed. A caller's own httpx client is theirs
        # to close, and a `with_options` copy shares the pool of its origin.
        self._pool_finalizer: weakref.finalize[..., Any] | None = None
        # The client a copy was made from, kept alive (and its pool open) by the copy.
        self._origin: Self | None = None

    def with_options(
        self,
        *,
        base_url: str | None = None,
        auth: httpx.Auth | Credentials | NotGiven | None = NOT_GIVEN,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        retry_non_idempotent: bool | None = None,
    ) -> Self:
        """A copy of this client with some settings changed, sharing its connection
        pool. Headers and query parameters given here are added to the current ones.
        Closing the copy leaves the pool open for the original."""
        clone = copy.copy(self)
        clone._pool_finalizer = None
        clone._origin = self
        _forget_resources(clone)
        if base_url is not None:
            clone.base_url = base_url.rstrip("/")
        if not isinstance(auth, NotGiven):
            clone._auth = clone._bound(auth)
        if not isinstance(timeout, NotGiven):
            clone.timeout = timeout
        if max_retries is not None:
            clone.max_retries = max_retries
        if default_headers:
            headers = encode_headers(default_headers)
            clone._default_headers = {**self._default_headers, **headers}
        if default_query:
            clone._default_query = {**self._default_query, **default_query}
        if retry_non_idempotent is not None:
            clone.retry_non_idempotent = retry_non_idempotent
        return clone

    def _bound(
        self, auth: httpx.Auth | Credentials | None
    ) -> httpx.Auth | Credentials | None:
        if isinstance(auth, (OAuth2PasswordAuth, Credentials)):
            auth.bind_base_url(self.base_url)
        return auth

    def _auth_for(self, security: Security | None) -> httpx.Auth | None:
        """The credentials a request with this requirement carries (None: the
        operation declares none of its own). A single auth goes with every request
        that may take credentials."""
        if isinstance(self._auth, Credentials):
            return self._auth.for_request(security)
        if security is not None and not any(security):
            return None
        return self._auth

    def _prepare(
        self, method: str, path: str, args: RequestArgs, *, accept: str | None = None
    ) -> _Call:
        method = method.upper()
        options: RequestOptions = args.get("options") or {}
        check_options(options)
        idempotency = _idempotency(args, options)
        body = encode_body(
            json=args.get("json"),
            data=args.get("data"),
            files=args.get("files"),
            content=args.get("content"),
            content_type=args.get("content_type"),
            extra_body=options.get("extra_body"),
        )
        # What the operation answers with, else what the runtime method reads.
        accept = args.get("accept") or accept
        headers = self._headers(args, options, accept, body.content_type)
        if idempotency is not None:
            headers.setdefault(*idempotency)
        timeout = options.get("timeout", self.timeout)
        query = {
            **self._default_query,
            **(args.get("query") or {}),
            **(options.get("extra_query") or {}),
        }
        url = self.base_url + render_path(path, args.get("path_params"))
        if query_string := encode_query(query):
            # A path template may hold a query of its own (`/responses?beta=true`).
            url += ("&" if "?" in url else "?") + query_string
        request = self._http.build_request(
            method,
            url,
            headers=headers,
            content=body.content,
            data=body.data,
            files=body.files,
            timeout=(
                httpx.USE_CLIENT_DEFAULT if isinstance(timeout, NotGiven) else timeout
            ),
        )
        retryable = may_retry(
            method,
            has_idempotency_key=idempotency is not None,
            retry_non_idempotent=self.retry_non_idempotent,
        )
        max_retries = options.get("max_retries", self.max_retries)
        auth = self._auth_for(args.get("security"))
        return _Call(request, auth, retryable, max_retries)

    def _call(
        self, method: str, path: str, args: RequestArgs, cast_to: type[Any]
    ) -> _Call:
        """The call of `request()`, whose result type says whether a redirect answers."""
        call = self._prepare(method, path, args)
        call.redirect_answers = cast_to is Redirect
        return call

    def _headers(
        self,
        args: RequestArgs,
        options: RequestOptions,
        accept: str | None,
        content_type: str | None,
    ) -> dict[str, str]:
        """Client defaults, then the method's headers and cookies, then the caller's
        extra headers, each overriding the one before."""
        headers = dict(self._default_headers)
        if accept is not None:
            headers["accept"] = accept
        if content_type is not None:
            headers["content-type"] = content_type
        if call_headers := args.get("headers"):
            headers.update(encode_headers(call_headers))
        if (cookies := args.get("cookies")) and (cookie := cookie_header(cookies)):
            headers["cookie"] = cookie
        if extra_headers := options.get("extra_headers"):
            headers.update(encode_headers(extra_headers))
        return headers

    def _delay_after_error(
        self, call: _Call, retries_done: int, error: httpx.RequestError
    ) -> float:
        """Seconds to wait before retrying after a transport error; raises the API
        error instead when the call may not be retried."""
        unsent = isinstance(error, _UNSENT_ERRORS)
        retryable = call.may_retry(retries_done) or (
            unsent and retries_done < call.max_retries
        )
        if not retryable or not isinstance(error, httpx.TransportError):
            raise connection_error(call.request, error) from error
        delay = retry_delay(retries_done)
        log_retry(call.request, type(error).__name__, delay)
        return delay

    def _delay_after_status(
        self, call: _Call, retries_done: int, response: httpx.Response
    ) -> float | None:
        """Seconds to wait before retrying after this response, or None when it is
        final: a success, or an error that retrying would not change."""
        if call.succeeded(response) or not call.may_retry(retries_done):
            return None
        if not is_retryable_status(response.status_code):
            return None
        delay = retry_delay(retries_done, response.headers)
        log_retry(call.request, f"HTTP {response.status_code}", delay)
        return delay

    def __repr__(self) -> str:
        # The base URL without any user:password in it.
        url = httpx.URL(self.base_url).copy_with(userinfo=b"")
        timeout = (
            self._http.timeout if isinstance(self.timeout, NotGiven) else self.timeout
        )
        return (
            f"{type(self).__name__}(base_url={str(url)!r}, auth={self._auth!r}, "
            f"timeout={timeout!r}, max_retries={self.max_retries})"
        )


def _idempotency(args: RequestArgs, options: RequestOptions) -> tuple[str, str] | None:
    """The idempotency header and key of a call, if it has one: the caller's key, or
    a fresh one when the operation declares a header. Made once per call, so every
    retry of the call repeats the same key."""
    key = options.get("idempotency_key")
    header = args.get("idempotency_header")
    if key is None and header is None:
        return None
    return (header or DEFAULT_IDEMPOTENCY_HEADER).lower(), key or str(uuid.uuid4())


def _forget_resources(client: object) -> None:
    # Resources cached on the instance (e.g. by functools.cached_property) hold the
    # client they were created for; a copy must create its own.
    for name, value in list(vars(client).items()):
        if isinstance(value, (SyncResource, AsyncResource)):
            delattr(client, name)


class SyncAPIClient(_BaseClient[httpx.Client]):
    """Base class of a generated synchronous client."""

    def __init__(
        self,
        *,
        base_url: str,
        auth: httpx.Auth | Credentials | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.Client | None = None,
        retry_non_idempotent: bool = False,
    ) -> None:
        super().__init__(
            base_url=base_url,
            auth=auth,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            retry_non_idempotent=retry_non_idempotent,
        )
        if http_client is not None:
            self._http = http_client
            return
        # httpx's defaults are kept on purpose: TLS verification on, and no redirects
        # followed, since httpx would carry custom credential headers (an API key in
        # `X-Api-Key`) to whatever host a redirect names.
        self._http = httpx.Client(timeout=DEFAULT_TIMEOUT)
        self._pool_finalizer = weakref.finalize(self, self._http.close)

    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[T],
        envelope: str | None = None,
        **args: Unpack[RequestArgs],
    ) -> T:
        """Sends a request and returns its body parsed as `cast_to` (the `envelope`
        property of it, when given)."""
        response = self._send(self._call(method, path, args, cast_to))
        if raw_response_requested.get():
            return cast(T, APIResponse(response, cast_to=cast_to, envelope=envelope))
        return parse_response(response, cast_to, envelope)

    def request_binary(
        self, method: str, path: str, **args: Unpack[RequestArgs]
    ) -> BinaryResponse:
        """Sends a request and returns its body unread, to be streamed."""
        call = self._prepare(method, path, args, accept="*/*")
        return BinaryResponse(self._send(call, stream=True), client=self)

    def request_stream(
        self,
        method: str,
        path: str,
        *,
        event_type: type[T],
        **args: Unpack[RequestArgs],
    ) -> Stream[T]:
        """Sends a request and returns its server-sent events, each parsed as T."""
        call = self._prepare(method, path, args, accept="text/event-stream")
        return Stream(self._send(call, stream=True), event_type, client=self)

    def request_or_stream(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[T],
        event_type: type[E],
        stream: bool,
        envelope: str | None = None,
        **args: Unpack[RequestArgs],
    ) -> T | Stream[E]:
        """For an operation that answers JSON, or server-sent events when its body's
        `stream` flag asks: `request_stream` when `stream` is true, else `request`."""
        if "json" in args:
            args["json"] = with_stream_flag(args["json"], stream)
        if stream:
            args["accept"] = "text/event-stream"
            return self.request_stream(method, path, event_type=event_type, **args)
        return self.request(method, path, cast_to=cast_to, envelope=envelope, **args)

    def paginate(
        self,
        page_type: type[SyncPageT],
        strategy: PaginationStrategy,
        method: str,
        path: str,
        *,
        item_type: type[Any],
        body_type: type[Any],
        envelope: str | None = None,
        **args: Unpack[RequestArgs],
    ) -> SyncPageT:
        """Fetches the first page of a listing, as a `page_type` that fetches the rest."""
        listing = Listing(
            strategy, item_type=item_type, body_type=body_type, envelope=envelope
        )
        query, progress = listing.first_query(args.get("query"))
        # Rendered once, for every page: a bad path parameter fails before any request.
        path = render_path(path, args.pop("path_params", None))

        def response_to(query: Query) -> httpx.Response:
            page_args = args.copy()
            page_args["query"] = query
            return self._send(self._prepare(method, path, page_args))

        def fetch(query: Query, progress: Progress) -> SyncPageT:
            return page_type(listing.read(response_to(query), query, progress), fetch)

        if raw_response_requested.get():
            first = response_to(query)

            def first_page() -> SyncPageT:
                return page_type(listing.read(first, query, progress), fetch)

            return cast(SyncPageT, PageResponse(first, first_page))
        return fetch(query, progress)

    def _send(self, call: _Call, *, stream: bool = False) -> httpx.Response:
        retries_done = 0
        while True:
            try:
                response = self._http.send(
                    call.request,
                    stream=stream,
                    auth=httpx.USE_CLIENT_DEFAULT if call.auth is None else call.auth,
                )
            except httpx.RequestError as error:
                delay = self._delay_after_error(call, retries_done, error)
            except RuntimeError as error:
                if self._http.is_closed:
                    raise APIClientClosedError(call.request) from error
                raise
            else:
                log_response(response)
                retry_in = self._delay_after_status(call, retries_done, response)
                if retry_in is None:
                    if call.succeeded(response):
                        return response
                    response.read()
                    raise make_status_error(response)
                response.close()
                delay = retry_in
            time.sleep(delay)
            retries_done += 1

    def close(self) -> None:
        """Closes the connection pool this client made (a `with_options` copy leaves
        it to its origin, and an `http_client` passed in is the caller's to close).
        Calls on a closed pool raise `APIClientClosedError`."""
        if self._pool_finalizer is not None and self._pool_finalizer.detach():
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncAPIClient(_BaseClient[httpx.AsyncClient]):
    """Base class of a generated asynchronous client."""

    def __init__(
        self,
        *,
        base_url: str,
        auth: httpx.Auth | Credentials | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.AsyncClient | None = None,
        retry_non_idempotent: bool = False,
    ) -> None:
        super().__init__(
            base_url=base_url,
            auth=auth,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            retry_non_idempotent=retry_non_idempotent,
        )
        if http_client is not None:
            self._http = http_client
            return
        # See SyncAPIClient: TLS verification on, redirects not followed.
        self._http = httpx.AsyncClient(timeout=DEFAULT_TIMEOUT)
        self._pool_finalizer = weakref.finalize(
            self, _close_later, self._http, _running_loop()
        )

    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[T],
        envelope: str | None = None,
        **args: Unpack[RequestArgs],
    ) -> T:
        """Sends a request and returns its body parsed as `cast_to` (the `envelope`
        property of it, when given)."""
        response = await self._send(self._call(method, path, args, cast_to))
        if raw_response_requested.get():
            return cast(T, APIResponse(response, cast_to=cast_to, envelope=envelope))
        return parse_response(response, cast_to, envelope)

    async def request_binary(
        self, method: str, path: str, **args: Unpack[RequestArgs]
    ) -> AsyncBinaryResponse:
        """Sends a request and returns its body unread, to be streamed."""
        call = self._prepare(method, path, args, accept="*/*")
        return AsyncBinaryResponse(await self._send(call, stream=True), client=self)

    async def request_stream(
        self,
        method: str,
        path: str,
        *,
        event_type: type[T],
        **args: Unpack[RequestArgs],
    ) -> AsyncStream[T]:
        """Sends a request and returns its server-sent events, each parsed as T."""
        call = self._prepare(method, path, args, accept="text/event-stream")
        return AsyncStream(await self._send(call, stream=True), event_type, client=self)

    async def request_or_stream(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[T],
        event_type: type[E],
        stream: bool,
        envelope: str | None = None,
        **args: Unpack[RequestArgs],
    ) -> T | AsyncStream[E]:
        """For an operation that answers JSON, or server-sent events when its body's
        `stream` flag asks: `request_stream` when `stream` is true, else `request`."""
        if "json" in args:
            args["json"] = with_stream_flag(args["json"], stream)
        if stream:
            args["accept"] = "text/event-stream"
            return await self.request_stream(
                method, path, event_type=event_type, **args
            )
        return await self.request(
            method, path, cast_to=cast_to, envelope=envelope, **args
        )

    async def paginate(
        self,
        page_type: type[AsyncPageT],
        strategy: PaginationStrategy,
        method: str,
        path: str,
        *,
        item_type: type[Any],
        body_type: type[Any],
        envelope: str | None = None,
        **args: Unpack[RequestArgs],
    ) -> AsyncPageT:
        """Fetches the first page of a listing, as a `page_type` that fetches the rest."""
        listing = Listing(
            strategy, item_type=item_type, body_type=body_type, envelope=envelope
        )
        query, progress = listing.first_query(args.get("query"))
        # Rendered once, for every page: a bad path parameter fails before any request.
        path = render_path(path, args.pop("path_params", None))

        async def response_to(query: Query) -> httpx.Response:
            page_args = args.copy()
            page_args["query"] = query
            return await self._send(self._prepare(method, path, page_args))

        async def fetch(query: Query, progress: Progress) -> AsyncPageT:
            return page_type(
                listing.read(await response_to(query), query, progress), fetch
            )

        if raw_response_requested.get():
            first = await response_to(query)

            def first_page() -> AsyncPageT:
                return page_type(listing.read(first, query, progress), fetch)

            return cast(AsyncPageT, PageResponse(first, first_page))
        return await fetch(query, progress)

    async def _send(self, call: _Call, *, stream: bool = False) -> httpx.Response:
        retries_done = 0
        while True:
            try:
                response = await self._http.send(
                    call.request,
                    stream=stream,
                    auth=httpx.USE_CLIENT_DEFAULT if call.auth is None else call.auth,
                )
            except httpx.RequestError as error:
                delay = self._delay_after_error(call, retries_done, error)
            except RuntimeError as error:
                if self._http.is_closed:
                    raise APIClientClosedError(call.request) from error
                raise
            else:
                log_response(response)
                retry_in = self._delay_after_status(call, retries_done, response)
                if retry_in is None:
                    if call.succeeded(response):
                        return response
                    await response.aread()
                    raise make_status_error(response)
                await response.aclose()
                delay = retry_in
            await sleep_async(delay)
            retries_done += 1

    async def close(self) -> None:
        """Closes the connection pool this client made (a `with_options` copy leaves
        it to its origin, and an `http_client` passed in is the caller's to close).
        Calls on a closed pool raise `APIClientClosedError`."""
        if self._pool_finalizer is not None and self._pool_finalizer.detach():
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


# Close tasks of collected async clients, referenced until they finish: an event loop
# keeps only weak references to its tasks.
_closing_pools: set[asyncio.Task[None]] = set()


def _running_loop() -> asyncio.AbstractEventLoop | None:
    # Imported here so that programs using only the sync client never load asyncio.
    import asyncio

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _close_later(
    http: httpx.AsyncClient, loop: asyncio.AbstractEventLoop | None
) -> None:
    """Closes the pool of an async client collected unclosed. Connections can only be
    closed on their event loop: the one running when the client was made, or else the
    one running here. The garbage collector may run this in any thread, hence
    `call_soon_threadsafe`; once the loop is closed, nothing can close them."""
    loop = loop or _running_loop()
    if loop is None:
        return
    try:
        loop.call_soon_threadsafe(_start_closing, loop, http)
    except RuntimeError:  # the loop is closed
        pass


def _start_closing(loop: asyncio.AbstractEventLoop, http: httpx.AsyncClient) -> None:
    task = loop.create_task(http.aclose())
    _closing_pools.add(task)
    task.add_done_callback(_closing_pools.discard)
