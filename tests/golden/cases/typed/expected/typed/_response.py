"""Responses: parsing a body into the declared type, raw responses, binary downloads."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import AsyncIterator, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, Self, TypeVar, cast

import httpx
import pydantic

from ._constants import DOWNLOAD_CHUNK_SIZE
from ._exceptions import APIResponseValidationError, connection_error
from ._guards import is_object

__all__ = [
    "APIResponse",
    "AsyncBinaryResponse",
    "BinaryResponse",
    "Redirect",
    "parse_response",
    "raw_response_requested",
    "type_adapter",
    "unwrap_envelope",
    "validate_json",
    "validate_python",
]

T = TypeVar("T")

# Set by the raw-response wrappers around one API method call; read by the client's
# `request`, which then returns an APIResponse instead of the parsed body. A context
# variable (rather than an argument) leaves generated method signatures untouched and
# is private to the thread or task making the call.
raw_response_requested: ContextVar[bool] = ContextVar(
    "typed_raw_response_requested", default=False
)


class APIResponse(Generic[T]):
    """A complete response together with the type its body parses into."""

    def __init__(
        self, http_response: httpx.Response, *, cast_to: type[T], envelope: str | None
    ) -> None:
        self.http_response = http_response
        self._cast_to = cast_to
        self._envelope = envelope

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def parse(self) -> T:
        """The body, parsed as the API method would have returned it."""
        return parse_response(self.http_response, self._cast_to, self._envelope)

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self._cast_to!r}>"


@dataclass(frozen=True, slots=True)
class Redirect:
    """The answer of an operation whose only documented success is a redirect (an OAuth
    install link, a download elsewhere). The client does not follow it: it would carry
    the credentials to whatever host the redirect names. Open `location` yourself."""

    status_code: int
    location: str | None
    """The `Location` header, resolved against the request's URL; None when the server
    sent none (the document may promise no header)."""

    @classmethod
    def of(cls, response: httpx.Response) -> Redirect:
        location = response.headers.get("location")
        if location is not None:
            location = str(response.request.url.join(location))
        return cls(response.status_code, location)


def parse_response(
    response: httpx.Response, cast_to: type[T], envelope: str | None = None
) -> T:
    """The body of a read response as `cast_to`: a model, `str`, `bytes`, `None`, or
    any type pydantic can validate (unions, lists), optionally inside `envelope`."""
    if cast_to is type(None):
        nothing: object = None
        return cast(T, nothing)
    if cast_to is Redirect:
        return cast(T, Redirect.of(response))
    if cast_to is str:
        return cast(T, response.text)
    if cast_to is bytes:
        return cast(T, response.content)
    try:
        if envelope is not None:
            return validate_enveloped_json(cast_to, envelope, response.content)
        return validate_json(cast_to, response.content)
    except (pydantic.ValidationError, ValueError) as exc:
        request = response.request
        raise APIResponseValidationError(
            response,
            f"The {response.status_code} response to {request.method} "
            f"{request.url.path} is not a valid {_type_name(cast_to)}: {exc}",
        ) from exc


# A model's (or pydantic dataclass's) own validator is called directly: it is what
# `model_validate_json` calls, minus a layer that costs a quarter of the time taken to
# validate a small object.


def validate_json(cast_to: type[T], document: str | bytes) -> T:
    """Parses and validates a JSON document as `cast_to` in one pass."""
    validator = getattr(cast_to, "__pydantic_validator__", None)
    if validator is not None:
        return cast(T, validator.validate_json(document))
    return type_adapter(cast_to).validate_json(document)


def validate_enveloped_json(
    cast_to: type[T], envelope: str, document: str | bytes
) -> T:
    """The `envelope` property of a JSON object, validated as `cast_to` in the same single
    pass over the bytes (decoding first and validating after takes twice as long)."""
    try:
        wrapper = _envelope_model(cast(Any, cast_to), envelope)
    except TypeError:  # an unhashable type: decode, then validate
        return validate_python(cast_to, unwrap_envelope(json.loads(document), envelope))
    return cast(T, wrapper.__pydantic_validator__.validate_json(document).value)


@functools.cache
def _envelope_model(cast_to: Any, envelope: str) -> type[pydantic.BaseModel]:
    # Other properties of the envelope (`status`) are ignored, as pydantic does by default.
    return pydantic.create_model(
        "Envelope", value=(cast_to, pydantic.Field(validation_alias=envelope))
    )


def validate_python(cast_to: type[T], data: object) -> T:
    """Validates already-decoded JSON data as `cast_to`."""
    validator = getattr(cast_to, "__pydantic_validator__", None)
    if validator is not None:
        return cast(T, validator.validate_python(data))
    return type_adapter(cast_to).validate_python(data)


def unwrap_envelope(document: object, envelope: str | None) -> object:
    """The `envelope` property of a decoded JSON object (the document if None)."""
    if envelope is None:
        return document
    if not is_object(document) or envelope not in document:
        raise ValueError(f"the body has no `{envelope}` property")
    return document[envelope]


def _type_name(tp: object) -> str:
    return getattr(tp, "__name__", None) or repr(tp)


def type_adapter(tp: type[T]) -> pydantic.TypeAdapter[T]:
    """A pydantic TypeAdapter for `tp`, built once per type: building one costs far more
    than a typical validation."""
    try:
        hash(tp)
    except TypeError:  # an unhashable type, e.g. Annotated with a mutable marker
        return pydantic.TypeAdapter(tp)
    return _cached_type_adapter(cast(Any, tp))


@functools.cache
def _cached_type_adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(tp)


class BinaryResponse:
    """A streamed response body (a download): read it, iterate it, or save it to a file.

    The connection stays open until the body is consumed or `close()` is called; use it
    as a context manager to be sure. A connection that breaks while the body is read
    raises `APIConnectionError`.
    """

    def __init__(self, http_response: httpx.Response, *, client: object) -> None:
        self.http_response = http_response
        # The client whose connection pool the body comes from, held because a client
        # closes its pool when it is garbage collected.
        self._client = client

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def read(self) -> bytes:
        try:
            return self.http_response.read()
        except httpx.RequestError as error:
            raise connection_error(self.http_response.request, error) from error

    def iter_bytes(
        self, chunk_size: int | None = DOWNLOAD_CHUNK_SIZE
    ) -> Iterator[bytes]:
        try:
            yield from self.http_response.iter_bytes(chunk_size)
        except httpx.RequestError as error:
            raise connection_error(self.http_response.request, error) from error

    def write_to_file(self, path: str | os.PathLike[str]) -> None:
        """Streams the body to `path` without holding all of it in memory."""
        with open(path, "wb") as file:
            file.writelines(self.iter_bytes())

    def close(self) -> None:
        self.http_response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<BinaryResponse [{self.status_code}]>"


class AsyncBinaryResponse:
    """The async counterpart of BinaryResponse."""

    def __init__(self, http_response: httpx.Response, *, client: object) -> None:
        self.http_response = http_response
        self._client = client  # see BinaryResponse

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    async def read(self) -> bytes:
        try:
            return await self.http_response.aread()
        except httpx.RequestError as error:
            raise connection_error(self.http_response.request, error) from error

    async def iter_bytes(
        self, chunk_size: int | None = DOWNLOAD_CHUNK_SIZE
    ) -> AsyncIterator[bytes]:
        try:
            async for chunk in self.http_response.aiter_bytes(chunk_size):
                yield chunk
        except httpx.RequestError as error:
            raise connection_error(self.http_response.request, error) from error

    async def write_to_file(self, path: str | os.PathLike[str]) -> None:
        """Streams the body to `path` without holding all of it in memory. The file is
        opened, written and closed in worker threads, off the event loop."""
        # Imported here so that programs using only the sync client never load asyncio.
        import asyncio

        file = await asyncio.to_thread(open, path, "wb")
        try:
            async for chunk in self.iter_bytes():
                await asyncio.to_thread(file.write, chunk)
        finally:
            await asyncio.to_thread(file.close)

    async def close(self) -> None:
        await self.http_response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"<AsyncBinaryResponse [{self.status_code}]>"
