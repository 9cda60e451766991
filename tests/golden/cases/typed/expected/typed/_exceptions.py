"""Errors raised by the client: one base class, then by cause and by HTTP status."""

from __future__ import annotations

import json

import httpx

from ._constants import FIRST_SERVER_ERROR_STATUS, MAX_ERROR_DETAIL_CHARS
from ._guards import is_array, is_object

__all__ = [
    "APIClientClosedError",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APIStreamError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "InvalidParameterError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "connection_error",
    "make_status_error",
    "make_stream_error",
]

# Headers that APIs and gateways commonly use to name a request in their own logs.
_REQUEST_ID_HEADERS = (
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-correlation-id",
    "x-trace-id",
)

# Keys under which error bodies commonly carry their human-readable text, most specific
# first (`msg` is what FastAPI puts in each item of a validation error's `detail`).
_MESSAGE_KEYS = ("message", "error", "detail", "title", "error_description", "msg")


class APIError(Exception):
    """Base of every error this package raises for a failed API call."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class APIConnectionError(APIError):
    """The request did not get a response: DNS, connection, TLS or protocol failure."""

    request: httpx.Request

    def __init__(
        self, request: httpx.Request, message: str = "Connection error."
    ) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request did not complete within its timeout."""

    def __init__(self, request: httpx.Request) -> None:
        super().__init__(request, "Request timed out.")


class APIClientClosedError(APIConnectionError):
    """The client was closed (or the httpx client it was given was) before the call."""

    def __init__(self, request: httpx.Request) -> None:
        super().__init__(request, "The client has been closed; create a new one.")


class InvalidParameterError(APIError, ValueError):
    """An argument that cannot be sent as its parameter (a header value with a line
    break or a character outside ASCII, a path parameter left empty): refused before
    anything is sent."""

    parameter: str
    """The parameter's name on the wire."""
    location: str
    """Where it goes: `path`, `query`, `header` or `cookie`."""

    def __init__(self, parameter: str, location: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.location = location


def connection_error(
    request: httpx.Request, error: httpx.RequestError
) -> APIConnectionError:
    """The error raised for an httpx failure to get (or finish reading) a response."""
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(request)
    return APIConnectionError(request)


class APIResponseValidationError(APIError):
    """A successful response whose body does not match the type the SDK expects."""

    response: httpx.Response

    def __init__(self, response: httpx.Response, message: str) -> None:
        super().__init__(message)
        self.response = response

    @property
    def status_code(self) -> int:
        return self.response.status_code


class APIStreamError(APIError):
    """An error the server reported inside an event stream it had begun with a success
    status: an `error` event, or an event whose data is an `error` object."""

    response: httpx.Response
    event: str
    """The event's name: `error`, or `message` for an unnamed event."""
    body: object
    """The event's data: parsed JSON when it is JSON, otherwise its text."""

    def __init__(
        self, message: str, *, response: httpx.Response, event: str, body: object
    ) -> None:
        super().__init__(message)
        self.response = response
        self.event = event
        self.body = body

    @property
    def request(self) -> httpx.Request:
        return self.response.request

    @property
    def request_id(self) -> str | None:
        """The server's identifier for the request, when it sent one."""
        return _request_id(self.response.headers)


class APIStatusError(APIError):
    """The API answered with a status outside 2xx."""

    response: httpx.Response
    body: object
    """The response body: parsed JSON when it is JSON, otherwise its text (or None)."""

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message)
        self.response = response
        self.body = body

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    @property
    def request(self) -> httpx.Request:
        return self.response.request

    @property
    def request_id(self) -> str | None:
        """The server's identifier for the request, when it sent one."""
        return _request_id(self.response.headers)


def _request_id(headers: httpx.Headers) -> str | None:
    for name in _REQUEST_ID_HEADERS:
        value = headers.get(name)
        if value:
            return str(value)
    return None


class BadRequestError(APIStatusError):
    """400: the request was malformed or failed validation."""


class AuthenticationError(APIStatusError):
    """401: the credentials are missing, wrong or expired."""


class PermissionDeniedError(APIStatusError):
    """403: the credentials are valid but not allowed to do this."""


class NotFoundError(APIStatusError):
    """404: the resource does not exist (or is hidden from these credentials)."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the resource's current state."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was well-formed but semantically invalid."""


class RateLimitError(APIStatusError):
    """429: too many requests; retried automatically before this is raised."""


class InternalServerError(APIStatusError):
    """5xx: the server failed; retried automatically before this is raised."""


_ERRORS_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def make_status_error(response: httpx.Response) -> APIStatusError:
    """The error for a non-2xx response whose body has been read."""
    body = _decode_body(response)
    request = response.request
    message = f"HTTP {response.status_code} {response.reason_phrase} for "
    # The path only: the query string may carry an API key.
    message += f"{request.method} {request.url.path}"
    detail = _detail_of(body)
    if detail:
        message += f": {detail[:MAX_ERROR_DETAIL_CHARS]}"
    if response.status_code >= FIRST_SERVER_ERROR_STATUS:
        error_class: type[APIStatusError] = InternalServerError
    else:
        error_class = _ERRORS_BY_STATUS.get(response.status_code, APIStatusError)
    return error_class(message, response=response, body=body)


def make_stream_error(
    response: httpx.Response, event: str, data: str
) -> APIStreamError:
    """The error for an event of a stream that reports a failure."""
    try:
        body: object = json.loads(data)
    except ValueError:
        body = data
    request = response.request
    message = (
        f"The event stream of {request.method} {request.url.path} reported an error"
    )
    detail = _detail_of(body)
    if detail:
        message += f": {detail[:MAX_ERROR_DETAIL_CHARS]}"
    return APIStreamError(message, response=response, event=event, body=body)


def _decode_body(response: httpx.Response) -> object:
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        return response.text


def _detail_of(body: object) -> str | None:
    if isinstance(body, str):
        return body.strip() or None
    if is_array(body):
        parts = [detail for item in body if (detail := _detail_of(item))]
        return "; ".join(parts) or None
    if is_object(body):
        for key in _MESSAGE_KEYS:
            detail = _detail_of(body.get(key))
            if detail:
                return detail
    return None
