"""Debug logging of HTTP traffic, with credentials redacted.

Switched on by the environment variable
`TYPED_LOG=debug` (or `=info`),
or by configuring the logger `typed` like any other.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode

import httpx

__all__ = ["configure_from_env", "log_response", "log_retry", "logger"]

logger = logging.getLogger("typed")

LOG_ENV_VAR = "TYPED_LOG"
REDACTED = "[REDACTED]"

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}

# Cookies are redacted whole, so a credential sent as a cookie never shows.
_SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie"}
)
# The header and query names this API's security schemes give their credentials, whatever
# they are called (`X-Customer`, `sig`).
_CREDENTIAL_NAMES: frozenset[str] = frozenset()
# A header or query parameter whose name contains one of these is treated as a secret
# too: vendors name credentials freely (`X-Api-Key`, `X-Auth-Token`, `access_token`).
_SECRET_NAME_PARTS = ("key", "token", "auth", "secret", "password", "signature")


def configure_from_env() -> None:
    """Applies the level named by the environment variable, if it is set."""
    level = _LEVELS.get(os.environ.get(LOG_ENV_VAR, "").strip().lower())
    if level is None:
        return
    logger.setLevel(level)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s")
        )
        logger.addHandler(handler)


def is_secret_name(name: str) -> bool:
    lowered = name.lower()
    if lowered in _SECRET_HEADERS or lowered in _CREDENTIAL_NAMES:
        return True
    return any(part in lowered for part in _SECRET_NAME_PARTS)


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {
        name: REDACTED if is_secret_name(name) else value for name, value in headers
    }


def redact_url(url: httpx.URL) -> str:
    if url.userinfo:
        url = url.copy_with(userinfo=b"")
    if not url.query:
        return str(url)
    pairs = parse_qsl(url.query.decode("ascii"), keep_blank_values=True)
    query = urlencode(
        [(name, REDACTED if is_secret_name(name) else value) for name, value in pairs]
    )
    return str(url.copy_with(query=query.encode("ascii")))


def log_response(response: httpx.Response) -> None:
    """Logs the request as it was sent (credentials included, then redacted) and the
    status and headers of its response."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    request = response.request
    logger.debug(
        "HTTP %s %s -> %s %s",
        request.method,
        redact_url(request.url),
        response.status_code,
        response.reason_phrase,
    )
    logger.debug("request headers: %s", redact_headers(request.headers.multi_items()))
    logger.debug("response headers: %s", redact_headers(response.headers.multi_items()))


def log_retry(request: httpx.Request, reason: str, delay: float) -> None:
    logger.info(
        "Retrying %s %s in %.2f seconds (%s)",
        request.method,
        request.url.path,
        delay,
        reason,
    )
