"""Base classes of the generated resource classes, and their raw-response wrappers."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, ParamSpec, TypeVar, cast

from ._response import APIResponse, raw_response_requested

if TYPE_CHECKING:
    from ._base_client import AsyncAPIClient, SyncAPIClient

__all__ = [
    "AsyncResource",
    "SyncResource",
    "async_to_raw_response_wrapper",
    "to_raw_response_wrapper",
]

P = ParamSpec("P")
T = TypeVar("T")


class SyncResource:
    """A group of API methods sharing one client."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class AsyncResource:
    """A group of async API methods sharing one client."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client


def to_raw_response_wrapper(func: Callable[P, T]) -> Callable[P, APIResponse[T]]:
    """Wraps an API method so that it returns the response (status, headers, and the
    parsed body on `.parse()`) instead of only the parsed body."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        token = raw_response_requested.set(True)
        try:
            result: object = func(*args, **kwargs)
        finally:
            raw_response_requested.reset(token)
        _ensure_raw(result)
        return cast(APIResponse[T], result)

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[P, Awaitable[T]],
) -> Callable[P, Awaitable[APIResponse[T]]]:
    """The async counterpart of `to_raw_response_wrapper`."""

    @functools.wraps(func)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        token = raw_response_requested.set(True)
        try:
            result: object = await func(*args, **kwargs)
        finally:
            raw_response_requested.reset(token)
        _ensure_raw(result)
        return cast(APIResponse[T], result)

    return wrapped


def _ensure_raw(result: object) -> None:
    if not isinstance(result, APIResponse):
        raise TypeError(
            "A raw response was requested from a method that does not call "
            "`request()` (streaming, binary and paginated methods return their own "
            "response objects)"
        )
