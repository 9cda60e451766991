"""Numbers the client runs on, each with the reason it has its value."""

from __future__ import annotations

import httpx

# A minute covers slow list and report endpoints; connecting gets far less because a
# host that has not accepted a TCP connection in 5 seconds is down or unreachable.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)

# Two retries ride out a brief outage or a deploy without hiding a persistent failure
# behind minutes of waiting.
DEFAULT_MAX_RETRIES = 2

# Exponential backoff: the first retry waits INITIAL_RETRY_DELAY seconds, each later one
# twice the previous, never more than MAX_RETRY_DELAY.
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0

# Each backoff delay is shortened by a random fraction of up to RETRY_JITTER, so that
# clients which failed together do not retry together.
RETRY_JITTER = 0.25

# A server's own Retry-After (or retry-after-ms) is obeyed up to this many seconds;
# longer waits are cut to it so one call cannot block for an unbounded time.
MAX_RETRY_AFTER = 60.0

# 408 and 429 ask the client to come back later, 409 is often a lock held by a
# concurrent request, and 5xx are server faults that a later attempt may not meet.
RETRYABLE_STATUS_CODES = frozenset({408, 409, 429})
FIRST_SERVER_ERROR_STATUS = 500

# Methods whose repetition has the same effect as one call (RFC 9110, section 9.2.2);
# others are retried only when the caller opts in or sends an idempotency key.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})

# The header name of the IETF idempotency-key draft, used when a caller passes a key to
# an operation whose spec names no header of its own.
DEFAULT_IDEMPOTENCY_HEADER = "Idempotency-Key"

# An OAuth2 token is refreshed a little before it expires, so that none lapses while a
# request carrying it is in flight: a tenth of its lifetime before, at most
# TOKEN_EXPIRY_MARGIN seconds. A fixed margin would discard short-lived tokens (30 s or
# less) at once; a tenth still leaves a slow request several seconds of validity.
TOKEN_EXPIRY_MARGIN = 30.0
TOKEN_EXPIRY_FRACTION = 0.1

# Error messages quote at most this much of a response body.
MAX_ERROR_DETAIL_CHARS = 500

# Binary downloads are read and written in pieces of this size.
DOWNLOAD_CHUNK_SIZE = 64 * 1024
