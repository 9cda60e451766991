"""Security as the spec declares it, against a real server on 127.0.0.1: a requirement
that combines schemes sends every credential it names (constructor arguments and
environment variables alike), `security: []` sends none, alternatives are chosen per
operation (the first whose credentials the client holds), an empty alternative makes
credentials optional, and an OAuth2 login combines with a key. The names the
credentials get are settled once and kept; sdk.toml `[auth]` still chooses the scheme
with the plain names and its prefix."""

from __future__ import annotations

import asyncio
import base64
import inspect
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.building import build_api
from generator.config import AuthConfig, PackageConfig, SdkConfig, SourceConfig
from generator.diagnostics import Diagnostics
from generator.ir.surface import surface_of
from tests.properties.packages import build, resources, sync_client
from tests.support.http_server import RecordingServer, Reply
from tests.support.token_server import ME, TokenServer

OK = {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}}


def _get(operation_id: str, **extra: Any) -> dict[str, Any]:
    return {"get": {"operationId": operation_id, "tags": ["monitor"], "responses": OK, **extra}}


def _monitor() -> dict[str, Any]:
    """Monitoring-style: an API key and an application key together on every request,
    and operations that say otherwise."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Monitor", "version": "1"},
        "security": [{"apiKeyAuth": [], "appKeyAuth": []}],
        "paths": {
            "/metrics": _get("listMetrics"),
            "/login": {
                "post": {
                    "operationId": "login",
                    "tags": ["monitor"],
                    "security": [],
                    "responses": OK,
                }
            },
            "/me": _get("getMe", security=[{"bearerAuth": []}, {"basicAuth": []}]),
            "/feed": _get("getFeed", security=[{"signature": []}, {}]),
            "/export": _get("export", security=[{"basicAuth": [], "signature": []}]),
            "/certs": _get("listCerts", security=[{"mtls": []}]),
        },
        "components": {
            "securitySchemes": {
                "apiKeyAuth": {"type": "apiKey", "in": "header", "name": "DD-API-KEY"},
                "appKeyAuth": {"type": "apiKey", "in": "header", "name": "DD-APPLICATION-KEY"},
                "bearerAuth": {"type": "http", "scheme": "bearer"},
                "basicAuth": {"type": "http", "scheme": "basic"},
                "signature": {"type": "apiKey", "in": "query", "name": "sig"},
                "mtls": {"type": "mutualTLS"},
            }
        },
    }


@pytest.fixture(scope="module")
def monitor(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return build(_monitor(), tmp_path_factory.mktemp("monitor"), "monitor")[1]


def _resource(client: Any) -> Any:
    (resource,) = resources(client).values()
    return resource


def test_the_client_takes_a_credential_for_every_scheme_a_requirement_names(
    monitor: ModuleType,
) -> None:
    parameters = inspect.signature(monitor.Monitor).parameters
    # The role's name where one scheme has it; the scheme's where several share it.
    # Schemes in name order: apiKeyAuth, appKeyAuth, basicAuth, bearerAuth, signature.
    assert list(parameters)[:6] == [
        "api_key",
        "app_key",
        "username",
        "password",
        "bearer_token",
        "signature_key",
    ]


def test_a_combined_requirement_sends_both_keys(
    monitor: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({}))
    client = sync_client(monitor, api_key="k-1", app_key="app-2", base_url=http_server.url)
    _resource(client).list_metrics()
    sent = http_server.last_request
    assert (sent.header("DD-API-KEY"), sent.header("DD-APPLICATION-KEY")) == ("k-1", "app-2")
    assert sent.header("Authorization") is None


def test_both_keys_come_from_the_environment_and_go_out_async(
    monitor: ModuleType, http_server: RecordingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONITOR_API_KEY", "env-k")
    monkeypatch.setenv("MONITOR_APP_KEY", "env-app")
    http_server.enqueue(Reply.json({}))

    async def call() -> None:
        async with monitor.AsyncMonitor(base_url=http_server.url) as client:
            await client.monitor.list_metrics()

    asyncio.run(call())
    sent = http_server.last_request
    assert (sent.header("DD-API-KEY"), sent.header("DD-APPLICATION-KEY")) == ("env-k", "env-app")


def test_a_requirement_met_only_in_part_sends_nothing(
    monitor: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({}))
    client = sync_client(monitor, api_key="k-1", base_url=http_server.url)
    _resource(client).list_metrics()
    assert http_server.last_request.header("DD-API-KEY") is None


def test_an_operation_that_requires_nothing_gets_nothing(
    monitor: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({}), Reply.json({}))
    every = {"api_key": "k", "app_key": "a", "bearer_token": "t", "signature_key": "s"}
    client = sync_client(monitor, **every, username="u", password="p", base_url=http_server.url)
    _resource(client).login()
    _resource(client).list_certs()  # mutualTLS: nothing the client can send
    for sent in http_server.requests:
        assert not {"dd-api-key", "dd-application-key", "authorization"} & {
            name.lower() for name, _ in sent.headers
        }
        assert sent.query == ""


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"bearer_token": "t-1", "username": "u", "password": "p"}, "Bearer t-1"),
        ({"username": "ann", "password": "pw"}, "Basic " + base64.b64encode(b"ann:pw").decode()),
        ({"api_key": "k", "app_key": "a"}, None),
    ],
)
def test_the_first_alternative_the_client_holds_is_sent(
    monitor: ModuleType, http_server: RecordingServer, given: dict[str, str], expected: str | None
) -> None:
    http_server.enqueue(Reply.json({}))
    _resource(sync_client(monitor, **given, base_url=http_server.url)).get_me()
    assert http_server.last_request.header("Authorization") == expected


def test_optional_credentials_go_when_held(
    monitor: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({}), Reply.json({}))
    _resource(sync_client(monitor, signature_key="s-1", base_url=http_server.url)).get_feed()
    _resource(sync_client(monitor, base_url=http_server.url)).get_feed()
    with_key, without = http_server.requests
    assert (with_key.query_params, without.query_params) == ([("sig", "s-1")], [])


def test_a_header_and_a_query_credential_combine(
    monitor: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({}))
    client = sync_client(
        monitor, username="ann", password="pw", signature_key="s-2", base_url=http_server.url
    )
    _resource(client).export()
    sent = http_server.last_request
    assert sent.header("Authorization") == "Basic " + base64.b64encode(b"ann:pw").decode()
    assert sent.query_params == [("sig", "s-2")]


def test_every_credential_is_redacted_and_none_is_shown(monitor: ModuleType) -> None:
    secrets = {"api_key": "k-SECRET", "app_key": "a-SECRET", "password": "p-SECRET"}
    client = sync_client(monitor, **secrets, username="u", base_url="http://127.0.0.1:9")
    assert [s for s in secrets.values() if s in repr(client)] == []
    assert {"dd-api-key", "dd-application-key", "sig"} <= monitor._logging._CREDENTIAL_NAMES


def test_the_surface_lists_every_credential(tmp_path: Path) -> None:
    root, _ = build(_monitor(), tmp_path, "monitor_surface")
    recorded = json.loads((root / "api.json").read_text(encoding="utf-8"))["credentials"]
    assert ["app_key", "MONITOR_SURFACE_APP_KEY", "credential:appKeyAuth api_key"] in recorded
    assert len(recorded) == 6
    api_md = (root / "api.md").read_text(encoding="utf-8")
    assert "    app_key: str | None = None,  # $MONITOR_SURFACE_APP_KEY" in api_md
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "- `appKeyAuth`: `app_key`" in readme


def test_schemes_the_client_cannot_send_are_reported() -> None:
    document = _monitor()
    document["paths"]["/other"] = _get("other", security=[{"nowhere": []}])
    diagnostics = Diagnostics()
    build_api(document, _config(), "spec.json", diagnostics)
    said = [f"{d.level.value}: {d.message}" for d in diagnostics.items]
    assert "warning: security scheme 'mtls' of type 'mutualTLS' is not supported" in said
    assert "warning: security requirement names undefined scheme 'nowhere'" in said


@pytest.mark.parametrize("operation_security", [None, []])
def test_schemes_no_requirement_names_go_with_every_request_and_are_disclosed(
    tmp_path: Path, http_server: RecordingServer, operation_security: list[Any] | None
) -> None:
    """Some generated specs say `security: []` of every operation of an API that needs
    its key (Lightdash's official one), others name no requirement at all."""
    document = _monitor()
    del document["security"]
    for item in document["paths"].values():
        for operation in item.values():
            operation.pop("security", None)
            if operation_security is not None:
                operation["security"] = operation_security
    root, package = build(document, tmp_path, "unrequired")
    http_server.enqueue(Reply.json({}), Reply.json({}))
    client = sync_client(package, api_key="k-1", base_url=http_server.url)
    _resource(client).login()
    _resource(client).get_me()
    assert [r.header("DD-API-KEY") for r in http_server.requests] == ["k-1", "k-1"]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "every request carries the 'apiKeyAuth' credential" in readme


# -- OAuth2 with a key -------------------------------------------------------------------


def _tenant_login() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Tenant", "version": "1"},
        "security": [{"password": [], "tenant": []}],
        "paths": {"/me": _get("getMe")},
        "components": {
            "securitySchemes": {
                "password": {
                    "type": "oauth2",
                    "flows": {"password": {"tokenUrl": "oauth/token", "scopes": {}}},
                },
                "tenant": {"type": "apiKey", "in": "header", "name": "X-Tenant"},
            }
        },
    }


def test_an_oauth2_login_combines_with_a_key_and_logs_in_again_sync_and_async(
    tmp_path: Path, http_server: RecordingServer
) -> None:
    tenant = build(_tenant_login(), tmp_path, "tenant")[1]
    tokens = TokenServer()
    http_server.set_handler(tokens)
    login = {"username": "ann", "password": "pw", "api_key": "t-9"}
    client = tenant.Tenant(**login, base_url=http_server.url)
    assert client.monitor.get_me() == ME
    tokens.revoke_all()  # the next call is refused once, logs in again, and is repeated
    assert client.monitor.get_me() == ME

    async def call() -> list[object]:
        async with tenant.AsyncTenant(**login, base_url=http_server.url) as client:
            first = await client.monitor.get_me()
            tokens.revoke_all()
            return [first, await client.monitor.get_me()]

    assert asyncio.run(call()) == [ME, ME]
    calls = [
        (r.path, r.header("X-Tenant"), r.header("Authorization")) for r in http_server.requests
    ]
    login_call = ("/oauth/token", None, None)
    assert calls == [
        login_call,
        ("/me", "t-9", "Bearer tok-1"),
        ("/me", "t-9", "Bearer tok-1"),
        login_call,
        ("/me", "t-9", "Bearer tok-2"),
        login_call,
        ("/me", "t-9", "Bearer tok-3"),
        ("/me", "t-9", "Bearer tok-3"),
        login_call,
        ("/me", "t-9", "Bearer tok-4"),
    ]


# -- names -----------------------------------------------------------------------------


def _config(**auth: str) -> SdkConfig:
    return SdkConfig(
        source=SourceConfig(path="spec.json"),
        package=PackageConfig(name="monitor"),
        auth=AuthConfig(**auth),
    )


def _arguments(document: dict[str, Any], config: SdkConfig, record: Any = None) -> list[str]:
    api = build_api(document, config, "spec.json", Diagnostics(), record)
    return [c.argument for c in api.credentials]


def test_the_configured_scheme_keeps_the_plain_names_and_takes_the_prefix() -> None:
    config = _config(scheme="appKeyAuth", prefix="Key ")
    api = build_api(_monitor(), config, "spec.json", Diagnostics())
    first = api.schemes[0]
    assert (first.scheme_name, first.prefix) == ("appKeyAuth", "Key ")
    assert [c.argument for c in api.credentials] == [
        "api_key",  # appKeyAuth's, configured
        "api_key_2",  # apiKeyAuth's own name is taken
        "username",
        "password",
        "bearer_token",
        "signature_key",
    ]


def test_a_second_scheme_renames_nothing_the_package_gave() -> None:
    single = {
        "openapi": "3.1.0",
        "info": {"title": "Grow", "version": "1"},
        "security": [{"bearerAuth": []}],
        "paths": {"/me": _get("getMe")},
        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
    }
    before = build_api(single, _config(), "spec.json", Diagnostics())
    assert [c.argument for c in before.credentials] == ["api_key"]
    record = surface_of(before).name_record()
    grown = json.loads(json.dumps(single))
    grown["components"]["securitySchemes"]["orgKey"] = {
        "type": "apiKey",
        "in": "header",
        "name": "X-Org",
    }
    grown["paths"]["/org"] = _get("getOrg", security=[{"orgKey": []}])
    # Fresh, both schemes are named after themselves; with the record, the old one stays.
    assert _arguments(grown, _config()) == ["bearer_token", "org_key"]
    assert _arguments(grown, _config(), record) == ["api_key", "org_key"]
