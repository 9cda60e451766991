"""Checking that a webhook really comes from Eddytor API, then decoding it.

The signature is taken to be the hex HMAC-SHA256, keyed with the webhook secret, of the raw body
as received.
Verify the bytes exactly as received: re-serialized JSON would not match.

The header and the algorithm are the generator's configuration (sdk.toml [webhooks]),
not what the API's documentation states (eddytor-api-reference.md: webhook payloads are signed, but neither the header nor the algorithm is named (left to sdk.toml [webhooks])).
They are an assumption to confirm with the vendor.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Literal, TypeAlias

from ._exceptions import APIError

__all__ = ["WebhookEvent", "WebhookVerificationError", "unwrap", "verify_signature"]

SIGNATURE_HEADER = "X-Eddytor-Signature"
SIGNATURE_PREFIX = ""

WebhookEvent: TypeAlias = Literal[
    "apikey.revoked",
    "row.batch_inserted",
    "table.created",
    "table.deleted",
    "table.updated",
]
"""The name of an event Eddytor API sends webhooks for."""


class WebhookVerificationError(APIError):
    """The webhook's signature is missing or wrong."""


def verify_signature(payload: bytes, signature_header_value: str, secret: str) -> None:
    """Raises WebhookVerificationError unless one of the signatures in the header
    matches the payload."""
    _check_signature(payload, signature_header_value, secret)


def unwrap(payload: bytes | str, headers: Mapping[str, str], secret: str) -> object:
    """The webhook's decoded JSON body, once its signature is verified.

    Where the signature travels and how it is made are assumed (see this module's
    docstring): the API's documentation does not state them.
    """
    body = payload.encode() if isinstance(payload, str) else payload
    verify_signature(body, _header(headers, SIGNATURE_HEADER), secret)
    return json.loads(body)


def _check_signature(signed: bytes, signature_header_value: str, secret: str) -> None:
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest().encode()
    # Senders rotating secrets list several signatures; any one may match.
    for candidate in signature_header_value.replace(",", " ").split():
        signature = candidate.removeprefix(SIGNATURE_PREFIX).lower().encode()
        if hmac.compare_digest(signature, expected):
            return
    raise WebhookVerificationError("The webhook signature does not match")


def _header(headers: Mapping[str, str], name: str) -> str:
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    raise WebhookVerificationError(f"The webhook has no {name} header")
