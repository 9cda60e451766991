"""Types shared by the client, the resources and callers."""

# No `from __future__ import annotations` here, on purpose: TypedDict fields are then
# real types, where string annotations would each be compiled by `typing` at import
# time, costing milliseconds for nothing.

from collections.abc import Mapping, Sequence
from typing import IO, Literal, TypeAlias, TypedDict

import httpx

__all__ = [
    "NOT_GIVEN",
    "FileContent",
    "FileTypes",
    "NotGiven",
    "RequestArgs",
    "RequestOptions",
    "Timeout",
]


class NotGiven:
    """Marks a parameter the caller left out, as distinct from an explicit `None`.

    Optional request parameters default to `NOT_GIVEN` so that `None` can still be sent
    when an API gives `null` a meaning of its own.
    """

    __slots__ = ()

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

Timeout: TypeAlias = float | httpx.Timeout | None
"""Seconds for every phase, an `httpx.Timeout` per phase, or `None` for no limit."""

FileContent: TypeAlias = bytes | IO[bytes]
FileTypes: TypeAlias = (
    FileContent
    | tuple[str | None, FileContent]
    | tuple[str | None, FileContent, str | None]
)
"""A file to upload: its content, or `(filename, content)`, or
`(filename, content, content_type)`."""


class RequestOptions(TypedDict, total=False):
    """Per-call settings every API method accepts as keyword arguments."""

    extra_headers: Mapping[str, str]
    """Headers sent on top of (and overriding) the client's and the method's."""
    extra_query: Mapping[str, object]
    """Query parameters sent on top of (and overriding) the method's."""
    extra_body: Mapping[str, object]
    """Properties merged into the JSON object (or form) body."""
    timeout: Timeout
    """Overrides the client's timeout for this call."""
    max_retries: int
    """Overrides the client's retry count for this call."""
    idempotency_key: str
    """Sent as the idempotency header; makes a POST or PATCH safe to retry."""


class RequestArgs(TypedDict, total=False):
    """What a generated method passes to the client's `request()` (and its binary,
    streaming and paginating variants) besides the method and the path."""

    path_params: Mapping[str, object] | None
    query: Mapping[str, object] | None
    headers: Mapping[str, object | None] | None
    cookies: Mapping[str, object | None] | None
    json: object
    data: Mapping[str, object] | None
    files: Sequence[tuple[str, FileTypes]] | None
    content: bytes | None
    content_type: str | None
    accept: str | None
    """The media types the operation answers with, when not JSON's."""
    idempotency_header: str | None
    security: Sequence[Sequence[str]] | None
    """The operation's own security requirement, where it has one (`()`: none)."""
    options: RequestOptions | None
