"""Server-sent events (`text/event-stream`) and the typed streams built on them."""

# No `from __future__ import annotations` here, on purpose: NamedTuple fields are then
# real types, where string annotations would each be compiled by `typing` at import
# time, costing milliseconds for nothing.

import codecs
import json
import re
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator
from types import TracebackType
from typing import Generic, NamedTuple, Self, TypeVar, cast

import httpx
import pydantic

from ._exceptions import (
    APIResponseValidationError,
    connection_error,
    make_stream_error,
)
from ._guards import is_object
from ._response import validate_json

__all__ = ["AsyncStream", "SSEDecoder", "ServerSentEvent", "Stream"]

T = TypeVar("T")

# Many APIs end a stream with this data instead of closing the connection first.
DONE_SENTINEL = "[DONE]"

# The event name, and the member of an event's JSON object, by which servers report a
# failure after the stream has begun (OpenAI- and Anthropic-style APIs, among others).
ERROR_EVENT = "error"
_ERROR_MEMBER = "error"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BYTE_ORDER_MARK = "\ufeff"


class ServerSentEvent(NamedTuple):
    data: str
    event: str = "message"
    id: str | None = None
    retry: int | None = None


class SSEDecoder:
    """An incremental parser of the event stream format (WHATWG HTML, section 9.2.6).

    Feed it the body in chunks of any size; it returns each event once the blank line
    that ends it has arrived.
    """

    def __init__(self) -> None:
        self._text_decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._partial_line = ""
        self._at_start = True
        # A chunk that ended in CR may be followed by the LF of the same CRLF.
        self._skip_leading_lf = False
        self._data: list[str] = []
        self._event = ""
        self._last_id: str | None = None
        self._retry: int | None = None

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        return self._feed_text(self._text_decoder.decode(chunk))

    def flush(self) -> list[ServerSentEvent]:
        """Ends the stream; an event not closed by a blank line is discarded."""
        events = self._feed_text(self._text_decoder.decode(b"", final=True))
        self._partial_line = ""
        self._data = []
        self._event = ""
        return events

    def _feed_text(self, text: str) -> list[ServerSentEvent]:
        if not text:
            return []
        if self._at_start:
            self._at_start = False
            text = text.removeprefix(_BYTE_ORDER_MARK)
        if self._skip_leading_lf and text.startswith("\n"):
            text = text[1:]
        self._skip_leading_lf = text.endswith("\r")
        lines = _LINE_BREAK.split(self._partial_line + text)
        self._partial_line = lines.pop()
        events: list[ServerSentEvent] = []
        for line in lines:
            event = self._process_line(line)
            if event is not None:
                events.append(event)
        return events

    def _process_line(self, line: str) -> ServerSentEvent | None:
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._last_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self._retry = int(value)
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        if not self._data:
            self._event = ""
            return None
        event = ServerSentEvent(
            data="\n".join(self._data),
            event=self._event or "message",
            id=self._last_id,
            retry=self._retry,
        )
        self._data = []
        self._event = ""
        return event


class Stream(Generic[T]):
    """Iterates the events of a streamed response, each event's data parsed as T.

    Iterate it once, either typed (`for item in stream`) or raw (`stream.events()`).
    The response is closed when the stream ends, on `close()`, or when the `with` block
    using it exits. An error the server reports in the stream raises `APIStreamError`;
    a connection that breaks raises `APIConnectionError`.
    """

    def __init__(
        self, response: httpx.Response, event_type: type[T], *, client: object
    ) -> None:
        self.response = response
        self._event_type = event_type
        # The client whose connection pool the body comes from, held because a client
        # closes its pool when it is garbage collected.
        self._client = client
        self._iterator = self._typed()

    def __iter__(self) -> Iterator[T]:
        return self._iterator

    def __next__(self) -> T:
        return next(self._iterator)

    def events(self) -> Generator[ServerSentEvent, None, None]:
        """The raw events, for callers that need the event name or id."""
        decoder = SSEDecoder()
        try:
            for chunk in self.response.iter_bytes():
                yield from decoder.feed(chunk)
            yield from decoder.flush()
        except httpx.RequestError as error:
            raise connection_error(self.response.request, error) from error
        finally:
            self.response.close()

    def _typed(self) -> Generator[T, None, None]:
        events = self.events()
        try:
            for event in events:
                if event.data == DONE_SENTINEL:
                    break
                yield _parse_event(self.response, self._event_type, event)
        finally:
            events.close()

    def close(self) -> None:
        self._iterator.close()
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncStream(Generic[T]):
    """The async counterpart of Stream."""

    def __init__(
        self, response: httpx.Response, event_type: type[T], *, client: object
    ) -> None:
        self.response = response
        self._event_type = event_type
        self._client = client  # see Stream
        self._iterator = self._typed()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterator

    async def __anext__(self) -> T:
        return await anext(self._iterator)

    async def events(self) -> AsyncGenerator[ServerSentEvent, None]:
        """The raw events, for callers that need the event name or id."""
        decoder = SSEDecoder()
        try:
            async for chunk in self.response.aiter_bytes():
                for event in decoder.feed(chunk):
                    yield event
            for event in decoder.flush():
                yield event
        except httpx.RequestError as error:
            raise connection_error(self.response.request, error) from error
        finally:
            await self.response.aclose()

    async def _typed(self) -> AsyncGenerator[T, None]:
        events = self.events()
        try:
            async for event in events:
                if event.data == DONE_SENTINEL:
                    break
                yield _parse_event(self.response, self._event_type, event)
        finally:
            # Closed now: an async generator left suspended (here, after `[DONE]`) is
            # only finalized by its event loop, some time later or never.
            await events.aclose()

    async def close(self) -> None:
        await self._iterator.aclose()
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


def _parse_event(
    response: httpx.Response, event_type: type[T], event: ServerSentEvent
) -> T:
    if _reports_error(event_type, event):
        raise make_stream_error(response, event.event, event.data)
    if event_type is str:
        return cast(T, event.data)
    try:
        return validate_json(event_type, event.data)
    except (pydantic.ValidationError, ValueError) as exc:
        raise APIResponseValidationError(
            response, f"A `{event.event}` event is not valid: {exc}"
        ) from exc


def _reports_error(event_type: type[object], event: ServerSentEvent) -> bool:
    """Whether the event reports a failure: it is named `error`, or its data is a JSON
    object with a non-empty `error` member that the event type has no field for."""
    if event.event == ERROR_EVENT:
        return True
    # Cheap test first: most events never mention the member, and are not decoded twice.
    if f'"{_ERROR_MEMBER}"' not in event.data:
        return False
    try:
        data = json.loads(event.data)
    except ValueError:
        return False
    return (
        is_object(data)
        and bool(data.get(_ERROR_MEMBER))
        and not _declares_error(event_type)
    )


def _declares_error(event_type: object) -> bool:
    # A union of event types (an `Annotated` form) is no class, and declares nothing.
    if not (
        isinstance(event_type, type) and issubclass(event_type, pydantic.BaseModel)
    ):
        return False
    return any(
        _ERROR_MEMBER in (name, field.alias)
        for name, field in event_type.model_fields.items()
    )
