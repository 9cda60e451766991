"""Webhook signature verification, with and without a timestamp header."""

from __future__ import annotations

import hashlib
import hmac
import importlib
import json
import time
import typing
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.render_runtime import render_runtime

SECRET = "whsec-test"
BODY = json.dumps({"type": "pet.created", "pet": {"id": 1}}).encode()


def _sign(message: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


@pytest.fixture(scope="module")
def hooks(sdk_modules: Path) -> ModuleType:
    return importlib.import_module("rthooks._webhooks")


@pytest.fixture(scope="module")
def plain_hooks(sdk_modules: Path) -> ModuleType:
    return importlib.import_module("rthooks_plain._webhooks")


def test_valid_signed_webhook_unwraps_to_its_json(hooks: ModuleType) -> None:
    timestamp = str(int(time.time()))
    headers = {
        "x-signature": "sha256=" + _sign(timestamp.encode() + b"." + BODY),
        "X-TIMESTAMP": timestamp,
    }
    assert hooks.unwrap(BODY, headers, SECRET) == json.loads(BODY)
    assert hooks.unwrap(BODY.decode(), headers, SECRET) == json.loads(BODY)


def test_any_of_several_signatures_may_match(hooks: ModuleType) -> None:
    timestamp = str(int(time.time()))
    good = _sign(timestamp.encode() + b"." + BODY)
    header = f"sha256={'0' * 64}, sha256={good.upper()}"
    hooks.verify_signature(BODY, header, SECRET, timestamp=timestamp)


@pytest.mark.parametrize(
    "tamper",
    ["body", "secret", "old", "future", "not-a-number", "no-signature", "no-timestamp"],
)
def test_tampered_webhooks_are_rejected(hooks: ModuleType, tamper: str) -> None:
    timestamp = str(int(time.time()))
    if tamper in ("old", "future"):
        timestamp = str(int(time.time()) + (-600 if tamper == "old" else 600))
    signed_ts = "abc" if tamper == "not-a-number" else timestamp
    signature = _sign(signed_ts.encode() + b"." + BODY, "other" if tamper == "secret" else SECRET)
    headers = {"X-Signature": f"sha256={signature}", "X-Timestamp": signed_ts}
    if tamper == "no-signature":
        del headers["X-Signature"]
    if tamper == "no-timestamp":
        del headers["X-Timestamp"]
    body = BODY + b" " if tamper == "body" else BODY
    with pytest.raises(hooks.WebhookVerificationError):
        hooks.unwrap(body, headers, SECRET)


def test_tolerance_is_adjustable(hooks: ModuleType) -> None:
    timestamp = str(int(time.time()) - 600)
    signature = "sha256=" + _sign(timestamp.encode() + b"." + BODY)
    headers = {"X-Signature": signature, "X-Timestamp": timestamp}
    assert hooks.unwrap(BODY, headers, SECRET, tolerance=900)["type"] == "pet.created"


def test_event_type_lists_the_events_sorted(hooks: ModuleType, plain_hooks: ModuleType) -> None:
    assert typing.get_args(hooks.WebhookEvent) == ("pet.created", "pet.deleted")
    assert plain_hooks.WebhookEvent is str


def test_signature_without_timestamp_or_prefix(plain_hooks: ModuleType) -> None:
    headers = {"X-Hub-Signature": _sign(BODY)}
    assert plain_hooks.unwrap(BODY, headers, SECRET) == json.loads(BODY)
    with pytest.raises(plain_hooks.WebhookVerificationError):
        plain_hooks.unwrap(BODY, {"X-Hub-Signature": _sign(BODY, "x")}, SECRET)


def test_webhook_module_is_rendered_only_for_apis_with_webhooks(tmp_path: Path) -> None:
    written = render_runtime(tmp_path / "nohooks", "nohooks", "NOHOOKS")
    assert "_base_client.py" in {path.name for path in written}
    assert "_webhooks.py" not in {path.name for path in written}
