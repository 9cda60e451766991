"""A credential that could never be sent is refused when the client is made, naming the
argument and the environment variable, never turned into a connection error on the
first call; against the committed vendor packages, sync and async."""

from __future__ import annotations

import asyncio
from types import ModuleType

import pytest

from tests.support.http_server import RecordingServer, Reply
from tests.vendors.conftest import vendor_sdk

ME = {"id": "u1"}


@pytest.fixture(scope="module")
def eddytor() -> ModuleType:
    return vendor_sdk("eddytor")


@pytest.fixture(scope="module")
def qluster() -> ModuleType:
    return vendor_sdk("qluster")


CLIENTS = ["Eddytor", "AsyncEddytor"]


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("", "is empty"),
        ("  \t", "is blank (only whitespace)"),
        ("eak_123\n", "holds a line break"),
        ("eak_\u00e9t\u00e9", "holds a non-ASCII character"),
        ("eak_\x00", "holds a control character"),
    ],
)
def test_an_unusable_api_key_argument_is_refused_at_construction(
    eddytor: ModuleType, client_class: str, key: str, problem: str
) -> None:
    with pytest.raises(ValueError) as caught:
        getattr(eddytor, client_class)(api_key=key, base_url="http://127.0.0.1:9")
    message = str(caught.value)
    assert message.startswith(f"`api_key` {problem}")
    assert "$EDDYTOR_API_KEY" in message
    if key.strip():
        assert key.strip() not in message  # a secret stays out of tracebacks and logs


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("value", ["", "   ", "eak_1\r\n"])
def test_an_unusable_environment_variable_is_refused_at_construction(
    eddytor: ModuleType, monkeypatch: pytest.MonkeyPatch, client_class: str, value: str
) -> None:
    monkeypatch.setenv("EDDYTOR_API_KEY", value)
    with pytest.raises(ValueError) as caught:
        getattr(eddytor, client_class)(base_url="http://127.0.0.1:9")
    assert str(caught.value).startswith(
        "The environment variable $EDDYTOR_API_KEY (read for `api_key`) "
    )
    assert "pass `api_key=`" in str(caught.value)


def test_a_key_from_the_environment_reaches_the_server_sync_and_async(
    eddytor: ModuleType, monkeypatch: pytest.MonkeyPatch, http_server: RecordingServer
) -> None:
    monkeypatch.setenv("EDDYTOR_API_KEY", "eak_env")
    http_server.enqueue(Reply.json(ME), Reply.json(ME))
    with eddytor.Eddytor(base_url=http_server.url) as client:
        client.request("get", "/me", cast_to=dict)

    async def call() -> None:
        async with eddytor.AsyncEddytor(base_url=http_server.url) as client:
            await client.request("get", "/me", cast_to=dict)

    asyncio.run(call())
    assert [r.header("Authorization") for r in http_server.requests] == ["Bearer eak_env"] * 2


def test_a_password_sent_in_a_form_may_hold_any_text(qluster: ModuleType) -> None:
    # The OAuth2 login sends the password form-encoded: no header limits it.
    client = qluster.Qluster(
        username="ann", password="p\u00e4ss w\u00f6rd", base_url="http://127.0.0.1:9"
    )
    client.close()


def test_an_empty_password_is_refused(qluster: ModuleType) -> None:
    with pytest.raises(ValueError, match=r"^`password` is empty: .*\$QLUSTER_PASSWORD"):
        qluster.Qluster(username="ann", password="", base_url="http://127.0.0.1:9")
