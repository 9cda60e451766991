"""When a failed request is tried again, and how long the client waits first."""

from __future__ import annotations

import email.utils
import random
import time

import httpx

from ._constants import (
    FIRST_SERVER_ERROR_STATUS,
    IDEMPOTENT_METHODS,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    RETRY_JITTER,
    RETRYABLE_STATUS_CODES,
)

__all__ = ["is_retryable_status", "may_retry", "retry_delay", "sleep_async"]


def may_retry(
    method: str, *, has_idempotency_key: bool, retry_non_idempotent: bool
) -> bool:
    """Whether repeating the request cannot do twice what the caller asked once."""
    return method in IDEMPOTENT_METHODS or has_idempotency_key or retry_non_idempotent


def is_retryable_status(status_code: int) -> bool:
    return (
        status_code in RETRYABLE_STATUS_CODES
        or status_code >= FIRST_SERVER_ERROR_STATUS
    )


def retry_delay(retries_done: int, headers: httpx.Headers | None = None) -> float:
    """Seconds to wait before the next attempt: what the server asked for, if it did
    (capped at MAX_RETRY_AFTER), otherwise exponential backoff with jitter."""
    requested = _requested_delay(headers) if headers is not None else None
    if requested is not None:
        return min(requested, MAX_RETRY_AFTER)
    backoff = min(INITIAL_RETRY_DELAY * 2.0**retries_done, MAX_RETRY_DELAY)
    return backoff * (1.0 - RETRY_JITTER * random.random())


def _requested_delay(headers: httpx.Headers) -> float | None:
    milliseconds = _non_negative_float(headers.get("retry-after-ms"))
    if milliseconds is not None:
        return milliseconds / 1000.0
    retry_after = headers.get("retry-after")
    if retry_after is None:
        return None
    seconds = _non_negative_float(retry_after)
    if seconds is not None:
        return seconds
    return _seconds_until(retry_after)


def _non_negative_float(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    # `nan` and `inf` parse as floats but are no delay a server can mean.
    return value if 0.0 <= value < float("inf") else None


def _seconds_until(http_date: str) -> float | None:
    try:
        moment = email.utils.parsedate_to_datetime(http_date)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


async def sleep_async(seconds: float) -> None:
    # Imported here so that programs using only the sync client never load asyncio.
    import asyncio

    await asyncio.sleep(seconds)
